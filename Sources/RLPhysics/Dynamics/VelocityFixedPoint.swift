// Early exit from the velocity iterations when they reach an exact fixed point.
//
// One velocity iteration of b2Island::Solve / SolveTOI (every joint's, then every contact's
// SolveVelocityConstraints) is a deterministic function of the island's state: the bodies'
// velocities and the accumulated impulses of joints and contacts (everything else they read is fixed
// for the step). When an iteration leaves that state unchanged bit for bit, every further iteration
// would too, so the remaining ones can be skipped without changing a single bit of Box2D's result.
// A lone contact against a static body (the time-of-impact islands) typically gets there after a
// few of its 180 iterations.

/// Bit patterns of an island's velocity-iteration state, compared after each iteration.
struct VelocityFixedPoint {
    private var bits: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private var count = 0

    init() {
        capacity = 64
        bits = .allocate(capacity: capacity)
    }

    func deallocate() { bits.deallocate() }

    /// Records the state before the first iteration.
    mutating func start(_ d: SolverData, bodies n: Int, joints: [Unmanaged<Joint>], contacts: UnsafeBufferPointer<ContactVelocityConstraint>) {
        let needed = 3 * n + 4 * joints.count + 4 * contacts.count
        if needed > capacity {
            bits.deallocate()
            capacity = max(needed, 2 * capacity)
            bits = .allocate(capacity: capacity)
        }
        count = needed
        _ = update(d, bodies: n, joints: joints, contacts: contacts)
    }

    /// Stores the current state; true when it equals the one stored before, bit for bit.
    @inline(__always)
    mutating func update(_ d: SolverData, bodies n: Int, joints: [Unmanaged<Joint>], contacts: UnsafeBufferPointer<ContactVelocityConstraint>) -> Bool {
        var same = true
        var k = 0
        @inline(__always) func put(_ x: Float) {
            let b = x.bitPattern
            if bits[k] != b { same = false; bits[k] = b }
            k &+= 1
        }
        for i in 0..<n {
            put(d.v[i].x); put(d.v[i].y); put(d.w[i])
        }
        for j in joints {
            let s = j._withUnsafeGuaranteedRef { $0.accumulatedImpulses }
            put(s.0); put(s.1); put(s.2); put(s.3)
        }
        for vc in contacts {
            put(vc.p0.normalImpulse); put(vc.p0.tangentImpulse); put(vc.p1.normalImpulse); put(vc.p1.tangentImpulse)
        }
        return same
    }
}
