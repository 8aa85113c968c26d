import RLSupport

/// Call frames: running a body in its frame, frames taken from and given back to a function's
/// free list, parameters filled by label mapping.
extension Interpreter {
    /// Runs a function body in its prepared frame.
    @inline(__always)
    func execute(_ p: FunctionProto, _ frame: Frame, _ loc: Loc) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth {
            throw RuntimeError("maximum recursion depth (\(maxDepth) calls) exceeded in '\(p.name)'; is the recursion infinite?", loc)
        }
        try tick(loc)
        // the body box lives as long as `p`; calling through an unretained reference avoids
        // retaining the closure context on every call
        let v: Value
        if p.valueBody != nil {
            v = try Unmanaged.passUnretained(p.valueBody.unsafelyUnwrapped)._withUnsafeGuaranteedRef { try $0.f(frame) }
        } else {
            _ = try Unmanaged.passUnretained(p.bodyBox)._withUnsafeGuaranteedRef { try $0.f(frame) }
            v = frame.takeReturnValue()
        }
        if p.returnCoercion.isNone { return v }
        return try p.returnCoercion.apply(v, loc)
    }

    /// A frame for a call of `p`: a recycled one when available.
    @inline(__always)
    func acquireFrame(_ p: FunctionProto, parent: Frame?) -> Frame {
        if p.freeCount > 0 {
            p.freeCount -= 1
            let f = p.freeFrames[p.freeCount].takeRetainedValue()
            if f.count >= p.slotCount {
                if let parent { f.h.pointee.parent = parent }
                return f
            }
        }
        return Frame.make(count: p.slotCount, parent: parent)
    }

    /// Returns a finished call's frame to `p`'s free list unless something (a closure) still holds it.
    @inline(__always)
    func recycleFrame(_ p: FunctionProto, _ f: inout Frame) {
        guard p.freeCount < FunctionProto.poolSize, isKnownUniquelyReferenced(&f) else { return }
        f.clearForReuse()
        p.freeFrames[p.freeCount] = Unmanaged.passRetained(f)
        p.freeCount += 1
    }

    /// Runs `body` with a frame for a call of `p` (a recycled one when available, its slots all
    /// `.void`: parameters may be stored with `Frame.setParameter`), then recycles the frame unless
    /// something (a closure) still holds it. The frame is held through an unmanaged reference for
    /// the call, so a call costs no retain and release of its frame.
    @inline(__always)
    func withFrame<R>(_ p: FunctionProto, parent: Frame?, _ body: (Frame) throws -> R) throws -> R {
        var u: Unmanaged<Frame>
        if p.freeCount > 0 {
            p.freeCount -= 1
            u = p.freeFrames[p.freeCount]
            if u._withUnsafeGuaranteedRef({ $0.count }) >= p.slotCount {
                if let parent { u._withUnsafeGuaranteedRef { $0.h.pointee.parent = parent } }
            } else {
                u.release()
                u = Unmanaged.passRetained(Frame.make(count: p.slotCount, parent: parent))
            }
        } else {
            u = Unmanaged.passRetained(Frame.make(count: p.slotCount, parent: parent))
        }
        defer { releaseFrame(p, u) }
        return try u._withUnsafeGuaranteedRef { try body($0) }
    }

    /// Gives up this call's reference to a frame from `withFrame`: back to `p`'s free list when it
    /// is the only one.
    @inline(__always)
    func releaseFrame(_ p: FunctionProto, _ u: Unmanaged<Frame>) {
        let reuse = u._withUnsafeGuaranteedRef { f -> Bool in
            guard p.freeCount < FunctionProto.poolSize, _getRetainCount(f) == 1 else { return false }
            f.clearForReuse()
            return true
        }
        if reuse {
            p.freeFrames[p.freeCount] = u
            p.freeCount += 1
        } else {
            u.release()
        }
    }

    /// Puts call arguments into parameter slots (defaults evaluated in the callee's frame).
    func fillFrame(_ frame: Frame, _ p: FunctionProto, _ mapping: [ArgSource], _ vals: [Value], offset: Int, _ loc: Loc) throws {
        for (i, src) in mapping.enumerated() {
            switch src {
            case .arg(let a): frame.slots[offset + i] = try p.coercions[i].apply(vals[a], loc)
            case .defaultValue:
                if let d = p.defaults[i] {
                    // a default may call the function itself (`func f(_ x: Int = f())`): count it as a call
                    depth += 1
                    defer { depth -= 1 }
                    if depth > maxDepth {
                        throw RuntimeError("maximum recursion depth (\(maxDepth) calls) exceeded in the default value of '\(p.name)'; is the recursion infinite?", loc)
                    }
                    frame.slots[offset + i] = try d(frame)
                }
            case .variadic(let idx): frame.slots[offset + i] = try p.coercions[i].apply(.array(idx.map { vals[$0] }), loc)
            }
        }
    }
}
