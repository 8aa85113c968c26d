// World.step: b2World::Step -> b2ContactManager::Collide -> b2World::Solve (islands) -> b2Island::Solve,
// then forces are cleared (b2World::ClearForces, autoClearForces is on by default).

extension World {
    /// Advances the world by `dt` seconds (`b2World::Step(dt, velocityIterations, positionIterations)`).
    ///
    /// Order as in Box2D: contacts are updated first from the current positions (firing begin/end
    /// events), then islands are solved, then forces are cleared.
    public func step(_ dt: Float, velocityIterations: Int, positionIterations: Int) {
        let invDt: Float = dt > 0 ? 1 / dt : 0
        let dtRatio = invDt0 * dt
        collide()
        collideSolid()
        if dt > 0 {
            solve(dt: dt, dtRatio: dtRatio, velocityIterations: velocityIterations, positionIterations: positionIterations)
            findNewSolidContacts()
            if continuousPhysics { solveTOI(dt: dt, velocityIterations: velocityIterations) }
            invDt0 = invDt
        }
        let all = bodies
        all.forEachBorrowed { _, b in b.force = .zero; b.torque = 0 }
    }

    // MARK: contacts

    @inline(__always)
    func cellKey(_ ix: Int, _ iy: Int) -> Int { (ix &+ 0x8000) << 16 | (iy &+ 0x8000) & 0xFFFF }

    func rebuildStaticGrid() {
        staticGrid.removeAll(keepingCapacity: true)
        for b in bodies where b.type == .staticBody {
            for f in b.fixtures {
                f.aabb = f.shape.computeAABB(b.transform)
                let x0 = Int((f.aabb.lower.x / gridCell).rounded(.down)), x1 = Int((f.aabb.upper.x / gridCell).rounded(.down))
                let y0 = Int((f.aabb.lower.y / gridCell).rounded(.down)), y1 = Int((f.aabb.upper.y / gridCell).rounded(.down))
                for ix in x0...x1 { for iy in y0...y1 { staticGrid[cellKey(ix, iy), default: []].append(f) } }
            }
        }
        staticGridDirty = false
    }

    /// `b2ContactManager::Collide` + `FindNewContacts` for every overlapping pair.
    func collide() {
        if sensorFixtureCount == 0 && contacts.isEmpty { return }   // only solid fixtures: World+Contacts.swift
        if staticGridDirty { rebuildStaticGrid() }
        for c in contacts.values { c.seen = false }
        var dynamicFixtures: [Fixture] = []
        for b in bodies where b.type != .staticBody {
            for f in b.fixtures { dynamicFixtures.append(f) }
        }
        var visitedStatic = Set<Int>()
        for (k, fa) in dynamicFixtures.enumerated() {
            // against static fixtures
            let box = fa.aabb
            let x0 = Int((box.lower.x / gridCell).rounded(.down)), x1 = Int((box.upper.x / gridCell).rounded(.down))
            let y0 = Int((box.lower.y / gridCell).rounded(.down)), y1 = Int((box.upper.y / gridCell).rounded(.down))
            visitedStatic.removeAll(keepingCapacity: true)
            if x1 - x0 < 64 && y1 - y0 < 64 {
                for ix in x0...x1 {
                    for iy in y0...y1 {
                        guard let list = staticGrid[cellKey(ix, iy)] else { continue }
                        for fb in list where visitedStatic.insert(fb.id).inserted {
                            consider(fa, fb)
                        }
                    }
                }
            } else {
                for b in bodies where b.type == .staticBody { for fb in b.fixtures { consider(fa, fb) } }
            }
            // against later dynamic fixtures
            var j = k + 1
            while j < dynamicFixtures.count {
                let fb = dynamicFixtures[j]
                if fb.body !== fa.body { consider(fa, fb) }
                j += 1
            }
        }
        // pairs that stopped overlapping
        var gone: [Int] = []
        for (key, c) in contacts where !c.seen {
            if c.isTouching { contactListener?.endContact(c) }
            gone.append(key)
        }
        for key in gone { contacts[key] = nil }
    }

    @inline(__always)
    func consider(_ fa: Fixture, _ fb: Fixture) {
        guard fa.isSensor || fb.isSensor else { return }   // solid pairs: World+Contacts.swift
        guard fa.aabb.overlaps(fb.aabb) else { return }
        let ba = fa.body, bb = fb.body
        let activeA = ba.awake && ba.type != .staticBody
        let activeB = bb.awake && bb.type != .staticBody
        let key = fa.id < fb.id ? (fa.id << 32 | fb.id) : (fb.id << 32 | fa.id)
        if !activeA && !activeB {
            contacts[key]?.seen = true   // sleeping pairs keep their state
            return
        }
        guard ba.shouldCollide(with: bb), fa.filter.shouldCollide(with: fb.filter) else { return }
        fa.shape.worldCore(ba.transform, into: &scratchA)
        fb.shape.worldCore(bb.transform, into: &scratchB)
        let touching = Overlap.polygonsOverlap(scratchA, scratchB, radius: Double(fa.shape.radius + fb.shape.radius))
        if let c = contacts[key] {
            c.seen = true
            if c.isTouching != touching {
                c.isTouching = touching
                if touching { contactListener?.beginContact(c) } else { contactListener?.endContact(c) }
            }
        } else if touching {
            let c = fa.id < fb.id ? Contact(fa, fb) : Contact(fb, fa)
            c.seen = true
            c.isTouching = true
            contacts[key] = c
            contactListener?.beginContact(c)
        }
    }

    // MARK: islands

    /// `b2World::Solve`: depth-first islands over joints from each awake dynamic seed in body-list order.
    func solve(dt: Float, dtRatio: Float, velocityIterations: Int, positionIterations: Int) {
        let all = bodies
        all.forEachBorrowed { _, b in b.islandFlag = false }
        for j in joints { j.islandFlag = false }
        for c in solidContacts { c.islandFlag = false }
        var stack: [Body] = []
        var islandBodies: [Body] = []
        var islandJoints: [Joint] = []
        var islandContacts: [Contact] = []
        all.forEachBorrowed { _, seed in
            if seed.islandFlag || !seed.awake || seed.type == .staticBody { return }
            islandBodies.removeAll(keepingCapacity: true)
            islandJoints.removeAll(keepingCapacity: true)
            islandContacts.removeAll(keepingCapacity: true)
            stack.append(seed)
            seed.islandFlag = true
            while let b = stack.popLast() {
                b.islandIndex = islandBodies.count
                islandBodies.append(b)
                b.setAwake(true)
                if b.type == .staticBody { continue }
                for ce in b.contactEdges {
                    let c = ce.contact
                    if c.islandFlag || !c.isEnabled || !c.isTouching { continue }
                    islandContacts.append(c)
                    c.islandFlag = true
                    let other = ce.other
                    if other.islandFlag { continue }
                    stack.append(other)
                    other.islandFlag = true
                }
                for je in b.jointEdges {
                    if je.joint.islandFlag { continue }
                    islandJoints.append(je.joint)
                    je.joint.islandFlag = true
                    let other = je.other
                    if other.islandFlag { continue }
                    stack.append(other)
                    other.islandFlag = true
                }
            }
            solveIsland(islandBodies, islandJoints, islandContacts, dt: dt, dtRatio: dtRatio,
                        velocityIterations: velocityIterations, positionIterations: positionIterations)
            for b in islandBodies where b.type == .staticBody { b.islandFlag = false }
        }
        all.forEachBorrowed { _, b in if b.islandFlag && b.type != .staticBody { b.synchronizeFixtures() } }
    }

    /// `b2Island::Solve`.
    func solveIsland(_ bodies: [Body], _ joints: [Joint], _ contacts: [Contact], dt h: Float, dtRatio: Float,
                     velocityIterations: Int, positionIterations: Int) {
        let n = bodies.count
        if solverCapacity < n {
            solverC.deallocate(); solverA.deallocate(); solverV.deallocate(); solverW.deallocate()
            solverCapacity = max(n, 2 * solverCapacity)
            solverC = .allocate(capacity: solverCapacity); solverA = .allocate(capacity: solverCapacity)
            solverV = .allocate(capacity: solverCapacity); solverW = .allocate(capacity: solverCapacity)
        }
        var data = SolverData(dt: h, dtRatio: dtRatio, warmStarting: warmStarting, c: solverC, a: solverA, v: solverV, w: solverW)
        bodies.forEachBorrowed { i, b in
            let c = b.c, a = b.a
            var v = b.linearVelocity, w = b.angularVelocity
            b.c0 = b.c; b.a0 = b.a
            if b.type == .dynamicBody {
                v += h * (b.gravityScale * gravity + b.invMass * b.force)
                w += h * b.invI * b.torque
                v *= min(max(1 - h * b.linearDamping, 0), 1)
                w *= min(max(1 - h * b.angularDamping, 0), 1)
            }
            data.c[i] = c; data.a[i] = a; data.v[i] = v; data.w[i] = w
        }
        var contactSolver = ContactSolver()
        swap(&contactSolver, &islandSolver)   // reuse the world's buffers; given back at the end
        defer { swap(&contactSolver, &islandSolver) }
        contactSolver.load(contacts: contacts, dtRatio: dtRatio, warmStarting: warmStarting)
        if !contacts.isEmpty {
            contactSolver.initializeVelocityConstraints(data)
            if warmStarting { contactSolver.warmStart(data) }
        }
        for j in joints { j.initVelocityConstraints(&data) }
        // unretained references: the island arrays keep the joints alive for the whole loop
        islandJointRefs.removeAll(keepingCapacity: true)
        for j in joints { islandJointRefs.append(Unmanaged.passUnretained(j)) }
        let unmanagedJoints = islandJointRefs
        let chain = joints.isEmpty ? nil : RevoluteChain(unmanagedJoints, buffer: &islandRevolutes)
        var written = RevoluteChain.Written()
        for it in 0..<velocityIterations {
            // every 32nd iteration is compared with the state before it: an unchanged state stays
            // unchanged, so the remaining iterations would be no-ops (VelocityFixedPoint.swift)
            let probe = it & 31 == 31
            if probe { contactSolver.vcs.withUnsafeBufferPointer { fixedPoint.start(data, bodies: n, joints: unmanagedJoints, contacts: $0) } }
            if let chain {
                chain.solveVelocities(data, &written)
            } else {
                for j in unmanagedJoints { j._withUnsafeGuaranteedRef { $0.solveVelocityConstraints(&data) } }
            }
            if !contacts.isEmpty {
                contactSolver.solveVelocityConstraints(data)
                written = RevoluteChain.Written()   // the contacts changed velocities in memory
            }
            if probe && contactSolver.vcs.withUnsafeBufferPointer({ fixedPoint.update(data, bodies: n, joints: unmanagedJoints, contacts: $0) }) { break }
        }
        if !contacts.isEmpty { contactSolver.storeImpulses() }
        for i in 0..<n {
            data.integratePosition(i)
        }
        var positionSolved = false
        for _ in 0..<positionIterations {
            let contactsOkay = contacts.isEmpty ? true : contactSolver.solvePositionConstraints(data)
            var jointsOkay = true
            for j in joints {
                let ok = j.solvePositionConstraints(&data)
                jointsOkay = jointsOkay && ok
            }
            if contactsOkay && jointsOkay { positionSolved = true; break }
        }
        bodies.forEachBorrowed { i, b in
            b.c = data.c[i]; b.a = data.a[i]
            b.linearVelocity = data.v[i]; b.angularVelocity = data.w[i]
            b.synchronizeTransform()
        }
        if allowSleep {
            var minSleepTime = Float.greatestFiniteMagnitude
            let linTolSqr = PhysicsSettings.linearSleepTolerance * PhysicsSettings.linearSleepTolerance
            let angTolSqr = PhysicsSettings.angularSleepTolerance * PhysicsSettings.angularSleepTolerance
            for b in bodies where b.type != .staticBody {
                if !b.allowSleep || b.angularVelocity * b.angularVelocity > angTolSqr
                    || dot(b.linearVelocity, b.linearVelocity) > linTolSqr {
                    b.sleepTime = 0
                    minSleepTime = 0
                } else {
                    b.sleepTime += h
                    minSleepTime = min(minSleepTime, b.sleepTime)
                }
            }
            if minSleepTime >= PhysicsSettings.timeToSleep && positionSolved {
                for b in bodies { b.setAwake(false) }
            }
        }
    }
}
