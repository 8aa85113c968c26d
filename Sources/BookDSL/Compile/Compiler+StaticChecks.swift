import RLSupport

/// What the compiler knows before running: coercions, static kinds, literal type checks.
extension Compiler {
    func coercion(for t: TypeExpr?) -> Coercion {
        guard let t else { return .identity }
        return coercionResolvingEnums(typeSubstitution.isEmpty ? t : substituted(t))
    }

    /// `Coercion.from`, with user enum types (at any nesting) converting implicit members.
    func coercionResolvingEnums(_ t: TypeExpr) -> Coercion {
        switch t {
        case .named("Set", let g): return .set(g.first.map { coercionResolvingEnums($0) } ?? .identity)
        case .named(let n, _):
            if let ut = userType(n), ut.kind == .enumType { return .enumType(ut) }
            return Coercion.from(t)
        case .optional(let w): return .optional(coercionResolvingEnums(w))
        case .array(let e): return .array(coercionResolvingEnums(e))
        case .dict(let k, let v): return .dict(coercionResolvingEnums(k), coercionResolvingEnums(v))
        case .tuple(let es): return .tuple(es.map(\.0), es.map { coercionResolvingEnums($0.1) })
        case .function: return .identity
        }
    }

    func staticKind(of t: TypeExpr) -> StaticKind {
        switch typeSubstitution.isEmpty ? t : substituted(t) {
        case .named(let n, _):
            switch n {
            case "Int": return .int
            case "Double", "Float": return .double
            case "Bool": return .bool
            case "String": return .string
            default: if let u = userType(n), u.kind != .protocolType { return .instance(u) }; return .unknown
            }
        case .array: return .array
        case .dict: return .dict
        case .function: return .function
        default: return .unknown
        }
    }

    func staticKind(_ e: Expr) -> StaticKind {
        switch e {
        case .member(.name(let n, _), let c, _):
            if let t = userType(n), t.kind == .enumType, t.caseByName[c] != nil { return .instance(t) }
            return .unknown
        case .intLit: return .int
        case .doubleLit: return .double
        case .boolLit: return .bool
        case .stringLit, .interp: return .string
        case .array: return .array
        case .dict: return .dict
        case .closure: return .function
        case .call(.name(let n, _), _, _):
            if let t = userType(n) { return .instance(t) }
            return .unknown
        case .name(let n, _):
            if let r = lookup(n) {
                if case .local(_, _, let b) = r { return b.kind }
                if case .global(_, let b) = r { return b.kind }
            }
            return .unknown
        default: return .unknown
        }
    }

    /// The type name of a literal expression, when it is one.
    func literalTypeName(_ e: Expr) -> String? {
        switch e {
        case .intLit: return "Int"
        case .doubleLit: return "Double"
        case .boolLit: return "Bool"
        case .stringLit, .interp: return "String"
        case .array(let items, _):
            if let f = items.first, let n = literalTypeName(f) { return "[\(n)]" }
            return nil
        default: return nil
        }
    }

    /// `let x: Int = "a"`: literal type mismatches found before running.
    func checkLiteral(_ e: Expr, against t: TypeExpr, context: String) {
        if case .array(let items, _) = e, case .array(let et) = t {
            for x in items { checkLiteral(x, against: et, context: "element type") }
            return
        }
        if case .optional(let w) = t, case .array = e { checkLiteral(e, against: w, context: context); return }
        guard let lit = literalTypeName(e) else {
            if case .nilLit(let loc) = e {
                if case .optional = t { return }
                if case .named(let n, _) = t, n == "Any" || n.hasSuffix("?") { return }
                if case .named(let n, _) = t, ["Int", "Double", "String", "Bool"].contains(n) {
                    error("'nil' cannot initialize \(context) '\(t)'", loc)
                }
            }
            if case .array(let items, _) = e, case .array(let et) = t {
                for x in items { checkLiteral(x, against: et, context: "element type") }
            }
            return
        }
        if !literalCompatible(e, t) {
            let target = context == "element type" ? "expected element type '\(t)'" : "\(context) '\(t)'"
            error("cannot convert value of type '\(lit)' to \(target)", e.loc)
        }
    }

    func literalCompatible(_ e: Expr, _ t: TypeExpr) -> Bool {
        switch t {
        case .optional(let w): return literalCompatible(e, w)
        case .named(let n, _):
            switch n {
            case "Int": if case .intLit = e { return true }; return false
            case "Double", "Float":
                switch e { case .intLit, .doubleLit: return true; default: return false }
            case "String":
                switch e { case .stringLit, .interp: return true; default: return false }
            case "Bool": if case .boolLit = e { return true }; return false
            default: return true
            }
        case .array(let et):
            if case .array(let items, _) = e { return items.allSatisfy { literalCompatible($0, et) } }
            switch e { case .intLit, .doubleLit, .boolLit, .stringLit, .interp: return false; default: return true }
        case .dict:
            switch e { case .intLit, .doubleLit, .boolLit, .stringLit, .interp, .array: return false; default: return true }
        default: return true
        }
    }
}
