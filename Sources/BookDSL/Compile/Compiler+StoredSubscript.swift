/// `name[i]` where `name` is stored (a local, a global, a field of `self`): Swift evaluates the index before it
/// reads the storage (the read access begins after the arguments), so `a[f()]` sees what `f` did to `a`; and the
/// element is read where the array is stored, without a copy of the array `Value` (a retain and a release per
/// read in loops such as `for i in 1..<q.count where q[i] > q[b]`).
extension Compiler {
    /// The compiled read, or nil when `base` is not a stored name (then the base is evaluated first, as Swift
    /// evaluates an rvalue base such as a call).
    func compileStoredSubscript(_ base: Expr, _ index: Expr, _ loc: Loc) -> Eval? {
        guard case .name(let n, _) = base, let ref = lookup(n) else { return nil }
        let interp = self.interp
        let ie = compileExpr(index)
        let il = localSlot(index)
        switch ref {
        case .local(let d, let s, let b) where !b.assignOnce:
            if d == 0, let il {
                // `xs[i]` with both locals: the index read in place too
                return { f in try Compiler.element(interp, f.slots + s, f.slots[il], loc) }
            }
            if d == 0 {
                return { f in
                    let i = try ie(f)
                    return try Compiler.element(interp, f.slots + s, i, loc)
                }
            }
            return { f in
                let i = try ie(f)
                return try Compiler.element(interp, f.up(d).slots + s, i, loc)
            }
        case .global(let s, _):
            let site = GlobalRead(g, s, n, loc)
            return { f in
                let i = try ie(f)
                return try Compiler.subscriptValue(interp, try site.read(), i, loc)
            }
        case .selfField(let d, _, let k):
            if d == 0, let il {
                // `q[i]` in a method, `i` a local: the index and the field read in place
                return { f in
                    switch f.slots[0] {
                    case .object(let o): return try Compiler.element(interp, o.fieldPointer(k), f.slots[il], loc)
                    case .structValue(let sv): return try Compiler.element(interp, sv.fieldPointer(k), f.slots[il], loc)
                    default: throw RuntimeError("'self' is not available here", loc)
                    }
                }
            }
            return { f in
                let i = try ie(f)
                switch (d == 0 ? f : f.up(d)).slots[0] {
                case .object(let o): return try Compiler.element(interp, o.fieldPointer(k), i, loc)
                case .structValue(let sv): return try Compiler.element(interp, sv.fieldPointer(k), i, loc)
                default: throw RuntimeError("'self' is not available here", loc)
                }
            }
        default:
            return nil
        }
    }

    /// `(*slot)[i]`: an array's element read in place; anything else (and errors) out of line.
    @inline(__always)
    static func element(_ interp: Interpreter, _ slot: UnsafeMutablePointer<Value>, _ i: Value, _ loc: Loc) throws -> Value {
        if case .int(let k) = i, case .array(let a) = slot.pointee, k >= 0 && k < a.count { return a[k] }
        return try elementSlow(interp, slot, i, loc)
    }

    @inline(never)
    static func elementSlow(_ interp: Interpreter, _ slot: UnsafeMutablePointer<Value>, _ i: Value, _ loc: Loc) throws -> Value {
        try subscriptValue(interp, slot.pointee, i, loc)
    }
}
