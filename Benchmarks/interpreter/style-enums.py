class Number:
    __slots__ = ("n",)
    def __init__(self, n): self.n = n
class Plus: pass
class Times: pass
class Paren:
    __slots__ = ("depth",)
    def __init__(self, d): self.depth = d
PLUS, TIMES = Plus(), Times()
class Scorer:
    def score(self, t):
        match t:
            case Number(n=n): return self.weight(n)
            case Plus(): return 1
            case Times(): return 2
            case Paren(depth=d) if d > 2: return 10
            case Paren(): return 3
class Linear(Scorer):
    def weight(self, k): return k
class Square(Scorer):
    def weight(self, k): return k * k % 7
tokens = []
for i in range(1000):
    m = i % 4
    if m == 0: tokens.append(Number(i % 13))
    elif m == 1: tokens.append(PLUS)
    elif m == 2: tokens.append(TIMES)
    else: tokens.append(Paren(i % 5))
scorers = [Linear(), Square()]
total = 0
for rnd in range(1000):
    s = scorers[rnd % 2]
    for t in tokens: total += s.score(t)
print(total)
