// Contact manifolds: Box2D/Collision/b2Collision.h and b2Collision.cpp (b2ContactFeature, b2Manifold,
// b2WorldManifold::Initialize, b2ClipSegmentToLine) from pybox2d's bundled Box2D 2.3.

/// Which features (vertex or face) of the two shapes make a contact point (`b2ContactFeature`).
public struct ContactFeature: Hashable, Sendable {
    public static let vertex: UInt8 = 0
    public static let face: UInt8 = 1
    public var indexA: UInt8 = 0
    public var indexB: UInt8 = 0
    public var typeA: UInt8 = 0
    public var typeB: UInt8 = 0
    public init() {}
    /// `b2ContactID::key`: the four bytes read as one little-endian word.
    @inline(__always) public var key: UInt32 {
        UInt32(indexA) | UInt32(indexB) << 8 | UInt32(typeA) << 16 | UInt32(typeB) << 24
    }
    /// The same contact seen from the other shape.
    @inline(__always) var flipped: ContactFeature {
        var f = ContactFeature()
        f.indexA = indexB; f.indexB = indexA; f.typeA = typeB; f.typeB = typeA
        return f
    }
}

/// One contact point of a manifold (`b2ManifoldPoint`) with its accumulated impulses.
public struct ManifoldPoint: Sendable {
    public var localPoint = Vec2.zero
    public var normalImpulse: Float = 0
    public var tangentImpulse: Float = 0
    public var id = ContactFeature()
    public init() {}
}

/// How a manifold's normal and points are expressed (`b2Manifold::Type`).
public enum ManifoldType: Sendable { case circles, faceA, faceB }

/// Up to two contact points in local coordinates (`b2Manifold`).
public struct Manifold: Sendable {
    public var points = (ManifoldPoint(), ManifoldPoint())
    public var localNormal = Vec2.zero
    public var localPoint = Vec2.zero
    public var type = ManifoldType.circles
    public var pointCount = 0
    public init() {}

    @inline(__always) public subscript(i: Int) -> ManifoldPoint {
        get { i == 0 ? points.0 : points.1 }
        set { if i == 0 { points.0 = newValue } else { points.1 = newValue } }
    }
}

/// A manifold in world coordinates (`b2WorldManifold::Initialize`).
public struct WorldManifold: Sendable {
    public var normal = Vec2.zero
    public var points = (Vec2.zero, Vec2.zero)
    public var separations: (Float, Float) = (0, 0)

    public init(_ m: Manifold, _ xfA: Transform, _ radiusA: Float, _ xfB: Transform, _ radiusB: Float) {
        if m.pointCount == 0 { return }
        switch m.type {
        case .circles:
            normal = Vec2(Float(1), Float(0))
            let pointA = xfA.apply(m.localPoint)
            let pointB = xfB.apply(m.points.0.localPoint)
            let d = pointB - pointA
            if dot(d, d) > Float.ulpOfOne * Float.ulpOfOne {
                normal = pointB - pointA
                normal.normalize()
            }
            let cA = pointA + radiusA * normal
            let cB = pointB - radiusB * normal
            points.0 = 0.5 * (cA + cB)
            separations.0 = dot(cB - cA, normal)
        case .faceA:
            normal = xfA.q.apply(m.localNormal)
            let planePoint = xfA.apply(m.localPoint)
            for i in 0..<m.pointCount {
                let clipPoint = xfB.apply(m[i].localPoint)
                let cA = clipPoint + (radiusA - dot(clipPoint - planePoint, normal)) * normal
                let cB = clipPoint - radiusB * normal
                set(i, 0.5 * (cA + cB), dot(cB - cA, normal))
            }
        case .faceB:
            normal = xfB.q.apply(m.localNormal)
            let planePoint = xfB.apply(m.localPoint)
            for i in 0..<m.pointCount {
                let clipPoint = xfA.apply(m[i].localPoint)
                let cB = clipPoint + (radiusB - dot(clipPoint - planePoint, normal)) * normal
                let cA = clipPoint - radiusA * normal
                set(i, 0.5 * (cA + cB), dot(cA - cB, normal))
            }
            normal = -normal
        }
    }

    private mutating func set(_ i: Int, _ p: Vec2, _ s: Float) {
        if i == 0 { points.0 = p; separations.0 = s } else { points.1 = p; separations.1 = s }
    }
}

/// A clipped vertex with its feature id (`b2ClipVertex`).
struct ClipVertex {
    var v = Vec2.zero
    var id = ContactFeature()
}

/// `b2ClipSegmentToLine`: keeps the part of a segment behind a plane; returns how many points remain.
func clipSegmentToLine(_ vOut: inout (ClipVertex, ClipVertex), _ vIn: (ClipVertex, ClipVertex),
                       normal: Vec2, offset: Float, vertexIndexA: Int) -> Int {
    var numOut = 0
    let distance0 = dot(normal, vIn.0.v) - offset
    let distance1 = dot(normal, vIn.1.v) - offset
    func put(_ c: ClipVertex) {
        if numOut == 0 { vOut.0 = c } else { vOut.1 = c }
        numOut += 1
    }
    if distance0 <= 0 { put(vIn.0) }
    if distance1 <= 0 { put(vIn.1) }
    if distance0 * distance1 < 0 {
        let interp = distance0 / (distance0 - distance1)
        var c = ClipVertex()
        c.v = vIn.0.v + interp * (vIn.1.v - vIn.0.v)
        c.id.indexA = UInt8(truncatingIfNeeded: vertexIndexA)
        c.id.indexB = vIn.0.id.indexB
        c.id.typeA = ContactFeature.vertex
        c.id.typeB = ContactFeature.face
        put(c)
    }
    return numOut
}

extension Transform {
    /// `b2MulT(A, B)`: B expressed in A's frame.
    @inline(__always) func inverseTimes(_ b: Transform) -> Transform {
        let q = Rot(s: self.q.c * b.q.s - self.q.s * b.q.c, c: self.q.c * b.q.c + self.q.s * b.q.s)
        return Transform(p: self.q.applyInverse(b.p - p), q: q)
    }
}
