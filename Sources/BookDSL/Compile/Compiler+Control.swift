import RLSupport

/// Error handling (`do`/`catch`, `throw`, `try`, `try?`, `try!`), `defer`, and the targets of
/// `break` / `continue` (labels).
extension Compiler {
    // MARK: - Labels

    /// Enters a loop or `switch`; returns its label id (0 when unlabelled).
    func enterBreakable(_ name: String?, isLoop: Bool, _ loc: Loc) -> Int {
        var id = 0
        if let name {
            if ctx.labels.contains(where: { $0.name == name }) {
                error("label '\(name)' cannot be reused on an inner statement", loc)
            }
            interp.labelCount += 1
            id = interp.labelCount
        }
        ctx.labels.append(LabelEntry(name: name, id: id, isLoop: isLoop))
        return id
    }

    func leaveBreakable() { ctx.labels.removeLast() }

    func compileBreak(_ label: String?, _ loc: Loc, isContinue: Bool) -> Exec {
        let word = isContinue ? "continue" : "break"
        let innermost = isContinue ? ctx.labels.last(where: \.isLoop) : ctx.labels.last
        guard let innermost else {
            error(isContinue ? "'continue' is only allowed inside a loop" : "'break' is only allowed inside a loop or 'switch'", loc,
                  notes: ctx.isClosure ? ["note: a closure body is a function of its own: use 'return' to leave it"] : [])
            return { _ in .normal }
        }
        guard let label else { return isContinue ? { _ in .continueLoop } : { _ in .breakLoop } }
        guard let target = ctx.labels.last(where: { $0.name == label }) else {
            error("cannot find label '\(label)' in scope\(DidYouMeanHint.hint(label, ctx.labels.compactMap(\.name)))", loc,
                  notes: ["note: label a loop with 'name: for ...' and write '\(word) name'"])
            return { _ in .normal }
        }
        if isContinue && !target.isLoop {
            error("'continue' cannot target the 'switch' labelled '\(label)'; label the loop instead", loc)
            return { _ in .normal }
        }
        if target.id == innermost.id { return isContinue ? { _ in .continueLoop } : { _ in .breakLoop } }
        let id = target.id
        let interp = self.interp
        if isContinue { return { _ in interp.pendingLabel = id; return .continueLabel } }
        return { _ in interp.pendingLabel = id; return .breakLabel }
    }

    // MARK: - Errors

    func compileDoCatch(_ body: [Stmt], _ clauses: [CatchClause], _ loc: Loc) -> Exec {
        ctx.catchDepth += 1
        let bodyExec = block(body)
        ctx.catchDepth -= 1
        var compiled: [SwitchClause] = []
        for c in clauses {
            pushScope()
            var m: (Frame, Value) throws -> Bool
            if let p = c.pattern {
                m = compilePattern(p, c.loc)
            } else {
                let st = declare("error", isLet: true, loc: c.loc)
                let store = storeInto(st, coercion: .identity, loc: c.loc)
                m = { f, v in try store(f, v); return true }
            }
            if let w = c.whereClause {
                let test = compileCondition(w)
                let inner = m
                m = { f, v in try inner(f, v) && test(f) }
            }
            let b = block(c.body)
            popScope()
            compiled.append(SwitchClause(match: m, body: b))
        }
        return { f in
            do {
                return try bodyExec(f)
            } catch let e as RuntimeError {
                guard let v = e.thrown else { throw e }
                for c in compiled where try c.match(f, v) { return try c.body(f) }
                throw e
            }
        }
    }

    func compileThrow(_ e: Expr, _ loc: Loc) -> Exec {
        if !ctx.isTop && !ctx.isClosure && !ctx.isThrowing && ctx.catchDepth == 0 {
            error("error is not handled because the enclosing function is not declared 'throws'", loc,
                  notes: ["note: write 'throws' after the parameter list, or catch it: do { ... } catch { ... }"])
        }
        switch e {
        case .stringLit, .interp, .intLit, .doubleLit, .boolLit, .array, .dict:
            error("thrown expression type does not conform to 'Error'", e.loc,
                  notes: ["note: declare an error type: enum MyError: Error { case failed(String) }, then throw MyError.failed(\"...\")"])
        default: break
        }
        let ev = compileExpr(e)
        return { f in
            let v = try ev(f)
            throw RuntimeError.thrown(v, "error thrown and not caught: \(v)", loc,
                                      notes: ["note: catch it with do { try ... } catch { ... }"])
        }
    }

    func compileTry(_ kind: String, _ x: Expr, expected: TypeExpr?, _ loc: Loc) -> Eval {
        ctx.tryDepth += 1
        var inner = expected
        if kind == "try?", case .optional(let w)? = expected { inner = w }
        let xe = compileExpr(x, expected: inner)
        ctx.tryDepth -= 1
        switch kind {
        case "try?":
            return { f in
                do {
                    let v = try xe(f)
                    switch v {
                    case .optional, .nilValue: return v
                    default: return .optional(v)
                    }
                } catch let e as RuntimeError where e.thrown != nil {
                    return .nilValue
                }
            }
        case "try!":
            return { f in
                do {
                    return try xe(f)
                } catch let e as RuntimeError where e.thrown != nil {
                    throw RuntimeError("'try!' expression unexpectedly raised an error: \(e.thrown!)", loc)
                }
            }
        default:
            return xe
        }
    }

    /// Functions (declared in cells) that throw, called without `try`: Swift refuses them.
    func checkTryMarked(_ proto: FunctionProto, _ loc: Loc, _ args: [Arg] = []) {
        // `rethrows` with closure literals that have no `try`: the call cannot throw
        if proto.isRethrows && args.allSatisfy({ a in
            if case .closure(let c) = a.value { return !c.mayThrow }
            return Compiler.cannotBeAFunction(a.value)
        }) { return }
        if proto.isThrowing && ctx.tryDepth == 0 {
            error("call can throw but is not marked with 'try'", loc,
                  notes: ["note: write 'try \(proto.name)(...)' inside do { ... } catch { ... }, or 'try?' to get nil on error"])
        }
    }

    /// Literals, which a `rethrows` function cannot call.
    static func cannotBeAFunction(_ e: Expr) -> Bool {
        switch e {
        case .intLit, .doubleLit, .boolLit, .stringLit, .interp, .array, .dict, .nilLit: return true
        default: return false
        }
    }

    // MARK: - defer

    /// `head; defer { d }; tail` runs `d` when the scope is left after the `defer` was reached,
    /// by falling off its end, `return`, `break`, `continue` or a thrown error.
    func compileDefer(_ deferBody: [Stmt], then tail: @escaping Exec) -> Exec {
        let d = block(deferBody)
        return { f in
            let r: Flow
            do {
                r = try tail(f)
            } catch let e as RuntimeError where e.thrown != nil {
                let saved = f.returnValue
                _ = try d(f)
                f.returnValue = saved
                throw e
            }
            let saved = f.returnValue
            _ = try d(f)
            f.returnValue = saved
            return r
        }
    }

    // MARK: - Returns

    /// `func f(_ a: Int) -> String { a }`: a returned value whose type is evident and differs
    /// from the declared one is refused before running (an Int may become a Double).
    func checkReturnValue(_ e: Expr, _ rt: TypeExpr) {
        let want = staticKind(of: rt), got = staticKind(e)
        func name(_ k: StaticKind) -> String? {
            switch k {
            case .int: return "Int"
            case .double: return "Double"
            case .bool: return "Bool"
            case .string: return "String"
            default: return nil
            }
        }
        guard let w = name(want), let g = name(got), w != g else { return }
        if g == "Int" && w == "Double" { return }
        error("cannot convert return expression of type '\(g)' to return type '\(w)'", e.loc)
    }

    /// A function declared to return a value whose body can end without `return` or `throw`.
    func checkMissingReturn(_ body: [Stmt], _ rt: TypeExpr?, what: String?, _ loc: Loc) {
        guard let rt, let what else { return }
        if case .named(let n, _) = rt, n == "Void" || n == "Never" { return }
        if case .tuple(let es) = rt, es.isEmpty { return }
        if body.count == 1, case .expr = body[0] { return }   // a single expression is returned
        if alwaysReturns(body) { return }
        error("missing return in \(what) expected to return '\(rt)'", loc,
              notes: ["note: every path through the body must end with 'return' (or 'throw')"])
    }

    /// Whether running `stmts` always ends in `return`, `throw` or a trap (conservative: loops
    /// `while true` count as never falling through).
    func alwaysReturns(_ stmts: [Stmt]) -> Bool { stmts.contains { stmtAlwaysReturns($0) } }

    func stmtAlwaysReturns(_ s: Stmt) -> Bool {
        switch s {
        case .returnStmt, .throwStmt: return true
        case .expr(.call(.name(let n, _), _, _)): return n == "fatalError" || n == "preconditionFailure"
        case .ifStmt(_, let t, let e?, _): return alwaysReturns(t) && alwaysReturns(e)
        case .doBlock(let b, _): return alwaysReturns(b)
        case .doCatch(let b, let cs, _): return alwaysReturns(b) && cs.allSatisfy { alwaysReturns($0.body) }
        case .switchStmt(_, let cases, _):
            return !cases.isEmpty && cases.allSatisfy { c in
                alwaysReturns(c.body) || { if case .fallthroughStmt? = c.body.last { return true }; return false }()
            }
        case .whileStmt(let conds, _, _):
            if conds.count == 1, case .expr(.boolLit(true, _)) = conds[0] { return true }
            return false
        case .repeatWhile(_, .boolLit(true, _), _): return true
        case .labeled(_, let inner, _): return stmtAlwaysReturns(inner)
        default: return false
        }
    }
}
