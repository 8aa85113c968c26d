import Testing
@testable import RLPhysics

/// Reference values from pybox2d 2.3.10 (Box2D 2.3): a quad on a motorised, limited revolute joint
/// under gravity and a constant force; recorded every 10 steps of 1/60 s (8 velocity, 3 position iterations).
private let pybox2dTrace: [(Float, Float, Float, Float, Float, Float)] = [
    (-0.11470252275466919, -0.08272439241409302, -0.16058021783828735, -0.3265332877635956, 1.0623955726623535, -0.4605802297592163),
    (-0.09184962511062622, -0.10753437876701355, 0.07850456982851028, -0.5863819122314453, 1.5000371932983398, -0.22149544954299927),
    (-0.062393367290496826, -0.1269136369228363, 0.3284761905670166, -0.6862377524375916, 1.5000361204147339, 0.028476178646087646),
    (-0.029058746993541718, -0.13840368390083313, 0.5784477591514587, -0.7434367537498474, 1.5000361204147339, 0.2784477472305298),
    (0.006082199513912201, -0.14129048585891724, 0.8284193277359009, -0.7544229030609131, 1.5000361204147339, 0.5284193158149719),
    (0.030586406588554382, -0.1380741000175476, 1.0033994913101196, 0.0, 0.0, 0.7033994793891907),
    (0.030586406588554382, -0.1380741000175476, 1.0033994913101196, 0.0, 0.0, 0.7033994793891907),
]

@Test func polygonMassMatchesBox2D() {
    let world = World()
    let b = world.createBody(type: .dynamicBody, position: Vec2(Float(1), 0.5), angle: 0.3)
    b.createFixture(shape: PolygonShape(points: [Vec2(Float(0), 0), Vec2(Float(1), 0.2), Vec2(Float(0.8), 1), Vec2(Float(-0.1), 0.7)]), density: 2)
    #expect(b.mass == 1.5)
    #expect(b.inertia == 0.8188000917434692)
    #expect(b.localCenter == Vec2(Float(0.4386667013168335), Float(0.47333332896232605)))
}

@Test func carHullMassMatchesBox2D() {
    // car_dynamics.py hull: four polygons, density 1 (facts: mass 7.06, inertia 18.2604 in box2d 2.3.10)
    let world = World()
    let hull = world.createBody(type: .dynamicBody)
    let polys: [[(Double, Double)]] = [
        [(-60, 130), (60, 130), (60, 110), (-60, 110)], [(-15, 120), (15, 120), (20, 20), (-20, 20)],
        [(25, 20), (50, -10), (50, -40), (20, -90), (-20, -90), (-50, -40), (-50, -10), (-25, 20)],
        [(-50, -120), (50, -120), (50, -90), (-50, -90)],
    ]
    for p in polys { hull.createFixture(shape: PolygonShape(points: p.map { Vec2($0.0 * 0.02, $0.1 * 0.02) }), density: 1) }
    #expect(abs(hull.mass - 7.06) < 1e-5)
    #expect(abs(hull.inertia - 18.2604) < 1e-3)
    let wheel = world.createBody(type: .dynamicBody)
    wheel.createFixture(shape: PolygonShape(points: [Vec2(-0.28, 0.54), Vec2(0.28, 0.54), Vec2(0.28, -0.54), Vec2(-0.28, -0.54)]), density: 0.1)
    #expect(abs(wheel.mass - 0.06048) < 1e-7)
    #expect(abs(wheel.inertia - 0.007459) < 1e-6)
}

@Test func convexHullOrdersVerticesCounterClockwiseFromTheRight() {
    let s = PolygonShape(points: [Vec2(Float(0), 0), Vec2(Float(0), 1), Vec2(Float(1), 1), Vec2(Float(1), 0), Vec2(Float(0.5), 0.5)])
    #expect(s.vertices == [Vec2(Float(1), 0), Vec2(Float(1), 1), Vec2(Float(0), 1), Vec2(Float(0), 0)])
    #expect(s.normals[0] == Vec2(Float(1), 0))
    let degenerate = PolygonShape(points: [Vec2(Float(0), 0), Vec2(Float(1), 1)])
    #expect(degenerate.vertices.count == 4)   // Box2D falls back to a unit box
}

@Test func revoluteMotorLimitGravityAndSleepMatchPybox2dBitForBit() {
    let world = World(gravity: Vec2(Float(0), -2))
    let ground = world.createBody(type: .staticBody)
    ground.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), isSensor: true)
    let b = world.createBody(type: .dynamicBody, position: Vec2(Float(1), 0.5), angle: 0.3)
    b.createFixture(shape: PolygonShape(points: [Vec2(Float(0), 0), Vec2(Float(1), 0.2), Vec2(Float(0.8), 1), Vec2(Float(-0.1), 0.7)]), density: 2)
    var def = RevoluteJointDef(bodyA: ground, bodyB: b)
    def.localAnchorB = Vec2(Float(0.1), 0.1)
    def.enableMotor = true; def.maxMotorTorque = 5; def.motorSpeed = 1.5
    def.enableLimit = true; def.lowerAngle = -0.5; def.upperAngle = 0.7
    let j = world.createRevoluteJoint(def)
    var k = 0
    for i in 0..<70 {
        b.applyForceToCenter(Vec2(Float(0.3), 0.1), wake: true)
        world.step(Float(1.0 / 60.0), velocityIterations: 8, positionIterations: 3)
        if i % 10 == 9 {
            let r = pybox2dTrace[k]
            #expect(b.position.x == r.0 && b.position.y == r.1, "step \(i)")
            #expect(b.angle == r.2 && b.linearVelocity.x == r.3 && b.angularVelocity == r.4 && j.jointAngle == r.5, "step \(i)")
            k += 1
        }
    }
}

@Test func restingBodiesFallAsleepAndForcesWakeThem() {
    let world = World()
    let b = world.createBody(type: .dynamicBody)
    b.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), density: 1)
    b.linearVelocity = Vec2(Float(0.001), 0)
    for _ in 0..<24 { world.step(0.02, velocityIterations: 1, positionIterations: 1) }
    #expect(b.isAwake)
    for _ in 0..<3 { world.step(0.02, velocityIterations: 1, positionIterations: 1) }
    #expect(!b.isAwake && b.linearVelocity == .zero)   // b2_timeToSleep = 0.5 s
    b.applyForceToCenter(Vec2(Float(1), 0), wake: true)
    #expect(b.isAwake)
}

final class Recorder: ContactListener {
    var events: [String] = []
    func beginContact(_ c: Contact) { events.append("begin \(c.fixtureA.userData)-\(c.fixtureB.userData)") }
    func endContact(_ c: Contact) { events.append("end \(c.fixtureA.userData)-\(c.fixtureB.userData)") }
}

@Test func sensorContactsBeginAndEndWithFiltering() {
    let world = World()
    let rec = Recorder()
    world.contactListener = rec
    let tile = world.createBody(type: .staticBody)
    let sensor = tile.createFixture(shape: PolygonShape(boxHalfWidth: 1, halfHeight: 1), isSensor: true)
    sensor.userData = 1
    let car = world.createBody(type: .dynamicBody, position: Vec2(Float(-3), 0))
    let f = car.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), density: 1)
    f.userData = 2
    let ghost = world.createBody(type: .dynamicBody, position: Vec2(Float(-3), 3))
    let g = ghost.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), density: 1,
                                filter: Filter(categoryBits: 0x20, maskBits: 0x2))
    g.userData = 3
    car.linearVelocity = Vec2(Float(5), 0)
    ghost.linearVelocity = Vec2(Float(5), -1)
    for _ in 0..<60 { world.step(Float(1.0 / 50.0), velocityIterations: 8, positionIterations: 3) }
    // the car crosses the sensor: one begin, one end; the ghost's mask excludes category 1
    #expect(rec.events == ["begin 1-2", "end 1-2"])
    // the sensor's skin (2 × polygon radius) counts as touching, like b2TestOverlap
    let s2 = world.createBody(type: .staticBody, position: Vec2(Float(20), 0))
    s2.createFixture(shape: PolygonShape(boxHalfWidth: 1, halfHeight: 1), isSensor: true).userData = 4
    let near = world.createBody(type: .dynamicBody, position: Vec2(Float(22.015), 0))
    near.createFixture(shape: PolygonShape(boxHalfWidth: 1, halfHeight: 1), density: 1).userData = 5
    world.step(Float(1.0 / 50.0), velocityIterations: 1, positionIterations: 1)
    #expect(rec.events.last == "begin 4-5")
    world.destroyBody(near)
    #expect(rec.events.last == "end 4-5")
}

@Test func jointedBodiesDoNotContactAndDestroyedJointsReleaseThem() {
    let world = World()
    let rec = Recorder()
    world.contactListener = rec
    let a = world.createBody(type: .dynamicBody)
    a.createFixture(shape: PolygonShape(boxHalfWidth: 1, halfHeight: 1), density: 1, isSensor: true).userData = 1
    let b = world.createBody(type: .dynamicBody)
    b.createFixture(shape: PolygonShape(boxHalfWidth: 1, halfHeight: 1), density: 1).userData = 2
    let j = world.createRevoluteJoint(RevoluteJointDef(bodyA: a, bodyB: b))
    world.step(0.02, velocityIterations: 4, positionIterations: 2)
    #expect(rec.events.isEmpty)
    world.destroyJoint(j)
    world.step(0.02, velocityIterations: 4, positionIterations: 2)
    #expect(rec.events == ["begin 1-2"])
    #expect(world.joints.isEmpty && world.bodies.count == 2)
}

@Test func forcesIntegrateSemiImplicitlyAndClear() {
    let world = World()
    let b = world.createBody(type: .dynamicBody, allowSleep: false)
    b.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), density: 1)   // mass 1
    b.applyForceToCenter(Vec2(Float(10), 0))
    world.step(0.1, velocityIterations: 1, positionIterations: 1)
    #expect(b.linearVelocity == Vec2(Float(1), 0))
    #expect(abs(b.position.x - 0.1) < 1e-7)
    world.step(0.1, velocityIterations: 1, positionIterations: 1)   // force was cleared: constant velocity
    #expect(b.linearVelocity == Vec2(Float(1), 0))
    #expect(abs(b.position.x - 0.2) < 1e-6)
}


@Test func edgeAndCircleShapesHaveBox2DMassAndOverlap() {
    let world = World()
    let rec = Recorder()
    world.contactListener = rec
    let ground = world.createBody(type: .staticBody)
    ground.createFixture(shape: .edge(EdgeShape(Vec2(Float(-5), 0), Vec2(Float(5), 0))), isSensor: true).userData = 1
    let ball = world.createBody(type: .dynamicBody, position: Vec2(Float(0), 0.5))
    ball.createFixture(shape: .circle(CircleShape(radius: 0.25)), density: 2).userData = 2
    #expect(abs(ball.mass - 2 * PhysicsSettings.pi * 0.0625) < 1e-6)
    #expect(abs(ball.inertia - ball.mass * 0.5 * 0.0625) < 1e-7)
    ball.linearVelocity = Vec2(Float(0), -1)
    for _ in 0..<10 { world.step(0.02, velocityIterations: 1, positionIterations: 1) }   // 0.2 m down: 0.05 above
    #expect(rec.events.isEmpty)
    for _ in 0..<5 { world.step(0.02, velocityIterations: 1, positionIterations: 1) }
    #expect(rec.events == ["begin 1-2"])
}
