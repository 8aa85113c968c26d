extension Interpreter {
    /// A value bound to a top-level declaration could not be bound.
    struct BindError { var message: String; var loc: Loc }

    /// Starts each top-level `let name = ...` / `var name = ...` of `stmts` whose name `values` has
    /// with that value instead of its written initial value (the runner's parameter overrides:
    /// the value itself, never text spliced into the code). The value takes the place of the initial
    /// expression, at its location, so checks and errors read as if the cell had written it.
    /// Int, Double, Bool and String values can be bound; a name the cell does not declare at its
    /// top level is an error.
    static func bind(_ values: [String: Value], to stmts: inout [Stmt], cell: Int) -> [BindError] {
        var unbound = Set(values.keys)
        var errors: [BindError] = []
        for k in stmts.indices {
            guard case .varDecl(let isLet, var items, let loc) = stmts[k] else { continue }
            for j in items.indices {
                guard case .name(let name, let nameLoc) = items[j].0, let value = values[name] else { continue }
                unbound.remove(name)
                let at = items[j].2?.loc ?? nameLoc
                switch value {
                case .int(let v): items[j].2 = .intLit(v, at)
                case .double(let v): items[j].2 = .doubleLit(v, at)
                case .bool(let v): items[j].2 = .boolLit(v, at)
                case .string(let v): items[j].2 = .stringLit(v, at)
                default:
                    errors.append(BindError(message: "'\(name)' can only be given an Int, Double, Bool or String value", loc: nameLoc))
                }
            }
            stmts[k] = .varDecl(isLet: isLet, items, loc)
        }
        for name in unbound.sorted() {
            errors.append(BindError(message: "a value is given for '\(name)', but this cell declares no top-level 'let \(name)' or 'var \(name)'",
                                    loc: Loc(cell: cell, line: 1, col: 1)))
        }
        return errors
    }
}
