class Interval:
    __slots__ = ("lo", "hi")
    def __init__(self, lo, hi): self.lo = lo; self.hi = hi
    @property
    def width(self): return self.hi - self.lo
    def split(self):
        mid = (self.lo + self.hi) // 2
        return (Interval(self.lo, mid), Interval(mid, self.hi))
def weight(iv):
    if iv.width <= 1: return iv.lo % 3
    a, b = iv.split()
    return weight(a) + weight(b)
total = 0
for k in range(4): total += weight(Interval(k, k + 65536))
print(total)
