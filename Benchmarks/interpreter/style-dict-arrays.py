groups = {}
keys = [f"k{i}" for i in range(50)]
for i in range(300000):
    groups.setdefault(keys[i % 50], []).append(i)
total = 0
for k, xs in groups.items():
    if k.startswith("k1"): total += len(xs)
    for x in xs:
        if x % 1000 == 0: total += x
print(len(groups), total)
