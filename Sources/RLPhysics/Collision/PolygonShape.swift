// Convex polygons: Box2D/Collision/Shapes/b2PolygonShape.cpp (Set = gift-wrapping hull, ComputeCentroid,
// ComputeMass, ComputeAABB), pybox2d's bundled Box2D 2.3.

/// Mass properties of a shape (`b2MassData`): mass, centroid and rotational inertia about the body origin.
public struct MassData: Hashable, Sendable {
    public var mass: Float
    public var center: Vec2
    public var inertia: Float
}

/// A convex polygon with counter-clockwise vertices and outward normals (`b2PolygonShape`).
public struct PolygonShape: Hashable, Sendable {
    public private(set) var vertices: [Vec2]
    public private(set) var normals: [Vec2]
    public private(set) var centroid: Vec2
    /// The collision skin (`b2_polygonRadius`).
    public var radius: Float = PhysicsSettings.polygonRadius

    /// Builds the convex hull of `points` like `b2PolygonShape::Set` (3...16 points; fewer gives a 1x1 box,
    /// as Box2D does in release builds).
    public init(points: [Vec2]) {
        let hullVertices = PolygonShape.convexHull(points)
            ?? [Vec2(Float(-1), -1), Vec2(Float(1), -1), Vec2(Float(1), 1), Vec2(Float(-1), 1)]
        vertices = hullVertices
        let m = hullVertices.count
        normals = (0..<m).map { i in
            var e = cross(hullVertices[i + 1 < m ? i + 1 : 0] - hullVertices[i], 1)
            e.normalize()
            return e
        }
        centroid = PolygonShape.computeCentroid(hullVertices)
    }

    /// The gift-wrapping hull of `b2PolygonShape::Set`, starting at the right-most (then lowest) point.
    static func convexHull(_ points: [Vec2]) -> [Vec2]? {
        if points.count < 3 { return nil }
        let ps = Array(points.prefix(PhysicsSettings.maxPolygonVertices))
        let n = ps.count
        var i0 = 0
        var x0 = ps[0].x
        for i in 1..<n {
            let x = ps[i].x
            if x > x0 || (x == x0 && ps[i].y < ps[i0].y) { i0 = i; x0 = x }
        }
        var hull: [Int] = []
        var ih = i0
        while hull.count <= n {
            hull.append(ih)
            var ie = 0
            for j in 1..<n {
                if ie == ih { ie = j; continue }
                let r = ps[ie] - ps[hull[hull.count - 1]]
                let v = ps[j] - ps[hull[hull.count - 1]]
                let c = cross(r, v)
                if c < 0 { ie = j }
                if c == 0 && v.lengthSquared > r.lengthSquared { ie = j }
            }
            ih = ie
            if ie == i0 { break }
        }
        return hull.count < 3 ? nil : hull.map { ps[$0] }
    }

    /// An axis-aligned box centred on the origin (`SetAsBox(hx, hy)`).
    public init(boxHalfWidth hx: Float, halfHeight hy: Float) {
        vertices = [Vec2(-hx, -hy), Vec2(hx, -hy), Vec2(hx, hy), Vec2(-hx, hy)]
        normals = [Vec2(Float(0), -1), Vec2(Float(1), 0), Vec2(Float(0), 1), Vec2(Float(-1), 0)]
        centroid = .zero
    }

    /// `ComputeCentroid` (b2PolygonShape.cpp).
    static func computeCentroid(_ vs: [Vec2]) -> Vec2 {
        var c = Vec2.zero
        var area: Float = 0
        let pRef = Vec2.zero
        let inv3: Float = 1.0 / 3.0
        for i in 0..<vs.count {
            let p1 = pRef, p2 = vs[i], p3 = i + 1 < vs.count ? vs[i + 1] : vs[0]
            let e1 = p2 - p1, e2 = p3 - p1
            let d = cross(e1, e2)
            let triangleArea = 0.5 * d
            area += triangleArea
            c += (triangleArea * inv3) * ((p1 + p2) + p3)
        }
        c *= 1 / area
        return c
    }

    /// `b2PolygonShape::ComputeMass` for the given density.
    public func computeMass(density: Float) -> MassData {
        var center = Vec2.zero
        var area: Float = 0
        var inertia: Float = 0
        var s = Vec2.zero
        for v in vertices { s += v }
        s *= 1 / Float(vertices.count)
        let kInv3: Float = 1.0 / 3.0
        let m = vertices.count
        for i in 0..<m {
            let e1 = vertices[i] - s
            let e2 = i + 1 < m ? vertices[i + 1] - s : vertices[0] - s
            let d = cross(e1, e2)
            let triangleArea = 0.5 * d
            area += triangleArea
            center += (triangleArea * kInv3) * (e1 + e2)
            let ex1 = e1.x, ey1 = e1.y, ex2 = e2.x, ey2 = e2.y
            let intx2 = ex1 * ex1 + ex2 * ex1 + ex2 * ex2
            let inty2 = ey1 * ey1 + ey2 * ey1 + ey2 * ey2
            inertia += (0.25 * kInv3 * d) * (intx2 + inty2)
        }
        let mass = density * area
        center *= 1 / area
        let c = center + s
        var i = density * inertia
        i += mass * (dot(c, c) - dot(center, center))
        return MassData(mass: mass, center: c, inertia: i)
    }

    /// `b2PolygonShape::ComputeAABB`: the transformed vertices' box grown by the radius.
    public func computeAABB(_ xf: Transform) -> AABB {
        var lower = xf.apply(vertices[0]), upper = lower
        for k in 1..<vertices.count {
            let v = xf.apply(vertices[k])
            lower = Vec2(min(lower.x, v.x), min(lower.y, v.y))
            upper = Vec2(max(upper.x, v.x), max(upper.y, v.y))
        }
        let r = Vec2(radius, radius)
        return AABB(lower: lower - r, upper: upper + r)
    }
}
