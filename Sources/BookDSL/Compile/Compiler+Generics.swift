/// Generic types used with written type arguments (`Stack<Double>()`, `Box<Double>(3)`,
/// `let s: Stack<Double> = Stack()`): where an argument converts what is stored in it (`Double`
/// makes an Int a Double, an optional wraps, an enum resolves `.case`), the type is compiled again
/// with its parameters replaced ("specialized", once per argument list), so parameters, stored
/// properties and return values typed `T` convert as Swift's do. Arguments that only check
/// (`Int`, `String`, `Bool`, cell types) use the generic type itself.
extension Compiler {
    /// `t` with the generic parameters being specialized replaced by their arguments.
    func substituted(_ t: TypeExpr) -> TypeExpr {
        if typeSubstitution.isEmpty { return t }
        switch t {
        case .named(let n, let g):
            if g.isEmpty, let s = typeSubstitution[n] { return s }
            return .named(n, g.map(substituted))
        case .optional(let w): return .optional(substituted(w))
        case .array(let e): return .array(substituted(e))
        case .dict(let k, let v): return .dict(substituted(k), substituted(v))
        case .tuple(let es): return .tuple(es.map { ($0.0, substituted($0.1)) })
        case .function(let ps, let r): return .function(ps.map(substituted), substituted(r))
        }
    }

    /// The cell type named `n` with type arguments `args`: its specialization where one is needed.
    func userType(_ n: String, arguments args: [TypeExpr]) -> StructType? {
        guard let u = userType(n) else { return nil }
        if args.isEmpty { return u }
        return specialization(of: u, args.map(substituted), nil) ?? u
    }

    /// `Stack<Double>` used as a value (a callee, a base of `.member`): the specialized type, a
    /// built-in collection type, or the bare name.
    func compileTypeRef(_ t: TypeExpr, _ loc: Loc) -> Eval {
        let t = substituted(t)
        if case .named(let n, let args) = t {
            if let u = userType(n) {
                let s = args.isEmpty ? u : specialization(of: u, args, loc) ?? u
                let v = Value.type(TypeValue(name: u.name, userType: s))
                return { _ in v }
            }
            if n != "Set" { return compileExpr(.name(n, loc)) }   // `Result<Int, E>.success`: the arguments do not matter
            let v = Value.type(TypeValue(name: n, typeExpr: t))   // `Set<Double>()`: `compileCall` converts the elements
            return { _ in v }
        }
        let v = Value.type(TypeValue(name: t.description, typeExpr: t))
        return { _ in v }
    }

    /// `Stack()` where `Stack<Double>` is expected (`let s: Stack<Double> = Stack()`): Swift infers
    /// the arguments from the declared type.
    func writtenGenericCallee(_ callee: Expr, _ expected: TypeExpr?) -> Expr {
        if case .implicitMember(let n, let loc) = callee, case .named(let tn, _)? = expected, let t = userType(tn),
           t.kind != .enumType, t.kind != .protocolType, !t.findStatic(n).isEmpty {
            return .member(.name(tn, loc), n, loc)   // `.gray(0.5)` where a `Color` is expected: its static method
        }
        guard case .named(let n, let args)? = expected, !args.isEmpty, case .name(n, let loc) = callee,
              let u = userType(n), !u.genericParams.isEmpty else { return callee }
        return .typeRef(.named(n, args), loc)
    }

    /// The specialization of generic `u` for `args`; nil where the generic type serves (no
    /// argument converts, or `u` is not generic). Made once per type and argument list.
    func specialization(of u: StructType, _ args: [TypeExpr], _ loc: Loc?) -> StructType? {
        guard let decl = u.sourceDecl, u.genericArguments == nil else { return nil }
        guard args.count == decl.genericParams.count else {
            if let loc {
                error("generic type '\(u.name)' takes \(decl.genericParams.count) type argument\(decl.genericParams.count == 1 ? "" : "s") (\(decl.genericParams.joined(separator: ", "))), not \(args.count)", loc)
            }
            return nil
        }
        guard args.contains(where: { !coercion(for: $0).onlyChecks }) else { return nil }
        let key = args.map(\.description).joined(separator: ", ")
        if let s = u.specializations[key] { return s }
        let s = StructType(name: u.name, kind: u.kind)
        s.genericParams = u.genericParams
        s.genericArguments = args
        s.owner = interp
        u.specializations[key] = s
        let copy = specializedDeclaration(decl, u.extensionDecls)
        declaredTypes[ObjectIdentifier(copy)] = s
        let map = Dictionary(zip(decl.genericParams, args), uniquingKeysWith: { a, _ in a })
        let saved = typeSubstitution
        typeSubstitution = map
        declareTypeMembers(copy)
        typeSubstitution = saved
        let work = { [unowned self] in
            let saved = self.typeSubstitution
            self.typeSubstitution = map
            self.compileTypeBodiesNow(copy)
            self.typeSubstitution = saved
        }
        if ctx.isTop && ctx.scopes.count == 1 { ctx.deferred.append(work) } else { work() }
        return s
    }

    /// A copy of a generic declaration with its extensions' members merged in, with new function
    /// declarations (the compiler keys its prototypes by declaration).
    private func specializedDeclaration(_ d: TypeDecl, _ extensions: [TypeDecl]) -> TypeDecl {
        let c = TypeDecl(kind: d.kind, name: d.name, inherits: d.inherits, loc: d.loc)
        c.genericParams = []
        c.enumCases = d.enumCases
        c.properties = d.properties
        c.methods = d.methods.map { $0.copy() }
        c.inits = d.inits.map { $0.copy() }
        for e in extensions {
            c.inherits += e.inherits
            c.properties += e.properties
            c.methods += e.methods.map { $0.copy() }
            c.inits += e.inits.map { $0.copy() }
        }
        return c
    }
}

extension Compiler {
    /// `type(of: xs)` where the collection's or optional's type is known before running
    /// (`let xs: [Double] = []`, `[String: Int]()`, `var best: Double? = nil`): Swift's static
    /// type (`Array<Double>`), which an empty collection or a nil cannot show at run time.
    /// The argument is still evaluated.
    func staticTypeOf(_ callee: Expr, _ args: [Arg]) -> Eval? {
        guard case .name("type", _) = callee, args.count == 1, args[0].label == "of", isBuiltinTypeOf(),
              let t = inferredType(args[0].value), fullyKnown(t) else { return nil }
        switch t {
        case .array, .dict, .optional, .named("Set", _): break
        default: return nil
        }
        let x = compileExpr(args[0].value)
        let v = Value.type(TypeValue(name: Value.swiftTypeName(t, debug: false)))
        return { f in _ = try x(f); return v }
    }

    private func isBuiltinTypeOf() -> Bool {
        switch lookupInScopes("type") {
        case .global?, nil: return interp.currentCellGlobals.contains("type") == false
        default: return false
        }
    }

    /// Whether every name in `t` is a built-in value type or a non-generic cell type (not a
    /// generic parameter, whose argument is known only at run time).
    private func fullyKnown(_ t: TypeExpr) -> Bool {
        switch t {
        case .named(let n, let g):
            if ["Int", "Double", "Bool", "String", "Character", "Set", "Any"].contains(n) { return g.allSatisfy(fullyKnown) }
            guard let u = userType(n) else { return false }
            return u.genericParams.count == g.count && g.allSatisfy(fullyKnown)
        case .array(let e), .optional(let e): return fullyKnown(e)
        case .dict(let k, let v): return fullyKnown(k) && fullyKnown(v)
        case .tuple, .function: return false
        }
    }
}
