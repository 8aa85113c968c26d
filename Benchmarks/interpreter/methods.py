class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dot(self, o):
        return self.x * o.x + self.y * o.y

class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k

v = Vec(1.0, 2.0)
w = Vec(3.0, 4.0)
c = Counter()
s = 0.0
for i in range(1_000_000):
    s += v.dot(w)
    c.add(i % 3)
print(s, c.n)
