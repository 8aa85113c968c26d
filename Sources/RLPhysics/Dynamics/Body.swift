// Rigid bodies: Box2D/Dynamics/b2Body.h, b2Body.cpp (pybox2d's bundled Box2D 2.3).

/// How a body moves (`b2BodyType`).
public enum BodyType: Sendable {
    /// Never moves, infinite mass.
    case staticBody
    /// Moves by its velocity only.
    case kinematicBody
    /// Moves by forces, joints and contacts; mass from its fixtures.
    case dynamicBody
}

/// Collision filtering data (`b2Filter`).
public struct Filter: Hashable, Sendable {
    public var categoryBits: UInt16
    public var maskBits: UInt16
    public var groupIndex: Int16
    public init(categoryBits: UInt16 = 0x0001, maskBits: UInt16 = 0xFFFF, groupIndex: Int16 = 0) {
        self.categoryBits = categoryBits; self.maskBits = maskBits; self.groupIndex = groupIndex
    }

    /// `b2ContactFilter::ShouldCollide`.
    public func shouldCollide(with other: Filter) -> Bool {
        if groupIndex == other.groupIndex && groupIndex != 0 { return groupIndex > 0 }
        return (maskBits & other.categoryBits) != 0 && (categoryBits & other.maskBits) != 0
    }
}

/// A shape attached to a body, with density and contact properties (`b2Fixture`).
public final class Fixture {
    public let shape: Shape
    public let density: Float
    public var friction: Float
    public var restitution: Float
    /// Sensors report contacts but never collide.
    public var isSensor: Bool {
        didSet {
            if isSensor && !oldValue { body.world.sensorFixtureCount += 1; body.world.destroyProxy(self) }
            if !isSensor && oldValue { body.world.createProxy(self) }
        }
    }
    public var filter: Filter
    public unowned(unsafe) let body: Body
    /// Free slot for the owner (e.g. a tile index).
    public var userData: Int = 0
    /// The shape's AABB at the body's current transform.
    var aabb: AABB
    /// Index in World.fixtures (for contact keys).
    var id: Int = 0
    /// `shape.radius`, kept apart so the solver does not copy the shape to read it.
    let radius: Float
    /// The shape as GJK sees it (time of impact), built on first use.
    lazy var proxy = DistanceProxy(shape)
    /// The broad-phase proxy's fat AABB (`b2DynamicTree` node AABB) and proxy id, for solid fixtures.
    var fatAABB: AABB
    var proxyId = -1
    var solidIndex = 0
    var inMoveBuffer = false

    init(body: Body, shape: Shape, density: Float, friction: Float, restitution: Float, isSensor: Bool, filter: Filter) {
        self.body = body; self.shape = shape; self.density = density; self.friction = friction
        self.restitution = restitution; self.isSensor = isSensor; self.filter = filter
        aabb = shape.computeAABB(body.transform)
        fatAABB = aabb.fattened(PhysicsSettings.aabbExtension)
        radius = shape.radius
    }
}

/// A rigid body (`b2Body`). Create bodies with `World.createBody`.
public final class Body {
    public let type: BodyType
    /// Origin position and rotation.
    public internal(set) var transform: Transform
    /// Centre-of-mass sweep: local centre, world centre `c`, angle `a` (plus their values at the step start).
    var localCenter = Vec2.zero
    var c0 = Vec2.zero, c = Vec2.zero
    var a0: Float = 0, a: Float = 0
    public var linearVelocity = Vec2.zero
    public var angularVelocity: Float = 0
    var force = Vec2.zero
    var torque: Float = 0
    public private(set) var mass: Float = 0
    var invMass: Float = 0
    /// Rotational inertia about the centre of mass (`m_I`).
    public private(set) var centralInertia: Float = 0
    var invI: Float = 0
    public var linearDamping: Float = 0
    public var angularDamping: Float = 0
    public var gravityScale: Float = 1
    public private(set) var fixtures: [Fixture] = []   // newest first, like Box2D's list
    var jointEdges: [JointEdge] = []                  // newest first
    var contactEdges: [ContactEdge] = []              // solid contacts, newest first
    /// Sweep time of `c0`/`a0` within the step (time of impact).
    var alpha0: Float = 0
    /// Bullets get continuous collision against dynamic bodies too.
    public var isBullet = false
    var awake = true
    var allowSleep = true
    var sleepTime: Float = 0
    var islandFlag = false
    var islandIndex = 0
    var alive = true
    public unowned(unsafe) let world: World
    /// Free slot for the owner.
    public var userData: Int = 0

    init(world: World, type: BodyType, position: Vec2, angle: Float, linearDamping: Float, angularDamping: Float, allowSleep: Bool) {
        self.world = world
        self.type = type
        transform = Transform(p: position, q: Rot(angle: angle))
        c0 = position; c = position; a0 = angle; a = angle
        self.linearDamping = linearDamping; self.angularDamping = angularDamping
        self.allowSleep = allowSleep
        if type == .dynamicBody { mass = 1; invMass = 1 }
    }

    /// Body origin in world coordinates (`GetPosition`).
    public var position: Vec2 { transform.p }
    /// Rotation angle in radians (`GetAngle`).
    public var angle: Float { a }
    /// Rotational inertia about the body origin (`GetInertia`).
    public var inertia: Float { centralInertia + mass * dot(localCenter, localCenter) }
    /// The centre of mass in body coordinates.
    public var localCenterOfMass: Vec2 { localCenter }
    /// The centre of mass in world coordinates.
    public var worldCenter: Vec2 { c }
    public var isAwake: Bool { awake }

    /// Adds a polygon fixture and updates the mass (`CreateFixture`).
    @discardableResult
    public func createFixture(shape: PolygonShape, density: Float = 0, friction: Float = 0.2, restitution: Float = 0,
                              isSensor: Bool = false, filter: Filter = Filter()) -> Fixture {
        createFixture(shape: .polygon(shape), density: density, friction: friction, restitution: restitution,
                      isSensor: isSensor, filter: filter)
    }

    /// Adds a fixture of any shape and updates the mass (`CreateFixture`).
    @discardableResult
    public func createFixture(shape: Shape, density: Float = 0, friction: Float = 0.2, restitution: Float = 0,
                              isSensor: Bool = false, filter: Filter = Filter()) -> Fixture {
        let f = Fixture(body: self, shape: shape, density: density, friction: friction, restitution: restitution,
                        isSensor: isSensor, filter: filter)
        fixtures.insert(f, at: 0)
        world.register(f)
        if density > 0 { resetMassData() }
        return f
    }

    /// `b2Body::ResetMassData`: mass, centre and inertia from the fixtures' densities.
    public func resetMassData() {
        mass = 0; invMass = 0; centralInertia = 0; invI = 0; localCenter = .zero
        if type != .dynamicBody {
            c0 = transform.p; c = transform.p; a0 = a
            return
        }
        var center = Vec2.zero
        for f in fixtures where f.density != 0 {
            let md = f.shape.computeMass(density: f.density)
            mass += md.mass
            center += md.mass * md.center
            centralInertia += md.inertia
        }
        if mass > 0 {
            invMass = 1 / mass
            center *= invMass
        } else {
            mass = 1; invMass = 1
        }
        if centralInertia > 0 {
            centralInertia -= mass * dot(center, center)
            invI = 1 / centralInertia
        } else {
            centralInertia = 0; invI = 0
        }
        let oldCenter = c
        localCenter = center
        c = transform.apply(localCenter)
        c0 = c
        linearVelocity += cross(angularVelocity, c - oldCenter)
    }

    /// Moves the body origin and angle at once (`SetTransform`); contacts update on the next step.
    public func setTransform(position: Vec2, angle: Float) {
        transform = Transform(p: position, q: Rot(angle: angle))
        c = transform.apply(localCenter)
        a = angle
        c0 = c; a0 = angle
        synchronizeFixtures()
        world.findNewSolidContacts()
    }

    /// `SetAwake`: waking resets the sleep timer; sleeping zeroes velocities and forces.
    public func setAwake(_ flag: Bool) {
        if flag {
            if !awake { awake = true; sleepTime = 0 }
        } else {
            awake = false; sleepTime = 0
            linearVelocity = .zero; angularVelocity = 0; force = .zero; torque = 0
        }
    }

    /// `ApplyForceToCenter(force, wake)`.
    public func applyForceToCenter(_ f: Vec2, wake: Bool = true) {
        guard type == .dynamicBody else { return }
        if wake && !awake { setAwake(true) }
        if awake { force += f }
    }

    /// `ApplyForce(force, point, wake)`.
    public func applyForce(_ f: Vec2, point: Vec2, wake: Bool = true) {
        guard type == .dynamicBody else { return }
        if wake && !awake { setAwake(true) }
        if awake { force += f; torque += cross(point - c, f) }
    }

    /// `ApplyLinearImpulse(impulse, point, wake)`.
    public func applyLinearImpulse(_ impulse: Vec2, point: Vec2, wake: Bool = true) {
        guard type == .dynamicBody else { return }
        if wake && !awake { setAwake(true) }
        if awake {
            linearVelocity += invMass * impulse
            angularVelocity += invI * cross(point - c, impulse)
        }
    }

    /// `ApplyTorque(torque, wake)`.
    public func applyTorque(_ t: Float, wake: Bool = true) {
        guard type == .dynamicBody else { return }
        if wake && !awake { setAwake(true) }
        if awake { torque += t }
    }

    /// `GetWorldVector`: a local direction rotated into world coordinates.
    @inline(__always) public func worldVector(_ v: Vec2) -> Vec2 { transform.q.apply(v) }
    /// `GetWorldPoint`.
    @inline(__always) public func worldPoint(_ p: Vec2) -> Vec2 { transform.apply(p) }
    /// `GetLocalPoint`.
    @inline(__always) public func localPoint(_ p: Vec2) -> Vec2 { transform.applyInverse(p) }

    /// `SynchronizeTransform`: origin from the centre of mass and angle.
    @inline(__always) func synchronizeTransform() {
        transform.q = Rot(angle: a)
        transform.p = c - transform.q.apply(localCenter)
    }

    /// `SynchronizeFixtures`: AABBs at the new transform (the swept box of Box2D is only needed for
    /// proxy fattening, which rlbook's broad phase does not use).
    func synchronizeFixtures() {
        let q1 = Rot(angle: a0)
        let xf1 = Transform(p: c0 - q1.apply(localCenter), q: q1)
        for f in fixtures {
            f.aabb = f.shape.computeAABB(transform)
            if !f.isSensor {
                let a1 = f.shape.computeAABB(xf1)
                let swept = AABB(lower: Vec2(min(a1.lower.x, f.aabb.lower.x), min(a1.lower.y, f.aabb.lower.y)),
                                 upper: Vec2(max(a1.upper.x, f.aabb.upper.x), max(a1.upper.y, f.aabb.upper.y)))
                world.moveProxy(f, swept, displacement: transform.p - xf1.p)
            }
        }
    }

    /// The motion of this step (`m_sweep`).
    var sweep: Sweep {
        get { Sweep(localCenter: localCenter, c0: c0, c: c, a0: a0, a: a, alpha0: alpha0) }
        set { c0 = newValue.c0; c = newValue.c; a0 = newValue.a0; a = newValue.a; alpha0 = newValue.alpha0 }
    }

    /// `b2Sweep::Advance`: moves the sweep start to time `alpha`.
    func advanceSweep(_ alpha: Float) {
        let beta = (alpha - alpha0) / (1 - alpha0)
        c0 = (1 - beta) * c0 + beta * c
        a0 = (1 - beta) * a0 + beta * a
        alpha0 = alpha
    }

    /// `b2Body::Advance`: the body at time `alpha` of the step.
    func advance(_ alpha: Float) {
        advanceSweep(alpha)
        c = c0
        a = a0
        synchronizeTransform()
    }

    /// `b2Body::ShouldCollide`: at least one dynamic body, and no joint with collideConnected == false.
    func shouldCollide(with other: Body) -> Bool {
        if type != .dynamicBody && other.type != .dynamicBody { return false }
        for je in jointEdges where je.other === other {
            if !je.joint.collideConnected { return false }
        }
        return true
    }
}
