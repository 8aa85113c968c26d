/// `do`/`catch` and the patterns of `case` and `catch`.
extension Parser {
    /// `do { } catch pattern where cond { } catch { }`
    mutating func parseDo() throws -> Stmt {
        let t = tok
        next()
        let body = try parseBlock("after 'do'")
        var clauses: [CatchClause] = []
        while tok.isKeyword("catch") {
            let c = tok
            next()
            var pattern: Expr?
            var whereClause: Expr?
            let saved = noTrailingClosure
            noTrailingClosure = true
            if !tok.isPunct("{") {
                if !tok.isKeyword("where") { pattern = try parseCasePattern() }
                if tok.isPunct(",") { throw fail("one pattern per 'catch' clause: write a separate 'catch' for each", tok.loc) }
                if tok.isKeyword("where") { next(); whereClause = try parseExpr() }
            }
            noTrailingClosure = saved
            let cbody = try parseBlock("after 'catch' pattern")
            clauses.append(CatchClause(pattern: pattern, whereClause: whereClause, body: cbody, loc: c.loc))
        }
        if clauses.isEmpty { return .doBlock(body, t.loc) }
        return .doCatch(body, clauses, t.loc)
    }

    /// One pattern of a `case` or `catch`: `let x`, `let x as T`, `is T`, `let .some(x)`,
    /// `.circle(let r)`, `(0, _)`, values and ranges.
    mutating func parseCasePattern() throws -> Expr {
        let start = tok
        if tok.isKeyword("is") {
            next()
            return .cast(.name("_", start.loc), try parseType(), "is", start.loc)
        }
        let saved = inPattern
        inPattern = true
        defer { inPattern = saved }
        if tok.isKeyword("let") || tok.isKeyword("var") {
            next()
            return Parser.bindNames(try parseExpr())
        }
        return try parseExpr()
    }

    /// Turns the names of a pattern written after `case let` into bindings.
    static func bindNames(_ e: Expr) -> Expr {
        switch e {
        case .name(let n, let l) where n != "_":
            return .call(.name("__bind", l), [Arg(label: nil, value: .name(n, l), labelLoc: l)], l)
        case .tuple(let items, let l): return .tuple(items.map { ($0.0, bindNames($0.1)) }, l)
        case .call(let callee, let args, let l):
            if case .name("__bind", _) = callee { return e }
            return .call(callee, args.map { var a = $0; a.value = bindNames(a.value); return a }, l)
        case .cast(let x, let t, "as", let l): return .cast(bindNames(x), t, "as", l)
        case .postfixOp("?", let x, let l): return .postfixOp("?", bindNames(x), l)
        default: return e
        }
    }
}
