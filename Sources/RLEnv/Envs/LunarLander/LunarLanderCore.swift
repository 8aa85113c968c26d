// The LunarLander simulation: gymnasium/envs/box2d/lunar_lander.py (Gymnasium 1.4, class LunarLander:
// reset, step, _create_particle, _clean_particles, ContactDetector) on RLPhysics. Python computes in
// float64 and pybox2d rounds every value it receives to float32; the same conversions happen here.
import RLPhysics
import RLSupport

/// Constants of lunar_lander.py.
enum LunarLanderConstants {
    static let fps = 50.0
    static let scale = 30.0
    static let mainEnginePower = 13.0
    static let sideEnginePower = 0.6
    static let initialRandom = 1000.0
    static let landerPoly: [(Double, Double)] = [(-14, 17), (-17, 0), (-17, -10), (17, -10), (17, 0), (14, 17)]
    static let legAway = 20.0
    static let legDown = 18.0
    static let legW = 2.0, legH = 8.0
    static let legSpringTorque = 40.0
    static let sideEngineHeight = 14.0
    static let sideEngineAway = 12.0
    static let mainEngineYLocation = 4.0
    static let viewportW = 600, viewportH = 400
    static let chunks = 11
}

/// A particle of engine exhaust (only created while rendering).
final class LunarParticle {
    let body: Body
    var ttl: Double
    init(body: Body, ttl: Double) { self.body = body; self.ttl = ttl }
}

/// One LunarLander episode's world and state.
public final class LunarLander: ContactListener {
    typealias K = LunarLanderConstants
    public let continuous: Bool
    public let gravity: Double
    public let enableWind: Bool
    public let windPower: Double
    public let turbulencePower: Double
    let renderParticles: Bool

    var world = World()
    var moon: Body?
    public private(set) var lander: Body?
    public private(set) var legs: [Body] = []
    public private(set) var legGroundContact = [false, false]
    var particles: [LunarParticle] = []
    public private(set) var gameOver = false
    var prevShaping: Double?
    public private(set) var helipadX1 = 0.0, helipadX2 = 0.0, helipadY = 0.0
    var skyPolys: [[(Double, Double)]] = []
    public private(set) var windIdx = 0, torqueIdx = 0

    init(continuous: Bool, gravity: Double, enableWind: Bool, windPower: Double, turbulencePower: Double, renderParticles: Bool) {
        self.continuous = continuous; self.gravity = gravity; self.enableWind = enableWind
        self.windPower = windPower; self.turbulencePower = turbulencePower; self.renderParticles = renderParticles
    }

    // MARK: ContactDetector

    public func beginContact(_ contact: Contact) {
        let a = contact.fixtureA.body, b = contact.fixtureB.body
        if lander === a || lander === b { gameOver = true }
        for i in 0..<legs.count where legs[i] === a || legs[i] === b { legGroundContact[i] = true }
    }

    public func endContact(_ contact: Contact) {
        let a = contact.fixtureA.body, b = contact.fixtureB.body
        for i in 0..<legs.count where legs[i] === a || legs[i] === b { legGroundContact[i] = false }
    }

    // MARK: reset

    /// `reset` after seeding: terrain, lander, legs (then the env takes one no-op step).
    func build(_ rng: NumpyGenerator) throws {
        world.contactListener = nil
        world = World(gravity: Vec2(Double(0), gravity))
        world.contactListener = self
        particles.removeAll()
        gameOver = false
        prevShaping = nil
        legGroundContact = [false, false]
        let W = Double(K.viewportW) / K.scale, H = Double(K.viewportH) / K.scale
        let chunks = K.chunks
        var height = rng.uniform(low: 0, high: H / 2, count: chunks + 1)
        let chunkX = (0..<chunks).map { W / Double(chunks - 1) * Double($0) }
        helipadX1 = chunkX[chunks / 2 - 1]
        helipadX2 = chunkX[chunks / 2 + 1]
        helipadY = H / 4
        for d in -2...2 { height[chunks / 2 + d] = helipadY }
        let smoothY = (0..<chunks).map { i in 0.33 * (height[(i - 1 + height.count) % height.count] + height[i + 0] + height[i + 1]) }
        let moon = world.createBody(type: .staticBody)
        moon.createFixture(shape: .edge(EdgeShape(Vec2(Double(0), 0), Vec2(W, 0))), density: 0, friction: 0.2)
        skyPolys = []
        for i in 0..<(chunks - 1) {
            let p1 = (chunkX[i], smoothY[i]), p2 = (chunkX[i + 1], smoothY[i + 1])
            moon.createFixture(shape: .edge(EdgeShape(Vec2(p1.0, p1.1), Vec2(p2.0, p2.1))), density: 0, friction: 0.1)
            skyPolys.append([p1, p2, (p2.0, H), (p1.0, H)])
        }
        self.moon = moon
        let initialY = Double(K.viewportH) / K.scale
        let initialX = Double(K.viewportW) / K.scale / 2
        let lander = world.createBody(type: .dynamicBody, position: Vec2(initialX, initialY), angle: 0)
        lander.createFixture(shape: PolygonShape(points: K.landerPoly.map { Vec2($0.0 / K.scale, $0.1 / K.scale) }),
                             density: 5, friction: 0.1, restitution: 0,
                             filter: Filter(categoryBits: 0x0010, maskBits: 0x001))
        self.lander = lander
        let fx = rng.uniform(low: -K.initialRandom, high: K.initialRandom)
        let fy = rng.uniform(low: -K.initialRandom, high: K.initialRandom)
        lander.applyForceToCenter(Vec2(fx, fy), wake: true)
        if enableWind {
            windIdx = try rng.integers(low: -9999, high: 9999)
            torqueIdx = try rng.integers(low: -9999, high: 9999)
        }
        legs = []
        for i in [-1.0, 1.0] {
            let leg = world.createBody(type: .dynamicBody, position: Vec2(initialX - i * K.legAway / K.scale, initialY),
                                       angle: Float(i * 0.05))
            leg.createFixture(shape: PolygonShape(boxHalfWidth: Float(K.legW / K.scale), halfHeight: Float(K.legH / K.scale)),
                              density: 1, friction: 0.2, restitution: 0,
                              filter: Filter(categoryBits: 0x0020, maskBits: 0x001))
            var rjd = RevoluteJointDef(bodyA: lander, bodyB: leg)
            rjd.localAnchorA = .zero
            rjd.localAnchorB = Vec2(i * K.legAway / K.scale, K.legDown / K.scale)
            rjd.enableMotor = true
            rjd.enableLimit = true
            rjd.maxMotorTorque = Float(K.legSpringTorque)
            rjd.motorSpeed = Float(0.3 * i)
            if i == -1 {
                rjd.lowerAngle = Float(0.9 - 0.5); rjd.upperAngle = 0.9
            } else {
                rjd.lowerAngle = -0.9; rjd.upperAngle = Float(-0.9 + 0.5)
            }
            world.createRevoluteJoint(rjd)
            legs.append(leg)
        }
    }

    // MARK: step

    func createParticle(mass: Double, x: Double, y: Double, ttl: Double) -> Body {
        let p = world.createBody(type: .dynamicBody, position: Vec2(x, y), angle: 0)
        p.createFixture(shape: .circle(CircleShape(radius: Float(2 / K.scale))), density: Float(mass), friction: 0.1,
                        restitution: 0.3, filter: Filter(categoryBits: 0x0100, maskBits: 0x001))
        particles.append(LunarParticle(body: p, ttl: ttl))
        cleanParticles(all: false)
        return p
    }

    func cleanParticles(all: Bool) {
        while let p = particles.first, all || p.ttl < 0 {
            world.destroyBody(p.body)
            particles.removeFirst()
        }
    }

    /// One step; `discrete` is the action for Discrete(4), `main`/`lateral` the clipped continuous one.
    func step(discrete: Int, main: Double, lateral: Double, rng: NumpyGenerator) -> (obs: [Float], reward: Double, terminated: Bool) {
        guard let lander else { return ([], 0, true) }
        if enableWind && !(legGroundContact[0] || legGroundContact[1]) {
            let w = Double(windIdx), t = Double(torqueIdx)
            let windMag = tanh(sin(0.02 * w) + sin(Double.pi * 0.01 * w)) * windPower
            windIdx += 1
            lander.applyForceToCenter(Vec2(windMag, 0.0), wake: true)
            let torqueMag = tanh(sin(0.02 * t) + sin(Double.pi * 0.01 * t)) * turbulencePower
            torqueIdx += 1
            lander.applyTorque(Float(torqueMag), wake: true)
        }
        let angle = Double(lander.angle)
        let tip = (sin(angle), cos(angle))
        let side = (-tip.1, tip.0)
        let d0 = rng.uniform(low: -1, high: 1) / K.scale
        let d1 = rng.uniform(low: -1, high: 1) / K.scale
        var mPower = 0.0
        if (continuous && main > 0) || (!continuous && discrete == 2) {
            mPower = continuous ? (min(max(main, 0), 1) + 1) * 0.5 : 1
            let ox = tip.0 * (K.mainEngineYLocation / K.scale + 2 * d0) + side.0 * d1
            let oy = -tip.1 * (K.mainEngineYLocation / K.scale + 2 * d0) - side.1 * d1
            let pos = lander.position
            let ip = (Double(pos.x) + ox, Double(pos.y) + oy)
            if renderParticles {
                let p = createParticle(mass: 3.5, x: ip.0, y: ip.1, ttl: mPower)
                p.applyLinearImpulse(Vec2(ox * K.mainEnginePower * mPower, oy * K.mainEnginePower * mPower),
                                     point: Vec2(ip.0, ip.1), wake: true)
            }
            lander.applyLinearImpulse(Vec2(-ox * K.mainEnginePower * mPower, -oy * K.mainEnginePower * mPower),
                                      point: Vec2(ip.0, ip.1), wake: true)
        }
        var sPower = 0.0
        if (continuous && abs(lateral) > 0.5) || (!continuous && (discrete == 1 || discrete == 3)) {
            let direction: Double
            if continuous {
                direction = lateral > 0 ? 1 : (lateral < 0 ? -1 : 0)
                sPower = min(max(abs(lateral), 0.5), 1)
            } else {
                direction = Double(discrete - 2)
                sPower = 1
            }
            let ox = tip.0 * d0 + side.0 * (3 * d1 + direction * K.sideEngineAway / K.scale)
            let oy = -tip.1 * d0 - side.1 * (3 * d1 + direction * K.sideEngineAway / K.scale)
            let pos = lander.position
            let ip = (Double(pos.x) + ox - tip.0 * 17 / K.scale, Double(pos.y) + oy + tip.1 * K.sideEngineHeight / K.scale)
            if renderParticles {
                let p = createParticle(mass: 0.7, x: ip.0, y: ip.1, ttl: sPower)
                p.applyLinearImpulse(Vec2(ox * K.sideEnginePower * sPower, oy * K.sideEnginePower * sPower),
                                     point: Vec2(ip.0, ip.1), wake: true)
            }
            lander.applyLinearImpulse(Vec2(-ox * K.sideEnginePower * sPower, -oy * K.sideEnginePower * sPower),
                                      point: Vec2(ip.0, ip.1), wake: true)
        }
        world.step(Float(1.0 / K.fps), velocityIterations: 6 * 30, positionIterations: 2 * 30)

        let pos = lander.position, vel = lander.linearVelocity
        let halfW = Double(K.viewportW) / K.scale / 2, halfH = Double(K.viewportH) / K.scale / 2
        let state: [Double] = [
            (Double(pos.x) - halfW) / halfW,
            (Double(pos.y) - (helipadY + K.legDown / K.scale)) / halfH,
            Double(vel.x) * halfW / K.fps,
            Double(vel.y) * halfH / K.fps,
            Double(lander.angle),
            20.0 * Double(lander.angularVelocity) / K.fps,
            legGroundContact[0] ? 1 : 0,
            legGroundContact[1] ? 1 : 0,
        ]
        var reward = 0.0
        let shaping = -100 * (state[0] * state[0] + state[1] * state[1]).squareRoot()
            - 100 * (state[2] * state[2] + state[3] * state[3]).squareRoot()
            - 100 * abs(state[4]) + 10 * state[6] + 10 * state[7]
        if let prev = prevShaping { reward = shaping - prev }
        prevShaping = shaping
        reward -= mPower * 0.30
        reward -= sPower * 0.03
        var terminated = false
        if gameOver || abs(state[0]) >= 1.0 { terminated = true; reward = -100 }
        if !lander.isAwake { terminated = true; reward = 100 }
        return (state.map { Float($0) }, reward, terminated)
    }
}
