// Shape overlap for sensor contacts. Box2D's b2TestOverlap (Box2D/Collision/b2Collision.cpp) runs GJK
// (b2Distance) with radii and reports overlap when the distance is below 10 * FLT_EPSILON. For convex
// cores (polygons, segments, circle centres) the GJK distance is the exact distance between the cores,
// computed here directly (in Double, from the Float world points) by separating axes plus point-edge
// distances; the shapes overlap when it is below the sum of their radii.

enum Overlap {
    /// True when the two convex cores are within `radius` (the sum of the skins, +10 eps) of each other.
    static func polygonsOverlap(_ a: [SIMD2<Double>], _ b: [SIMD2<Double>], radius: Double) -> Bool {
        distance(a, b) < radius + 10 * Double(Float.ulpOfOne)
    }

    /// Distance between two convex CCW point sets (polygons, segments or single points; 0 when they intersect).
    static func distance(_ a: [SIMD2<Double>], _ b: [SIMD2<Double>]) -> Double {
        if !separated(a, b) && !separated(b, a) { return 0 }
        var best = Double.infinity
        for p in a { best = min(best, pointPolygonDistance(p, b)) }
        for p in b { best = min(best, pointPolygonDistance(p, a)) }
        return best
    }

    /// Whether some edge normal of `a` separates `b` from `a`.
    static func separated(_ a: [SIMD2<Double>], _ b: [SIMD2<Double>]) -> Bool {
        let n = a.count
        for i in 0..<n {
            let p = a[i], q = a[i + 1 < n ? i + 1 : 0]
            let e = q - p
            let normal = SIMD2(e.y, -e.x)   // outward for CCW
            var minProj = Double.infinity
            for v in b { minProj = min(minProj, (v - p).x * normal.x + (v - p).y * normal.y) }
            if minProj > 0 { return true }
        }
        return false
    }

    static func pointPolygonDistance(_ p: SIMD2<Double>, _ poly: [SIMD2<Double>]) -> Double {
        var best = Double.infinity
        let n = poly.count
        for i in 0..<n {
            let a = poly[i], b = poly[i + 1 < n ? i + 1 : 0]
            let ab = b - a, ap = p - a
            let len2 = ab.x * ab.x + ab.y * ab.y
            var t = len2 > 0 ? (ap.x * ab.x + ap.y * ab.y) / len2 : 0
            t = max(0, min(1, t))
            let d = ap - t * ab
            best = min(best, (d.x * d.x + d.y * d.y).squareRoot())
        }
        return best
    }
}
