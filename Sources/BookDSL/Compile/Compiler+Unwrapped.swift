/// Optionals consumed where they are made: `if let x = d[k]`, `guard let`, `while let` and
/// `d[k] ?? y` read a dictionary's value without boxing it in `Value.optional` (a heap
/// allocation) only to unwrap it straight away.
extension Compiler {
    /// `e` unwrapped one level: nil for `nil`, the wrapped value of a present optional, any other
    /// value as it is (what optional binding and `??` do with the value of `e`).
    func compileUnwrapped(_ e: Expr) -> (Frame) throws -> Value? {
        if case .subscriptAccess(let base, let args, let loc) = e, args.count == 1, args[0].label == nil {
            // `d[k]`: a dictionary's value as it is stored; anything else as `subscriptGet` gives it
            let be = compileExpr(base), ke = compileExpr(args[0].value)
            let interp = self.interp
            return { f in
                let b = try be(f)
                let k = try ke(f)
                if case .dict(let d) = b, !d.isSet { return d.get(k) }
                return Compiler.unwrapOnce(try Compiler.subscriptValue(interp, b, k, loc))
            }
        }
        let ev = compileExpr(e)
        return { f in Compiler.unwrapOnce(try ev(f)) }
    }

    @inline(__always)
    static func unwrapOnce(_ v: Value) -> Value? {
        switch v {
        case .nilValue: return nil
        case .optional(let inner): return inner
        default: return v
        }
    }

    /// `b[k]` for one unlabelled key, as the compiled subscript reads it.
    @inline(__always)
    static func subscriptValue(_ interp: Interpreter, _ b: Value, _ i: Value, _ loc: Loc) throws -> Value {
        if case .array(let a) = b, case .int(let k) = i {
            guard k >= 0 && k < a.count else { throw RuntimeError("index out of range: index \(k), but the array has \(a.count) element\(a.count == 1 ? "" : "s")", loc) }
            return a[k]
        }
        return try interp.subscriptGet(b, [i], [nil], loc)
    }
}
