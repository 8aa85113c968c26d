/// Enum cases with associated values.
extension Compiler {
    /// Declared cases named `name` that carry associated values, over all cell enums.
    func enumCasesWithValues(named name: String) -> [EnumCase] {
        var out: [EnumCase] = []
        for b in interp.globalBindings.values {
            if case .type(let t) = b.storage, t.kind == .enumType, let c = t.caseByName[name], c.hasAssociatedValues { out.append(c) }
        }
        return out
    }

    /// `Shape.circle(radius: 2)` or `.circle(radius: 2)`: labels and count checked before running.
    func enumCaseCall(_ c: EnumCase, _ args: [Arg], _ loc: Loc) -> Eval {
        guard let want = c.associatedLabels else {
            error("enum case '\(c.name)' has no associated values", loc, notes: ["note: write '\(c.type.name).\(c.name)' without arguments"])
            return { _ in .void }
        }
        let labels = args.map(\.label)
        if labels.count != want.count || zip(labels, want).contains(where: { $0 != $1 }) {
            let w = want.map { ($0 ?? "_") + ":" }.joined(), g = labels.map { ($0 ?? "_") + ":" }.joined()
            error("enum case '\(c.name)' takes \(c.name)(\(w)), not \(c.name)(\(g))", args.first?.labelLoc ?? loc)
        }
        let argEs = args.map { EvalBox(compileExpr($0.value)) }
        let interp = self.interp
        return { f in
            var vs: [Value] = []
            vs.reserveCapacity(argEs.count)
            for a in argEs { vs.append(try a.f(f)) }
            return try interp.makeEnumCase(c, vs, labels, loc)
        }
    }
}

extension Compiler {
    /// `[Dir.north, .south]`: an array literal with an implicit member (`.south`, `.circle(r: 1)`)
    /// and no declared element type takes its element type from an element that names an enum
    /// case with its type (`Dir.north`, `Shape.circle(r: 2)`), as Swift infers it.
    func enumTypeOfSiblings(_ items: [Expr]) -> TypeExpr? {
        func isImplicit(_ e: Expr) -> Bool {
            switch e {
            case .implicitMember: return true
            case .call(.implicitMember, _, _): return true
            default: return false
            }
        }
        guard items.contains(where: isImplicit) else { return nil }
        for item in items {
            var named = item
            if case .call(let callee, _, _) = item { named = callee }
            if case .member(.name(let tn, _), let c, _) = named, case .type(let t)? = lookup(tn), t.caseByName[c] != nil || t.staticFields[c] != nil {
                return .named(tn, [])
            }
            if case .instance(let t) = staticKind(item), t.kind != .protocolType { return .named(t.name, []) }
        }
        return nil
    }
}

extension Compiler {
    /// Why `Self` is not a value here: in a class it would be the instance's dynamic class
    /// (a subclass's overrides), which cells do not track; outside a type there is none.
    func selfTypeMessage(_ n: String) -> String? {
        guard n == "Self" else { return nil }
        var c: FuncCtx? = ctx
        while let cc = c {
            if let t = cc.selfType ?? cc.staticType, t.isClass {
                return "'Self' in a class is not supported (it names the instance's dynamic class); write '\(t.name)' or call an overridable method"
            }
            c = cc.parent
        }
        return "'Self' can only be used inside a struct or enum declaration"
    }
}
