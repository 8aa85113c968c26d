// Edge manifolds: Box2D/Collision/b2CollideEdge.cpp (b2CollideEdgeAndCircle and b2EPCollider, which
// uses the ghost vertices v0/v3 of chains to keep polygons from catching on inner corners), Box2D 2.3.

extension Collide {
    /// `b2CollideEdgeAndCircle`.
    static func edgeAndCircle(_ m: inout Manifold, _ edgeA: EdgeShape, _ xfA: Transform,
                              _ circleB: CircleShape, _ xfB: Transform) {
        m.pointCount = 0
        let Q = xfA.applyInverse(xfB.apply(circleB.position))
        let A = edgeA.v1, B = edgeA.v2
        let e = B - A
        let u = dot(e, B - Q)
        let v = dot(e, Q - A)
        let radius = edgeA.radius + circleB.radius
        var cf = ContactFeature()
        cf.indexB = 0
        cf.typeB = ContactFeature.vertex
        var p = ManifoldPoint()
        p.localPoint = circleB.position
        if v <= 0 {
            let d = Q - A
            if dot(d, d) > radius * radius { return }
            if let A1 = edgeA.v0 {
                let e1 = A - A1
                if dot(e1, A - Q) > 0 { return }
            }
            cf.indexA = 0; cf.typeA = ContactFeature.vertex
            m.pointCount = 1; m.type = .circles; m.localNormal = .zero; m.localPoint = A
            p.id = cf; m[0] = p
            return
        }
        if u <= 0 {
            let d = Q - B
            if dot(d, d) > radius * radius { return }
            if let B2 = edgeA.v3 {
                let e2 = B2 - B
                if dot(e2, Q - B) > 0 { return }
            }
            cf.indexA = 1; cf.typeA = ContactFeature.vertex
            m.pointCount = 1; m.type = .circles; m.localNormal = .zero; m.localPoint = B
            p.id = cf; m[0] = p
            return
        }
        let den = dot(e, e)
        let P = (1 / den) * (u * A + v * B)
        let d = Q - P
        if dot(d, d) > radius * radius { return }
        var n = Vec2(-e.y, e.x)
        if dot(n, Q - A) < 0 { n = Vec2(-n.x, -n.y) }
        n.normalize()
        cf.indexA = 0; cf.typeA = ContactFeature.face
        m.pointCount = 1; m.type = .faceA; m.localNormal = n; m.localPoint = A
        p.id = cf; m[0] = p
    }

    private struct EPAxis {
        enum Kind { case unknown, edgeA, edgeB }
        var type = Kind.unknown
        var index = 0
        var separation: Float = 0
    }

    /// `b2CollideEdgeAndPolygon` (`b2EPCollider::Collide`).
    static func edgeAndPolygon(_ m: inout Manifold, _ edgeA: EdgeShape, _ xfA: Transform,
                               _ polygonB: PolygonShape, _ xfB: Transform) {
        let xf = xfA.inverseTimes(xfB)
        let centroidB = xf.apply(polygonB.centroid)
        let v1 = edgeA.v1, v2 = edgeA.v2
        var edge1 = v2 - v1
        edge1.normalize()
        let normal1 = Vec2(edge1.y, -edge1.x)
        let offset1 = dot(normal1, centroidB - v1)
        var offset0: Float = 0, offset2: Float = 0
        var convex1 = false, convex2 = false
        var normal0 = Vec2.zero, normal2 = Vec2.zero
        if let v0 = edgeA.v0 {
            var edge0 = v1 - v0
            edge0.normalize()
            normal0 = Vec2(edge0.y, -edge0.x)
            convex1 = cross(edge0, edge1) >= 0
            offset0 = dot(normal0, centroidB - v0)
        }
        if let v3 = edgeA.v3 {
            var edge2 = v3 - v2
            edge2.normalize()
            normal2 = Vec2(edge2.y, -edge2.x)
            convex2 = cross(edge1, edge2) > 0
            offset2 = dot(normal2, centroidB - v2)
        }
        let front: Bool
        var normal: Vec2, lowerLimit: Vec2, upperLimit: Vec2
        switch (edgeA.v0 != nil, edgeA.v3 != nil) {
        case (true, true):
            if convex1 && convex2 {
                front = offset0 >= 0 || offset1 >= 0 || offset2 >= 0
                if front { normal = normal1; lowerLimit = normal0; upperLimit = normal2 }
                else { normal = -normal1; lowerLimit = -normal1; upperLimit = -normal1 }
            } else if convex1 {
                front = offset0 >= 0 || (offset1 >= 0 && offset2 >= 0)
                if front { normal = normal1; lowerLimit = normal0; upperLimit = normal1 }
                else { normal = -normal1; lowerLimit = -normal2; upperLimit = -normal1 }
            } else if convex2 {
                front = offset2 >= 0 || (offset0 >= 0 && offset1 >= 0)
                if front { normal = normal1; lowerLimit = normal1; upperLimit = normal2 }
                else { normal = -normal1; lowerLimit = -normal1; upperLimit = -normal0 }
            } else {
                front = offset0 >= 0 && offset1 >= 0 && offset2 >= 0
                if front { normal = normal1; lowerLimit = normal1; upperLimit = normal1 }
                else { normal = -normal1; lowerLimit = -normal2; upperLimit = -normal0 }
            }
        case (true, false):
            if convex1 {
                front = offset0 >= 0 || offset1 >= 0
                if front { normal = normal1; lowerLimit = normal0; upperLimit = -normal1 }
                else { normal = -normal1; lowerLimit = normal1; upperLimit = -normal1 }
            } else {
                front = offset0 >= 0 && offset1 >= 0
                if front { normal = normal1; lowerLimit = normal1; upperLimit = -normal1 }
                else { normal = -normal1; lowerLimit = normal1; upperLimit = -normal0 }
            }
        case (false, true):
            if convex2 {
                front = offset1 >= 0 || offset2 >= 0
                if front { normal = normal1; lowerLimit = -normal1; upperLimit = normal2 }
                else { normal = -normal1; lowerLimit = -normal1; upperLimit = normal1 }
            } else {
                front = offset1 >= 0 && offset2 >= 0
                if front { normal = normal1; lowerLimit = -normal1; upperLimit = normal1 }
                else { normal = -normal1; lowerLimit = -normal2; upperLimit = normal1 }
            }
        case (false, false):
            front = offset1 >= 0
            if front { normal = normal1; lowerLimit = -normal1; upperLimit = -normal1 }
            else { normal = -normal1; lowerLimit = normal1; upperLimit = normal1 }
        }
        // polygon B in frame A
        let count = polygonB.vertices.count
        // b2EPCollider's m_polygonB (a b2TempPolygon) on the stack
        withUnsafeTemporaryAllocation(of: Vec2.self, capacity: 2 * count) { buf in
        let pv = UnsafeMutableBufferPointer(rebasing: buf[0..<count])
        let pn = UnsafeMutableBufferPointer(rebasing: buf[count..<(2 * count)])
        for i in 0..<count {
            pv[i] = xf.apply(polygonB.vertices[i])
            pn[i] = xf.q.apply(polygonB.normals[i])
        }
        let radius = 2 * PhysicsSettings.polygonRadius
        m.pointCount = 0

        // ComputeEdgeSeparation
        var edgeAxis = EPAxis(type: .edgeA, index: front ? 0 : 1, separation: Float.greatestFiniteMagnitude)
        for i in 0..<count {
            let s = dot(normal, pv[i] - v1)
            if s < edgeAxis.separation { edgeAxis.separation = s }
        }
        if edgeAxis.separation > radius { return }

        // ComputePolygonSeparation
        var polygonAxis = EPAxis(type: .unknown, index: -1, separation: -Float.greatestFiniteMagnitude)
        let perp = Vec2(-normal.y, normal.x)
        for i in 0..<count {
            let n = -pn[i]
            let s1 = dot(n, pv[i] - v1)
            let s2 = dot(n, pv[i] - v2)
            let s = min(s1, s2)
            if s > radius {
                polygonAxis = EPAxis(type: .edgeB, index: i, separation: s)
                break
            }
            if dot(n, perp) >= 0 {
                if dot(n - upperLimit, normal) < -PhysicsSettings.angularSlop { continue }
            } else {
                if dot(n - lowerLimit, normal) < -PhysicsSettings.angularSlop { continue }
            }
            if s > polygonAxis.separation { polygonAxis = EPAxis(type: .edgeB, index: i, separation: s) }
        }
        if polygonAxis.type != .unknown && polygonAxis.separation > radius { return }

        let kRelativeTol: Float = 0.98, kAbsoluteTol: Float = 0.001
        let primaryAxis: EPAxis
        if polygonAxis.type == .unknown {
            primaryAxis = edgeAxis
        } else if polygonAxis.separation > kRelativeTol * edgeAxis.separation + kAbsoluteTol {
            primaryAxis = polygonAxis
        } else {
            primaryAxis = edgeAxis
        }

        var ie = (ClipVertex(), ClipVertex())
        var rfI1: Int, rfI2: Int, rfV1: Vec2, rfV2: Vec2, rfNormal: Vec2
        if primaryAxis.type == .edgeA {
            m.type = .faceA
            var bestIndex = 0
            var bestValue = dot(normal, pn[0])
            for i in 1..<count {
                let value = dot(normal, pn[i])
                if value < bestValue { bestValue = value; bestIndex = i }
            }
            let i1 = bestIndex
            let i2 = i1 + 1 < count ? i1 + 1 : 0
            ie.0.v = pv[i1]
            ie.0.id.indexA = 0; ie.0.id.indexB = UInt8(i1)
            ie.0.id.typeA = ContactFeature.face; ie.0.id.typeB = ContactFeature.vertex
            ie.1.v = pv[i2]
            ie.1.id.indexA = 0; ie.1.id.indexB = UInt8(i2)
            ie.1.id.typeA = ContactFeature.face; ie.1.id.typeB = ContactFeature.vertex
            if front {
                rfI1 = 0; rfI2 = 1; rfV1 = v1; rfV2 = v2; rfNormal = normal1
            } else {
                rfI1 = 1; rfI2 = 0; rfV1 = v2; rfV2 = v1; rfNormal = -normal1
            }
        } else {
            m.type = .faceB
            ie.0.v = v1
            ie.0.id.indexA = 0; ie.0.id.indexB = UInt8(primaryAxis.index)
            ie.0.id.typeA = ContactFeature.vertex; ie.0.id.typeB = ContactFeature.face
            ie.1.v = v2
            ie.1.id.indexA = 0; ie.1.id.indexB = UInt8(primaryAxis.index)
            ie.1.id.typeA = ContactFeature.vertex; ie.1.id.typeB = ContactFeature.face
            rfI1 = primaryAxis.index
            rfI2 = rfI1 + 1 < count ? rfI1 + 1 : 0
            rfV1 = pv[rfI1]; rfV2 = pv[rfI2]; rfNormal = pn[rfI1]
        }
        let sideNormal1 = Vec2(rfNormal.y, -rfNormal.x)
        let sideNormal2 = -sideNormal1
        let sideOffset1 = dot(sideNormal1, rfV1)
        let sideOffset2 = dot(sideNormal2, rfV2)
        var clip1 = (ClipVertex(), ClipVertex()), clip2 = (ClipVertex(), ClipVertex())
        if clipSegmentToLine(&clip1, ie, normal: sideNormal1, offset: sideOffset1, vertexIndexA: rfI1) < 2 { return }
        if clipSegmentToLine(&clip2, clip1, normal: sideNormal2, offset: sideOffset2, vertexIndexA: rfI2) < 2 { return }
        if primaryAxis.type == .edgeA {
            m.localNormal = rfNormal
            m.localPoint = rfV1
        } else {
            m.localNormal = polygonB.normals[rfI1]
            m.localPoint = polygonB.vertices[rfI1]
        }
        var pointCount = 0
        for cv in [clip2.0, clip2.1] {
            let separation = dot(rfNormal, cv.v - rfV1)
            if separation <= radius {
                var cp = ManifoldPoint()
                if primaryAxis.type == .edgeA {
                    cp.localPoint = xf.applyInverse(cv.v)
                    cp.id = cv.id
                } else {
                    cp.localPoint = cv.v
                    cp.id = cv.id.flipped
                }
                m[pointCount] = cp
                pointCount += 1
            }
        }
        m.pointCount = pointCount
        }
    }
}
