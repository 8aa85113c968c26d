// Contacts between fixtures: Box2D/Dynamics/Contacts/b2Contact.cpp (Update: sensors use b2TestOverlap,
// solid pairs evaluate a manifold and keep the matched impulses for warm starting; Begin/EndContact on
// touching changes; b2MixFriction, b2MixRestitution; the creation registers that decide which fixture
// is A) and b2ContactManager.cpp (pair filtering).

/// A potential or actual touch between two fixtures (`b2Contact`).
public final class Contact {
    public unowned(unsafe) let fixtureA: Fixture
    public unowned(unsafe) let fixtureB: Fixture
    /// True while the shapes overlap (for sensors) or have contact points.
    public internal(set) var isTouching = false
    /// False skips the contact in the solver for the rest of the step (`SetEnabled`).
    public var isEnabled = true
    /// The contact points of a solid contact (`GetManifold`).
    public internal(set) var manifold = Manifold()
    public var friction: Float = 0
    public var restitution: Float = 0
    public var tangentSpeed: Float = 0
    var seen = false
    // solver / time-of-impact bookkeeping (b2Contact's e_islandFlag, e_toiFlag, m_toi, m_toiCount)
    var islandFlag = false
    var toiFlag = false
    var toi: Float = 1
    var toiCount = 0
    var key = 0

    init(_ a: Fixture, _ b: Fixture) {
        fixtureA = a; fixtureB = b
        friction = (a.friction * b.friction).squareRoot()
        restitution = a.restitution > b.restitution ? a.restitution : b.restitution
    }

    /// The contact in world coordinates (`GetWorldManifold`).
    public var worldManifold: WorldManifold {
        WorldManifold(manifold, fixtureA.body.transform, fixtureA.shape.radius, fixtureB.body.transform, fixtureB.shape.radius)
    }

    /// Whether Box2D has a contact type for these shapes (edge-edge pairs never collide), and the
    /// fixture order it uses (`b2Contact::Create` with `s_registers[typeA][typeB].primary`).
    static func ordered(_ a: Fixture, _ b: Fixture) -> (Fixture, Fixture)? {
        func rank(_ s: Shape) -> Int {
            switch s { case .circle: return 0; case .edge: return 1; case .polygon: return 2 }
        }
        let ra = rank(a.shape), rb = rank(b.shape)
        if ra == 1 && rb == 1 { return nil }
        // registered pairs: circle-circle, polygon-circle, polygon-polygon, edge-circle, edge-polygon
        switch (ra, rb) {
        case (0, 2), (0, 1), (2, 1): return (b, a)
        default: return (a, b)
        }
    }

    /// `Evaluate`: the manifold for the current transforms.
    func evaluate(_ m: inout Manifold) {
        let xfA = fixtureA.body.transform, xfB = fixtureB.body.transform
        switch (fixtureA.shape, fixtureB.shape) {
        case (.polygon(let a), .polygon(let b)): Collide.polygons(&m, a, xfA, b, xfB)
        case (.edge(let a), .polygon(let b)): Collide.edgeAndPolygon(&m, a, xfA, b, xfB)
        case (.edge(let a), .circle(let b)): Collide.edgeAndCircle(&m, a, xfA, b, xfB)
        case (.polygon(let a), .circle(let b)): Collide.polygonAndCircle(&m, a, xfA, b, xfB)
        case (.circle(let a), .circle(let b)): Collide.circles(&m, a, xfA, b, xfB)
        default: m.pointCount = 0
        }
    }

    /// `b2Contact::Update` for a solid contact: new manifold, warm-start impulses matched by feature id,
    /// bodies woken on a change, begin/end events.
    func updateSolid(_ listener: ContactListener?) {
        let old = manifold
        isEnabled = true
        let wasTouching = isTouching
        evaluate(&manifold)
        let touching = manifold.pointCount > 0
        for i in 0..<manifold.pointCount {
            var mp2 = manifold[i]
            mp2.normalImpulse = 0
            mp2.tangentImpulse = 0
            let k = mp2.id.key
            for j in 0..<old.pointCount where old[j].id.key == k {
                mp2.normalImpulse = old[j].normalImpulse
                mp2.tangentImpulse = old[j].tangentImpulse
                break
            }
            manifold[i] = mp2
        }
        if touching != wasTouching {
            fixtureA.body.setAwake(true)
            fixtureB.body.setAwake(true)
        }
        isTouching = touching
        if !wasTouching && touching { listener?.beginContact(self) }
        if wasTouching && !touching { listener?.endContact(self) }
    }
}

/// One end of a solid contact as seen from a body (`b2ContactEdge`).
struct ContactEdge {
    unowned(unsafe) let other: Body
    let contact: Contact
}

/// Receives contact begin/end events during `World.step` (`b2ContactListener`).
public protocol ContactListener: AnyObject {
    func beginContact(_ contact: Contact)
    func endContact(_ contact: Contact)
}
