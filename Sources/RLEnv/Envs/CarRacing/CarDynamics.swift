// A port of gymnasium/envs/box2d/car_dynamics.py: the hull and four wheels as RLPhysics bodies, wheel
// spin in double precision (Python floats), tyre forces applied to the Box2D (single precision) bodies.
import RLPhysics
import RLSupport

/// A wheel: a small dynamic body joined to the hull, plus the Python-side state of car_dynamics.
public final class CarWheel {
    public let body: Body
    public let joint: RevoluteJoint
    /// Wheel radius in world units (`wheel_rad`).
    public let wheelRad: Double
    public var gas = 0.0
    public var brake = 0.0
    public var steer = 0.0
    /// Rotation angle of the tread stripe (`phase`).
    public var phase = 0.0
    /// Angular speed of the wheel (`omega`).
    public var omega = 0.0
    /// Indices of the road tiles this wheel touches (`tiles`; road friction is 1 for all tiles).
    public var tiles = Set<Int>()
    var skidStart: (Double, Double)?
    var skidParticle: Int?

    init(body: Body, joint: RevoluteJoint, wheelRad: Double) {
        self.body = body; self.joint = joint; self.wheelRad = wheelRad
    }
}

/// A skid mark polyline (`Particle`).
public struct SkidParticle {
    public var points: [(Double, Double)]
    public var grass: Bool
}

/// The car of CarRacing (`car_dynamics.Car`).
public final class Car {
    public let hull: Body
    public let wheels: [CarWheel]
    public private(set) var particles: [SkidParticle] = []
    var particleBase = 0   // id of particles[0], so wheels can refer to a particle after trimming
    public var fuelSpent = 0.0
    let world: World

    /// Builds the hull (four polygons, density 1) and wheels (density 0.1, category 0x20, mask 0x1)
    /// with motorised, limited revolute joints, in Gymnasium's creation order.
    public init(world: World, initAngle: Double, initX: Double, initY: Double) {
        typealias K = CarRacingConstants
        self.world = world
        let size = K.size
        hull = world.createBody(type: .dynamicBody, position: Vec2(initX, initY), angle: Float(initAngle))
        for poly in K.hullPolys {
            hull.createFixture(shape: PolygonShape(points: poly.map { Vec2($0.0 * size, $0.1 * size) }), density: 1.0)
        }
        var ws: [CarWheel] = []
        let wheelPoly: [(Double, Double)] = [(-K.wheelW, K.wheelR), (K.wheelW, K.wheelR), (K.wheelW, -K.wheelR), (-K.wheelW, -K.wheelR)]
        for (wx, wy) in K.wheelPos {
            let frontK = 1.0
            let body = world.createBody(type: .dynamicBody, position: Vec2(initX + wx * size, initY + wy * size),
                                        angle: Float(initAngle))
            body.createFixture(shape: PolygonShape(points: wheelPoly.map { Vec2($0.0 * frontK * size, $0.1 * frontK * size) }),
                               density: 0.1, restitution: 0,
                               filter: Filter(categoryBits: 0x0020, maskBits: 0x001))
            var def = RevoluteJointDef(bodyA: hull, bodyB: body)
            def.localAnchorA = Vec2(wx * size, wy * size)
            def.localAnchorB = .zero
            def.enableMotor = true
            def.enableLimit = true
            def.maxMotorTorque = Float(180 * 900 * size * size)
            def.motorSpeed = 0
            def.lowerAngle = Float(-0.4)
            def.upperAngle = Float(0.4)
            let joint = world.createRevoluteJoint(def)
            ws.append(CarWheel(body: body, joint: joint, wheelRad: frontK * K.wheelR * size))
        }
        wheels = ws
        for (i, w) in wheels.enumerated() { w.body.userData = i + 1 }
    }

    /// `gas`: rear-wheel drive, clipped to [0, 1], rising by at most 0.1 per call.
    public func gas(_ g: Double) {
        let gas = min(max(g, 0), 1)
        for w in wheels[2..<4] {
            var diff = gas - w.gas
            if diff > 0.1 { diff = 0.1 }
            w.gas += diff
        }
    }

    /// `brake`: all four wheels; 0.9 or more locks them.
    public func brake(_ b: Double) { for w in wheels { w.brake = b } }

    /// `steer`: target angle for the front wheels.
    public func steer(_ s: Double) { wheels[0].steer = s; wheels[1].steer = s }

    @inline(__always) static func sign(_ v: Double) -> Double { v > 0 ? 1 : (v < 0 ? -1 : 0) }

    /// `Car.step(dt)`: steering motors, engine, brakes, tyre friction forces and skid marks.
    public func step(_ dt: Double) {
        typealias K = CarRacingConstants
        for w in wheels {
            let jointAngle = Double(w.joint.jointAngle)
            let dir = Car.sign(w.steer - jointAngle)
            let val = abs(w.steer - jointAngle)
            w.joint.setMotorSpeed(Float(dir * min(50.0 * val, 3.0)))

            var grass = true
            var frictionLimit = K.frictionLimit * 0.6
            if !w.tiles.isEmpty {
                frictionLimit = max(frictionLimit, K.frictionLimit * 1.0)
                grass = false
            }

            let forw = w.body.worldVector(Vec2(Float(0), 1))
            let side = w.body.worldVector(Vec2(Float(1), 0))
            let v = w.body.linearVelocity
            let vf = Double(forw.x) * Double(v.x) + Double(forw.y) * Double(v.y)
            let vs = Double(side.x) * Double(v.x) + Double(side.y) * Double(v.y)

            w.omega += dt * K.enginePower * w.gas / K.wheelMomentOfInertia / (abs(w.omega) + 5.0)
            fuelSpent += dt * K.enginePower * w.gas

            if w.brake >= 0.9 {
                w.omega = 0
            } else if w.brake > 0 {
                let brakeForce = 15.0
                let bdir = -Car.sign(w.omega)
                var bval = brakeForce * w.brake
                if abs(bval) > abs(w.omega) { bval = abs(w.omega) }
                w.omega += bdir * bval
            }
            w.phase += w.omega * dt

            let vr = w.omega * w.wheelRad
            var fForce = -vf + vr
            var pForce = -vs
            fForce *= 205000 * K.size * K.size
            pForce *= 205000 * K.size * K.size
            var force = (fForce * fForce + pForce * pForce).squareRoot()

            let pos = (Double(w.body.position.x), Double(w.body.position.y))
            if abs(force) > 2.0 * frictionLimit {
                if let pid = w.skidParticle, pid - particleBase >= 0, pid - particleBase < particles.count,
                   particles[pid - particleBase].grass == grass, particles[pid - particleBase].points.count < 30 {
                    particles[pid - particleBase].points.append(pos)
                } else if w.skidStart == nil {
                    w.skidStart = pos
                } else {
                    w.skidParticle = createParticle(w.skidStart!, pos, grass: grass)
                    w.skidStart = nil
                }
            } else {
                w.skidStart = nil
                w.skidParticle = nil
            }

            if abs(force) > frictionLimit {
                fForce /= force
                pForce /= force
                force = frictionLimit
                fForce *= force
                pForce *= force
            }
            w.omega -= dt * fForce * w.wheelRad / K.wheelMomentOfInertia
            w.body.applyForceToCenter(Vec2(pForce * Double(side.x) + fForce * Double(forw.x),
                                           pForce * Double(side.y) + fForce * Double(forw.y)), wake: true)
        }
    }

    func createParticle(_ p1: (Double, Double), _ p2: (Double, Double), grass: Bool) -> Int {
        particles.append(SkidParticle(points: [p1, p2], grass: grass))
        while particles.count > 30 { particles.removeFirst(); particleBase += 1 }
        return particleBase + particles.count - 1
    }

    /// Removes the car's bodies from the world (`Car.destroy`).
    public func destroy() {
        world.destroyBody(hull)
        for w in wheels { world.destroyBody(w.body) }
    }
}
