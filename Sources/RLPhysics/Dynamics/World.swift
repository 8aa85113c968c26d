// The physics world: Box2D/Dynamics/b2World.cpp (Step, Solve: island building by depth-first search
// from the body list), b2Island.cpp (Solve: integrate velocities, warm start, velocity iterations,
// integrate positions with translation/rotation clamps, position iterations, sleep) and
// b2ContactManager.cpp (Collide, FindNewContacts). Bodies and joints are kept newest first, as
// Box2D's linked lists are, because the island order decides the floating-point results.

/// A 2D rigid-body world with Box2D v2.3 semantics, reusable across episodes.
///
/// Implemented: dynamic/static/kinematic bodies, polygon/edge/circle fixtures with Box2D's mass data,
/// revolute joints (motor, limits), the island solver with warm starting and sleeping, category/mask
/// filtering and contact begin/end events (sensor overlap exactly as `b2TestOverlap`).
/// Solid fixtures collide with Box2D's manifolds (polygon, edge, circle pairs), the sequential-impulse
/// contact solver and continuous collision against static bodies (`SolveTOI`), see World+Contacts.swift
/// and World+TOI.swift; sensors keep the exact-overlap path below.
public final class World {
    public var gravity: Vec2
    public weak var contactListener: ContactListener?
    public var allowSleep = true
    public var warmStarting = true
    /// Time-of-impact sub-steps for dynamic bodies against static ones (`SetContinuousPhysics`).
    public var continuousPhysics = true
    /// Solid contacts, newest first (Box2D's m_contactList), and by fixture-pair key.
    var solidContacts: [Contact] = []
    var solidByKey: [Int: Contact] = [:]
    // broad phase (World+Contacts.swift)
    var solidFixtures: [Fixture] = []
    var solidBoxes: [AABB] = []
    var solidIsStatic: [Bool] = []
    var solidFixturesDirty = true
    var moveBuffer: [Fixture] = []
    var pairBuffer: [(Fixture, Fixture)] = []
    var proxyFree: [Int] = []
    var proxyNext = 0
    var newFixture = false
    /// Bodies, newest first (Box2D's m_bodyList order).
    public private(set) var bodies: [Body] = []
    /// Joints, newest first.
    public private(set) var joints: [Joint] = []
    var invDt0: Float = 0
    var fixtureCount = 0
    /// Sensor fixtures ever created (the exact-overlap pass runs only when there are some).
    var sensorFixtureCount = 0
    /// Touching or candidate contacts keyed by fixture ids.
    var contacts: [Int: Contact] = [:]
    // Static fixtures bucketed on a coarse grid for the broad phase.
    var staticGrid: [Int: [Fixture]] = [:]
    var staticGridDirty = true
    let gridCell: Float = 8
    var scratchA: [SIMD2<Double>] = []
    // island solver buffers (b2Island's m_positions / m_velocities), grown on demand
    var solverCapacity = 8
    var solverC = UnsafeMutablePointer<Vec2>.allocate(capacity: 8)
    var solverA = UnsafeMutablePointer<Float>.allocate(capacity: 8)
    var solverV = UnsafeMutablePointer<Vec2>.allocate(capacity: 8)
    var solverW = UnsafeMutablePointer<Float>.allocate(capacity: 8)
    var scratchB: [SIMD2<Double>] = []
    /// Detects when the velocity iterations stop changing anything (VelocityFixedPoint.swift).
    var fixedPoint = VelocityFixedPoint()
    // per-step buffers reused across steps (no allocation per island)
    var islandSolver = ContactSolver()
    var islandJointRefs: [Unmanaged<Joint>] = []
    var islandRevolutes: [Unmanaged<RevoluteJoint>] = []
    var toiBodies: [Body] = []
    var toiContacts: [Contact] = []

    public init(gravity: Vec2 = .zero) { self.gravity = gravity }

    deinit {
        solverC.deallocate(); solverA.deallocate(); solverV.deallocate(); solverW.deallocate()
        fixedPoint.deallocate()
    }

    /// Creates a body (`CreateBody`); it is inserted at the head of the body list.
    @discardableResult
    public func createBody(type: BodyType, position: Vec2 = .zero, angle: Float = 0,
                           linearDamping: Float = 0, angularDamping: Float = 0, allowSleep: Bool = true) -> Body {
        let b = Body(world: self, type: type, position: position, angle: angle,
                     linearDamping: linearDamping, angularDamping: angularDamping, allowSleep: allowSleep)
        bodies.insert(b, at: 0)
        return b
    }

    func register(_ f: Fixture) {
        fixtureCount += 1
        if f.isSensor { sensorFixtureCount += 1 }

        createProxy(f)
        f.id = fixtureCount
        if f.body.type == .staticBody { staticGridDirty = true }
    }

    /// Destroys a body with its fixtures, joints and contacts (`DestroyBody`); touching contacts get `endContact`.
    public func destroyBody(_ body: Body) {
        guard body.alive else { return }
        for je in body.jointEdges { destroyJoint(je.joint) }
        destroySolidContacts(of: body)
        let ids = Set(body.fixtures.map { $0.id })
        for (key, c) in contacts where ids.contains(c.fixtureA.id) || ids.contains(c.fixtureB.id) {
            if c.isTouching { contactListener?.endContact(c) }
            contacts[key] = nil
        }
        body.alive = false
        if body.type == .staticBody { staticGridDirty = true }
        if let i = bodies.lastIndex(where: { $0 === body }) { bodies.remove(at: i) }   // old bodies sit at the end
    }

    /// Creates a revolute joint (`CreateJoint`); edges are added at the head of both bodies' joint lists.
    @discardableResult
    public func createRevoluteJoint(_ def: RevoluteJointDef) -> RevoluteJoint {
        let j = RevoluteJoint(def)
        joints.insert(j, at: 0)
        def.bodyA.jointEdges.insert(JointEdge(other: def.bodyB, joint: j), at: 0)
        def.bodyB.jointEdges.insert(JointEdge(other: def.bodyA, joint: j), at: 0)
        if !def.collideConnected {
            // contacts between the joined bodies stop (b2World::CreateJoint flags them for filtering)
            for (key, c) in contacts where (c.fixtureA.body === def.bodyA && c.fixtureB.body === def.bodyB)
                || (c.fixtureA.body === def.bodyB && c.fixtureB.body === def.bodyA) {
                if c.isTouching { contactListener?.endContact(c) }
                contacts[key] = nil
            }
            for e in def.bodyA.contactEdges where e.other === def.bodyB { destroySolidContact(e.contact) }
            solidContacts.removeAll { solidByKey[$0.key] !== $0 }
        }
        return j
    }

    /// Destroys a joint (`DestroyJoint`).
    public func destroyJoint(_ joint: Joint) {
        guard joint.alive else { return }
        joint.alive = false
        joints.removeAll { $0 === joint }
        joint.bodyA.jointEdges.removeAll { $0.joint === joint }
        joint.bodyB.jointEdges.removeAll { $0.joint === joint }
        joint.bodyA.setAwake(true); joint.bodyB.setAwake(true)
    }
}
