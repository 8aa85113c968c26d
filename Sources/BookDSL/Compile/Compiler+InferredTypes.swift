/// The types Swift infers for declarations written without one (`var ys = [0.0]`,
/// `var stats = (rewards: [Double](), n: 0)`, `var agents = [Agent(), Agent()]`), as far as the
/// compiler can tell before running: an integer stored into an element of such a place becomes a
/// Double as in Swift, and a change through an element of a known struct type converts what it
/// stores instead of checking the whole field afterwards.
extension Compiler {
    /// The type of `e` when it is known without running; nil when it is not. A tuple's element
    /// of unknown type is `_` (no conversion).
    func inferredType(_ e: Expr) -> TypeExpr? {
        switch e {
        case .intLit, .unary("-", .intLit, _): return .named("Int", [])
        case .doubleLit, .unary("-", .doubleLit, _): return .named("Double", [])
        case .boolLit: return .named("Bool", [])
        case .stringLit, .interp: return .named("String", [])
        case .array(let items, _):
            if let (t, sawDouble, _) = numericLiteralShape(e), sawDouble { return t }   // `[0, 0.5]` is a `[Double]`
            guard let first = items.first, let t = inferredType(first) else { return nil }
            for x in items.dropFirst() { guard let u = inferredType(x), u.description == t.description else { return nil } }
            return .array(t)
        case .dict(let pairs, _):
            guard let (k0, v0) = pairs.first, let k = inferredType(k0), var v = inferredType(v0) else { return nil }
            for (kx, vx) in pairs.dropFirst() {
                guard let k2 = inferredType(kx), k2.description == k.description, let v2 = inferredType(vx) else { return nil }
                if v2.description == v.description { continue }
                // `["a": 1, "b": 2.5]` is a `[String: Double]`
                let numbers: Set<String> = ["Int", "Double"]
                guard numbers.contains(v.description), numbers.contains(v2.description) else { return nil }
                v = .named("Double", [])
            }
            return .dict(k, v)
        case .tuple(let es, _):
            return .tuple(es.map { ($0.0, inferredType($0.1) ?? .named("_", [])) })
        case .call(.typeRef(let t, _), _, _):
            return substituted(t)   // `[Double]()`, `[Double](repeating: 0, count: n)`, `[String: Double]()`
        case .call(.name("Array", _), let args, _):
            if args.count == 2, args[0].label == "repeating", let t = inferredType(args[0].value) { return .array(t) }
            return nil
        case .call(.name(let n, _), let args, _):
            return constructedType(n) ?? callType(n, args)
        case .call(.member(let base, let m, _), let args, _) where m != "map":
            return methodCallType(base, m, args)
        case .call(.member(let base, "map", _), let args, _):
            // `(0..<n).map { _ in Agent() }`, `xs.map { $0 * 2 }` on `[Double]`: an array of the
            // type of the closure's one expression
            guard args.count == 1, case .closure(let c) = args[0].value else { return nil }
            if let rt = c.returnType { return .array(rt) }
            guard c.body.count == 1, c.params.count <= 1, c.anonCount <= 1 else { return nil }
            let body: Expr
            switch c.body[0] {
            case .expr(let e): body = e
            case .returnStmt(let e?, _): body = e
            default: return nil
            }
            let saved = inferenceParameters
            defer { inferenceParameters = saved }
            let element: TypeExpr?
            switch base {
            case .binary(let op, let l, let r, _) where op == "..<" || op == "...":
                element = numericType(l)?.description == "Int" && numericType(r)?.description == "Int" ? .named("Int", []) : nil
            default:
                if case .array(let e)? = inferredType(base) { element = e } else { element = nil }
            }
            let name = c.hasExplicitParams ? c.params.first?.name : "$0"
            if let name, name != "_" {
                if let element { inferenceParameters[name] = element } else { inferenceParameters[name] = .named("_", []) }
            }
            return inferredType(body).map { .array($0) }
        case .dollar(let i, _):
            if let t = inferenceParameters["$\(i)"] { return t.description == "_" ? nil : t }
            if case .local(_, _, let b)? = lookupInScopes("$\(i)") { return b.type }
            return nil
        case .name(let n, _):
            if let t = inferenceParameters[n] { return t.description == "_" ? nil : t }
            switch lookupInScopes(n) {   // not `lookup`: asking marks no frame as used
            case .local(_, _, let b)?: return b.type
            case .global(_, let b)?: return b.type
            case .selfField(_, let t, let k)?: return storedFieldType(t, t.fieldNames[k])
            default: return nil
            }
        case .selfRef:
            var c: FuncCtx? = ctx   // not `methodContext()`, which marks the frames up to it as used
            while let cc = c, cc.selfType == nil { c = cc.parent }
            guard let t = c?.selfType, t.kind != .enumType, t.kind != .protocolType else { return nil }
            return .named(t.name, [])
        case .member(let base, let name, _):
            if case .name(let n, _) = base, let t = userType(n), t.kind == .enumType, t.caseByName[name] != nil { return .named(t.name, []) }
            if case .name(let n, _) = base, let t = userType(n), let st = t.staticFieldTypes[name] { return st }   // `Color.white`
            // `Double.pi`, `Double.infinity`...: a Double
            if case .name("Double", _) = base, ["pi", "infinity", "nan", "greatestFiniteMagnitude", "leastNonzeroMagnitude",
                                                "leastNormalMagnitude", "ulpOfOne"].contains(name) { return .named("Double", []) }
            return memberType(of: inferredType(base), name)
        case .optMember, .call(.optMember, _, _), .subscriptAccess(.postfixOp("?", _, _), _, _):
            return optionalChainType(e)
        case .tupleIndex(let base, let i, _):
            if case .tuple(let es)? = inferredType(base), i < es.count { return es[i].1 }
            return nil
        case .subscriptAccess(let base, let args, _):
            switch inferredType(base) {
            case .array(let t)?:
                // an Int index (not a range, which makes a slice)
                guard args.count == 1, args[0].label == nil else { return nil }
                if case .binary(let op, _, _, _) = args[0].value, op == "..<" || op == "..." { return nil }
                switch args[0].value {
                case .unary, .postfixOp: return nil   // `xs[..<3]`, `xs[2...]`
                default: return t
                }
            case .dict(_, let v)?:
                if args.count == 2, args[1].label == "default" { return v }
                return args.count == 1 && args[0].label == nil ? .optional(v) : nil
            default: return nil
            }
        case .forceUnwrap(let x, _):
            if case .optional(let w)? = inferredType(x) { return w }
            return nil
        case .tryExpr(let k, let x, _):
            guard let t = inferredType(x) else { return nil }
            return k == "try?" ? .optional(t) : t
        case .binary(let op, let l, let r, _):
            return binaryType(op, l, r)
        case .unary("-", let x, _):
            return numericType(x)
        case .ternary(_, let a, let b, _):
            guard let ta = inferredType(a), let tb = inferredType(b) else { return nil }
            if ta.description == tb.description { return ta }
            return mixesIntoDouble(a, ta, b, tb) ? .named("Double", []) : nil
        default:
            switch staticKind(e) {
            case .double: return .named("Double", [])
            case .instance(let t) where t.kind != .enumType && t.kind != .protocolType: return .named(t.name, [])
            default: return nil
            }
        }
    }

    /// `T` for `T(...)` when `T` is a struct or class of the cells (enums may fail to construct).
    func constructedType(_ n: String) -> TypeExpr? {
        guard let t = userType(n), t.kind != .enumType, t.kind != .protocolType, !t.inits.contains(where: \.isFailable) else { return nil }
        return .named(t.name, [])
    }

    /// The written or inferred type of a stored property of `t` (or of a superclass).
    func storedFieldType(_ t: StructType, _ name: String) -> TypeExpr? {
        var c: StructType? = t
        while let s = c {
            if let ft = s.fieldStaticTypes[name] { return ft }
            c = s.superType
        }
        return nil
    }

    /// The struct or class a place of this type holds.
    func inferredStructType(_ e: Expr) -> StructType? {
        guard case .named(let n, let args)? = inferredType(e), let t = userType(n, arguments: args), t.kind != .protocolType, t.kind != .enumType else { return nil }
        return t
    }

    /// The conversion for a declaration without a type whose inferred type converts something
    /// (an Int into a Double somewhere inside); nil otherwise (keeping stores free of checks).
    func inferredConversion(_ initial: Expr?) -> Coercion? {
        guard let initial, let t = inferredType(initial) else { return nil }
        let c = coercion(for: t)
        return c.convertsToDouble ? c : nil
    }
}

extension Coercion {
    /// Whether an Int is converted to a Double anywhere inside.
    var convertsToDouble: Bool {
        switch self {
        case .toDouble: return true
        case .optional(let c), .array(let c), .set(let c): return c.convertsToDouble
        case .dict(let k, let v): return k.convertsToDouble || v.convertsToDouble
        case .tuple(_, let cs): return cs.contains { $0.convertsToDouble }
        default: return false
        }
    }
}

extension Compiler {
    /// The element type of an array iterated by `for x in xs`, when known.
    func elementType(_ seq: Expr) -> TypeExpr? {
        if case .array(let t)? = inferredType(seq) { return t }
        return nil
    }
}

extension Compiler {
    private static let double = TypeExpr.named("Double", [])
    private static let int = TypeExpr.named("Int", [])

    /// `Int` or `Double` when `e` is known to be one.
    func numericType(_ e: Expr) -> TypeExpr? {
        guard let t = inferredType(e), t.description == "Int" || t.description == "Double" else { return nil }
        return t
    }

    /// Whether one side is a Double and the other a Double or an integer literal (`x * 2`, `c ? 0 : y`).
    func mixesIntoDouble(_ a: Expr, _ ta: TypeExpr, _ b: Expr, _ tb: TypeExpr) -> Bool {
        func lit(_ e: Expr) -> Bool { if case .intLit = e { return true }; if case .unary("-", .intLit, _) = e { return true }; return false }
        let da = ta.description == "Double", db = tb.description == "Double"
        return (da && (db || lit(b))) || (db && lit(a))
    }

    /// The type of `l op r` for arithmetic on numbers and comparisons.
    func binaryType(_ op: String, _ l: Expr, _ r: Expr) -> TypeExpr? {
        switch op {
        case "==", "!=", "<", ">", "<=", ">=", "&&", "||": return .named("Bool", [])
        case "??": return coalescingType(l, r)
        case "+", "-", "*", "/":
            guard let tl = numericType(l), let tr = numericType(r) else { return nil }
            if tl.description == tr.description { return tl }
            return mixesIntoDouble(l, tl, r, tr) ? Compiler.double : nil
        case "%":
            guard numericType(l)?.description == "Int", numericType(r)?.description == "Int" else { return nil }
            return Compiler.int
        default: return nil
        }
    }

    /// The type of `f(args)` for a function of the cells with one declaration and a written
    /// return type, and for `Double(x)`, `abs`, `max` and `min` of numbers.
    func callType(_ n: String, _ args: [Arg]) -> TypeExpr? {
        switch n {
        case "Double":
            // `Double("1.5")` is optional: only a number converted
            guard args.count == 1, args[0].label == nil, numericType(args[0].value) != nil else { return nil }
            return Compiler.double
        case "abs":
            return args.count == 1 ? numericType(args[0].value) : nil
        case "max", "min":
            guard args.count >= 2, args.allSatisfy({ $0.label == nil }) else { return nil }
            let ts = args.map { numericType($0.value) }
            guard ts.allSatisfy({ $0 != nil }) else { return nil }
            if ts.allSatisfy({ $0?.description == "Int" }) { return Compiler.int }
            // Swift types `max(1, x)` with `x: Double` as Double: every other argument is a Double or a literal
            let ok = zip(args, ts).allSatisfy { a, t in
                if t?.description == "Double" { return true }
                if case .intLit = a.value { return true }
                return false
            }
            return ok ? Compiler.double : nil
        default:
            break
        }
        let b: Binding?
        switch lookupInScopes(n) {
        case .local(_, _, let x)?: b = x
        case .global(_, let x)?: b = x
        default: b = nil
        }
        guard let b, b.funcs.count == 1 else { return nil }
        return b.funcs[0].0.returnType
    }

    /// The type of `base.m(args)`: a method of a cell type (one declaration with a written return
    /// type), a static method (`T.make()`), or an array's `max()`, `min()`, `sorted()`, `reduce`.
    func methodCallType(_ base: Expr, _ m: String, _ args: [Arg]) -> TypeExpr? {
        if case .name(let tn, _) = base, case .type(let t)? = lookupInScopes(tn) {
            guard let ms = t.staticMethods[m], ms.count == 1 else { return nil }
            return ms[0].returnType
        }
        return methodCallType(on: inferredType(base), m, args)
    }

    /// The type of `x.m(args)` for `x` of type `t`.
    func methodCallType(on t: TypeExpr?, _ m: String, _ args: [Arg]) -> TypeExpr? {
        switch t {
        case .named(let tn, _)?:
            guard let t = userType(tn), t.kind != .protocolType else { return nil }
            let ms = t.findMethods(m)
            return ms.count == 1 ? ms[0].returnType : nil
        case .array(let e)?:
            switch m {
            case "max", "min", "randomElement", "popLast": return args.isEmpty ? .optional(e) : nil
            case "removeLast", "removeFirst": return args.isEmpty ? e : nil
            case "sorted", "shuffled", "filter": return .array(e)
            case "reduce":
                // `xs.reduce(0, +)` on `[Double]`: a Double
                guard args.count == 2, args[0].label == nil, case .opRef(let op, _) = args[1].value, ["+", "*", "-"].contains(op),
                      e.description == "Double" || e.description == "Int" else { return nil }
                if e.description == "Int" { return numericType(args[0].value)?.description == "Int" ? e : nil }
                switch args[0].value {
                case .intLit, .doubleLit: return e
                default: return numericType(args[0].value)?.description == "Double" ? e : nil
                }
            default: return nil
            }
        default: return nil
        }
    }
}
