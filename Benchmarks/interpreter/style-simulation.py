class Particle:
    __slots__ = ("x", "v", "bounces")
    def __init__(self, x=0.0, v=1.0, bounces=0): self.x = x; self.v = v; self.bounces = bounces
    def step(self, dt):
        self.x += self.v * dt
        if self.x > 10 or self.x < 0:
            self.v = -self.v
            self.bounces += 1
def damp(p, f):
    p.v *= f
ps = []
for i in range(100): ps.append(Particle(float(i % 10), float(i % 7) - 3, 0))
t = 0
energy = 0.0
while t < 2000:
    i = 0
    while i < len(ps):
        ps[i].step(0.05)
        if t % 500 == 499: damp(ps[i], 0.5)
        i += 1
    t += 1
for p in ps: energy += p.v * p.v + p.bounces
print(energy)
