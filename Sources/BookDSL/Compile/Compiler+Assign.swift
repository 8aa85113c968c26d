/// Assignments: `=` and the compound operators on any assignment target (`LValue`), with the fast paths for locals and `self`'s fields.
extension Compiler {
    func compileAssign(_ op: String, _ target: Expr, _ value: Expr, _ loc: Loc) -> Exec {
        let interp = self.interp
        if case .name("_", _) = target, op == "=" {
            let ve = compileExpr(value)
            return { f in _ = try ve(f); return .normal }
        }
        var expected: TypeExpr?
        if case .name(let n, _) = target, case .local(_, _, let b)? = lookup(n), case .toDouble = b.coercion { expected = .named("Double", []) }
        if case .instance(let t) = staticKind(target), t.kind == .enumType { expected = .named(t.name, []) }
        if expected == nil, op == "=" { expected = implicitMemberTargetType(target, value) }   // `palette["fg"] = .white`
        if let ordered = orderedAssign(op, target, value, expected: expected, loc) { return ordered }
        if case .tuple(let items, _) = target, op == "=" {
            let ve = compileExpr(value)
            let lvs = items.map { item -> LValue? in
                if case .name("_", _) = item.1 { return nil }
                return compileLValue(item.1, .assign)
            }
            return { f in
                let v = try ve(f)
                guard case .tuple(let t) = v, t.count == lvs.count else {
                    throw RuntimeError("cannot assign value of type '\(v.typeName)' to a tuple of \(lvs.count) elements", loc)
                }
                for (lv, x) in zip(lvs, t.values) {
                    guard let lv else { continue }
                    let cx = try lv.coercion.apply(x, loc)
                    try lv.modify(f) { $0 = cx }
                }
                return .normal
            }
        }
        guard let lv = compileLValue(target, .assign) else {
            error("cannot assign to this expression", target.loc)
            return { _ in .normal }
        }
        let ve = compileExpr(value, expected: expected)
        if op == "=" {
            // fast path: a plain local
            if case .name(let n, _) = target, case .local(0, let s, let b)? = lookup(n), b.coercion.isNone, !b.isLet {
                return { f in f.slots[s] = try ve(f); return .normal }
            }
            let c = lv.coercion
            if let (d, t, k) = selfFieldTarget(target) {
                // a stored property of `self` without observers: set in place
                let modify = lv.modify
                return { f in
                    let v = try c.apply(try ve(f), loc)
                    if try !Interpreter.setField(&f.up(d).slots[0], k, v, t, loc) { try modify(f) { $0 = v } }
                    return .normal
                }
            }
            if case .optional(let inner) = c, inner.isNone {
                // `T?` without a conversion of `T` (a class or struct, `Any`): a value is wrapped
                // here, without the general conversion
                let modify = lv.modify
                return { f in
                    var v = try ve(f)
                    switch v {
                    case .nilValue, .optional: break
                    default: v = .optional(v)
                    }
                    try modify(f) { $0 = v }
                    return .normal
                }
            }
            return { f in
                let v = try c.apply(try ve(f), loc)
                try lv.modify(f) { $0 = v }
                return .normal
            }
        }
        let bop = String(op.dropLast())
        switch bop {
        case "+": if let e = fastCompound(AddOp.self, target, ve, loc) { return e }
        case "-": if let e = fastCompound(SubOp.self, target, ve, loc) { return e }
        case "*": if let e = fastCompound(MulOp.self, target, ve, loc) { return e }
        case "/": if let e = fastCompound(DivOp.self, target, ve, loc) { return e }
        case "%": if let e = fastCompound(ModOp.self, target, ve, loc) { return e }
        default: break
        }
        let c = lv.coercion
        switch bop {
        case "+": return compoundThrough(AddOp.self, lv, ve, c, loc)
        case "-": return compoundThrough(SubOp.self, lv, ve, c, loc)
        case "*": return compoundThrough(MulOp.self, lv, ve, c, loc)
        case "/": return compoundThrough(DivOp.self, lv, ve, c, loc)
        case "%": return compoundThrough(ModOp.self, lv, ve, c, loc)
        default: break
        }
        return { f in
            let r = try ve(f)
            try lv.modify(f) { v in
                try Interpreter.compound(&v, bop, r, loc, interp)
                if !c.isNone { v = try c.apply(v, loc) }
            }
            return .normal
        }
    }

    /// A subscript's `default:` value converted to a Set where the dictionary's values are Sets (a literal
    /// `[]` is an array until then); any other default as it is.
    func setDefault(_ e: @escaping Eval, _ c: Coercion, _ loc: Loc) -> Eval {
        guard case .set = c else { return e }
        return { f in try c.apply(try e(f), loc) }
    }

    /// `target op= value` through a general l-value, with the arithmetic fast path.
    func compoundThrough<O: ArithOp>(_ o: O.Type, _ lv: LValue, _ ve: @escaping Eval, _ c: Coercion, _ loc: Loc) -> Exec {
        let interp = self.interp
        let modify = lv.modify
        if c.isNone || isNumeric(c) {
            return { f in
                let r = try ve(f)
                try modify(f) { v in try arithInPlace(O.self, &v, r, loc, interp) }
                return .normal
            }
        }
        return { f in
            let r = try ve(f)
            try modify(f) { v in
                try arithInPlace(O.self, &v, r, loc, interp)
                v = try c.apply(v, loc)
            }
            return .normal
        }
    }

    /// `x op= value` on a plain variable or a field of `self`, without the general l-value machinery.
    func fastCompound<O: ArithOp>(_ o: O.Type, _ target: Expr, _ ve: @escaping Eval, _ loc: Loc) -> Exec? {
        guard case .name(let n, _) = target, let ref = lookup(n) else { return nil }
        let interp = self.interp
        switch ref {
        case .local(let d, let s, let b):
            guard b.coercion.isNone || isNumeric(b.coercion) else { return nil }
            if d == 0 { return { f in try arithInPlace(O.self, &f.slots[s], try ve(f), loc, interp); return .normal } }
            return { f in try arithInPlace(O.self, &f.up(d).slots[s], try ve(f), loc, interp); return .normal }
        case .global(let s, let b):
            guard b.coercion.isNone || isNumeric(b.coercion) else { return nil }
            let g = self.g
            return { f in try arithInPlace(O.self, &g.slots[s], try ve(f), loc, interp); return .normal }
        case .selfField(let d, let t, let k):
            guard t.fieldCoercions[k].isNone || isNumeric(t.fieldCoercions[k]), t.observers[k] == nil else { return nil }
            checkSelfMutation(t, field: k, n, .assign, loc)
            return { f in
                let r = try ve(f)
                let selfRef = f.up(d)
                if case .object(let obj) = selfRef.slots[0] {
                    try arithInPlace(O.self, &obj[k], r, loc, interp)
                } else {
                    try Interpreter.modifyField(&selfRef.slots[0], k, loc) { try arithInPlace(O.self, &$0, r, loc, interp) }
                }
                return .normal
            }
        default: return nil
        }
    }

    /// `x` or `self.x` naming a stored property of `self` that is set without running observers
    /// (none declared, or inside the type's initializer) and without a run-time `let` check.
    func selfFieldTarget(_ target: Expr) -> (depth: Int, type: StructType, field: Int)? {
        let d: Int, t: StructType, k: Int
        switch target {
        case .name(let n, _):
            guard case .selfField(let dd, let tt, let kk)? = lookup(n) else { return nil }
            (d, t, k) = (dd, tt, kk)
        case .member(.selfRef, let name, _):
            guard let (mctx, dd) = ctx.methodContext(), let tt = mctx.selfType, let kk = tt.fieldIndex[name] else { return nil }
            (d, t, k) = (dd, tt, kk)
        default: return nil
        }
        guard t.kind == .structType || t.kind == .classType, k < t.fieldIsLet.count else { return nil }
        let isInit = ctx.methodContext()?.0.isInit ?? false
        if t.observers[k] != nil && !isInit { return nil }
        if t.fieldIsLet[k] && !isInit { return nil }
        return (d, t, k)
    }

    func isNumeric(_ c: Coercion) -> Bool {
        switch c { case .toDouble, .checkInt: return true; default: return false }
    }
}

extension Compiler {
    /// Whether an expression names a storage location (a variable, a property, an element).
    func isAssignable(_ e: Expr) -> Bool {
        switch e {
        case .name, .dollar, .selfRef: return true
        case .member(let b, _, _), .subscriptAccess(let b, _, _): return isAssignable(b)
        case .forceUnwrap(let b, _): return isAssignable(b)
        default: return false
        }
    }
}
