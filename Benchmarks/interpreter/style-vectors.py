class V2:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, b):
        return V2(self.x + b.x, self.y + b.y)

    def __sub__(self, b):
        return V2(self.x - b.x, self.y - b.y)

    def __mul__(self, k):
        return V2(self.x * k, self.y * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y

    @property
    def length(self):
        return self.dot(self) ** 0.5


class Mat2:
    def __init__(self, a, b, c, d):
        self.a = a
        self.b = b
        self.c = c
        self.d = d

    def apply(self, v):
        return V2(self.a * v.x + self.b * v.y, self.c * v.x + self.d * v.y)

    def times(self, m):
        return Mat2(self.a * m.a + self.b * m.c, self.a * m.b + self.b * m.d,
                    self.c * m.a + self.d * m.c, self.c * m.b + self.d * m.d)


class Particle:
    __slots__ = ("pos", "vel")

    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel


rot = Mat2(0.9998, -0.0175, 0.0175, 0.9998)
ps = []
for i in range(200):
    k = float(i)
    ps.append(Particle(V2(k, 100 - k), V2(0.5, -0.25)))
center = V2(50.0, 50.0)
m = Mat2(1.0, 0.0, 0.0, 1.0)
energy = 0.0
for step in range(60):
    m = m.times(rot)
    for i in range(len(ps)):
        p = ps[i]
        to_center = center - p.pos
        acc = to_center * 0.001
        vel = rot.apply(p.vel + acc)
        ps[i] = Particle(p.pos + vel, vel)
        energy += vel.dot(vel) * 0.5 + to_center.length * 0.001
    if step % 20 == 0:
        energy = energy * 0.5
sx = 0.0
for p in ps:
    sx += p.pos.x + p.pos.y
print(int(energy * 1000), int(sx * 1000), int(m.a * 1000000))
