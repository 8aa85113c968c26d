// Ray casts: Box2D/Collision/Shapes/b2EdgeShape.cpp, b2PolygonShape.cpp, b2CircleShape.cpp (RayCast)
// and b2World::RayCast with b2DynamicTree::RayCast's clipping protocol (Box2D 2.3).

/// Where a ray hits a shape: the fraction along p1→p2 and the surface normal.
public struct RayCastHit: Sendable {
    public var fraction: Float
    public var normal: Vec2
}

extension Shape {
    /// `b2Shape::RayCast` against the segment `p1`→`p2`, accepting hits up to `maxFraction`.
    public func rayCast(p1 p1w: Vec2, p2 p2w: Vec2, maxFraction: Float, transform xf: Transform) -> RayCastHit? {
        let p1 = xf.q.applyInverse(p1w - xf.p)
        let p2 = xf.q.applyInverse(p2w - xf.p)
        let d = p2 - p1
        switch self {
        case .edge(let e):
            let v1 = e.v1, v2 = e.v2
            let ev = v2 - v1
            var normal = Vec2(ev.y, -ev.x)
            normal.normalize()
            let numerator = dot(normal, v1 - p1)
            let denominator = dot(normal, d)
            if denominator == 0 { return nil }
            let t = numerator / denominator
            if t < 0 || maxFraction < t { return nil }
            let q = p1 + t * d
            let r = v2 - v1
            let rr = dot(r, r)
            if rr == 0 { return nil }
            let s = dot(q - v1, r) / rr
            if s < 0 || 1 < s { return nil }
            return RayCastHit(fraction: t, normal: numerator > 0 ? -normal : normal)
        case .polygon(let poly):
            var lower: Float = 0, upper = maxFraction
            var index = -1
            for i in 0..<poly.vertices.count {
                let numerator = dot(poly.normals[i], poly.vertices[i] - p1)
                let denominator = dot(poly.normals[i], d)
                if denominator == 0 {
                    if numerator < 0 { return nil }
                } else if denominator < 0 && numerator < lower * denominator {
                    lower = numerator / denominator
                    index = i
                } else if denominator > 0 && numerator < upper * denominator {
                    upper = numerator / denominator
                }
                if upper < lower { return nil }
            }
            return index >= 0 ? RayCastHit(fraction: lower, normal: xf.q.apply(poly.normals[index])) : nil
        case .circle(let c):
            let position = xf.p + xf.q.apply(c.position)
            let s = p1w - position
            let b = dot(s, s) - c.radius * c.radius
            let r = p2w - p1w
            let cc = dot(s, r)
            let rr = dot(r, r)
            let sigma = cc * cc - rr * b
            if sigma < 0 || rr < Float.ulpOfOne { return nil }
            var a = -(cc + sigma.squareRoot())
            if 0 <= a && a <= maxFraction * rr {
                a /= rr
                var n = s + a * r
                n.normalize()
                return RayCastHit(fraction: a, normal: n)
            }
            return nil
        }
    }
}

extension World {
    /// `b2World::RayCast`: reports fixtures the segment `p1`→`p2` hits. The callback gets the fixture,
    /// the point, the normal and the fraction, and returns -1 to ignore the fixture, 0 to stop, the
    /// fraction to clip the ray there (closest hit), or 1 to go on unclipped.
    public func rayCast(from p1: Vec2, to p2: Vec2,
                        _ callback: (_ fixture: Fixture, _ point: Vec2, _ normal: Vec2, _ fraction: Float) -> Float) {
        refreshSolidFixtures()
        var maxFraction: Float = 1
        var segBox = AABB(lower: Vec2(min(p1.x, p2.x), min(p1.y, p2.y)), upper: Vec2(max(p1.x, p2.x), max(p1.y, p2.y)))
        // returns false when the callback stops the cast
        @inline(__always) func visit(_ f: Fixture) -> Bool {
            guard let hit = f.shape.rayCast(p1: p1, p2: p2, maxFraction: maxFraction, transform: f.body.transform) else { return true }
            let fraction = hit.fraction
            let point = (1 - fraction) * p1 + fraction * p2
            let value = callback(f, point, hit.normal, fraction)
            if value == 0 { return false }
            if value > 0 {
                maxFraction = value
                let t = p1 + maxFraction * (p2 - p1)
                segBox = AABB(lower: Vec2(min(p1.x, t.x), min(p1.y, t.y)), upper: Vec2(max(p1.x, t.x), max(p1.y, t.y)))
            }
            return true
        }
        // the tree only visits proxies whose fat AABB the (clipped) segment crosses; local copies of the
        // arrays so that the callback cannot change them under the loop (no reference counting per fixture)
        // and whose fat AABB the segment's line crosses (b2DynamicTree::RayCast's separating axis,
        // |dot(v, p1 - c)| > dot(|v|, h) with v perpendicular to the segment): a shape inside a box the
        // line misses cannot be hit, so this only saves shape tests
        var r = p2 - p1
        r.normalize()
        let v = cross(Float(1), r), absV = Vec2(abs(v.x), abs(v.y))
        let fixtures = solidFixtures, boxes = solidBoxes
        let stopped = fixtures.withUnsafeBufferPointer { fs in
            boxes.withUnsafeBufferPointer { bs in
                var i = 0
                while i < bs.count {
                    let box = bs[i]
                    if segBox.overlaps(box) {
                        let c = 0.5 * (box.lower + box.upper), h = 0.5 * (box.upper - box.lower)
                        let separation = abs(dot(v, p1 - c)) - dot(absV, h)
                        if !(separation > 0) && !Unmanaged.passUnretained(fs[i])._withUnsafeGuaranteedRef({ visit($0) }) { return true }
                    }
                    i &+= 1
                }
                return false
            }
        }
        if stopped { return }
        if sensorFixtureCount > 0 {
            for b in bodies { for f in b.fixtures where f.proxyId < 0 && segBox.overlaps(f.aabb) { if !visit(f) { return } } }
        }
    }
}
