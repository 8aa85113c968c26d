// The velocity iterations over an island's revolute joints (b2Island::Solve's joint loop), with the
// two bodies the previous joint wrote kept in registers: consecutive joints share a body (a lander
// and its legs, a hull and its thighs), and taking its velocity from the register instead of loading
// what was just stored takes a store-to-load round trip off the chain of dependent float operations
// the iterations are made of. Loads, stores and arithmetic are Box2D's, so results are bit for bit.

/// An island's joints when all are revolute, solved with the last written bodies in registers.
struct RevoluteChain {
    let joints: [Unmanaged<RevoluteJoint>]

    /// The bodies the previous joint wrote (index -1: none); carried across iterations while nothing
    /// else writes velocities in between.
    struct Written {
        var indexA = -1, indexB = -1
        var vA = Vec2.zero, vB = Vec2.zero
        var wA: Float = 0, wB: Float = 0
    }

    /// Nil when some joint is not revolute; `buffer` is reused storage for the joint list.
    init?(_ joints: [Unmanaged<Joint>], buffer: inout [Unmanaged<RevoluteJoint>]) {
        buffer.removeAll(keepingCapacity: true)
        for j in joints {
            guard let r = j._withUnsafeGuaranteedRef({ $0 as? RevoluteJoint }) else { return nil }
            buffer.append(Unmanaged.passUnretained(r))
        }
        self.joints = buffer
    }

    /// One pass of `SolveVelocityConstraints` over the joints, in island order.
    @inline(__always)
    func solveVelocities(_ d: SolverData, _ last: inout Written) {
        let dt = d.dt
        for u in joints {
            u._withUnsafeGuaranteedRef { j in
                let ia = j.indexA, ib = j.indexB
                var vA: Vec2, wA: Float, vB: Vec2, wB: Float
                if ia == last.indexB { vA = last.vB; wA = last.wB }
                else if ia == last.indexA { vA = last.vA; wA = last.wA }
                else { vA = d.v[ia]; wA = d.w[ia] }
                if ib == last.indexB { vB = last.vB; wB = last.wB }
                else if ib == last.indexA { vB = last.vA; wB = last.wA }
                else { vB = d.v[ib]; wB = d.w[ib] }
                j.solveVelocity(dt: dt, &vA, &wA, &vB, &wB)
                d.v[ia] = vA; d.w[ia] = wA
                d.v[ib] = vB; d.w[ib] = wB
                last = Written(indexA: ia, indexB: ib, vA: vA, vB: vB, wA: wA, wB: wB)
            }
        }
    }
}
