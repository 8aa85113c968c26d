// Polygon-polygon manifolds: Box2D/Collision/b2CollidePolygon.cpp (b2FindMaxSeparation with the
// hill-climbing edge search of 2.3.0, b2FindIncidentEdge, b2CollidePolygons), pybox2d's Box2D 2.3.

enum Collide {
    private static func edgeSeparation(_ poly1: PolygonShape, _ xf1: Transform, _ edge1: Int,
                                       _ poly2: PolygonShape, _ xf2: Transform) -> Float {
        let normal1World = xf1.q.apply(poly1.normals[edge1])
        let normal1 = xf2.q.applyInverse(normal1World)
        var index = 0
        var minDot = Float.greatestFiniteMagnitude
        for (i, v) in poly2.vertices.enumerated() {
            let d = dot(v, normal1)
            if d < minDot { minDot = d; index = i }
        }
        let v1 = xf1.apply(poly1.vertices[edge1])
        let v2 = xf2.apply(poly2.vertices[index])
        return dot(v2 - v1, normal1World)
    }

    private static func findMaxSeparation(_ poly1: PolygonShape, _ xf1: Transform,
                                          _ poly2: PolygonShape, _ xf2: Transform) -> (Int, Float) {
        let count1 = poly1.vertices.count
        let d = xf2.apply(poly2.centroid) - xf1.apply(poly1.centroid)
        let dLocal1 = xf1.q.applyInverse(d)
        var edge = 0
        var maxDot = -Float.greatestFiniteMagnitude
        for i in 0..<count1 {
            let v = dot(poly1.normals[i], dLocal1)
            if v > maxDot { maxDot = v; edge = i }
        }
        var s = edgeSeparation(poly1, xf1, edge, poly2, xf2)
        let prevEdge = edge - 1 >= 0 ? edge - 1 : count1 - 1
        let sPrev = edgeSeparation(poly1, xf1, prevEdge, poly2, xf2)
        let nextEdge = edge + 1 < count1 ? edge + 1 : 0
        let sNext = edgeSeparation(poly1, xf1, nextEdge, poly2, xf2)
        var bestEdge: Int, bestSeparation: Float, increment: Int
        if sPrev > s && sPrev > sNext {
            increment = -1; bestEdge = prevEdge; bestSeparation = sPrev
        } else if sNext > s {
            increment = 1; bestEdge = nextEdge; bestSeparation = sNext
        } else {
            return (edge, s)
        }
        while true {
            if increment == -1 {
                edge = bestEdge - 1 >= 0 ? bestEdge - 1 : count1 - 1
            } else {
                edge = bestEdge + 1 < count1 ? bestEdge + 1 : 0
            }
            s = edgeSeparation(poly1, xf1, edge, poly2, xf2)
            if s > bestSeparation { bestEdge = edge; bestSeparation = s } else { break }
        }
        return (bestEdge, bestSeparation)
    }

    private static func findIncidentEdge(_ poly1: PolygonShape, _ xf1: Transform, _ edge1: Int,
                                         _ poly2: PolygonShape, _ xf2: Transform) -> (ClipVertex, ClipVertex) {
        let normal1 = xf2.q.applyInverse(xf1.q.apply(poly1.normals[edge1]))
        var index = 0
        var minDot = Float.greatestFiniteMagnitude
        for (i, n) in poly2.normals.enumerated() {
            let d = dot(normal1, n)
            if d < minDot { minDot = d; index = i }
        }
        let i1 = index
        let i2 = i1 + 1 < poly2.vertices.count ? i1 + 1 : 0
        var c0 = ClipVertex(), c1 = ClipVertex()
        c0.v = xf2.apply(poly2.vertices[i1])
        c0.id.indexA = UInt8(edge1); c0.id.indexB = UInt8(i1)
        c0.id.typeA = ContactFeature.face; c0.id.typeB = ContactFeature.vertex
        c1.v = xf2.apply(poly2.vertices[i2])
        c1.id.indexA = UInt8(edge1); c1.id.indexB = UInt8(i2)
        c1.id.typeA = ContactFeature.face; c1.id.typeB = ContactFeature.vertex
        return (c0, c1)
    }

    /// `b2CollidePolygons`.
    static func polygons(_ m: inout Manifold, _ polyA: PolygonShape, _ xfA: Transform,
                         _ polyB: PolygonShape, _ xfB: Transform) {
        m.pointCount = 0
        let totalRadius = polyA.radius + polyB.radius
        let (edgeA, separationA) = findMaxSeparation(polyA, xfA, polyB, xfB)
        if separationA > totalRadius { return }
        let (edgeB, separationB) = findMaxSeparation(polyB, xfB, polyA, xfA)
        if separationB > totalRadius { return }
        let poly1: PolygonShape, poly2: PolygonShape
        let xf1: Transform, xf2: Transform
        let edge1: Int
        let flip: Bool
        let kRelativeTol: Float = 0.98, kAbsoluteTol: Float = 0.001
        if separationB > kRelativeTol * separationA + kAbsoluteTol {
            poly1 = polyB; poly2 = polyA; xf1 = xfB; xf2 = xfA; edge1 = edgeB
            m.type = .faceB; flip = true
        } else {
            poly1 = polyA; poly2 = polyB; xf1 = xfA; xf2 = xfB; edge1 = edgeA
            m.type = .faceA; flip = false
        }
        let incidentEdge = findIncidentEdge(poly1, xf1, edge1, poly2, xf2)
        let count1 = poly1.vertices.count
        let iv1 = edge1
        let iv2 = edge1 + 1 < count1 ? edge1 + 1 : 0
        var v11 = poly1.vertices[iv1]
        var v12 = poly1.vertices[iv2]
        var localTangent = v12 - v11
        localTangent.normalize()
        let localNormal = cross(localTangent, 1)
        let planePoint = 0.5 * (v11 + v12)
        let tangent = xf1.q.apply(localTangent)
        let normal = cross(tangent, 1)
        v11 = xf1.apply(v11)
        v12 = xf1.apply(v12)
        let frontOffset = dot(normal, v11)
        let sideOffset1 = -dot(tangent, v11) + totalRadius
        let sideOffset2 = dot(tangent, v12) + totalRadius
        var clip1 = (ClipVertex(), ClipVertex()), clip2 = (ClipVertex(), ClipVertex())
        if clipSegmentToLine(&clip1, incidentEdge, normal: -tangent, offset: sideOffset1, vertexIndexA: iv1) < 2 { return }
        if clipSegmentToLine(&clip2, clip1, normal: tangent, offset: sideOffset2, vertexIndexA: iv2) < 2 { return }
        m.localNormal = localNormal
        m.localPoint = planePoint
        var pointCount = 0
        for cv in [clip2.0, clip2.1] {
            let separation = dot(normal, cv.v) - frontOffset
            if separation <= totalRadius {
                var cp = ManifoldPoint()
                cp.localPoint = xf2.applyInverse(cv.v)
                cp.id = flip ? cv.id.flipped : cv.id
                m[pointCount] = cp
                pointCount += 1
            }
        }
        m.pointCount = pointCount
    }

    /// `b2CollideCircles`.
    static func circles(_ m: inout Manifold, _ a: CircleShape, _ xfA: Transform, _ b: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let pA = xfA.apply(a.position), pB = xfB.apply(b.position)
        let d = pB - pA
        let distSqr = dot(d, d)
        let radius = a.radius + b.radius
        if distSqr > radius * radius { return }
        m.type = .circles
        m.localPoint = a.position
        m.localNormal = .zero
        m.pointCount = 1
        var p = ManifoldPoint()
        p.localPoint = b.position
        m[0] = p
    }

    /// `b2CollidePolygonAndCircle`.
    static func polygonAndCircle(_ m: inout Manifold, _ polygonA: PolygonShape, _ xfA: Transform,
                                 _ circleB: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let c = xfB.apply(circleB.position)
        let cLocal = xfA.applyInverse(c)
        var normalIndex = 0
        var separation = -Float.greatestFiniteMagnitude
        let radius = polygonA.radius + circleB.radius
        let vertices = polygonA.vertices, normals = polygonA.normals
        let vertexCount = vertices.count
        for i in 0..<vertexCount {
            let s = dot(normals[i], cLocal - vertices[i])
            if s > radius { return }
            if s > separation { separation = s; normalIndex = i }
        }
        let vertIndex1 = normalIndex
        let vertIndex2 = vertIndex1 + 1 < vertexCount ? vertIndex1 + 1 : 0
        let v1 = vertices[vertIndex1], v2 = vertices[vertIndex2]
        var p = ManifoldPoint()
        p.localPoint = circleB.position
        if separation < Float.ulpOfOne {
            m.pointCount = 1; m.type = .faceA
            m.localNormal = normals[normalIndex]
            m.localPoint = 0.5 * (v1 + v2)
            m[0] = p
            return
        }
        let u1 = dot(cLocal - v1, v2 - v1)
        let u2 = dot(cLocal - v2, v1 - v2)
        if u1 <= 0 {
            let d = cLocal - v1
            if dot(d, d) > radius * radius { return }
            m.pointCount = 1; m.type = .faceA
            m.localNormal = cLocal - v1
            m.localNormal.normalize()
            m.localPoint = v1
            m[0] = p
        } else if u2 <= 0 {
            let d = cLocal - v2
            if dot(d, d) > radius * radius { return }
            m.pointCount = 1; m.type = .faceA
            m.localNormal = cLocal - v2
            m.localNormal.normalize()
            m.localPoint = v2
            m[0] = p
        } else {
            let faceCenter = 0.5 * (v1 + v2)
            let s = dot(cLocal - faceCenter, normals[vertIndex1])
            if s > radius { return }
            m.pointCount = 1; m.type = .faceA
            m.localNormal = normals[vertIndex1]
            m.localPoint = faceCenter
            m[0] = p
        }
    }
}
