import RLSupport

/// Call frames: running a body in its frame, frames taken from and given back to a function's
/// free list, parameters filled by label mapping.
extension Interpreter {
    /// Runs a function body in its prepared frame.
    @inline(__always)
    func execute(_ p: FunctionProto, _ frame: Frame, _ loc: Loc) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth { throw tooDeep(p, loc) }
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
        if p.returnKind.keeps(v) { return v }
        return try p.returnCoercion.applyConverting(v, loc)
    }

    /// The error of a call past `maxDepth` (made out of line: the call paths stay small).
    @inline(never)
    func tooDeep(_ p: FunctionProto, _ loc: Loc) -> RuntimeError {
        RuntimeError("maximum recursion depth (\(maxDepth) calls) exceeded in '\(p.name)'; is the recursion infinite?", loc)
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

    /// A frame for a call of `p`, held through an unmanaged (+1) reference: a recycled one when
    /// available (its slots all `.void`: parameters may be stored with `Frame.setParameter`).
    /// Give it back with `giveBack`.
    @inline(__always)
    func takeFrame(_ p: FunctionProto, parent: Frame?) -> Unmanaged<Frame> {
        let n = p.freeCount
        if n > 0 {
            let u = p.freeFrames[n - 1]
            if u._withUnsafeGuaranteedRef({ $0.count }) >= p.slotCount {
                p.freeCount = n - 1
                if let parent { u._withUnsafeGuaranteedRef { $0.h.pointee.parent = parent } }
                return u
            }
        }
        return newFrame(p, parent: parent)
    }

    /// A new frame for `p` (the free list is empty, or holds a frame made before the function's
    /// slot count grew): kept out of line, so the call sites' fast path stays small.
    @inline(never)
    func newFrame(_ p: FunctionProto, parent: Frame?) -> Unmanaged<Frame> {
        if p.freeCount > 0 {
            p.freeCount -= 1
            p.freeFrames[p.freeCount].release()
        }
        return Unmanaged.passRetained(Frame.make(count: p.slotCount, parent: parent))
    }

    /// Gives up a call's reference to a frame from `takeFrame`: emptied and back on `p`'s free
    /// list when nothing else holds it. A function whose body makes no closures (nor nested
    /// functions, nor loops whose iterations get frames of their own) gives no one a reference
    /// to its frame, so it is recycled without asking the runtime for its reference count.
    @inline(__always)
    func giveBack(_ p: FunctionProto, _ u: Unmanaged<Frame>) {
        if p.freeCount < FunctionProto.poolSize,
           !p.framesMayEscape || u._withUnsafeGuaranteedRef({ _getRetainCount($0) }) == 1 {
            u._withUnsafeGuaranteedRef { $0.clearForReuse() }
            p.freeFrames[p.freeCount] = u
            p.freeCount += 1
        } else {
            u.release()
        }
    }

    /// Runs `body` with a frame for a call of `p` (`takeFrame`), then gives the frame back. The
    /// frame is held through an unmanaged reference for the call, so a call costs no retain and
    /// release of its frame.
    @inline(__always)
    func withFrame<R>(_ p: FunctionProto, parent: Frame?, _ body: (Frame) throws -> R) throws -> R {
        let u = takeFrame(p, parent: parent)
        let r: R
        do {
            r = try u._withUnsafeGuaranteedRef { try body($0) }
        } catch {
            giveBack(p, u)
            throw error
        }
        giveBack(p, u)
        return r
    }

    /// Calls `p` with its parameters already evaluated (and converted): `self` (when `p` has it)
    /// and up to two arguments moved straight into a recycled frame, no argument array.
    @inline(__always)
    func call(_ p: FunctionProto, parent: Frame?, _ a0: consuming Value, _ loc: Loc) throws -> Value {
        let u = takeFrame(p, parent: parent)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        (slots + 0).initialize(to: a0)
        return try runTaken(p, u, loc)
    }

    @inline(__always)
    func call(_ p: FunctionProto, parent: Frame?, _ a0: consuming Value, _ a1: consuming Value, _ loc: Loc) throws -> Value {
        let u = takeFrame(p, parent: parent)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        (slots + 0).initialize(to: a0)
        (slots + 1).initialize(to: a1)
        return try runTaken(p, u, loc)
    }

    @inline(__always)
    func call(_ p: FunctionProto, parent: Frame?, _ a0: consuming Value, _ a1: consuming Value, _ a2: consuming Value, _ loc: Loc) throws -> Value {
        let u = takeFrame(p, parent: parent)
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        (slots + 0).initialize(to: a0)
        (slots + 1).initialize(to: a1)
        (slots + 2).initialize(to: a2)
        return try runTaken(p, u, loc)
    }

    /// A method from a call-site cache (an unretained reference the cache keeps alive) called
    /// with `self` and its arguments already evaluated and converted, moved into a recycled frame.
    @inline(__always)
    func callCached(_ m: Unmanaged<FunctionProto>, _ selfValue: consuming Value, _ loc: Loc) throws -> Value {
        let u = m._withUnsafeGuaranteedRef { takeFrame($0, parent: nil) }
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        slots.initialize(to: selfValue)
        return try m._withUnsafeGuaranteedRef { try runTaken($0, u, loc) }
    }

    @inline(__always)
    func callCached(_ m: Unmanaged<FunctionProto>, _ selfValue: consuming Value, _ a0: consuming Value, _ loc: Loc) throws -> Value {
        let u = m._withUnsafeGuaranteedRef { takeFrame($0, parent: nil) }
        let slots = u._withUnsafeGuaranteedRef { $0.slots }
        slots.initialize(to: selfValue)
        (slots + 1).initialize(to: a0)
        return try m._withUnsafeGuaranteedRef { try runTaken($0, u, loc) }
    }

    /// Runs `p` in a frame from `takeFrame` whose parameters are set, and gives the frame back.
    @inline(__always)
    func runTaken(_ p: FunctionProto, _ u: Unmanaged<Frame>, _ loc: Loc) throws -> Value {
        let r: Value
        do {
            r = try u._withUnsafeGuaranteedRef { try execute(p, $0, loc) }
        } catch {
            giveBack(p, u)
            throw error
        }
        giveBack(p, u)
        return r
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
