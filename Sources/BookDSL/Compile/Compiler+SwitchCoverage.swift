/// Whether the cases of a `switch` over a tuple cover every value (`switch (cell, visited)` with
/// `(.wall, _)`, `(.goal(let r), _)`, `(.empty, false)`, `(.empty, true)`): Swift accepts such a
/// switch without a `default`, so the cell language does too.
extension Compiler {
    /// True when every case without a `where` is a tuple pattern (or `_`) of one arity and the
    /// rows cover every combination of enum cases, `true`/`false` and `nil`/some values.
    func tupleSwitchIsExhaustive(_ cases: [SwitchCase]) -> Bool {
        var rows: [[Expr]] = []
        var arity: Int?
        for c in cases where c.whereClause == nil {
            for p in c.patterns {
                guard case .tuple(let items, _) = p else { continue }
                if arity == nil { arity = items.count }
                guard items.count == arity else { return false }
                rows.append(items.map(\.1))
            }
        }
        guard arity != nil else { return false }
        return covers(rows)
    }

    /// The usefulness check of pattern matrices, for the constructors the cell language knows.
    private func covers(_ rows: [[Expr]]) -> Bool {
        guard let first = rows.first else { return false }
        if first.isEmpty { return true }
        var ctors: [String: [[Expr]]] = [:]   // constructor -> rows specialized to it
        var seen = Set<String>()
        var wild: [[Expr]] = []
        for r in rows {
            let rest = Array(r.dropFirst())
            if Compiler.isIrrefutable(r[0]) { wild.append(rest); continue }
            guard let (name, full) = constructor(r[0]) else { continue }   // a literal or range: covers nothing for sure
            seen.insert(name)
            if full { ctors[name, default: []].append(rest) }
        }
        guard let all = completeSignature(seen) else { return covers(wild) }
        return all.allSatisfy { covers((ctors[$0] ?? []) + wild) }
    }

    /// The constructor a pattern element names, and whether it matches every value built with it.
    private func constructor(_ p: Expr) -> (String, Bool)? {
        switch p {
        case .boolLit(let b, _): return (b ? "true" : "false", true)
        case .nilLit, .implicitMember("none", _): return ("nil", true)
        case .implicitMember("some", _): return ("some", true)
        case .postfixOp("?", let x, _): return ("some", Compiler.isIrrefutable(x))
        case .call(.implicitMember("some", _), let a, _): return ("some", a.count == 1 && Compiler.isIrrefutable(a[0].value))
        case .implicitMember(let n, _), .member(_, let n, _): return ("." + n, true)
        case .call(.implicitMember(let n, _), let a, _), .call(.member(_, let n, _), let a, _):
            return ("." + n, a.allSatisfy { Compiler.isIrrefutable($0.value) })
        default: return nil
        }
    }

    /// Every constructor of the type the seen ones belong to, when they are all named.
    private func completeSignature(_ seen: Set<String>) -> [String]? {
        if seen.isEmpty { return nil }
        if seen.isSubset(of: ["true", "false"]) { return seen.count == 2 ? ["true", "false"] : nil }
        if seen.isSubset(of: ["nil", "some"]) { return seen.count == 2 ? ["nil", "some"] : nil }
        for case let b in interp.globalBindings.values {
            if case .type(let t) = b.storage, t.kind == .enumType, Set(t.cases.map { "." + $0.name }) == seen { return Array(seen) }
        }
        return nil
    }
}

extension Compiler {
    /// Whether an enum of the cells declares a case of this name.
    func userEnumHasCase(_ name: String) -> Bool {
        interp.globalBindings.values.contains { b in
            if case .type(let t) = b.storage, t.kind == .enumType, t.caseByName[name] != nil { return true }
            return false
        }
    }
}
