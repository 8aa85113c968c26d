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

    // MARK: Names

    func compileName(_ n: String, _ loc: Loc) -> Eval {
        guard let ref = lookup(n) else {
            if n == "_" { error("'_' can only appear in a pattern or on the left side of an assignment", loc); return { _ in .void } }
            if let why = UnsupportedTypes.message(n) ?? selfTypeMessage(n) { error(why, loc); return { _ in .void } }
            let hint = scopeHint(n)
            error("cannot find '\(n)' in scope\(hint)", loc)
            return { _ in .void }
        }
        return loadRef(ref, n, loc)
    }

    func loadRef(_ ref: NameRef, _ n: String, _ loc: Loc) -> Eval {
        switch ref {
        case .local(let d, let s, let b) where b.assignOnce:
            // `let a: T` given its value later: read before that is refused
            return { f in
                let v = (d == 0 ? f : f.up(d)).slots[s]
                if case .void = v {
                    throw RuntimeError("constant '\(n)' is used before it is given a value", loc, notes: ["note: assign it on every path before this line"])
                }
                return v
            }
        case .local(let d, let s, _):
            switch d {
            case 0: return { f in f.slots[s] }
            case 1: return { f in f.parent.unsafelyUnwrapped.slots[s] }
            default: return { f in f.up(d).slots[s] }
            }
        case .global(let s, _):
            let site = GlobalRead(g, s, n, loc)
            return { _ in try site.read() }
        case .selfField(let d, _, let k):
            if d == 0 {
                return { f in
                    switch f.slots[0] {
                    case .object(let o): return o[k]
                    case .structValue(let s): return s[k]
                    default: throw RuntimeError("'self' is not available here", loc)
                    }
                }
            }
            return { f in
                switch f.up(d).slots[0] {
                case .object(let o): return o[k]
                case .structValue(let s): return s[k]
                default: throw RuntimeError("'self' is not available here", loc)
                }
            }
        case .selfComputed(let d, _, let name):
            let interp = self.interp
            let cache = MemberCache()
            return { f in try interp.cachedMember(f.up(d).slots[0], name, cache, loc) }
        case .selfMethod(let d, _, let name):
            let interp = self.interp
            return { f in try interp.getMember(f.up(d).slots[0], name, loc) }
        case .type(let t):
            let v = Value.type(TypeValue(name: t.name, userType: t))
            return { _ in v }
        case .builtinType(let name):
            let v = Value.type(TypeValue(name: name))
            return { _ in v }
        }
    }

    // MARK: Unary / binary

    func compileUnary(_ op: String, _ x: Expr, _ loc: Loc) -> Eval {
        let xe = compileExpr(x)
        let interp = self.interp
        switch op {
        case "-":
            return { f in
                let v = try xe(f)
                switch v {
                case .int(let i):
                    if i == Int.min { throw RuntimeError("arithmetic overflow: -(\(i)) does not fit in Int", loc) }
                    return .int(-i)
                case .double(let d): return .double(-d)
                case .native(let n):
                    if let r = try interp.host(loc, { try n.unaryMinus() }) { return r }
                    throw RuntimeError("unary operator '-' cannot be applied to an operand of type '\(n.typeName)'", loc)
                default:
                    if let r = try interp.userPrefixOperator("-", v, loc) { return r }
                    // `-.infinity` where a Double is expected
                    if case .symbol(let n) = v, let d = Coercion.doubleConstant(n) { return .double(-d) }
                    throw RuntimeError("unary operator '-' cannot be applied to an operand of type '\(v.typeName)'", loc)
                }
            }
        case "!":
            let c = compileCondition(x)
            return { f in .bool(try !c(f)) }
        case "..<", "...":
            return { f in .range(RangeBox(lower: nil, upper: try xe(f), closed: op == "...")) }
        case "&":
            // `&x` as an argument of a call: its value (the call writes the result back)
            if !ampChecked.contains(loc) { error("'&' only marks a variable passed to an inout parameter of a function", loc) }
            return xe
        case "~":
            return { f in
                guard case .int(let i) = try xe(f) else { throw RuntimeError("unary operator '~' needs an Int", loc) }
                return .int(~i)
            }
        default:
            error("unknown prefix operator '\(op)'", loc)
            return { _ in .void }
        }
    }

    func compileBinary(_ op: String, _ l: Expr, _ r: Expr, _ loc: Loc) -> Eval {
        switch op {
        // As a value (not a condition), a comparison with an engine object gives what the object
        // says (an elementwise bool Tensor for `t > 0`); everything else gives a Bool.
        case "<": return compareValue(LtOp.self, l, r, loc)
        case "<=": return compareValue(LeOp.self, l, r, loc)
        case ">": return compareValue(GtOp.self, l, r, loc)
        case ">=": return compareValue(GeOp.self, l, r, loc)
        case "==", "!=":
            let le = compileExpr(l), re = compileExpr(r)
            let interp = self.interp
            let negate = op == "!="
            return { f in
                let a = try le(f), b = try re(f)
                if case .int(let x) = a, case .int(let y) = b { return .bool((x == y) != negate) }
                if case .double(let x) = a, case .double(let y) = b { return .bool((x == y) != negate) }
                return try interp.comparisonValue(op, a, b, loc)
            }
        case "&&", "||", "===", "!==":
            let c = compileCondition(.binary(op, l, r, loc))
            return { f in .bool(try c(f)) }
        case "??":
            let le = compileUnwrapped(l), re = compileExpr(r)
            if let c = coalescingConversion(l) {   // `d["k"] ?? 0` on Doubles is `0.0`
                return { f in
                    if let v = try le(f) { return v }
                    return try c.apply(try re(f), loc)
                }
            }
            return { f in
                if let v = try le(f) { return v }
                return try re(f)
            }
        case "..<", "...":
            let le = compileExpr(l), re = compileExpr(r)
            let closed = op == "..."
            return { f in try Compiler.makeRange(try le(f), try re(f), closed: closed, loc) }
        default: break
        }
        let le = compileExpr(l), re = compileExpr(r)
        let interp = self.interp
        let ls = localSlot(l)
        if case .intLit(let c, _) = r {
            switch op {
            case "+": return arithConst(AddOp.self, le, c, loc, interp, slot: ls)
            case "-": return arithConst(SubOp.self, le, c, loc, interp, slot: ls)
            case "*": return arithConst(MulOp.self, le, c, loc, interp, slot: ls)
            case "/": return arithConst(DivOp.self, le, c, loc, interp, slot: ls)
            case "%": return arithConst(ModOp.self, le, c, loc, interp, slot: ls)
            default: break
            }
        }
        let rs = localSlot(r)
        switch op {
        case "+": return arith(AddOp.self, le, re, loc, interp, slots: (ls, rs))
        case "-": return arith(SubOp.self, le, re, loc, interp, slots: (ls, rs))
        case "*": return arith(MulOp.self, le, re, loc, interp, slots: (ls, rs))
        case "/": return arith(DivOp.self, le, re, loc, interp, slots: (ls, rs))
        case "%": return arith(ModOp.self, le, re, loc, interp, slots: (ls, rs))
        default:
            if let e = intOperator(op, le, re, loc) { return e }
            return { f in try interp.binaryOp(op, try le(f), try re(f), loc) }
        }
    }

    /// `l op r` as a value: Ints and Doubles compared here, anything else by `comparisonValue`.
    func compareValue<O: CompareOp>(_ o: O.Type, _ l: Expr, _ r: Expr, _ loc: Loc) -> Eval {
        let le = compileExpr(l), re = compileExpr(r)
        let interp = self.interp
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b { return .bool(O.ints(x, y)) }
            if case .double(let x) = a, case .double(let y) = b { return .bool(O.doubles(x, y)) }
            return try interp.comparisonValue(O.symbol, a, b, loc)
        }
    }

    func arith<O: ArithOp>(_ o: O.Type, _ le: @escaping Eval, _ re: @escaping Eval, _ loc: Loc, _ interp: Interpreter,
                           slots: (Int?, Int?) = (nil, nil)) -> Eval {
        if let e = arithOnSlots(o, le, re, loc, interp, slots) { return e }
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b {
                if O.checksZero && y == 0 { throw RuntimeError("division by zero", loc) }
                let (v, o) = O.ints(x, y)
                if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                return .int(v)
            }
            if case .double(let x) = a, case .double(let y) = b { return .double(O.doubles(x, y)) }
            return try interp.binaryOp(O.symbol, a, b, loc)
        }
    }

    func arithConst<O: ArithOp>(_ o: O.Type, _ le: @escaping Eval, _ y: Int, _ loc: Loc, _ interp: Interpreter, slot: Int? = nil) -> Eval {
        let yd = Double(y)
        if O.checksZero && y == 0 {
            // `x / 0`: a Double divided by zero is ±infinity or NaN, as in Swift; an Int traps
            return { f in
                let a = try le(f)
                if case .double(let x) = a { return .double(O.doubles(x, 0)) }
                if case .int = a { throw RuntimeError("division by zero", loc) }
                return try interp.binaryOp(O.symbol, a, .int(y), loc)
            }
        }
        if let s = slot {
            return { f in
                if case .int(let x) = f.slots[s] {
                    let (v, o) = O.ints(x, y)
                    if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                    return .int(v)
                }
                if case .double(let x) = f.slots[s] { return .double(O.doubles(x, yd)) }
                return try interp.binaryOp(O.symbol, f.slots[s], .int(y), loc)
            }
        }
        return { f in
            let a = try le(f)
            if case .int(let x) = a {
                let (v, o) = O.ints(x, y)
                if o { throw RuntimeError("arithmetic overflow: \(x) \(O.symbol) \(y) does not fit in Int", loc) }
                return .int(v)
            }
            if case .double(let x) = a { return .double(O.doubles(x, yd)) }
            return try interp.binaryOp(O.symbol, a, .int(y), loc)
        }
    }

    /// A boolean test, with direct Int/Double comparisons (no `Value.bool` boxing).
    func compileCondition(_ e: Expr) -> (Frame) throws -> Bool {
        let interp = self.interp
        if case .binary(let op, let l, let r, let loc) = e {
            switch op {
            case "&&":
                let a = compileCondition(l), b = compileCondition(r)
                return { f in try a(f) && b(f) }
            case "||":
                let a = compileCondition(l), b = compileCondition(r)
                return { f in try a(f) || b(f) }
            case "<": return compare(LtOp.self, l, r, loc)
            case "<=": return compare(LeOp.self, l, r, loc)
            case ">": return compare(GtOp.self, l, r, loc)
            case ">=": return compare(GeOp.self, l, r, loc)
            case "==" where Compiler.isStringLiteral(r), "!=" where Compiler.isStringLiteral(r):
                // `op == "+"`: a String compared with the literal directly
                guard case .stringLit(let lit, _) = r else { break }
                let le = compileExpr(l)
                let b = Value.string(lit), negate = op == "!="
                return { f in
                    let a = try le(f)
                    if case .string(let x) = a { return (x == lit) != negate }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison(op, a, b, loc) { return r }
                    return valuesEqual(a, b) != negate
                }
            case "==":
                let le = compileExpr(l), re = compileExpr(r)
                return { f in
                    let a = try le(f), b = try re(f)
                    if case .int(let x) = a, case .int(let y) = b { return x == y }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison("==", a, b, loc) { return r }
                    return valuesEqual(a, b)
                }
            case "!=":
                let le = compileExpr(l), re = compileExpr(r)
                return { f in
                    let a = try le(f), b = try re(f)
                    if case .int(let x) = a, case .int(let y) = b { return x != y }
                    if Interpreter.operatorType(a) != nil, let r = try interp.userComparison("!=", a, b, loc) { return r }
                    return !valuesEqual(a, b)
                }
            case "===", "!==":
                let le = compileExpr(l), re = compileExpr(r)
                let neg = op == "!=="
                return { f in
                    let a = try le(f), b = try re(f)
                    return Value.identical(a, b) != neg
                }
            default: break
            }
        }
        if case .unary("!", let x, _) = e {
            let c = compileCondition(x)
            return { f in try !c(f) }
        }
        if case .boolLit(let b, _) = e { return { _ in b } }
        let ev = compileExpr(e)
        let loc = e.loc
        return { f in
            let v = try ev(f)
            if case .bool(let b) = v { return b }
            if case .optional(.bool(let b)) = v { return b }
            throw RuntimeError("type '\(v.typeName)' cannot be used as a boolean; test for '!= nil' instead", loc)
        }
    }

    /// The frame slot of an expression that is a local of the current function (depth 0).
    func localSlot(_ e: Expr) -> Int? {
        if case .name(let n, _) = e, case .local(0, let s, _)? = lookup(n) { return s }
        if case .dollar(let n, _) = e, ctx.isClosure { return n }
        return nil
    }

    func compare<O: CompareOp>(_ o: O.Type, _ l: Expr, _ r: Expr, _ loc: Loc) -> (Frame) throws -> Bool {
        let interp = self.interp
        if let s = localSlot(l) {
            if case .intLit(let c, _) = r {
                let cd = Double(c)
                return { f in
                    if case .int(let x) = f.slots[s] { return O.ints(x, c) }
                    if case .double(let x) = f.slots[s] { return O.doubles(x, cd) }
                    return try interp.compareSlow(O.symbol, f.slots[s], .int(c), loc)
                }
            }
            if let t = localSlot(r) {
                // `i < n`: both locals read in place
                return { f in
                    let sl = f.slots
                    if case .int(let x) = sl[s], case .int(let y) = sl[t] { return O.ints(x, y) }
                    if case .double(let x) = sl[s], case .double(let y) = sl[t] { return O.doubles(x, y) }
                    return try interp.compareSlow(O.symbol, sl[s], sl[t], loc)
                }
            }
            let re = compileExpr(r)
            return { f in
                let b = try re(f)
                if case .int(let x) = f.slots[s], case .int(let y) = b { return O.ints(x, y) }
                if case .double(let x) = f.slots[s], case .double(let y) = b { return O.doubles(x, y) }
                return try interp.compareSlow(O.symbol, f.slots[s], b, loc)
            }
        }
        let le = compileExpr(l)
        if case .intLit(let c, _) = r {
            let cd = Double(c)
            return { f in
                let a = try le(f)
                if case .int(let x) = a { return O.ints(x, c) }
                if case .double(let x) = a { return O.doubles(x, cd) }
                return try interp.compareSlow(O.symbol, a, .int(c), loc)
            }
        }
        if let t = localSlot(r) {
            // `a[i] < best`: the right local read in place after the left side runs
            return { f in
                let a = try le(f)
                if case .int(let x) = a, case .int(let y) = f.slots[t] { return O.ints(x, y) }
                if case .double(let x) = a, case .double(let y) = f.slots[t] { return O.doubles(x, y) }
                return try interp.compareSlow(O.symbol, a, f.slots[t], loc)
            }
        }
        let re = compileExpr(r)
        return { f in
            let a = try le(f), b = try re(f)
            if case .int(let x) = a, case .int(let y) = b { return O.ints(x, y) }
            if case .double(let x) = a, case .double(let y) = b { return O.doubles(x, y) }
            return try interp.compareSlow(O.symbol, a, b, loc)
        }
    }
}

/// A read of a global variable: one object captured (the closure's call passes one pointer, not
/// the slot, name and location), the message made out of line.
final class GlobalRead {
    let g: GlobalStore
    let slot: Int
    let name: String
    let loc: Loc

    init(_ g: GlobalStore, _ slot: Int, _ name: String, _ loc: Loc) {
        self.g = g
        self.slot = slot
        self.name = name
        self.loc = loc
    }

    @inline(__always) func read() throws -> Value {
        let v = g.slots[slot]
        if case .void = v { throw unset() }
        return v
    }

    @inline(never) func unset() -> RuntimeError {
        RuntimeError("'\(name)' is used before it was given a value (did its cell run?)", loc)
    }
}
