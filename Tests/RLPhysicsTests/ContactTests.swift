// Solid contacts against pybox2d 2.3.10: polygon-on-chain (edges with ghost vertices), polygon on
// polygon, a bouncing circle, sleeping, and a ray cast. Reference values from
// Tests/RLPhysicsTests/Tools/make_contact_trace.py.
import Testing
@testable import RLPhysics

private let pybox2dContactTrace: [[Float]] = [
    [-5.2389936447143555, 0.5137875080108643, 0.0020729242824018, -5.824387550354004, 1.3154613971710205, 0.13630318641662598, 4.0, 2.4166665077209473, 0.0],
    [-5.017220973968506, 0.5148327350616455, 0.00011902488768100739, -5.745744705200195, 1.2361773252487183, 0.669304609298706, 3.988034963607788, 0.8432573080062866, 0.020751340314745903],
    [-5.005611896514893, 0.5149953365325928, 1.0849353202502243e-06, -5.929752349853516, 0.6413919925689697, 1.7999323606491089, 3.670003652572632, 1.3312805891036987, 0.635003387928009],
    [-5.00560188293457, 0.5149996280670166, 5.113532708378443e-08, -5.918127059936523, 0.4787765145301819, 1.8303643465042114, 3.349987506866455, 0.7295420169830322, 1.2537367343902588],
    [-5.002594947814941, 0.5150402188301086, -0.00012788103776983917, -5.820797920227051, 0.4148618280887604, 1.5665544271469116, 2.916307210922241, 0.6892216205596924, 2.497779130935669],
    [-5.002594947814941, 0.5150495171546936, -9.960305033018813e-05, -5.820797920227051, 0.4155334532260895, 1.5689619779586792, 2.409703493118286, 0.6120071411132812, 4.14658784866333],
    [-5.002594947814941, 0.5150495171546936, -9.932815009960905e-05, -5.820797920227051, 0.4155386984348297, 1.5689808130264282, 1.8166755437850952, 0.5378787517547607, 6.144076347351074],
    [-5.002594947814941, 0.5150495171546936, -9.932815009960905e-05, -5.820797920227051, 0.4155386984348297, 1.5689808130264282, 1.1326429843902588, 0.4523746371269226, 8.448097229003906],
    [-5.002594947814941, 0.5150495171546936, -9.932815009960905e-05, -5.820797920227051, 0.4155386984348297, 1.5689808130264282, 0.35760533809661865, 0.35549497604370117, 11.058647155761719],
]
private let pybox2dRayFraction: Float = 0.39849504828453064

private func v(_ x: Float, _ y: Float) -> Vec2 { Vec2(x, y) }

@Test func contactsMatchPybox2dBitForBit() {
    let world = World(gravity: v(0, -10))
    let ground = world.createBody(type: .staticBody)
    let pts = [v(-12, 0), v(0, 0), v(8, 1), v(16, 1), v(24, 0)]
    for i in 0..<(pts.count - 1) {
        let e = EdgeShape(pts[i], pts[i + 1], v0: i > 0 ? pts[i - 1] : nil, v3: i + 2 < pts.count ? pts[i + 2] : nil)
        ground.createFixture(shape: .edge(e), density: 0, friction: 0.3)
    }
    let box = world.createBody(type: .dynamicBody, position: v(-6, 0.6))
    box.createFixture(shape: PolygonShape(boxHalfWidth: 0.5, halfHeight: 0.5), density: 1, friction: 0.3)
    box.linearVelocity = v(3, 0)
    let top = world.createBody(type: .dynamicBody, position: Vec2(-5.9, 1.5), angle: 0.2)
    top.createFixture(shape: PolygonShape(boxHalfWidth: 0.4, halfHeight: 0.3), density: 1, friction: 0.5)
    let ball = world.createBody(type: .dynamicBody, position: v(4, 3))
    ball.createFixture(shape: .circle(CircleShape(radius: 0.3)), density: 1, friction: 0.2, restitution: 0.5)
    var k = 0
    var touchedBox = false
    for i in 0..<180 {
        world.step(1 / 60, velocityIterations: 8, positionIterations: 3)
        if world.contactList.contains(where: { $0.isTouching && ($0.fixtureA.body === top && $0.fixtureB.body === box || $0.fixtureA.body === box && $0.fixtureB.body === top) }) {
            touchedBox = true
        }
        if i % 20 == 19 {
            let want = pybox2dContactTrace[k]
            let got = [box, top, ball].flatMap { [$0.position.x, $0.position.y, $0.angle] }
            #expect(got == want, "step \(i): got \(got), want \(want)")
            k += 1
        }
    }
    #expect(touchedBox, "the top box should land on the lower one (polygon-polygon contact)")
    #expect(!box.isAwake && !top.isAwake && ball.isAwake)
    var fraction: Float = 1
    world.rayCast(from: Vec2(box.position.x, 5), to: Vec2(box.position.x, -5)) { _, _, _, f in
        fraction = f
        return f
    }
    #expect(fraction == pybox2dRayFraction)
}

@Test func fastBodiesDoNotTunnelThroughThinGround() {
    let world = World(gravity: v(0, -10))
    let ground = world.createBody(type: .staticBody)
    ground.createFixture(shape: .edge(EdgeShape(v(-5, 0), v(5, 0))))
    let b = world.createBody(type: .dynamicBody, position: v(0, 3))
    b.createFixture(shape: PolygonShape(boxHalfWidth: 0.1, halfHeight: 0.1), density: 1)
    b.linearVelocity = v(0, -200)   // 3.3 m per step: without time of impact it would pass the edge
    for _ in 0..<30 { world.step(1 / 60, velocityIterations: 8, positionIterations: 3) }
    #expect(b.position.y > 0 && b.position.y < 0.2)
    world.continuousPhysics = false
    b.setTransform(position: v(0, 3), angle: 0)
    b.linearVelocity = v(0, -200)
    for _ in 0..<30 { world.step(1 / 60, velocityIterations: 8, positionIterations: 3) }
    #expect(b.position.y < -1, "with continuous physics off the body tunnels")
}

@Test func beginAndEndEventsForSolidContacts() {
    final class Counter: ContactListener {
        var begins = 0, ends = 0
        func beginContact(_ contact: Contact) { begins += 1 }
        func endContact(_ contact: Contact) { ends += 1 }
    }
    let world = World(gravity: v(0, -10))
    let counter = Counter()
    world.contactListener = counter
    let ground = world.createBody(type: .staticBody)
    ground.createFixture(shape: PolygonShape(boxHalfWidth: 5, halfHeight: 0.5))
    let ball = world.createBody(type: .dynamicBody, position: v(0, 2))
    ball.createFixture(shape: .circle(CircleShape(radius: 0.25)), density: 1, restitution: 0.9)
    for _ in 0..<120 { world.step(1 / 60, velocityIterations: 8, positionIterations: 3) }
    #expect(counter.begins >= 2 && counter.ends >= 1, "a bouncing ball touches, leaves and touches again")
    world.destroyBody(ball)
    #expect(counter.begins - counter.ends <= 1)
}
