// The sequential-impulse contact solver: Box2D/Dynamics/Contacts/b2ContactSolver.cpp (velocity
// constraints with the 2-point block solver, warm starting, friction, restitution, and the position
// correction with Baumgarte / TOI Baumgarte), Box2D 2.3. Operations are in Box2D's order for float parity.

struct VelocityConstraintPoint {
    var rA = Vec2.zero, rB = Vec2.zero
    var normalImpulse: Float = 0, tangentImpulse: Float = 0
    var normalMass: Float = 0, tangentMass: Float = 0
    var velocityBias: Float = 0
}

struct ContactVelocityConstraint {
    var p0 = VelocityConstraintPoint(), p1 = VelocityConstraintPoint()
    var normal = Vec2.zero
    // normalMass and K as 2x2 (ex, ey columns)
    var nmEx = Vec2.zero, nmEy = Vec2.zero
    var kEx = Vec2.zero, kEy = Vec2.zero
    var indexA = 0, indexB = 0
    var invMassA: Float = 0, invMassB: Float = 0
    var invIA: Float = 0, invIB: Float = 0
    var friction: Float = 0, restitution: Float = 0, tangentSpeed: Float = 0
    var pointCount = 0
}

struct ContactPositionConstraint {
    var localPoints = (Vec2.zero, Vec2.zero)
    var localNormal = Vec2.zero, localPoint = Vec2.zero
    var indexA = 0, indexB = 0
    var invMassA: Float = 0, invMassB: Float = 0
    var localCenterA = Vec2.zero, localCenterB = Vec2.zero
    var invIA: Float = 0, invIB: Float = 0
    var type = ManifoldType.circles
    var radiusA: Float = 0, radiusB: Float = 0
    var pointCount = 0
}

@inline(__always) private func clampf(_ a: Float, _ low: Float, _ high: Float) -> Float {
    let m = a < high ? a : high
    return low > m ? low : m
}

struct ContactSolver {
    var contacts: [Contact]
    var vcs: [ContactVelocityConstraint] = []
    var pcs: [ContactPositionConstraint] = []

    /// An empty solver whose buffers `load` fills (the world keeps one and reuses its capacity).
    init() { contacts = [] }

    init(contacts: [Contact], dtRatio: Float, warmStarting: Bool) {
        self.init()
        load(contacts: contacts, dtRatio: dtRatio, warmStarting: warmStarting)
    }

    /// `b2ContactSolver`'s constructor on reused buffers.
    mutating func load(contacts: [Contact], dtRatio: Float, warmStarting: Bool) {
        self.contacts = contacts
        vcs.removeAll(keepingCapacity: true); pcs.removeAll(keepingCapacity: true)
        vcs.reserveCapacity(contacts.count); pcs.reserveCapacity(contacts.count)
        for c in contacts {
            let fA = c.fixtureA, fB = c.fixtureB
            let bA = fA.body, bB = fB.body
            let m = c.manifold
            var vc = ContactVelocityConstraint()
            vc.friction = c.friction; vc.restitution = c.restitution; vc.tangentSpeed = c.tangentSpeed
            vc.indexA = bA.islandIndex; vc.indexB = bB.islandIndex
            vc.invMassA = bA.invMass; vc.invMassB = bB.invMass
            vc.invIA = bA.invI; vc.invIB = bB.invI
            vc.pointCount = m.pointCount
            var pc = ContactPositionConstraint()
            pc.indexA = bA.islandIndex; pc.indexB = bB.islandIndex
            pc.invMassA = bA.invMass; pc.invMassB = bB.invMass
            pc.localCenterA = bA.localCenter; pc.localCenterB = bB.localCenter
            pc.invIA = bA.invI; pc.invIB = bB.invI
            pc.localNormal = m.localNormal; pc.localPoint = m.localPoint
            pc.pointCount = m.pointCount
            pc.radiusA = fA.radius; pc.radiusB = fB.radius
            pc.type = m.type
            for j in 0..<m.pointCount {
                let cp = m[j]
                var vcp = VelocityConstraintPoint()
                if warmStarting {
                    vcp.normalImpulse = dtRatio * cp.normalImpulse
                    vcp.tangentImpulse = dtRatio * cp.tangentImpulse
                }
                if j == 0 { vc.p0 = vcp; pc.localPoints.0 = cp.localPoint } else { vc.p1 = vcp; pc.localPoints.1 = cp.localPoint }
            }
            vcs.append(vc); pcs.append(pc)
        }
    }

    mutating func initializeVelocityConstraints(_ d: SolverData) {
        for i in 0..<vcs.count {
            var vc = vcs[i]
            let pc = pcs[i]
            let manifold = contacts[i].manifold
            let mA = vc.invMassA, mB = vc.invMassB, iA = vc.invIA, iB = vc.invIB
            let cA = d.c[vc.indexA], aA = d.a[vc.indexA], vA = d.v[vc.indexA], wA = d.w[vc.indexA]
            let cB = d.c[vc.indexB], aB = d.a[vc.indexB], vB = d.v[vc.indexB], wB = d.w[vc.indexB]
            let qA = Rot(angle: aA), qB = Rot(angle: aB)
            let xfA = Transform(p: cA - qA.apply(pc.localCenterA), q: qA)
            let xfB = Transform(p: cB - qB.apply(pc.localCenterB), q: qB)
            let wm = WorldManifold(manifold, xfA, pc.radiusA, xfB, pc.radiusB)
            vc.normal = wm.normal
            for j in 0..<vc.pointCount {
                var vcp = j == 0 ? vc.p0 : vc.p1
                let wp = j == 0 ? wm.points.0 : wm.points.1
                vcp.rA = wp - cA
                vcp.rB = wp - cB
                let rnA = cross(vcp.rA, vc.normal), rnB = cross(vcp.rB, vc.normal)
                let kNormal = mA + mB + iA * rnA * rnA + iB * rnB * rnB
                vcp.normalMass = kNormal > 0 ? 1 / kNormal : 0
                let tangent = cross(vc.normal, 1)
                let rtA = cross(vcp.rA, tangent), rtB = cross(vcp.rB, tangent)
                let kTangent = mA + mB + iA * rtA * rtA + iB * rtB * rtB
                vcp.tangentMass = kTangent > 0 ? 1 / kTangent : 0
                vcp.velocityBias = 0
                let vRel = dot(vc.normal, vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA))
                if vRel < -PhysicsSettings.velocityThreshold { vcp.velocityBias = -vc.restitution * vRel }
                if j == 0 { vc.p0 = vcp } else { vc.p1 = vcp }
            }
            if vc.pointCount == 2 {
                let rn1A = cross(vc.p0.rA, vc.normal), rn1B = cross(vc.p0.rB, vc.normal)
                let rn2A = cross(vc.p1.rA, vc.normal), rn2B = cross(vc.p1.rB, vc.normal)
                let k11 = mA + mB + iA * rn1A * rn1A + iB * rn1B * rn1B
                let k22 = mA + mB + iA * rn2A * rn2A + iB * rn2B * rn2B
                let k12 = mA + mB + iA * rn1A * rn2A + iB * rn1B * rn2B
                let kMaxConditionNumber: Float = 1000
                if k11 * k11 < kMaxConditionNumber * (k11 * k22 - k12 * k12) {
                    vc.kEx = Vec2(k11, k12); vc.kEy = Vec2(k12, k22)
                    let a = k11, b = k12, c = k12, dd = k22
                    var det = a * dd - b * c
                    if det != 0 { det = 1 / det }
                    vc.nmEx = Vec2(det * dd, -det * c)
                    vc.nmEy = Vec2(-det * b, det * a)
                } else {
                    vc.pointCount = 1
                }
            }
            vcs[i] = vc
        }
    }

    func warmStart(_ d: SolverData) {
        for vc in vcs {
            let mA = vc.invMassA, iA = vc.invIA, mB = vc.invMassB, iB = vc.invIB
            var vA = d.v[vc.indexA], wA = d.w[vc.indexA], vB = d.v[vc.indexB], wB = d.w[vc.indexB]
            let normal = vc.normal
            let tangent = cross(normal, 1)
            for j in 0..<vc.pointCount {
                let vcp = j == 0 ? vc.p0 : vc.p1
                let P = vcp.normalImpulse * normal + vcp.tangentImpulse * tangent
                wA -= iA * cross(vcp.rA, P)
                vA -= mA * P
                wB += iB * cross(vcp.rB, P)
                vB += mB * P
            }
            d.v[vc.indexA] = vA; d.w[vc.indexA] = wA
            d.v[vc.indexB] = vB; d.w[vc.indexB] = wB
        }
    }

    mutating func solveVelocityConstraints(_ d: SolverData) {
        vcs.withUnsafeMutableBufferPointer { buf in
            for i in 0..<buf.count { ContactSolver.solveVelocity(&buf[i], d) }
        }
    }

    /// One constraint of `SolveVelocityConstraints`, in place.
    @inline(__always)
    static func solveVelocity(_ vc: inout ContactVelocityConstraint, _ d: SolverData) {
        do {
            let mA = vc.invMassA, iA = vc.invIA, mB = vc.invMassB, iB = vc.invIB
            var vA = d.v[vc.indexA], wA = d.w[vc.indexA], vB = d.v[vc.indexB], wB = d.w[vc.indexB]
            let normal = vc.normal
            let tangent = cross(normal, 1)
            let friction = vc.friction
            // the friction of each point, written out per point (no copies of the point structs)
            let tangentSpeed = vc.tangentSpeed
            @inline(__always) func solveTangent(_ vcp: inout VelocityConstraintPoint) {
                let dv = vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA)
                let vt = dot(dv, tangent) - tangentSpeed
                var lambda = vcp.tangentMass * (-vt)
                let maxFriction = friction * vcp.normalImpulse
                let newImpulse = clampf(vcp.tangentImpulse + lambda, -maxFriction, maxFriction)
                lambda = newImpulse - vcp.tangentImpulse
                vcp.tangentImpulse = newImpulse
                let P = lambda * tangent
                vA -= mA * P
                wA -= iA * cross(vcp.rA, P)
                vB += mB * P
                wB += iB * cross(vcp.rB, P)
            }
            if vc.pointCount > 0 { solveTangent(&vc.p0) }
            if vc.pointCount > 1 { solveTangent(&vc.p1) }
            if vc.pointCount == 1 {
                let vcp = vc.p0
                let dv = vB + cross(wB, vcp.rB) - vA - cross(wA, vcp.rA)
                let vn = dot(dv, normal)
                var lambda = -vcp.normalMass * (vn - vcp.velocityBias)
                let sum = vcp.normalImpulse + lambda
                let newImpulse = sum > 0 ? sum : 0
                lambda = newImpulse - vcp.normalImpulse
                vc.p0.normalImpulse = newImpulse
                let P = lambda * normal
                vA -= mA * P
                wA -= iA * cross(vcp.rA, P)
                vB += mB * P
                wB += iB * cross(vcp.rB, P)
            } else {
                let cp1 = vc.p0, cp2 = vc.p1
                let a = Vec2(cp1.normalImpulse, cp2.normalImpulse)
                let dv1 = vB + cross(wB, cp1.rB) - vA - cross(wA, cp1.rA)
                let dv2 = vB + cross(wB, cp2.rB) - vA - cross(wA, cp2.rA)
                let vn1 = dot(dv1, normal), vn2 = dot(dv2, normal)
                var b = Vec2(vn1 - cp1.velocityBias, vn2 - cp2.velocityBias)
                b -= Vec2(vc.kEx.x * a.x + vc.kEy.x * a.y, vc.kEx.y * a.x + vc.kEy.y * a.y)
                var x = Vec2.zero
                var solved = false
                // case 1: both points active
                x = -Vec2(vc.nmEx.x * b.x + vc.nmEy.x * b.y, vc.nmEx.y * b.x + vc.nmEy.y * b.y)
                if x.x >= 0 && x.y >= 0 { solved = true }
                if !solved {
                    // case 2: point 1 only
                    x = Vec2(-cp1.normalMass * b.x, 0)
                    let vn2b = vc.kEx.y * x.x + b.y
                    if x.x >= 0 && vn2b >= 0 { solved = true }
                }
                if !solved {
                    // case 3: point 2 only
                    x = Vec2(0, -cp2.normalMass * b.y)
                    let vn1b = vc.kEy.x * x.y + b.x
                    if x.y >= 0 && vn1b >= 0 { solved = true }
                }
                if !solved {
                    // case 4: neither
                    x = Vec2(Float(0), Float(0))
                    if b.x >= 0 && b.y >= 0 { solved = true }
                }
                if solved {
                    let dd = x - a
                    let P1 = dd.x * normal, P2 = dd.y * normal
                    vA -= mA * (P1 + P2)
                    wA -= iA * (cross(cp1.rA, P1) + cross(cp2.rA, P2))
                    vB += mB * (P1 + P2)
                    wB += iB * (cross(cp1.rB, P1) + cross(cp2.rB, P2))
                    vc.p0.normalImpulse = x.x
                    vc.p1.normalImpulse = x.y
                }
            }
            d.v[vc.indexA] = vA; d.w[vc.indexA] = wA
            d.v[vc.indexB] = vB; d.w[vc.indexB] = wB
        }
    }

    func storeImpulses() {
        for (i, vc) in vcs.enumerated() {
            let c = contacts[i]
            for j in 0..<vc.pointCount {
                let p = j == 0 ? vc.p0 : vc.p1
                var mp = c.manifold[j]
                mp.normalImpulse = p.normalImpulse
                mp.tangentImpulse = p.tangentImpulse
                c.manifold[j] = mp
            }
        }
    }

    /// `b2PositionSolverManifold::Initialize`.
    @inline(__always)
    private static func positionManifold(_ pc: ContactPositionConstraint, _ xfA: Transform, _ xfB: Transform,
                                         _ index: Int) -> (normal: Vec2, point: Vec2, separation: Float) {
        let lp = index == 0 ? pc.localPoints.0 : pc.localPoints.1
        switch pc.type {
        case .circles:
            let pointA = xfA.apply(pc.localPoint)
            let pointB = xfB.apply(pc.localPoints.0)
            var normal = pointB - pointA
            normal.normalize()
            let point = 0.5 * (pointA + pointB)
            return (normal, point, dot(pointB - pointA, normal) - pc.radiusA - pc.radiusB)
        case .faceA:
            let normal = xfA.q.apply(pc.localNormal)
            let planePoint = xfA.apply(pc.localPoint)
            let clipPoint = xfB.apply(lp)
            return (normal, clipPoint, dot(clipPoint - planePoint, normal) - pc.radiusA - pc.radiusB)
        case .faceB:
            let normal = xfB.q.apply(pc.localNormal)
            let planePoint = xfB.apply(pc.localPoint)
            let clipPoint = xfA.apply(lp)
            return (-normal, clipPoint, dot(clipPoint - planePoint, normal) - pc.radiusA - pc.radiusB)
        }
    }

    /// `SolvePositionConstraints` (toiA/toiB < 0) or `SolveTOIPositionConstraints`.
    func solvePositionConstraints(_ d: SolverData, toiIndexA: Int = -1, toiIndexB: Int = -1) -> Bool {
        let toi = toiIndexA >= 0
        var minSeparation: Float = 0
        for pc in pcs {
            let indexA = pc.indexA, indexB = pc.indexB
            var mA = pc.invMassA, iA = pc.invIA, mB = pc.invMassB, iB = pc.invIB
            if toi {
                if !(indexA == toiIndexA || indexA == toiIndexB) { mA = 0; iA = 0 }
                if !(indexB == toiIndexA || indexB == toiIndexB) { mB = 0; iB = 0 }
            }
            var cA = d.c[indexA], aA = d.a[indexA], cB = d.c[indexB], aB = d.a[indexB]
            for j in 0..<pc.pointCount {
                let qA = Rot(angle: aA), qB = Rot(angle: aB)
                let xfA = Transform(p: cA - qA.apply(pc.localCenterA), q: qA)
                let xfB = Transform(p: cB - qB.apply(pc.localCenterB), q: qB)
                let psm = ContactSolver.positionManifold(pc, xfA, xfB, j)
                let normal = psm.normal, point = psm.point, separation = psm.separation
                let rA = point - cA, rB = point - cB
                minSeparation = minSeparation < separation ? minSeparation : separation
                let baumgarte: Float = toi ? 0.75 : PhysicsSettings.baumgarte
                let C = clampf(baumgarte * (separation + PhysicsSettings.linearSlop), -PhysicsSettings.maxLinearCorrection, 0)
                let rnA = cross(rA, normal), rnB = cross(rB, normal)
                let K = mA + mB + iA * rnA * rnA + iB * rnB * rnB
                let impulse = K > 0 ? -C / K : 0
                let P = impulse * normal
                cA -= mA * P
                aA -= iA * cross(rA, P)
                cB += mB * P
                aB += iB * cross(rB, P)
            }
            d.c[indexA] = cA; d.a[indexA] = aA
            d.c[indexB] = cB; d.a[indexB] = aB
        }
        return minSeparation >= (toi ? -1.5 : -3) * PhysicsSettings.linearSlop
    }
}
