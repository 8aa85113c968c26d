// Continuous collision: Box2D/Dynamics/b2World.cpp (SolveTOI: the earliest time of impact over all
// contacts, both bodies advanced there, a mini island of them and their static contacts) and
// b2Island.cpp (SolveTOI: TOI position correction, then velocities for the rest of the step), 2.3.

extension World {
    static let maxSubSteps = 8
    static let maxTOIContacts = 32

    /// `b2World::SolveTOI` (sub-stepping off, so every call completes the step).
    func solveTOI(dt: Float, velocityIterations: Int) {
        if solidContacts.isEmpty { return }
        let all = bodies
        all.forEachBorrowed { _, b in b.islandFlag = false; b.alpha0 = 0 }
        for c in solidContacts { c.toiFlag = false; c.islandFlag = false; c.toiCount = 0; c.toi = 1 }
        while true {
            var minContact: Contact?
            var minAlpha: Float = 1
            // a local copy keeps every contact alive for the loop: no reference counting per contact
            let list = solidContacts
            list.withUnsafeBufferPointer { buf in for i in 0..<buf.count { Unmanaged.passUnretained(buf[i])._withUnsafeGuaranteedRef { c in
                if !c.isEnabled || c.toiCount > World.maxSubSteps { return }
                var alpha: Float = 1
                if c.toiFlag {
                    alpha = c.toi
                } else {
                    let fA = c.fixtureA, fB = c.fixtureB
                    let bA = fA.body, bB = fB.body
                    let activeA = bA.awake && bA.type != .staticBody
                    let activeB = bB.awake && bB.type != .staticBody
                    if !activeA && !activeB { return }
                    let collideA = bA.isBullet || bA.type != .dynamicBody
                    let collideB = bB.isBullet || bB.type != .dynamicBody
                    if !collideA && !collideB { return }
                    var alpha0 = bA.alpha0
                    if bA.alpha0 < bB.alpha0 {
                        alpha0 = bB.alpha0
                        bA.advanceSweep(alpha0)
                    } else if bB.alpha0 < bA.alpha0 {
                        alpha0 = bA.alpha0
                        bB.advanceSweep(alpha0)
                    }
                    let out = timeOfImpact(fA.proxy, bA.sweep, fB.proxy, bB.sweep, tMax: 1)
                    let beta = out.t
                    if out.state == .touching {
                        let v = alpha0 + (1 - alpha0) * beta
                        alpha = v < 1 ? v : 1
                    } else {
                        alpha = 1
                    }
                    c.toi = alpha
                    c.toiFlag = true
                }
                if alpha < minAlpha { minContact = c; minAlpha = alpha }
            } } }
            guard let mc = minContact, !(1 - 10 * Float.ulpOfOne < minAlpha) else { break }
            let bA = mc.fixtureA.body, bB = mc.fixtureB.body
            let backup1 = bA.sweep, backup2 = bB.sweep
            bA.advance(minAlpha)
            bB.advance(minAlpha)
            mc.updateSolid(contactListener)
            mc.toiFlag = false
            mc.toiCount += 1
            if !mc.isEnabled || !mc.isTouching {
                mc.isEnabled = false
                bA.sweep = backup1; bB.sweep = backup2
                bA.synchronizeTransform(); bB.synchronizeTransform()
                continue
            }
            bA.setAwake(true); bB.setAwake(true)
            // the mini island, in the world's reused buffers
            var islandBodies = toiBodies, islandContacts = toiContacts
            toiBodies = []; toiContacts = []
            islandBodies.removeAll(keepingCapacity: true); islandContacts.removeAll(keepingCapacity: true)
            islandBodies.append(bA); islandBodies.append(bB)
            islandContacts.append(mc)
            bA.islandIndex = 0; bB.islandIndex = 1
            bA.islandFlag = true; bB.islandFlag = true
            mc.islandFlag = true
            for k in 0..<2 {
                let body = k == 0 ? bA : bB
                if body.type != .dynamicBody { continue }
                for ce in body.contactEdges {
                    if islandBodies.count == 2 * World.maxTOIContacts || islandContacts.count == World.maxTOIContacts { break }
                    let contact = ce.contact
                    if contact.islandFlag { continue }
                    let other = ce.other
                    if other.type == .dynamicBody && !body.isBullet && !other.isBullet { continue }
                    if contact.fixtureA.isSensor || contact.fixtureB.isSensor { continue }
                    let backup = other.sweep
                    if !other.islandFlag { other.advance(minAlpha) }
                    contact.updateSolid(contactListener)
                    if !contact.isEnabled || !contact.isTouching {
                        other.sweep = backup
                        other.synchronizeTransform()
                        continue
                    }
                    contact.islandFlag = true
                    islandContacts.append(contact)
                    if other.islandFlag { continue }
                    other.islandFlag = true
                    if other.type != .staticBody { other.setAwake(true) }
                    other.islandIndex = islandBodies.count
                    islandBodies.append(other)
                }
            }
            let subDt = (1 - minAlpha) * dt
            solveIslandTOI(islandBodies, islandContacts, dt: subDt, velocityIterations: velocityIterations,
                           toiIndexA: bA.islandIndex, toiIndexB: bB.islandIndex)
            for body in islandBodies {
                body.islandFlag = false
                if body.type != .dynamicBody { continue }
                body.synchronizeFixtures()
                for ce in body.contactEdges { ce.contact.toiFlag = false; ce.contact.islandFlag = false }
            }
            toiBodies = islandBodies; toiContacts = islandContacts
            findNewSolidContacts()
        }
    }

    /// `b2Island::SolveTOI`.
    func solveIslandTOI(_ bodies: [Body], _ contacts: [Contact], dt h: Float, velocityIterations: Int,
                        toiIndexA: Int, toiIndexB: Int) {
        let n = bodies.count
        ensureSolverCapacity(n)
        let data = SolverData(dt: h, dtRatio: 1, warmStarting: false, c: solverC, a: solverA, v: solverV, w: solverW)
        bodies.forEachBorrowed { i, b in
            data.c[i] = b.c; data.a[i] = b.a
            data.v[i] = b.linearVelocity; data.w[i] = b.angularVelocity
        }
        var solver = ContactSolver()
        swap(&solver, &islandSolver)   // reuse the world's buffers; given back at the end
        defer { swap(&solver, &islandSolver) }
        solver.load(contacts: contacts, dtRatio: 1, warmStarting: false)
        for _ in 0..<20 {
            if solver.solvePositionConstraints(data, toiIndexA: toiIndexA, toiIndexB: toiIndexB) { break }
        }
        bodies[toiIndexA].c0 = data.c[toiIndexA]; bodies[toiIndexA].a0 = data.a[toiIndexA]
        bodies[toiIndexB].c0 = data.c[toiIndexB]; bodies[toiIndexB].a0 = data.a[toiIndexB]
        solver.initializeVelocityConstraints(data)
        solver.vcs.withUnsafeBufferPointer { fixedPoint.start(data, bodies: n, joints: [], contacts: $0) }
        for _ in 0..<velocityIterations {
            solver.solveVelocityConstraints(data)
            if solver.vcs.withUnsafeBufferPointer({ fixedPoint.update(data, bodies: n, joints: [], contacts: $0) }) { break }
        }
        for i in 0..<n {
            data.integratePosition(i)
            let body = bodies[i]
            body.c = data.c[i]; body.a = data.a[i]
            body.linearVelocity = data.v[i]; body.angularVelocity = data.w[i]
            body.synchronizeTransform()
        }
    }

    func ensureSolverCapacity(_ n: Int) {
        if solverCapacity < n {
            solverC.deallocate(); solverA.deallocate(); solverV.deallocate(); solverW.deallocate()
            solverCapacity = max(n, 2 * solverCapacity)
            solverC = .allocate(capacity: solverCapacity); solverA = .allocate(capacity: solverCapacity)
            solverV = .allocate(capacity: solverCapacity); solverW = .allocate(capacity: solverCapacity)
        }
    }
}
