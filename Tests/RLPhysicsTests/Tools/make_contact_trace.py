"""Reference trace for ContactTests.swift from pybox2d 2.3.10 (Box2D 2.3).

A box slides along a chain of edges with ghost vertices, a second box lands on it (polygon-polygon),
a circle bounces (restitution 0.5) on the slope; 1/60 s steps, 8 velocity and 3 position iterations;
(x, y, angle) of the three bodies every 20 steps, then a downward ray cast's fraction.
Run: python Tests/RLPhysicsTests/Tools/make_contact_trace.py  (prints Swift literals)
"""
import Box2D
from Box2D import b2World, b2EdgeShape, b2PolygonShape, b2CircleShape, b2RayCastCallback

world = b2World(gravity=(0, -10))
ground = world.CreateStaticBody()
pts = [(-12, 0), (0, 0), (8, 1), (16, 1), (24, 0)]
for i in range(len(pts) - 1):
    e = b2EdgeShape(vertices=[pts[i], pts[i + 1]])
    if i > 0:
        e.vertex0 = pts[i - 1]
        e.hasVertex0 = True
    if i + 2 < len(pts):
        e.vertex3 = pts[i + 2]
        e.hasVertex3 = True
    ground.CreateFixture(shape=e, friction=0.3)
box = world.CreateDynamicBody(position=(-6, 0.6))
box.CreateFixture(shape=b2PolygonShape(box=(0.5, 0.5)), density=1, friction=0.3)
box.linearVelocity = (3, 0)
top = world.CreateDynamicBody(position=(-5.9, 1.5), angle=0.2)
top.CreateFixture(shape=b2PolygonShape(box=(0.4, 0.3)), density=1, friction=0.5)
ball = world.CreateDynamicBody(position=(4, 3))
ball.CreateFixture(shape=b2CircleShape(radius=0.3), density=1, restitution=0.5, friction=0.2)
rows = []
for i in range(180):
    world.Step(1 / 60, 8, 3)
    if i % 20 == 19:
        rows.append(tuple(v for b in (box, top, ball) for v in (b.position.x, b.position.y, b.angle)))


class Closest(b2RayCastCallback):
    def __init__(self):
        b2RayCastCallback.__init__(self)
        self.fraction = 1.0

    def ReportFixture(self, fixture, point, normal, fraction):
        self.fraction = fraction
        return fraction


cb = Closest()
world.RayCast(cb, (box.position.x, 5), (box.position.x, -5))
print("private let pybox2dContactTrace: [[Float]] = [")
for r in rows:
    print("    [" + ", ".join(repr(float(v)) for v in r) + "],")
print("]")
print(f"private let pybox2dRayFraction: Float = {cb.fraction!r}")
print(f"// awake: {box.awake} {top.awake} {ball.awake}")
