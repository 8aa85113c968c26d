// Solid contacts: Box2D/Collision/b2BroadPhase.cpp + b2DynamicTree.cpp (proxies with fat AABBs grown by
// aabbExtension and twice the displacement, moved only when their AABB leaves the fat one; UpdatePairs:
// every moved proxy against all fat AABBs, pairs sorted by proxy id) and
// Box2D/Dynamics/b2ContactManager.cpp (AddPair: new contacts at the head of the world list and of both
// bodies' edge lists; Collide: filtering, sleeping pairs kept, pairs whose fat AABBs stopped
// overlapping destroyed, then b2Contact::Update in list order; Destroy reports EndContact).
// The tree itself is not built: its pairs and their order depend only on the fat AABBs and on proxy
// ids, which are allocated as b2DynamicTree's free list does (a destroyed proxy's id is reused first).

extension World {
    @inline(__always)
    func pairKey(_ a: Fixture, _ b: Fixture) -> Int { a.id < b.id ? (a.id << 32 | b.id) : (b.id << 32 | a.id) }

    /// `CreateProxy`: a proxy id and fat AABB for a solid fixture, buffered as moved.
    func createProxy(_ f: Fixture) {
        if f.isSensor { return }
        f.proxyId = proxyFree.popLast() ?? { proxyNext += 1; return proxyNext - 1 }()
        f.fatAABB = f.aabb.fattened(PhysicsSettings.aabbExtension)
        bufferMove(f)
        solidFixturesDirty = true
        newFixture = true
    }

    /// `DestroyProxy`: the id goes back to the free list.
    func destroyProxy(_ f: Fixture) {
        guard f.proxyId >= 0 else { return }
        proxyFree.append(f.proxyId)
        f.proxyId = -1
        if f.inMoveBuffer { moveBuffer.removeAll { $0 === f }; f.inMoveBuffer = false }
        solidFixturesDirty = true
    }

    @inline(__always) func bufferMove(_ f: Fixture) {
        if !f.inMoveBuffer { f.inMoveBuffer = true; moveBuffer.append(f) }
    }

    /// `b2DynamicTree::MoveProxy` + `BufferMove`.
    func moveProxy(_ f: Fixture, _ aabb: AABB, displacement: Vec2) {
        guard f.proxyId >= 0 else { return }
        let fat = f.fatAABB
        if fat.lower.x <= aabb.lower.x && fat.lower.y <= aabb.lower.y && aabb.upper.x <= fat.upper.x && aabb.upper.y <= fat.upper.y {
            return
        }
        var b = aabb.fattened(PhysicsSettings.aabbExtension)
        let d = 2 * displacement
        if d.x < 0 { b.lower.x += d.x } else { b.upper.x += d.x }
        if d.y < 0 { b.lower.y += d.y } else { b.upper.y += d.y }
        f.fatAABB = b
        if !solidFixturesDirty { solidBoxes[f.solidIndex] = b }
        bufferMove(f)
    }

    /// The solid fixtures with their fat AABBs in a flat array (no reference counting in the pair tests).
    func refreshSolidFixtures() {
        guard solidFixturesDirty else { return }
        solidFixtures.removeAll(keepingCapacity: true)
        solidBoxes.removeAll(keepingCapacity: true)
        solidIsStatic.removeAll(keepingCapacity: true)
        for b in bodies {
            for f in b.fixtures where f.proxyId >= 0 {
                f.solidIndex = solidFixtures.count
                solidFixtures.append(f)
                solidBoxes.append(f.fatAABB)
                solidIsStatic.append(b.type == .staticBody)
            }
        }
        solidFixturesDirty = false
    }

    /// `FindNewContacts` (`b2BroadPhase::UpdatePairs` + `AddPair`).
    func findNewSolidContacts() {
        if moveBuffer.isEmpty { return }
        refreshSolidFixtures()
        pairBuffer.removeAll(keepingCapacity: true)
        let n = solidBoxes.count
        for m in moveBuffer {
            m.inMoveBuffer = false
            let mStatic = m.body.type == .staticBody
            let box = m.fatAABB
            let mi = m.solidIndex
            var i = 0
            while i < n {
                defer { i += 1 }
                if i == mi || !box.overlaps(solidBoxes[i]) { continue }
                if mStatic && solidIsStatic[i] { continue }   // AddPair would reject them
                let f = solidFixtures[i]
                pairBuffer.append(m.proxyId < f.proxyId ? (m, f) : (f, m))
            }
        }
        moveBuffer.removeAll(keepingCapacity: true)
        if pairBuffer.isEmpty { return }
        pairBuffer.sort { a, b in a.0.proxyId < b.0.proxyId || (a.0.proxyId == b.0.proxyId && a.1.proxyId < b.1.proxyId) }
        var last: (Int, Int) = (-1, -1)
        for (fa, fb) in pairBuffer {
            if fa.proxyId == last.0 && fb.proxyId == last.1 { continue }
            last = (fa.proxyId, fb.proxyId)
            addSolidPair(fa, fb)
        }
    }

    /// `b2ContactManager::AddPair` (`fa` has the lower proxy id).
    func addSolidPair(_ fa: Fixture, _ fb: Fixture) {
        let ba = fa.body, bb = fb.body
        if ba === bb { return }
        let key = pairKey(fa, fb)
        if solidByKey[key] != nil { return }
        guard bb.shouldCollide(with: ba), fa.filter.shouldCollide(with: fb.filter),
              let (f1, f2) = Contact.ordered(fa, fb) else { return }
        let c = Contact(f1, f2)
        c.key = key
        solidByKey[key] = c
        solidContacts.insert(c, at: 0)
        f1.body.contactEdges.insert(ContactEdge(other: f2.body, contact: c), at: 0)
        f2.body.contactEdges.insert(ContactEdge(other: f1.body, contact: c), at: 0)
    }

    /// `b2ContactManager::Destroy`.
    func destroySolidContact(_ c: Contact) {
        if c.isTouching { contactListener?.endContact(c) }
        solidByKey[c.key] = nil
        c.fixtureA.body.contactEdges.removeAll { $0.contact === c }
        c.fixtureB.body.contactEdges.removeAll { $0.contact === c }
        c.isTouching = false
    }

    /// `b2ContactManager::Collide` for solid contacts (after `FindNewContacts` when fixtures were added).
    func collideSolid() {
        if newFixture { findNewSolidContacts(); newFixture = false }
        if solidContacts.isEmpty { return }
        var removed = false
        // a local copy keeps every contact alive for the loop: no reference counting per contact
        let list = solidContacts
        let listener = contactListener
        list.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count {
                Unmanaged.passUnretained(buf[i])._withUnsafeGuaranteedRef { c in
                    let fa = c.fixtureA, fb = c.fixtureB
                    let ba = fa.body, bb = fb.body
                    if !bb.shouldCollide(with: ba) || !fa.filter.shouldCollide(with: fb.filter) {
                        destroySolidContact(c); removed = true; return
                    }
                    let activeA = ba.awake && ba.type != .staticBody
                    let activeB = bb.awake && bb.type != .staticBody
                    if !activeA && !activeB { return }
                    if !fa.fatAABB.overlaps(fb.fatAABB) {
                        destroySolidContact(c); removed = true; return
                    }
                    c.updateSolid(listener)
                }
            }
        }
        if removed { solidContacts.removeAll { solidByKey[$0.key] !== $0 } }
    }

    /// Removes a body's solid contacts and proxies (`DestroyBody`).
    func destroySolidContacts(of body: Body) {
        if !body.contactEdges.isEmpty {
            for e in body.contactEdges { destroySolidContact(e.contact) }
            solidContacts.removeAll { solidByKey[$0.key] !== $0 }
        }
        for f in body.fixtures { destroyProxy(f) }
    }

    /// The solid contacts, newest first (`GetContactList`).
    public var contactList: [Contact] { solidContacts }
}
