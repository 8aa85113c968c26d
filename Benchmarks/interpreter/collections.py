xs = []
for i in range(1_000_000):
    xs.append(i * 2)
s = 0
for x in xs:
    s += x
counts = {}
for i in range(1_000_000):
    counts[i % 1000] = counts.get(i % 1000, 0) + 1
print(len(xs), s, len(counts), counts[7])
