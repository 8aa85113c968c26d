import RLSupport

/// Expressions.
extension Compiler {
    func compileExpr(_ e: Expr, expected: TypeExpr? = nil) -> Eval {
        switch e {
        case .intLit(let n, _):
            if case .named(let t, _)? = expected, t == "Double" || t == "Float" { let v = Value.double(Double(n)); return { _ in v } }
            let v = Value.int(n); return { _ in v }
        case .doubleLit(let d, _): let v = Value.double(d); return { _ in v }
        case .boolLit(let b, _): let v = Value.bool(b); return { _ in v }
        case .stringLit(let s, _): let v = Value.string(s); return { _ in v }
        case .nilLit: return { _ in .nilValue }
        case .interp(let parts, let loc):
            var pieces: [EvalBox] = []
            for p in parts {
                switch p {
                case .text(let t): let v = Value.string(t); pieces.append(EvalBox { _ in v })
                case .expr(let x): pieces.append(EvalBox(compileExpr(x)))
                }
            }
            let interp = self.interp
            return { f in
                var s = ""
                for p in pieces {
                    let v = try p.f(f)
                    if case .string(let t) = v {
                        if t.utf8.count >= 1 << 20 { try interp.admit(s.utf8.count + t.utf8.count, "a string of \(s.utf8.count + t.utf8.count) bytes", loc) }
                        s += t
                    } else { s += v.description }
                }
                return .string(s)
            }
        case .name(let n, let loc): return compileName(n, loc)
        case .dollar(let n, let loc):
            guard ctx.isClosure else {
                error("anonymous closure argument not contained in a closure", loc)
                return { _ in .void }
            }
            return { f in f.slots[n] }
        case .selfRef(let loc):
            guard let (_, d) = ctx.methodContext() else {
                error("cannot find 'self' in scope", loc)
                return { _ in .void }
            }
            return { f in f.up(d).slots[0] }
        case .superRef(let loc):
            error("'super' must be followed by a member access", loc)
            return { _ in .void }
        case .array(let items, _):
            var elemType: TypeExpr?
            if case .array(let t)? = expected { elemType = t }
            if elemType == nil { elemType = enumTypeOfSiblings(items) }
            if elemType == nil, case .array(let promoted)? = promotedNumericLiteralType(e) {
                // `[1, 2.5]`, `[[0, 1], [0.5, 2]]`, `[dt, 0]`: Swift types these [Double] / [[Double]]
                let c = coercion(for: .array(promoted))
                if let v = constantValue(e), let cv = try? c.apply(v, .none) { return { _ in cv } }
                let evals = items.map { EvalBox(compileExpr($0, expected: promoted)) }
                return { f in
                    let a = try [Value].evaluated(evals.count) { try evals[$0].f(f) }
                    return try c.apply(.array(a), .none)
                }
            }
            if elemType == nil, let v = constantValue(e) {
                // literals only (`[1, 2, 3]`, `["a", "b"]`): one value, made now (a long literal
                // compiles to one array, not a closure per element)
                return { _ in v }
            }
            let evals = items.map { compileExpr($0, expected: elemType) }
            if evals.isEmpty { return { _ in .array([]) } }
            return { f in
                var a = [Value]()
                a.reserveCapacity(evals.count)
                for e in evals { a.append(try e(f)) }
                return .array(a)
            }
        case .dict(let pairs, _):
            var vt: TypeExpr?
            if case .dict(_, let t)? = expected { vt = t }
            var valueCoercion = Coercion.identity
            if vt == nil, case .array(let promoted)? = promotedNumericLiteralType(.array(pairs.map(\.1), .none)) {
                // `["a": 1, "b": 2.5]` is a [String: Double]
                vt = promoted
                valueCoercion = coercion(for: promoted)
            }
            let vc = valueCoercion
            if let keys = Compiler.distinctLiteralKeys(pairs.map(\.0)) {
                // `["x": k, "y": 2]`: the keys are made once; only the values are evaluated
                let valueEs = pairs.map { EvalBox(compileExpr($0.1, expected: vt)) }
                let converts = !vc.isNone
                return { f in
                    let vals = try [Value].evaluated(valueEs.count) { i in
                        let v = try valueEs[i].f(f)
                        return converts ? try vc.apply(v, .none) : v
                    }
                    return .dict(DictBox(distinctKeys: keys, values: vals))
                }
            }
            let evals = pairs.map { (compileExpr($0.0), compileExpr($0.1, expected: vt)) }
            let n = evals.count
            return { f in
                let d = DictBox(capacity: n)
                for (k, v) in evals { d.set(try k(f), try vc.apply(try v(f), .none)) }
                return .dict(d)
            }
        case .tuple(let items, _):
            var types: [TypeExpr?] = Array(repeating: nil, count: items.count)
            if case .tuple(let ts)? = expected, ts.count == items.count { types = ts.map(\.1) }
            let evals = zip(items, types).map { EvalBox(compileExpr($0.0.1, expected: $0.1)) }
            let labels: [String?]? = items.allSatisfy { $0.0 == nil } ? nil : items.map(\.0)
            let n = evals.count
            if n == 2 {
                // `(d, v)`: the two evaluators captured directly (not taken from the array)
                let e0 = evals[0].f, e1 = evals[1].f
                return { f in
                    let t = TupleBox.make(count: 2, normalizedLabels: labels)
                    t.initializeVoidElement(0, try e0(f))
                    t.initializeVoidElement(1, try e1(f))
                    return .tuple(t)
                }
            }
            return { f in
                // elements evaluated straight into the new tuple
                let t = TupleBox.make(count: n, normalizedLabels: labels)
                for i in 0..<n { t.initializeVoidElement(i, try evals[i].f(f)) }
                return .tuple(t)
            }
        case .unary(let op, let x, let loc): return compileUnary(op, x, loc)
        case .postfixOp(let op, let x, _):
            let xe = compileExpr(x)
            if op == "?" { return { f in try xe(f) } }
            return { f in .range(RangeBox(lower: try xe(f), upper: nil, closed: op == "...")) }
        case .binary(let op, let l, let r, let loc): return compileBinary(op, l, r, loc)
        case .ternary(let c, let a, let b, _):
            let ce = compileCondition(c), ae = compileExpr(a, expected: expected), be = compileExpr(b, expected: expected)
            return { f in try ce(f) ? try ae(f) : try be(f) }
        case .call(let callee, let args, let loc): return compileCall(writtenGenericCallee(callee, expected), args, loc)
        case .member(.name(let tn, _), "init", let loc) where isTypeName(tn):
            return initializerValue(tn, loc)
        case .member(let base, let name, let loc): return compileMember(base, name, loc)
        case .optMember(let base, let name, let loc):
            let be = compileExpr(base)
            let interp = self.interp
            return { f in
                let b = try be(f)
                guard let v = b.unwrapped else { return .nilValue }
                let r = try interp.getMember(v, name, loc)
                if case .optional = r { return r }
                if case .nilValue = r { return r }
                return .optional(r)
            }
        case .tupleIndex(let base, let i, let loc):
            let be = compileExpr(base)
            return { f in
                let b = try be(f)
                if case .tuple(let t) = b, i < t.count { return t[i] }
                guard case .tuple(let t) = b.unwrapped ?? b, i < t.count else {
                    throw RuntimeError("value of type '\(b.typeName)' has no member '\(i)'", loc)
                }
                return t[i]
            }
        case .subscriptAccess(.postfixOp("?", let inner, _), let args, let loc):
            return optionalSubscript(inner, args, loc)
        case .subscriptAccess(let base, let args, let loc):
            if args.count == 1 && args[0].label == nil, let stored = compileStoredSubscript(base, args[0].value, loc) { return stored }
            if args.count == 1 && args[0].label == nil, let field = compileFieldSubscript(base, args[0].value, loc) { return field }
            let be = compileExpr(base)
            let argEs = args.map { EvalBox(compileExpr($0.value)) }
            let labels = args.map(\.label)
            let interp = self.interp
            if argEs.count == 1 && labels[0] == nil {
                let ie = argEs[0].f
                return { f in try Compiler.subscriptValue(interp, try be(f), try ie(f), loc) }
            }
            return { f in
                let b = try be(f)
                let vs = try [Value].evaluated(argEs.count) { try argEs[$0].f(f) }
                return try interp.subscriptGet(b, vs, labels, loc)
            }
        case .forceUnwrap(let x, let loc):
            let xe = compileExpr(x)
            return { f in
                switch try xe(f) {
                case .nilValue: throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", loc)
                case .optional(let v): return v
                case let v: return v
                }
            }
        case .closure(let c): return compileClosure(c, expected: expected)
        case .implicitMember(let n, let loc):
            if case .named(let tn, _)? = expected, let t = userType(tn), let c = t.caseByName[n] {
                if c.hasAssociatedValues { error("enum case '\(n)' of '\(tn)' needs its associated values: write .\(n)(...)", loc) }
                let v = Value.enumCase(c); return { _ in v }
            }
            if case .optional(.named(let tn, _))? = expected, n != "none", let t = userType(tn), t.kind != .enumType, t.staticFields[n] != nil {
                return compileExpr(.member(.name(tn, loc), n, loc))   // `var c: Color? = .white`
            }
            if case .named(let tn, _)? = expected, let t = userType(tn), t.kind != .enumType, t.staticFields[n] != nil {
                // `[vel, .zero]`, `let v: Vector = .zero`: a static property of the expected type
                return compileExpr(.member(.name(tn, loc), n, loc))
            }
            if n == "none", case .optional? = expected { return { _ in .nilValue } }
            let v = Value.symbol(n); return { _ in v }
        case .opRef(let op, let loc):
            let interp = self.interp
            let c = Callable(name: op, signature: nil) { args in
                guard args.count == 2 else { throw HostError.message("operator '\(op)' needs two operands") }
                return try interp.binaryOp(op, args[0], args[1], loc)
            }
            return { _ in .function(c) }
        case .cast(let x, let t, let kind, let loc):
            let xe = compileExpr(x, expected: kind == "as" ? t : nil)
            let c = coercion(for: t)
            let interp = self.interp
            switch kind {
            case "is": return { f in .bool(interp.valueMatches(try xe(f), t)) }
            case "as?": return { f in let v = try xe(f); return interp.valueMatches(v, t) ? .optional(v.unwrapped ?? v) : .nilValue }
            case "as!":
                return { f in
                    let v = try xe(f)
                    guard interp.valueMatches(v, t) else { throw RuntimeError("could not cast value of type '\(v.typeName)' to '\(t)'", loc) }
                    return v.unwrapped ?? v
                }
            default: return { f in try c.apply(try xe(f), loc) }
            }
        case .typeRef(let t, let loc):
            return compileTypeRef(t, loc)
        case .tryExpr(let kind, let x, let loc): return compileTry(kind, x, expected: expected, loc)
        case .error: return { _ in .void }
        }
    }

    func userType(_ name: String) -> StructType? {
        if case .type(let t)? = interp.globalBindings[name]?.storage { interp.compileReads.insert(name); return t }
        return nil
    }
}
