lines = []
chars = 0
for i in range(100000):
    s = f"step {i}: "
    s += str(i % 97)
    if i % 2 == 0: s += " even"
    else: s += " odd"
    chars += len(s)
    if i % 1000 == 0: lines.append(s)
joined = "\n".join(lines)
print(chars, len(joined), lines[-1])
