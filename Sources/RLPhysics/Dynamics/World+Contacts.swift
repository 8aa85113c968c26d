// Solid contacts: Box2D/Dynamics/b2ContactManager.cpp (AddPair/FindNewContacts: new contacts go to the
// head of the world list and of both bodies' edge lists; Collide: filtering, sleeping pairs kept,
// pairs whose proxies stopped overlapping destroyed, then b2Contact::Update in list order; Destroy
// reports EndContact for touching contacts). The broad phase is a direct test of the fixtures' fat
// swept AABBs (b2BroadPhase's proxies), which gives Box2D's contact set without its tree.

extension World {
    @inline(__always)
    func pairKey(_ a: Fixture, _ b: Fixture) -> Int { a.id < b.id ? (a.id << 32 | b.id) : (b.id << 32 | a.id) }

    /// `FindNewContacts`: creates contacts for solid fixture pairs whose fat AABBs overlap.
    func findNewSolidContacts() {
        solidStatic.removeAll(keepingCapacity: true)
        solidMoving.removeAll(keepingCapacity: true)
        for b in bodies {
            for f in b.fixtures where !f.isSensor {
                if b.type == .staticBody { solidStatic.append(f) } else { solidMoving.append(f) }
            }
        }
        if solidMoving.isEmpty { return }
        for (k, fa) in solidMoving.enumerated() {
            let ba = fa.body
            for fb in solidStatic where fa.filter.shouldCollide(with: fb.filter) && fa.fatAABB.overlaps(fb.fatAABB) {
                addSolidPair(fa, fb)
            }
            var j = k + 1
            while j < solidMoving.count {
                let fb = solidMoving[j]
                j += 1
                if fb.body === ba || !fa.filter.shouldCollide(with: fb.filter) || !fa.fatAABB.overlaps(fb.fatAABB) { continue }
                addSolidPair(fa, fb)
            }
        }
    }

    /// `b2ContactManager::AddPair`.
    func addSolidPair(_ fa: Fixture, _ fb: Fixture) {
        let key = pairKey(fa, fb)
        if solidByKey[key] != nil { return }
        let ba = fa.body, bb = fb.body
        guard ba.shouldCollide(with: bb), let (f1, f2) = Contact.ordered(fa.id < fb.id ? fa : fb, fa.id < fb.id ? fb : fa) else { return }
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

    /// `b2ContactManager::Collide` for solid contacts.
    func collideSolid() {
        findNewSolidContacts()
        if solidContacts.isEmpty { return }
        var removed = false
        for c in solidContacts {
            let fa = c.fixtureA, fb = c.fixtureB
            let ba = fa.body, bb = fb.body
            if !ba.shouldCollide(with: bb) || !fa.filter.shouldCollide(with: fb.filter) {
                destroySolidContact(c); removed = true; continue
            }
            let activeA = ba.awake && ba.type != .staticBody
            let activeB = bb.awake && bb.type != .staticBody
            if !activeA && !activeB { continue }
            if !fa.fatAABB.overlaps(fb.fatAABB) {
                destroySolidContact(c); removed = true; continue
            }
            c.updateSolid(contactListener)
        }
        if removed { solidContacts.removeAll { solidByKey[$0.key] !== $0 } }
    }

    /// Removes a body's solid contacts (`DestroyBody`).
    func destroySolidContacts(of body: Body) {
        if body.contactEdges.isEmpty { return }
        for e in body.contactEdges { destroySolidContact(e.contact) }
        solidContacts.removeAll { solidByKey[$0.key] !== $0 }
    }

    /// The solid contacts, newest first (`GetContactList`).
    public var contactList: [Contact] { solidContacts }
}
