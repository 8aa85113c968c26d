import RLSupport

/// Function declarations, bodies and closures.
extension Compiler {
    func makeProto(_ f: FuncDecl, hasSelf: Bool) -> FunctionProto {
        let p = FunctionProto(name: f.name, labels: f.params.map(\.label), paramNames: f.params.map(\.name), loc: f.loc)
        p.hasSelf = hasSelf
        p.isMutating = f.isMutating
        p.isInit = f.isInit
        p.isFailable = f.isFailable
        p.isThrowing = f.isThrowing
        p.isRethrows = f.isRethrows
        p.variadicIndex = f.params.firstIndex { $0.variadic }
        for (i, prm) in f.params.enumerated() {
            p.coercions[i] = prm.variadic ? .array(coercion(for: prm.type)) : coercion(for: prm.type)
            if prm.defaultValue != nil { p.defaults[i] = { _ in .void } }   // placeholder until compiled
        }
        p.returnCoercion = coercion(for: f.returnType)
        p.returnType = f.returnType
        return p
    }

    /// Declares a function name (hoisted); its body is compiled later.
    func declareFunction(_ f: FuncDecl) {
        let proto = makeProto(f, hasSelf: false)
        declaredDecls[ObjectIdentifier(proto)] = f
        let topLevel = ctx.isTop && ctx.scopes.count == 1
        var b = currentBinding(f.name)
        if let existing = b, !existing.funcs.isEmpty, !topLevel || interp.currentCellGlobals.contains(f.name) {
            if let same = existing.funcs.first(where: { $0.0.labels == proto.labels }) {
                error("invalid redeclaration of '\(same.0.signatureText)'", f.loc)
            }
        } else {
            b = nil
        }
        let storage: Storage
        if topLevel {
            storage = .global(g.add(f.name))
            interp.currentCellGlobals.insert(f.name)
        } else {
            storage = .local(ctx.newSlot())
        }
        var nb = b ?? Binding(storage: storage, isLet: true, kind: .function, loc: f.loc)
        nb.funcs.append((proto, storage))
        nb.storage = nb.funcs[0].1
        setBinding(f.name, nb)
        declaredProtos[ObjectIdentifier(f)] = (proto, storage)
    }

    /// Stores the function value when the enclosing block starts; compiles the body.
    func functionValueInit(_ f: FuncDecl) -> ExecBox? {
        closuresCompiled += 1
        guard let (proto, storage) = declaredProtos[ObjectIdentifier(f)] else { return nil }
        let compileBody = { [unowned self] in self.compileFunctionBody(f, proto, selfType: nil) }
        if ctx.isTop && ctx.scopes.count == 1 { ctx.deferred.append(compileBody) } else { compileBody() }
        let store = storeInto(storage, coercion: .identity, loc: f.loc)
        return ExecBox { fr in try store(fr, .function(Callable(proto: proto, env: fr))); return .normal }
    }

    /// Compiles parameters, defaults and body of a function or method into `proto`.
    func compileFunctionBody(_ f: FuncDecl, _ proto: FunctionProto, selfType: StructType?, staticType: StructType? = nil) {
        let saved = ctx
        let closuresBefore = closuresCompiled
        let selfMutable = selfType.map { $0.isClass || f.isMutating || f.isInit } ?? false
        ctx = FuncCtx(parent: selfType == nil ? saved : nil, selfType: selfType, selfMutable: selfMutable, isInit: f.isInit, staticType: staticType)
        ctx.hasReturnType = f.returnType != nil
        ctx.isThrowing = f.isThrowing
        ctx.returnType = f.returnType
        defer { ctx = saved }
        if selfType != nil { _ = ctx.newSlot() }
        var paramSlots: [Int] = []
        for prm in f.params {
            let c = prm.variadic ? Coercion.array(coercion(for: prm.type)) : coercion(for: prm.type)
            let kind: StaticKind = prm.variadic ? .array : (prm.type.map { staticKind(of: $0) } ?? .unknown)
            let type = prm.variadic ? prm.type.map { TypeExpr.array($0) } : prm.type
            if case .local(let s) = declare(prm.name, isLet: !prm.isInout, coercion: c, kind: kind, type: type, isParameter: true, loc: prm.loc) { paramSlots.append(s) }
        }
        for (i, prm) in f.params.enumerated() {
            if let d = prm.defaultValue {
                if let t = prm.type { checkLiteral(d, against: t, context: "default argument value of type") }
                let de = compileExpr(d, expected: prm.type)
                let c = proto.coercions[i]
                let l = prm.loc
                proto.defaults[i] = { fr in try c.apply(try de(fr), l) }
            }
        }
        pushScope()   // the body may shadow a parameter: `var x = x`
        compileBody(f.body, implicitReturn: f.returnType != nil || selfType == nil, into: proto)
        popScope()
        checkMissingReturn(f.body, f.returnType, what: f.isInit ? nil : "\(selfType == nil ? "global function" : "instance method") '\(f.name)'", f.loc)
        proto.slotCount = ctx.slotCount
        proto.framesMayEscape = closuresCompiled != closuresBefore
    }

    /// A function body into `proto`; a single expression is returned implicitly. Bodies that end
    /// in `return e` become a value body (see `FunctionProto.valueBody`).
    func compileBody(_ body: [Stmt], implicitReturn: Bool, into proto: FunctionProto) {
        if body.count == 1, case .expr(let e) = body[0], implicitReturn {
            if let rt = ctx.returnType { checkReturnValue(e, rt) }
            proto.valueBody = EvalBox(compileExpr(e))
            return
        }
        if let vb = compileValueStatements(body) {
            proto.valueBody = EvalBox(vb)
            return
        }
        proto.body = compileStatements(body)
    }

    /// Statements ending in `return e` as one expression: `if c { return x }` statements become
    /// tests, runs of other statements run as a block (whose own `return` ends the call), and the
    /// final `return e` is the value. Nil for other shapes (no final return, `defer`, or declarations
    /// of functions and types, which need hoisting), compiled as statements. Compiles as
    /// `compileStatements` does, statement by statement, so scopes and messages are the same.
    func compileValueStatements(_ stmts: [Stmt]) -> Eval? {
        guard case .returnStmt(let last?, let lastLoc)? = stmts.last else { return nil }
        for s in stmts {
            switch s {
            case .deferStmt, .funcDecl, .typeDecl: return nil
            default: continue
            }
        }
        enum Item {
            case early(test: (Frame) throws -> Bool, value: Eval, slot: Int?)
            case block([ExecBox])
        }
        var items: [Item] = []
        for s in stmts.dropLast() {
            if case .empty = s { continue }
            if let (test, rv, e) = compileEarlyReturn(s) {
                items.append(.early(test: test, value: rv, slot: localSlot(e)))
                continue
            }
            let ex = ExecBox(compileStatement(s))
            if case .block(let run)? = items.last {
                items[items.count - 1] = .block(run + [ex])
            } else {
                items.append(.block([ex]))
            }
        }
        if ctx.isTop && ctx.parent == nil { error("return invalid outside of a func", lastLoc) }
        if let rt = ctx.returnType { checkReturnValue(last, rt) }
        var next = compileExpr(last)
        for item in items.reversed() {
            let rest = next
            switch item {
            case .early(let test, _, let s?):
                next = { f in try test(f) ? f.slots[s] : try rest(f) }
            case .early(let test, let rv, nil):
                next = { f in try test(f) ? try rv(f) : try rest(f) }
            case .block(let run):
                let ex = sequence(run)
                next = { f in
                    if case .normal = try ex(f) { return try rest(f) }
                    return f.takeReturnValue()
                }
            }
        }
        return next
    }

    func compileClosure(_ c: ClosureExpr, expected: TypeExpr?) -> Eval {
        closuresCompiled += 1
        if let l = c.inoutParameterLoc {
            error("closures with 'inout' parameters are not supported", l,
                  notes: ["note: declare a 'func' with the 'inout' parameter and pass '&x', or return the new value and assign it"])
        }
        var paramTypes: [TypeExpr?] = c.params.map(\.type)
        if case .function(let ps, _)? = expected, ps.count == paramTypes.count {
            for i in 0..<ps.count where paramTypes[i] == nil { paramTypes[i] = ps[i] }
        }
        let names = c.hasExplicitParams ? c.params.map(\.name) : (0..<c.anonCount).map { "$\($0)" }
        let firstIsInout = closureFirstParameterIsInout
        closureFirstParameterIsInout = false
        let hints = closureParameterHints
        closureParameterHints = nil
        let proto = FunctionProto(name: "closure", labels: names.map { _ in nil }, paramNames: names, loc: c.loc)
        proto.anonymous = !c.hasExplicitParams
        interp.registerClosure(proto)
        let saved = ctx
        let closuresBefore = closuresCompiled
        ctx = FuncCtx(parent: saved, isClosure: true)
        defer { ctx = saved }
        for (i, n) in names.enumerated() {
            let co = c.hasExplicitParams ? coercion(for: paramTypes[i]) : .identity
            proto.coercions[i] = co
            // the kind of a typed parameter (written, or from the closure's expected type) lets
            // changes to a constant be refused before running
            var type: TypeExpr? = i < paramTypes.count ? paramTypes[i] : nil
            if type == nil, case .function(let ps, _)? = expected, ps.count == names.count { type = ps[i] }
            let kind = type.map { staticKind(of: $0) } ?? .unknown
            // an element type known from the receiver (not checked or converted: for inference only)
            if type == nil, let hints, names.count == hints.count { type = hints[i] }
            declare(n, isLet: !(firstIsInout && i == 0) && c.inoutParameterLoc == nil, coercion: co, kind: kind, type: type, isParameter: true, loc: c.loc)
        }
        proto.returnCoercion = coercion(for: c.returnType)
        pushScope()
        compileBody(c.body, implicitReturn: true, into: proto)
        popScope()
        proto.slotCount = ctx.slotCount
        proto.framesMayEscape = closuresCompiled != closuresBefore
        if proto.returnCoercion.isNone { proto.sortKey = SortKey.match(c) }
        if !ctx.usesOuterFrames {
            // Nothing of the enclosing frames is used (`{ $0 * 2 }`, `{ $0.price > $1.price }`):
            // one function value, made now, without an environment; the enclosing frame is not
            // captured (its loops and calls need no frames of their own for it).
            if closuresCompiled == closuresBefore { closuresCompiled -= 1 }
            let v = Value.function(Callable(proto: proto, env: nil))
            return { _ in v }
        }
        return { f in .function(Callable(proto: proto, env: f)) }
    }
}

extension Compiler {
    /// `if c { return e }` (one plain condition, no else): its compiled test and value, and `e`;
    /// nil for any other statement. Both statement-list compilers turn it into a test rather than
    /// a nested block.
    func compileEarlyReturn(_ s: Stmt) -> (test: (Frame) throws -> Bool, value: Eval, expr: Expr)? {
        guard case .ifStmt(let conds, let then, nil, _) = s, conds.count == 1, then.count == 1,
              case .expr(let ce) = conds[0], case .returnStmt(let e?, _) = then[0] else { return nil }
        let test = compileCondition(ce)
        pushScope()
        let rv = compileExpr(e)
        popScope()
        return (test, rv, e)
    }
}
