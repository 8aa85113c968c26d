// Shapes a fixture can carry (Box2D/Collision/Shapes: b2PolygonShape, b2EdgeShape, b2CircleShape).
// Sensors use exact overlap (Overlap.swift); solid pairs get manifolds (Collide*.swift) and the
// contact solver (Dynamics/ContactSolver.swift).

/// A line segment, optionally with ghost vertices for smooth chains (`b2EdgeShape`).
public struct EdgeShape: Hashable, Sendable {
    public var v1: Vec2
    public var v2: Vec2
    public var v0: Vec2?
    public var v3: Vec2?
    public var radius: Float = PhysicsSettings.polygonRadius
    public init(_ v1: Vec2, _ v2: Vec2, v0: Vec2? = nil, v3: Vec2? = nil) { self.v1 = v1; self.v2 = v2; self.v0 = v0; self.v3 = v3 }
}

/// A solid circle (`b2CircleShape`).
public struct CircleShape: Hashable, Sendable {
    public var position: Vec2
    public var radius: Float
    public init(radius: Float, position: Vec2 = .zero) { self.radius = radius; self.position = position }
}

/// The geometry of a fixture.
public enum Shape: Hashable, Sendable {
    case polygon(PolygonShape)
    case edge(EdgeShape)
    case circle(CircleShape)

    /// The polygon, when this is one.
    public var polygon: PolygonShape? { if case .polygon(let p) = self { return p }; return nil }

    /// The collision skin (`m_radius`).
    public var radius: Float {
        switch self {
        case .polygon(let p): return p.radius
        case .edge(let e): return e.radius
        case .circle(let c): return c.radius
        }
    }

    /// `ComputeMass`: polygons by area, circles by `πr²`, edges have none.
    public func computeMass(density: Float) -> MassData {
        switch self {
        case .polygon(let p):
            return p.computeMass(density: density)
        case .edge(let e):
            return MassData(mass: 0, center: 0.5 * (e.v1 + e.v2), inertia: 0)
        case .circle(let c):
            let mass = density * PhysicsSettings.pi * c.radius * c.radius
            return MassData(mass: mass, center: c.position, inertia: mass * (0.5 * c.radius * c.radius + dot(c.position, c.position)))
        }
    }

    /// `ComputeAABB` at a transform.
    public func computeAABB(_ xf: Transform) -> AABB {
        switch self {
        case .polygon(let p):
            return p.computeAABB(xf)
        case .edge(let e):
            let a = xf.apply(e.v1), b = xf.apply(e.v2)
            let r = Vec2(e.radius, e.radius)
            return AABB(lower: Vec2(min(a.x, b.x), min(a.y, b.y)) - r, upper: Vec2(max(a.x, b.x), max(a.y, b.y)) + r)
        case .circle(let c):
            let p = xf.apply(c.position)
            let r = Vec2(c.radius, c.radius)
            return AABB(lower: p - r, upper: p + r)
        }
    }

    /// The core points (polygon vertices, segment ends or circle centre) in world coordinates.
    func worldCore(_ xf: Transform, into out: inout [SIMD2<Double>]) {
        out.removeAll(keepingCapacity: true)
        func add(_ v: Vec2) { let w = xf.apply(v); out.append(SIMD2(Double(w.x), Double(w.y))) }
        switch self {
        case .polygon(let p): for v in p.vertices { add(v) }
        case .edge(let e): add(e.v1); add(e.v2)
        case .circle(let c): add(c.position)
        }
    }
}
