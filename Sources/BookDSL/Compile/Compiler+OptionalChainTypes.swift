/// The types of optional chains (`a?.b`, `a?.f()`, `a?[i]`) and of `??`, when the compiler can
/// tell them: `d["k"] ?? 0` on a `[String: Double]` is a Double (`0.0`), as in Swift.
extension Compiler {
    /// The type of the member `name` of a value of type `t`.
    func memberType(of t: TypeExpr?, _ name: String) -> TypeExpr? {
        switch t {
        case .named(let n, let args)?:
            guard let u = userType(n, arguments: args), u.kind != .protocolType, u.kind != .enumType else { return nil }
            return storedFieldType(u, name)
        case .tuple(let es)?:
            return es.first { $0.0 == name }?.1
        case .array(let e)?:
            switch name {
            case "first", "last": return .optional(e)
            case "count": return .named("Int", [])
            default: return nil
            }
        default: return nil
        }
    }

    /// `a?.b`, `a?.f()`, `a?[i]`: the optional (once) of what the link gives on the unwrapped value.
    func optionalChainType(_ e: Expr) -> TypeExpr? {
        switch e {
        case .optMember(let base, let name, _):
            guard let w = unwrappedType(base) else { return nil }
            return memberType(of: w, name).map(Compiler.optionalOnce)
        case .call(.optMember(let base, let m, _), let args, _):
            guard let w = unwrappedType(base) else { return nil }
            return methodCallType(on: w, m, args).map(Compiler.optionalOnce)
        case .subscriptAccess(.postfixOp("?", let base, _), let args, let l):
            guard let w = unwrappedType(base) else { return nil }
            switch w {
            case .array(let t):
                guard args.count == 1, args[0].label == nil else { return nil }
                if case .binary(let op, _, _, _) = args[0].value, op == "..<" || op == "..." { return nil }
                if case .unary = args[0].value { return nil }
                if case .postfixOp = args[0].value { return nil }
                _ = l
                return Compiler.optionalOnce(t)
            case .dict(_, let v):
                return args.count == 1 && args[0].label == nil ? .optional(v) : nil
            default: return nil
            }
        default: return nil
        }
    }

    /// The type inside an optional base of a chain.
    private func unwrappedType(_ base: Expr) -> TypeExpr? {
        if case .optional(let w)? = inferredType(base) { return w }
        return nil
    }

    /// `T?` for `T` and for `T?` (an optional chain does not nest optionals).
    static func optionalOnce(_ t: TypeExpr) -> TypeExpr {
        if case .optional = t { return t }
        return .optional(t)
    }

    /// `a ?? b`: the unwrapped type of `a` when `b` has it (or is an integer literal where `a`
    /// holds Doubles); optional when `b` is.
    func coalescingType(_ l: Expr, _ r: Expr) -> TypeExpr? {
        guard case .optional(let w)? = inferredType(l) else { return nil }
        if case .optional? = inferredType(r) { return .optional(w) }
        return w
    }

    /// The conversion of `b` in `a ?? b` (`d["k"] ?? 0` on Doubles gives `0.0`): the coercion of
    /// `a`'s unwrapped type where it converts Ints, else none.
    func coalescingConversion(_ l: Expr) -> Coercion? {
        guard case .optional(let w)? = inferredType(l) else { return nil }
        let c = coercion(for: w)
        return c.convertsToDouble ? c : nil
    }
}

extension Compiler {
    /// The types of a closure argument's parameters for `xs.map { ... }`, `xs.filter`,
    /// `xs.sorted(by:)`... on an array whose element type is known; nil otherwise.
    func closureParameterTypes(_ base: Expr, _ name: String, _ argCount: Int, _ index: Int) -> [TypeExpr]? {
        guard argCount == 1, index == 0, case .array(let e)? = inferredType(base) else { return nil }
        switch name {
        case "map", "compactMap", "flatMap", "filter", "forEach", "first", "contains", "allSatisfy", "firstIndex",
             "lastIndex", "last", "drop", "prefix", "removeAll":
            return [e]
        case "sorted", "sort", "min", "max":
            return [e, e]
        default:
            return nil
        }
    }
}
