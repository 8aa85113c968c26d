import RLSupport

/// `for`-`in` loops: fresh or shared frames per iteration, ranges and generic sequences.
extension Compiler {
    func compileFor(_ pat: Pattern, _ seq: Expr, _ whereExpr: Expr?, _ body: [Stmt], _ loc: Loc, label: String? = nil) -> Exec {
        let seq = lazySequence(seq)
        // A body that creates closures gets a fresh frame per iteration, so that each closure
        // captures its own copy of the loop variable (as in Swift).
        let before = closuresCompiled
        let errorCount = errors.count
        let plain = compileForShared(pat, seq, whereExpr, body, loc, label: label)
        if closuresCompiled == before { return plain }
        errors.removeSubrange(errorCount...)   // the body is compiled again
        return compileForFresh(pat, seq, whereExpr, body, loc, label: label)
    }

    func compileForFresh(_ pat: Pattern, _ seq: Expr, _ whereExpr: Expr?, _ body: [Stmt], _ loc: Loc, label: String?) -> Exec {
        let seqE = compileExpr(seq)
        let saved = ctx
        ctx = FuncCtx(parent: saved)
        ctx.labels = saved.labels
        ctx.catchDepth = saved.catchDepth
        ctx.isThrowing = saved.isThrowing || saved.isTop || saved.isClosure
        let lid = enterBreakable(label, isLoop: true, loc)
        var slot = -1
        var binder: ((Frame, Value) throws -> Void)?
        if case .name(let n, let l) = pat, case .local(let s) = declare(n, isLet: true, type: elementType(seq), loc: l) { slot = s }
        else if case .tuple = pat { binder = bindPattern(pat, isLet: true, loc: loc) }
        let whereTest = whereExpr.map { BoolBox(compileCondition($0)) }
        let bodyExec = block(body)
        let size = ctx.slotCount
        ctx = saved
        let interp = self.interp
        return { f in
            // Each iteration gets its own frame (a closure made in the body keeps that iteration's
            // variables); when no closure kept it, the next iteration reuses it.
            var spare: Frame?
            /// One iteration: nil to go on, or how the loop ends.
            func iteration(_ x: Value) throws -> Flow? {
                var child: Frame
                if let s = spare { spare = nil; child = s } else { child = Frame.make(count: size, parent: f) }
                if slot >= 0 { child.slots[slot] = x } else if let binder { try binder(child, x) }
                try interp.tick(loc)
                if let w = whereTest, try !w.f(child) {
                    Compiler.keepSpare(&child, size, &spare)
                    return nil
                }
                switch try bodyExec(child) {
                case .breakLoop: return .normal
                case .returned:
                    f.returnValue = child.returnValue
                    return .returned
                case .breakLabel: if interp.pendingLabel == lid { return .normal }; return .breakLabel
                case .continueLabel: if interp.pendingLabel != lid { return .continueLabel }
                default: break
                }
                Compiler.keepSpare(&child, size, &spare)
                return nil
            }
            // integer ranges and strides run without making their array (`forEachElement`)
            var result = Flow.normal
            try interp.forEachElement(try seqE(f), loc) { x in
                if let flow = try iteration(x) { result = flow; return false }
                return true
            }
            return result
        }
    }

    /// Keeps a finished iteration's frame for the next one when nothing else holds it.
    @inline(__always)
    static func keepSpare(_ child: inout Frame, _ size: Int, _ spare: inout Frame?) {
        guard isKnownUniquelyReferenced(&child) else { return }
        let s = child.slots
        for i in 0..<size { s[i] = .void }
        spare = child
    }

    func compileForShared(_ pat: Pattern, _ seq: Expr, _ whereExpr: Expr?, _ body: [Stmt], _ loc: Loc, label: String?) -> Exec {
        pushScope()
        defer { popScope() }
        let lid = enterBreakable(label, isLoop: true, loc)
        defer { leaveBreakable() }
        let interp = self.interp
        // Integer ranges run without allocating the sequence.
        if case .binary(let op, let lo, let hi, _) = seq, op == "..<" || op == "..." {
            let loE = compileExpr(lo), hiE = compileExpr(hi)
            let closed = op == "..."
            var slot = -1
            if case .name(let n, let l) = pat {
                if case .local(let s) = declare(n, isLet: true, kind: .int, loc: l) { slot = s }
            }
            let whereTest = whereExpr.map { compileCondition($0) }
            let bodyExec = block(body)
            return { f in
                guard case .int(let a) = try loE(f), case .int(let b0) = try hiE(f) else {
                    return try Compiler.forGeneric(f, try Compiler.makeRange(try loE(f), try hiE(f), closed: closed, loc), slot: slot, binder: nil, whereTest: whereTest, body: bodyExec, interp: interp, loc: loc, label: lid)
                }
                var b = b0
                if closed {
                    if b0 < a { throw RuntimeError("range requires lowerBound <= upperBound", loc) }
                    if b0 == Int.max { throw RuntimeError("arithmetic overflow: range upper bound is Int.max", loc) }
                    b = b0 + 1
                } else if b0 < a {
                    throw RuntimeError("range requires lowerBound <= upperBound (\(a)..<\(b0))", loc)
                }
                var i = a
                while i < b {
                    if slot >= 0 { f.slots[slot] = .int(i) }
                    i += 1
                    try interp.tick(loc)
                    if let w = whereTest, try !w(f) { continue }
                    switch try bodyExec(f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .breakLabel: if interp.pendingLabel == lid { return .normal }; return .breakLabel
                    case .continueLabel: if interp.pendingLabel == lid { continue }; return .continueLabel
                    default: continue
                    }
                }
                return .normal
            }
        }
        let seqE = compileExpr(seq)
        var slot = -1
        var binder: ((Frame, Value) throws -> Void)?
        if case .name(let n, let l) = pat, case .local(let s) = declare(n, isLet: true, type: elementType(seq), loc: l) { slot = s }
        else if case .tuple = pat { binder = bindPattern(pat, isLet: true, loc: loc) }
        let whereTest = whereExpr.map { compileCondition($0) }
        let bodyExec = block(body)
        let b = binder
        return { f in
            try Compiler.forGeneric(f, try seqE(f), slot: slot, binder: b, whereTest: whereTest, body: bodyExec, interp: interp, loc: loc, label: lid)
        }
    }

    static func makeRange(_ a: Value, _ b: Value, closed: Bool, _ loc: Loc) throws -> Value {
        if let x = a.asDouble, let y = b.asDouble, y < x {
            throw RuntimeError("range requires lowerBound <= upperBound", loc)
        }
        return .range(RangeBox(lower: a, upper: b, closed: closed))
    }

    static func forGeneric(_ f: Frame, _ seq: Value, slot: Int, binder: ((Frame, Value) throws -> Void)?,
                           whereTest: ((Frame) throws -> Bool)?, body: Exec, interp: Interpreter, loc: Loc, label: Int) throws -> Flow {
        var result = Flow.normal
        try interp.forEachElement(seq, loc) { x in
            if slot >= 0 { f.slots[slot] = x } else if let binder { try binder(f, x) }
            try interp.tick(loc)
            if let w = whereTest, try !w(f) { return true }
            switch try body(f) {
            case .breakLoop: return false
            case .returned: result = .returned; return false
            case .breakLabel: if interp.pendingLabel != label { result = .breakLabel }; return false
            case .continueLabel: if interp.pendingLabel == label { return true }; result = .continueLabel; return false
            default: return true
            }
        }
        return result
    }

    /// `for x in stride(...)` iterates lazily (Swift's strides are): the call is made to the lazy
    /// form of the built-in, unless a cell declared its own `stride`.
    func lazySequence(_ seq: Expr) -> Expr {
        guard case .call(.name("stride", let nl), let args, let cl) = seq,
              case .global(let slot, _)? = lookup("stride"),
              case .function(let c) = interp.globals.slots[slot], c.proto == nil, c.name == "stride" else { return seq }
        return .call(.name("__strideLazy", nl), args, cl)
    }
}
