// GJK distance between convex shapes: Box2D/Collision/b2Distance.cpp (b2DistanceProxy, b2Simplex with
// Solve2/Solve3, b2Distance with its simplex cache), Box2D 2.3. Used by time of impact.

/// A shape reduced to its core vertices and skin radius (`b2DistanceProxy`).
struct DistanceProxy {
    var vertices: [Vec2]
    var radius: Float

    init(_ shape: Shape) {
        switch shape {
        case .circle(let c): vertices = [c.position]; radius = c.radius
        case .polygon(let p): vertices = p.vertices; radius = p.radius
        case .edge(let e): vertices = [e.v1, e.v2]; radius = e.radius
        }
    }

    @inline(__always) func support(_ d: Vec2) -> Int {
        var bestIndex = 0
        var bestValue = dot(vertices[0], d)
        var i = 1
        while i < vertices.count {
            let value = dot(vertices[i], d)
            if value > bestValue { bestIndex = i; bestValue = value }
            i += 1
        }
        return bestIndex
    }
}

/// Warm-start data for `distance` (`b2SimplexCache`).
struct SimplexCache {
    var metric: Float = 0
    var count = 0
    var indexA = (0, 0, 0)
    var indexB = (0, 0, 0)
}

struct SimplexVertex {
    var wA = Vec2.zero, wB = Vec2.zero, w = Vec2.zero
    var a: Float = 0
    var indexA = 0, indexB = 0
}

@inline(__always) func distanceBetween(_ a: Vec2, _ b: Vec2) -> Float { (a - b).length }

/// Three simplex vertices stored inline (no array allocation per distance query).
struct SimplexVertices {
    var v0 = SimplexVertex(), v1 = SimplexVertex(), v2 = SimplexVertex()
    @inline(__always) subscript(i: Int) -> SimplexVertex {
        get { i == 0 ? v0 : (i == 1 ? v1 : v2) }
        set { if i == 0 { v0 = newValue } else if i == 1 { v1 = newValue } else { v2 = newValue } }
    }
}

struct Simplex {
    var v = SimplexVertices()
    var count = 0

    mutating func readCache(_ cache: SimplexCache, _ proxyA: DistanceProxy, _ xfA: Transform,
                            _ proxyB: DistanceProxy, _ xfB: Transform) {
        count = cache.count
        for i in 0..<count {
            var sv = SimplexVertex()
            sv.indexA = i == 0 ? cache.indexA.0 : (i == 1 ? cache.indexA.1 : cache.indexA.2)
            sv.indexB = i == 0 ? cache.indexB.0 : (i == 1 ? cache.indexB.1 : cache.indexB.2)
            sv.wA = xfA.apply(proxyA.vertices[sv.indexA])
            sv.wB = xfB.apply(proxyB.vertices[sv.indexB])
            sv.w = sv.wB - sv.wA
            sv.a = 0
            v[i] = sv
        }
        if count > 1 {
            let metric1 = cache.metric
            let metric2 = metric
            if metric2 < 0.5 * metric1 || 2 * metric1 < metric2 || metric2 < Float.ulpOfOne { count = 0 }
        }
        if count == 0 {
            var sv = SimplexVertex()
            sv.wA = xfA.apply(proxyA.vertices[0])
            sv.wB = xfB.apply(proxyB.vertices[0])
            sv.w = sv.wB - sv.wA
            sv.a = 1
            v[0] = sv
            count = 1
        }
    }

    func writeCache(_ cache: inout SimplexCache) {
        cache.metric = metric
        cache.count = count
        cache.indexA = (v[0].indexA, count > 1 ? v[1].indexA : 0, count > 2 ? v[2].indexA : 0)
        cache.indexB = (v[0].indexB, count > 1 ? v[1].indexB : 0, count > 2 ? v[2].indexB : 0)
    }

    var searchDirection: Vec2 {
        if count == 1 { return -v[0].w }
        let e12 = v[1].w - v[0].w
        let sgn = cross(e12, -v[0].w)
        return sgn > 0 ? cross(1, e12) : cross(e12, 1)
    }

    var closestPoint: Vec2 {
        switch count {
        case 1: return v[0].w
        case 2: return v[0].a * v[0].w + v[1].a * v[1].w
        default: return .zero
        }
    }

    func witnessPoints() -> (Vec2, Vec2) {
        switch count {
        case 1: return (v[0].wA, v[0].wB)
        case 2: return (v[0].a * v[0].wA + v[1].a * v[1].wA, v[0].a * v[0].wB + v[1].a * v[1].wB)
        default:
            let p = v[0].a * v[0].wA + v[1].a * v[1].wA + v[2].a * v[2].wA
            return (p, p)
        }
    }

    var metric: Float {
        switch count {
        case 2: return distanceBetween(v[0].w, v[1].w)
        case 3: return cross(v[1].w - v[0].w, v[2].w - v[0].w)
        default: return 0
        }
    }

    mutating func solve2() {
        let w1 = v[0].w, w2 = v[1].w
        let e12 = w2 - w1
        let d12_2 = -dot(w1, e12)
        if d12_2 <= 0 { v[0].a = 1; count = 1; return }
        let d12_1 = dot(w2, e12)
        if d12_1 <= 0 { v[1].a = 1; count = 1; v[0] = v[1]; return }
        let inv = 1 / (d12_1 + d12_2)
        v[0].a = d12_1 * inv
        v[1].a = d12_2 * inv
        count = 2
    }

    mutating func solve3() {
        let w1 = v[0].w, w2 = v[1].w, w3 = v[2].w
        let e12 = w2 - w1
        let d12_1 = dot(w2, e12), d12_2 = -dot(w1, e12)
        let e13 = w3 - w1
        let d13_1 = dot(w3, e13), d13_2 = -dot(w1, e13)
        let e23 = w3 - w2
        let d23_1 = dot(w3, e23), d23_2 = -dot(w2, e23)
        let n123 = cross(e12, e13)
        let d123_1 = n123 * cross(w2, w3)
        let d123_2 = n123 * cross(w3, w1)
        let d123_3 = n123 * cross(w1, w2)
        if d12_2 <= 0 && d13_2 <= 0 { v[0].a = 1; count = 1; return }
        if d12_1 > 0 && d12_2 > 0 && d123_3 <= 0 {
            let inv = 1 / (d12_1 + d12_2)
            v[0].a = d12_1 * inv; v[1].a = d12_2 * inv; count = 2; return
        }
        if d13_1 > 0 && d13_2 > 0 && d123_2 <= 0 {
            let inv = 1 / (d13_1 + d13_2)
            v[0].a = d13_1 * inv; v[2].a = d13_2 * inv; count = 2; v[1] = v[2]; return
        }
        if d12_1 <= 0 && d23_2 <= 0 { v[1].a = 1; count = 1; v[0] = v[1]; return }
        if d13_1 <= 0 && d23_1 <= 0 { v[2].a = 1; count = 1; v[0] = v[2]; return }
        if d23_1 > 0 && d23_2 > 0 && d123_1 <= 0 {
            let inv = 1 / (d23_1 + d23_2)
            v[1].a = d23_1 * inv; v[2].a = d23_2 * inv; count = 2; v[0] = v[2]; return
        }
        let inv = 1 / (d123_1 + d123_2 + d123_3)
        v[0].a = d123_1 * inv; v[1].a = d123_2 * inv; v[2].a = d123_3 * inv
        count = 3
    }
}

/// `b2Distance` without radii (`useRadii = false`, as time of impact calls it): the closest points of
/// the two cores and their distance.
func gjkDistance(_ cache: inout SimplexCache, _ proxyA: DistanceProxy, _ xfA: Transform,
                 _ proxyB: DistanceProxy, _ xfB: Transform) -> (pointA: Vec2, pointB: Vec2, distance: Float) {
    var simplex = Simplex()
    simplex.readCache(cache, proxyA, xfA, proxyB, xfB)
    let kMaxIters = 20
    var saveA = SIMD3<Int32>(0, 0, 0), saveB = SIMD3<Int32>(0, 0, 0)
    var iter = 0
    while iter < kMaxIters {
        let saveCount = simplex.count
        for i in 0..<saveCount { saveA[i] = Int32(simplex.v[i].indexA); saveB[i] = Int32(simplex.v[i].indexB) }
        switch simplex.count {
        case 2: simplex.solve2()
        case 3: simplex.solve3()
        default: break
        }
        if simplex.count == 3 { break }
        let d = simplex.searchDirection
        if d.lengthSquared < Float.ulpOfOne * Float.ulpOfOne { break }
        var vertex = SimplexVertex()
        vertex.indexA = proxyA.support(xfA.q.applyInverse(-d))
        vertex.wA = xfA.apply(proxyA.vertices[vertex.indexA])
        vertex.indexB = proxyB.support(xfB.q.applyInverse(d))
        vertex.wB = xfB.apply(proxyB.vertices[vertex.indexB])
        vertex.w = vertex.wB - vertex.wA
        simplex.v[simplex.count] = vertex
        iter += 1
        var duplicate = false
        for i in 0..<saveCount where Int32(vertex.indexA) == saveA[i] && Int32(vertex.indexB) == saveB[i] {
            duplicate = true
            break
        }
        if duplicate { break }
        simplex.count += 1
    }
    let (pA, pB) = simplex.witnessPoints()
    simplex.writeCache(&cache)
    return (pA, pB, distanceBetween(pA, pB))
}
