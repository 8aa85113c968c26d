// Time of impact by conservative advancement: Box2D/Collision/b2TimeOfImpact.cpp
// (b2SeparationFunction, b2TimeOfImpact) and b2Sweep (Box2D/Common/b2Math.h), Box2D 2.3.

/// A body's motion over a step: centre and angle at the start (`c0`, `a0`, time `alpha0`) and end.
struct Sweep {
    var localCenter: Vec2
    var c0: Vec2, c: Vec2
    var a0: Float, a: Float
    var alpha0: Float

    /// `b2Sweep::GetTransform`.
    @inline(__always) func transform(_ beta: Float) -> Transform {
        var p = (1 - beta) * c0 + beta * c
        let angle = (1 - beta) * a0 + beta * a
        let q = Rot(angle: angle)
        p -= q.apply(localCenter)
        return Transform(p: p, q: q)
    }

    /// `b2Sweep::Normalize`.
    mutating func normalize() {
        let twoPi: Float = 2 * PhysicsSettings.pi
        let d = twoPi * (a0 / twoPi).rounded(.down)
        a0 -= d
        a -= d
    }
}

enum TOIState { case unknown, failed, overlapped, touching, separated }

private struct SeparationFunction {
    enum Kind { case points, faceA, faceB }
    let proxyA: DistanceProxy, proxyB: DistanceProxy
    let sweepA: Sweep, sweepB: Sweep
    var type = Kind.points
    var localPoint = Vec2.zero
    var axis = Vec2.zero

    init(_ cache: SimplexCache, _ proxyA: DistanceProxy, _ sweepA: Sweep, _ proxyB: DistanceProxy, _ sweepB: Sweep, _ t1: Float) {
        self.proxyA = proxyA; self.proxyB = proxyB; self.sweepA = sweepA; self.sweepB = sweepB
        let xfA = sweepA.transform(t1), xfB = sweepB.transform(t1)
        if cache.count == 1 {
            type = .points
            let pointA = xfA.apply(proxyA.vertices[cache.indexA.0])
            let pointB = xfB.apply(proxyB.vertices[cache.indexB.0])
            axis = pointB - pointA
            axis.normalize()
        } else if cache.indexA.0 == cache.indexA.1 {
            type = .faceB
            let b1 = proxyB.vertices[cache.indexB.0], b2 = proxyB.vertices[cache.indexB.1]
            axis = cross(b2 - b1, 1)
            axis.normalize()
            let normal = xfB.q.apply(axis)
            localPoint = 0.5 * (b1 + b2)
            let pointB = xfB.apply(localPoint)
            let pointA = xfA.apply(proxyA.vertices[cache.indexA.0])
            if dot(pointA - pointB, normal) < 0 { axis = -axis }
        } else {
            type = .faceA
            let a1 = proxyA.vertices[cache.indexA.0], a2 = proxyA.vertices[cache.indexA.1]
            axis = cross(a2 - a1, 1)
            axis.normalize()
            let normal = xfA.q.apply(axis)
            localPoint = 0.5 * (a1 + a2)
            let pointA = xfA.apply(localPoint)
            let pointB = xfB.apply(proxyB.vertices[cache.indexB.0])
            if dot(pointB - pointA, normal) < 0 { axis = -axis }
        }
    }

    func findMinSeparation(_ t: Float) -> (Int, Int, Float) {
        let xfA = sweepA.transform(t), xfB = sweepB.transform(t)
        switch type {
        case .points:
            let ia = proxyA.support(xfA.q.applyInverse(axis))
            let ib = proxyB.support(xfB.q.applyInverse(-axis))
            let pointA = xfA.apply(proxyA.vertices[ia]), pointB = xfB.apply(proxyB.vertices[ib])
            return (ia, ib, dot(pointB - pointA, axis))
        case .faceA:
            let normal = xfA.q.apply(axis)
            let pointA = xfA.apply(localPoint)
            let ib = proxyB.support(xfB.q.applyInverse(-normal))
            let pointB = xfB.apply(proxyB.vertices[ib])
            return (-1, ib, dot(pointB - pointA, normal))
        case .faceB:
            let normal = xfB.q.apply(axis)
            let pointB = xfB.apply(localPoint)
            let ia = proxyA.support(xfA.q.applyInverse(-normal))
            let pointA = xfA.apply(proxyA.vertices[ia])
            return (ia, -1, dot(pointA - pointB, normal))
        }
    }

    func evaluate(_ ia: Int, _ ib: Int, _ t: Float) -> Float {
        let xfA = sweepA.transform(t), xfB = sweepB.transform(t)
        switch type {
        case .points:
            let pointA = xfA.apply(proxyA.vertices[ia]), pointB = xfB.apply(proxyB.vertices[ib])
            return dot(pointB - pointA, axis)
        case .faceA:
            let normal = xfA.q.apply(axis)
            let pointA = xfA.apply(localPoint)
            let pointB = xfB.apply(proxyB.vertices[ib])
            return dot(pointB - pointA, normal)
        case .faceB:
            let normal = xfB.q.apply(axis)
            let pointB = xfB.apply(localPoint)
            let pointA = xfA.apply(proxyA.vertices[ia])
            return dot(pointA - pointB, normal)
        }
    }
}

/// `b2TimeOfImpact`: the first time in [0, tMax] at which the cores come within the target separation.
func timeOfImpact(_ proxyA: DistanceProxy, _ sweepA0: Sweep, _ proxyB: DistanceProxy, _ sweepB0: Sweep,
                  tMax: Float) -> (state: TOIState, t: Float) {
    var state = TOIState.unknown
    var tOut = tMax
    var sweepA = sweepA0, sweepB = sweepB0
    sweepA.normalize(); sweepB.normalize()
    let totalRadius = proxyA.radius + proxyB.radius
    let target = max(PhysicsSettings.linearSlop, totalRadius - 3 * PhysicsSettings.linearSlop)
    let tolerance: Float = 0.25 * PhysicsSettings.linearSlop
    var t1: Float = 0
    let kMaxIterations = 20
    var iter = 0
    var cache = SimplexCache()
    while true {
        let xfA = sweepA.transform(t1), xfB = sweepB.transform(t1)
        let out = gjkDistance(&cache, proxyA, xfA, proxyB, xfB)
        if out.distance <= 0 { state = .overlapped; tOut = 0; break }
        if out.distance < target + tolerance { state = .touching; tOut = t1; break }
        let fcn = SeparationFunction(cache, proxyA, sweepA, proxyB, sweepB, t1)
        var done = false
        var t2 = tMax
        var pushBackIter = 0
        while true {
            let sep = fcn.findMinSeparation(t2)
            let indexA = sep.0, indexB = sep.1
            var s2 = sep.2
            if s2 > target + tolerance { state = .separated; tOut = tMax; done = true; break }
            if s2 > target - tolerance { t1 = t2; break }
            var s1 = fcn.evaluate(indexA, indexB, t1)
            if s1 < target - tolerance { state = .failed; tOut = t1; done = true; break }
            if s1 <= target + tolerance { state = .touching; tOut = t1; done = true; break }
            var rootIterCount = 0
            var a1 = t1, a2 = t2
            while true {
                let t: Float
                if rootIterCount & 1 != 0 {
                    t = a1 + (target - s1) * (a2 - a1) / (s2 - s1)
                } else {
                    t = 0.5 * (a1 + a2)
                }
                rootIterCount += 1
                let s = fcn.evaluate(indexA, indexB, t)
                if abs(s - target) < tolerance { t2 = t; break }
                if s > target { a1 = t; s1 = s } else { a2 = t; s2 = s }
                if rootIterCount == 50 { break }
            }
            pushBackIter += 1
            if pushBackIter == PhysicsSettings.maxPolygonVertices { break }
        }
        iter += 1
        if done { break }
        if iter == kMaxIterations { state = .failed; tOut = t1; break }
    }
    return (state, tOut)
}
