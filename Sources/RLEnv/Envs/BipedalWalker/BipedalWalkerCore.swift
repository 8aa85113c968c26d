// The BipedalWalker simulation: gymnasium/envs/box2d/bipedal_walker.py (Gymnasium 1.4, class
// BipedalWalker: _generate_terrain, _generate_clouds, reset, step, _destroy, ContactDetector,
// LidarCallback) on RLPhysics. As in Gymnasium the world lives as long as the env and each reset
// destroys the previous bodies in the same order (Box2D reuses their proxy ids).
import RLPhysics
import RLSupport

/// Constants of bipedal_walker.py.
enum BipedalWalkerConstants {
    static let fps = 50.0
    static let scale = 30.0
    static let motorsTorque = 80.0
    static let speedHip = 4.0
    static let speedKnee = 6.0
    static let lidarRange = 160 / scale
    static let initialRandom = 5.0
    static let hullPoly: [(Double, Double)] = [(-30, 9), (6, 9), (34, 1), (34, -8), (-30, -8)]
    static let legDown = -8 / scale
    static let legW = 8 / scale, legH = 34 / scale
    static let viewportW = 600, viewportH = 400
    static let terrainStep = 14 / scale
    static let terrainLength = 200
    static let terrainHeight = Double(viewportH) / scale / 4
    static let terrainGrass = 10
    static let terrainStartpad = 20
    static let friction = 2.5
}

/// One BipedalWalker world and its episode state.
public final class BipedalWalker: ContactListener {
    typealias K = BipedalWalkerConstants
    public let hardcore: Bool
    let world = World(gravity: Vec2(Float(0), -10))   // pybox2d's b2World() default
    var terrain: [Body] = []
    public private(set) var hull: Body?
    /// Upper leg, lower leg, upper leg, lower leg (Gymnasium's `legs`).
    public private(set) var legs: [Body] = []
    public private(set) var joints: [RevoluteJoint] = []
    public private(set) var groundContact = [false, false, false, false]
    public private(set) var gameOver = false
    var prevShaping: Double?
    /// Camera offset (`scroll`) and the lidar end points of the last step, for rendering.
    public private(set) var scroll = 0.0
    var lidarRender = 0
    var lidarP1: [Vec2] = Array(repeating: .zero, count: 10)
    var lidarP2: [Vec2] = Array(repeating: .zero, count: 10)
    public private(set) var terrainX: [Double] = [], terrainY: [Double] = []
    /// Terrain polygons to draw (ground under each edge), with their colours.
    var terrainPoly: [([(Double, Double)], (Int, Int, Int))] = []
    /// Obstacles (hardcore) and edges with their colours, in Gymnasium's draw order.
    var terrainColors: [ObjectIdentifier: ((Int, Int, Int), (Int, Int, Int))] = [:]
    var cloudPoly: [([(Double, Double)], Double, Double)] = []

    init(hardcore: Bool) { self.hardcore = hardcore }

    // MARK: ContactDetector

    public func beginContact(_ contact: Contact) {
        let a = contact.fixtureA.body, b = contact.fixtureB.body
        if hull === a || hull === b { gameOver = true }
        for i in [1, 3] where legs.count > i && (legs[i] === a || legs[i] === b) { groundContact[i] = true }
    }

    public func endContact(_ contact: Contact) {
        let a = contact.fixtureA.body, b = contact.fixtureB.body
        for i in [1, 3] where legs.count > i && (legs[i] === a || legs[i] === b) { groundContact[i] = false }
    }

    // MARK: reset

    /// `_destroy`.
    func destroy() {
        guard !terrain.isEmpty else { return }
        world.contactListener = nil
        for t in terrain { world.destroyBody(t) }
        terrain = []
        if let hull { world.destroyBody(hull) }
        hull = nil
        for l in legs { world.destroyBody(l) }
        legs = []
        joints = []
    }

    func staticPolygon(_ poly: [(Double, Double)]) {
        let t = world.createBody(type: .staticBody)
        t.createFixture(shape: PolygonShape(points: poly.map { Vec2($0.0, $0.1) }), density: 0, friction: Float(K.friction))
        terrainColors[ObjectIdentifier(t)] = ((255, 255, 255), (153, 153, 153))
        terrain.append(t)
    }

    /// `_generate_terrain`.
    func generateTerrain(_ rng: NumpyGenerator) throws {
        let grass = 0, stump = 1, stairs = 2, pit = 3, statesCount = 4   // GRASS, STUMP, STAIRS, PIT, _STATES_ = range(5)
        let TS = K.terrainStep
        var state = grass
        var velocity = 0.0
        var y = K.terrainHeight
        var counter = K.terrainStartpad
        var oneshot = false
        terrain = []
        terrainX = []; terrainY = []
        terrainColors = [:]
        var stairSteps = 0, stairWidth = 0, stairHeight = 0
        var originalY = 0.0
        for i in 0..<K.terrainLength {
            let x = Double(i) * TS
            terrainX.append(x)
            if state == grass && !oneshot {
                let d = K.terrainHeight - y
                velocity = 0.8 * velocity + 0.01 * (d > 0 ? 1 : (d < 0 ? -1 : 0))
                if i > K.terrainStartpad { velocity += rng.uniform(low: -1, high: 1) / K.scale }
                y += velocity
            } else if state == pit && oneshot {
                counter = try rng.integers(low: 3, high: 5)
                let poly = [(x, y), (x + TS, y), (x + TS, y - 4 * TS), (x, y - 4 * TS)]
                staticPolygon(poly)
                staticPolygon(poly.map { ($0.0 + TS * Double(counter), $0.1) })
                counter += 2
                originalY = y
            } else if state == pit && !oneshot {
                y = originalY
                if counter > 1 { y -= 4 * TS }
            } else if state == stump && oneshot {
                counter = try rng.integers(low: 1, high: 3)
                let c = Double(counter)
                staticPolygon([(x, y), (x + c * TS, y), (x + c * TS, y + c * TS), (x, y + c * TS)])
            } else if state == stairs && oneshot {
                stairHeight = rng.random() > 0.5 ? 1 : -1
                stairWidth = try rng.integers(low: 4, high: 5)
                stairSteps = try rng.integers(low: 3, high: 5)
                originalY = y
                let w = Double(stairWidth), h = Double(stairHeight)
                for s in 0..<stairSteps {
                    let sd = Double(s)
                    staticPolygon([
                        (x + (sd * w) * TS, y + (sd * h) * TS),
                        (x + ((1 + sd) * w) * TS, y + (sd * h) * TS),
                        (x + ((1 + sd) * w) * TS, y + (-1 + sd * h) * TS),
                        (x + (sd * w) * TS, y + (-1 + sd * h) * TS),
                    ])
                }
                counter = stairSteps * stairWidth
            } else if state == stairs && !oneshot {
                let s = stairSteps * stairWidth - counter - stairHeight
                let n = Double(s) / Double(stairWidth)
                y = originalY + (n * Double(stairHeight)) * TS
            }
            oneshot = false
            terrainY.append(y)
            counter -= 1
            if counter == 0 {
                counter = try rng.integers(low: K.terrainGrass / 2, high: K.terrainGrass)
                if state == grass && hardcore {
                    state = try rng.integers(low: 1, high: statesCount)
                    oneshot = true
                } else {
                    state = grass
                    oneshot = true
                }
            }
        }
        terrainPoly = []
        for i in 0..<(K.terrainLength - 1) {
            let p0 = (terrainX[i], terrainY[i]), p1 = (terrainX[i + 1], terrainY[i + 1])
            let t = world.createBody(type: .staticBody)
            t.createFixture(shape: .edge(EdgeShape(Vec2(p0.0, p0.1), Vec2(p1.0, p1.1))), density: 0,
                            friction: Float(K.friction), filter: Filter(categoryBits: 0x0001))
            let color = (76, i % 2 == 0 ? 255 : 204, 76)
            terrainColors[ObjectIdentifier(t)] = (color, color)
            terrain.append(t)
            terrainPoly.append(([p0, p1, (p1.0, 0), (p0.0, 0)], (102, 153, 76)))
        }
        terrain.reverse()
    }

    /// `_generate_clouds`.
    func generateClouds(_ rng: NumpyGenerator) {
        cloudPoly = []
        let TS = K.terrainStep
        for _ in 0..<(K.terrainLength / 20) {
            let x = rng.uniform(low: 0, high: Double(K.terrainLength)) * TS
            let y = Double(K.viewportH) / K.scale * 3 / 4
            var poly: [(Double, Double)] = []
            for a in 0..<5 {
                let px = x + 15 * TS * sin(3.14 * 2 * Double(a) / 5) + rng.uniform(low: 0, high: 5 * TS)
                let py = y + 5 * TS * cos(3.14 * 2 * Double(a) / 5) + rng.uniform(low: 0, high: 5 * TS)
                poly.append((px, py))
            }
            cloudPoly.append((poly, poly.map { $0.0 }.min()!, poly.map { $0.0 }.max()!))
        }
    }

    /// `reset` after seeding (the env then takes one zero-action step).
    func build(_ rng: NumpyGenerator) throws {
        destroy()
        world.contactListener = self
        gameOver = false
        prevShaping = nil
        scroll = 0
        lidarRender = 0
        groundContact = [false, false, false, false]
        try generateTerrain(rng)
        generateClouds(rng)
        let initX = K.terrainStep * Double(K.terrainStartpad) / 2
        let initY = K.terrainHeight + 2 * K.legH
        let hull = world.createBody(type: .dynamicBody, position: Vec2(initX, initY))
        hull.createFixture(shape: PolygonShape(points: K.hullPoly.map { Vec2($0.0 / K.scale, $0.1 / K.scale) }),
                           density: 5, friction: 0.1, restitution: 0, filter: Filter(categoryBits: 0x0020, maskBits: 0x001))
        self.hull = hull
        hull.applyForceToCenter(Vec2(rng.uniform(low: -K.initialRandom, high: K.initialRandom), 0), wake: true)
        legs = []; joints = []
        for i in [-1.0, 1.0] {
            let leg = world.createBody(type: .dynamicBody, position: Vec2(initX, initY - K.legH / 2 - K.legDown), angle: Float(i * 0.05))
            leg.createFixture(shape: PolygonShape(boxHalfWidth: Float(K.legW / 2), halfHeight: Float(K.legH / 2)),
                              density: 1, friction: 0.2, restitution: 0, filter: Filter(categoryBits: 0x0020, maskBits: 0x001))
            var rjd = RevoluteJointDef(bodyA: hull, bodyB: leg)
            rjd.localAnchorA = Vec2(0, K.legDown)
            rjd.localAnchorB = Vec2(0, K.legH / 2)
            rjd.enableMotor = true; rjd.enableLimit = true
            rjd.maxMotorTorque = Float(K.motorsTorque)
            rjd.motorSpeed = Float(i)
            rjd.lowerAngle = -0.8; rjd.upperAngle = 1.1
            legs.append(leg)
            joints.append(world.createRevoluteJoint(rjd))
            let lower = world.createBody(type: .dynamicBody, position: Vec2(initX, initY - K.legH * 3 / 2 - K.legDown), angle: Float(i * 0.05))
            lower.createFixture(shape: PolygonShape(boxHalfWidth: Float(0.8 * K.legW / 2), halfHeight: Float(K.legH / 2)),
                                density: 1, friction: 0.2, restitution: 0, filter: Filter(categoryBits: 0x0020, maskBits: 0x001))
            var kjd = RevoluteJointDef(bodyA: leg, bodyB: lower)
            kjd.localAnchorA = Vec2(0, -K.legH / 2)
            kjd.localAnchorB = Vec2(0, K.legH / 2)
            kjd.enableMotor = true; kjd.enableLimit = true
            kjd.maxMotorTorque = Float(K.motorsTorque)
            kjd.motorSpeed = 1
            kjd.lowerAngle = -1.6; kjd.upperAngle = -0.1
            legs.append(lower)
            joints.append(world.createRevoluteJoint(kjd))
        }
    }

    // MARK: step

    /// One step with four motor actions (float32, as the action space's).
    func step(_ action: [Float], resetStep: Bool = false) -> (obs: [Float], reward: Double, terminated: Bool) {
        guard let hull else { return ([], 0, true) }
        let speeds = [K.speedHip, K.speedKnee, K.speedHip, K.speedKnee]
        for i in 0..<4 {
            let a = action[i]
            let sign: Float = a > 0 ? 1 : (a < 0 ? -1 : 0)
            joints[i].setMotorSpeed(Float(speeds[i]) * sign)
            joints[i].setMaxMotorTorque(Float(K.motorsTorque) * min(max(abs(a), 0), 1))
        }
        world.step(Float(1.0 / K.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)
        let pos = hull.position, vel = hull.linearVelocity
        var fractions = [Float](repeating: 1, count: 10)
        for i in 0..<10 {
            let p1 = pos
            let p2 = Vec2(Double(pos.x) + sin(1.5 * Double(i) / 10.0) * K.lidarRange,
                          Double(pos.y) - cos(1.5 * Double(i) / 10.0) * K.lidarRange)
            lidarP1[i] = p1
            lidarP2[i] = p2
            world.rayCast(from: p1, to: p2) { fixture, point, _, fraction in
                if fixture.filter.categoryBits & 1 == 0 { return -1 }
                self.lidarP2[i] = point
                fractions[i] = fraction
                return fraction
            }
        }
        var state: [Double] = [
            Double(hull.angle),
            2.0 * Double(hull.angularVelocity) / K.fps,
            0.3 * Double(vel.x) * (Double(K.viewportW) / K.scale) / K.fps,
            0.3 * Double(vel.y) * (Double(K.viewportH) / K.scale) / K.fps,
            Double(joints[0].jointAngle),
            Double(joints[0].jointSpeed) / K.speedHip,
            Double(joints[1].jointAngle) + 1.0,
            Double(joints[1].jointSpeed) / K.speedKnee,
            groundContact[1] ? 1 : 0,
            Double(joints[2].jointAngle),
            Double(joints[2].jointSpeed) / K.speedHip,
            Double(joints[3].jointAngle) + 1.0,
            Double(joints[3].jointSpeed) / K.speedKnee,
            groundContact[3] ? 1 : 0,
        ]
        state += fractions.map { Double($0) }
        scroll = Double(pos.x) - Double(K.viewportW) / K.scale / 5
        var shaping = 130 * Double(pos.x) / K.scale
        shaping -= 5.0 * abs(state[0])
        var reward = 0.0
        if let prev = prevShaping { reward = shaping - prev }
        prevShaping = shaping
        // numpy 2: a Python float minus a float32 is a float32, so the torque costs are float32 sums.
        let cost = Float(0.00035 * K.motorsTorque)
        var r32 = Float(reward)
        for a in action { r32 -= cost * min(max(abs(a), 0), 1) }
        reward = Double(r32)
        var terminated = false
        if gameOver || pos.x < 0 { reward = -100; terminated = true }
        if Double(pos.x) > Double(K.terrainLength - K.terrainGrass) * K.terrainStep { terminated = true }
        return (state.map { Float($0) }, reward, terminated)
    }
}
