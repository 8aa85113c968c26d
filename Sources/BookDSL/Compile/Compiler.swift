/// Resolves names to frame slots, runs the static checks, and compiles the syntax tree into Swift
/// closures ("closure compilation"): each expression becomes an `Eval`, each statement an `Exec`.
final class Compiler {
    struct CompileError { var message: String; var loc: Loc; var notes: [String] = [] }

    let interp: Interpreter
    var ctx: FuncCtx
    var errors: [CompileError] = []
    /// Slots of the cell's top-level function declarations, assigned when the cell starts.
    var topHoists: [ExecBox] = []
    /// Function declarations hoisted in this cell, and their storage.
    var declaredProtos: [ObjectIdentifier: (FunctionProto, Storage)] = [:]
    /// The declaration of each compiled function (for argument types).
    var declaredDecls: [ObjectIdentifier: FuncDecl] = [:]
    /// Types declared in this cell, by declaration.
    var declaredTypes: [ObjectIdentifier: StructType] = [:]
    /// Closures and nested functions compiled so far (loops whose bodies make closures need fresh frames).
    var closuresCompiled = 0
    /// Hidden locals made for changes through references under constants (`Compiler+LetPaths`).
    var hiddenLocations = 0
    /// Mutating calls being compiled in Swift's order (by position), so their inner compilations take the plain path.
    var orderedCalls: Set<Loc> = []
    /// Set while compiling the closure of `reduce(into:_:)`: its first parameter is `inout` (the
    /// accumulator it changes in place), as in Swift's signature.
    var closureFirstParameterIsInout = false
    /// The element type bound to a `map` closure's parameter while `inferredType` looks at its body
    /// (`$0` or the parameter's name).
    var inferenceParameters: [String: TypeExpr] = [:]
    /// Subclass -> superclass whose property defaults it shares.
    var inheritedDefaults: [ObjectIdentifier: StructType] = [:]
    /// Generic parameter -> written type while a specialized generic type is compiled
    /// (`Stack<Double>`: `T` is `Double`), applied by `coercion(for:)` (`Compiler+Generics`).
    var typeSubstitution: [String: TypeExpr] = [:]
    /// The element types a closure argument's parameters are known to receive (`xs.map { $0 ?? 0 }`
    /// on `[Double?]`), taken by the next `compileClosure` (`Compiler+OptionalChainTypes`).
    var closureParameterHints: [TypeExpr]?
    /// `&x` markers already checked by the call they are an argument of.
    var ampChecked: Set<Loc> = []

    init(interp: Interpreter) {
        self.interp = interp
        ctx = FuncCtx(parent: nil, isTop: true)
    }

    func error(_ message: String, _ loc: Loc, notes: [String] = []) {
        // as the parser (`Parser.errorCap`): past the cap errors are only counted as dropped
        if errors.count >= Parser.errorCap { droppedErrors = true; return }
        errors.append(CompileError(message: message, loc: loc, notes: notes))
    }

    /// Whether errors past `Parser.errorCap` were dropped.
    private(set) var droppedErrors = false

    /// "did you mean" for a name not in scope: none once the cell has `Parser.errorCap` errors
    /// (each hint compares the name with every visible name; 10,000 calls of an unknown function
    /// took seconds).
    func scopeHint(_ name: String) -> String {
        errors.count >= Parser.errorCap ? "" : DidYouMeanHint.hint(name, visibleNames())
    }

    var g: GlobalStore { interp.globals }

    // MARK: - Scopes

    func pushScope() { ctx.scopes.append([:]) }
    func popScope() { ctx.scopes.removeLast() }

    /// Declares a name in the innermost scope: a global at a cell's top level, else a frame slot.
    @discardableResult
    func declare(_ name: String, isLet: Bool, coercion: Coercion = .identity, kind: StaticKind = .unknown, type: TypeExpr? = nil, isParameter: Bool = false, loc: Loc) -> Storage {
        let storage: Storage
        if ctx.isTop && ctx.scopes.count == 1 {
            storage = .global(g.add(name))
            interp.globalBindings[name] = Binding(storage: storage, isLet: isLet, coercion: coercion, kind: kind, type: type, loc: loc)
        } else {
            storage = .local(ctx.newSlot())
            ctx.scopes[ctx.scopes.count - 1][name] = Binding(storage: storage, isLet: isLet, coercion: coercion, kind: kind, type: type, isParameter: isParameter, loc: loc)
        }
        return storage
    }

    func setBinding(_ name: String, _ b: Binding) {
        if ctx.isTop && ctx.scopes.count == 1 { interp.globalBindings[name] = b } else { ctx.scopes[ctx.scopes.count - 1][name] = b }
    }

    func currentBinding(_ name: String) -> Binding? {
        if ctx.isTop && ctx.scopes.count == 1 { return interp.globalBindings[name] }
        return ctx.scopes[ctx.scopes.count - 1][name]
    }

    /// Resolves a name: locals (innermost first, through enclosing functions), then `self`'s
    /// members in a method, then globals.
    func lookup(_ name: String) -> NameRef? {
        let r = lookupInScopes(name)
        switch r {
        case .local(let d, _, _)?, .selfField(let d, _, _)?, .selfComputed(let d, _, _)?, .selfMethod(let d, _, _)?:
            if d > 0 { ctx.markUsesOuterFrames(d) }
        default: break
        }
        return r
    }

    /// The type of the static method (or static property initializer) being compiled, through
    /// closures; nil in instance methods and elsewhere.
    func enclosingStaticType() -> StructType? {
        var c: FuncCtx? = ctx
        while let cc = c {
            if cc.selfType != nil { return nil }
            if let t = cc.staticType { return t }
            c = cc.parent
        }
        return nil
    }

    func lookupInScopes(_ name: String) -> NameRef? {
        if name == "Self" {
            // `Self.scale`, `Self(...)` in a method of a cell type: that type
            var c: FuncCtx? = ctx
            while let cc = c {
                if let t = cc.selfType ?? cc.staticType {
                    // in a class `Self` is the instance's dynamic class: not supported (refused)
                    return t.kind == .protocolType || t.isBuiltinExtension || t.isClass ? nil : lookupGlobal(t.name)
                }
                c = cc.parent
            }
            return nil
        }
        if name.hasPrefix("Swift."), name.count > 6 {
            // `Swift.min(a, b)`: the global, never a member of `self` (an Array extension's `min`)
            let global = String(name.dropFirst(6))
            return interp.globalBindings[global] == nil ? nil : lookupGlobal(global)
        }
        var c: FuncCtx? = ctx
        var depth = 0
        while let cc = c {
            let outer = cc.isTop ? 1 : 0
            var i = cc.scopes.count - 1
            while i >= outer {
                if let b = cc.scopes[i][name], case .local(let s) = b.storage { return .local(depth: depth, slot: s, b) }
                i -= 1
            }
            if let t = cc.selfType {
                if let k = fieldIndex(t, name) { return .selfField(depth: depth, t, k) }
                if t.findComputed(name) != nil { return .selfComputed(depth: depth, t, name) }
                if t.kind == .enumType && name == "rawValue" { return .selfComputed(depth: depth, t, name) }   // an enum's raw value, bare in its methods
                if !t.findMethods(name).isEmpty { return .selfMethod(depth: depth, t, name) }
                if t.kind == .protocolType || t.isBuiltinExtension, let r = dynamicSelfMember(t, name, depth: depth) { return r }
                if let hb = interp.hostBase(of: t) {
                    if hb.properties.contains(name) { return .selfComputed(depth: depth, t, name) }
                    if hb.methods.contains(name) { return .selfMethod(depth: depth, t, name) }
                }
                break
            }
            if let t = cc.staticType, let s = t.staticFields[name] {
                return .global(s, Binding(storage: .global(s), isLet: t.staticLets.contains(name), coercion: t.staticCoercions[name] ?? .identity, loc: .none))
            }
            if cc.isTop { break }
            c = cc.parent
            depth += 1
        }
        return lookupGlobal(name)
    }

    func lookupGlobal(_ name: String) -> NameRef? {
        if let b = interp.globalBindings[name] {
            interp.compileReads.insert(name)
            switch b.storage {
            case .global(let s): return .global(s, b)
            case .type(let t): return .type(t)
            case .builtinType(let n): return .builtinType(n)
            case .local: return nil
            }
        }
        return nil
    }

    func fieldIndex(_ t: StructType, _ name: String) -> Int? { t.fieldIndex[name] }

    /// Every visible name, for did-you-mean.
    func visibleNames() -> [String] {
        var names: [String] = []
        var c: FuncCtx? = ctx
        while let cc = c {
            for s in cc.scopes { names += s.keys }
            if let t = cc.selfType { names += t.memberNames; break }
            if cc.isTop { break }
            c = cc.parent
        }
        names += interp.globalBindings.keys
        return names
    }

    // MARK: - Cells

    /// Compiles a cell's statements; returns the cell's code and its frame size.
    func compileCell(_ stmts: [Stmt]) -> (Exec, Int) {
        hoistDeclarations(stmts)
        let body = compileStatements(stmts, hoisted: true)
        for d in ctx.deferred { d() }
        ctx.deferred.removeAll()
        let hoists = topHoists
        let all = hoists.isEmpty ? body : sequence(hoists + [ExecBox(body)])
        return (all, ctx.slotCount)
    }

    // MARK: - Statements

    /// Declares the functions and types of a block before its statements are compiled
    /// (so they can be used before their declaration, as in Swift).
    func hoistDeclarations(_ stmts: [Stmt]) {
        for s in stmts {
            if case .typeDecl(let d) = s { declareType(d) }
        }
        for s in stmts {
            if case .typeDecl(let d) = s { declareTypeMembers(d) }
        }
        for s in stmts {
            if case .funcDecl(let f) = s { declareFunction(f) }
        }
    }

    func compileStatements(_ stmts: [Stmt], hoisted: Bool = false) -> Exec {
        if !hoisted { hoistDeclarations(stmts) }
        if let k = stmts.firstIndex(where: { if case .deferStmt = $0 { return true }; return false }),
           case .deferStmt(let body, let loc) = stmts[k] {
            if ctx.isTop && ctx.scopes.count == 1 {
                error("'defer' is not supported at the top level of a cell; use it inside a function, a loop or a 'do { }' block", loc)
            }
            // the statements before the `defer` run first; the rest run with the deferred block around them
            let head = compileStatements(Array(stmts[..<k]), hoisted: true)
            let tail = compileStatements(Array(stmts[(k + 1)...]), hoisted: true)
            let wrapped = compileDefer(body, then: tail)
            return sequence([ExecBox(head), ExecBox(wrapped)])
        }
        var execs: [ExecBox] = []
        var hoists: [ExecBox] = []
        // `if c { return x }` followed by more statements becomes one closure with the rest
        var early: [Int: (test: BoolBox, value: EvalBox)] = [:]
        var earlySlots: [Int: Int] = [:]
        for s in stmts {
            if case .funcDecl(let f) = s {
                if let h = functionValueInit(f) { hoists.append(h) }
                continue
            }
            if case .typeDecl(let d) = s { compileTypeBodies(d); continue }
            if case .empty = s { continue }
            if let (test, rv, e) = compileEarlyReturn(s) {
                early[execs.count] = (BoolBox(test), EvalBox(rv))
                if let s = localSlot(e) { earlySlots[execs.count] = s }
                execs.append(ExecBox { f in
                    if try test(f) { f.returnValue = try rv(f); return .returned }
                    return .normal
                })
                continue
            }
            execs.append(ExecBox(compileStatement(s)))
        }
        var i = execs.count - 2
        while i >= 0 {
            if let (tb, rb) = early[i] {
                let test = tb.f, rv = rb.f
                let rest = sequence(Array(execs[(i + 1)...]))
                execs.removeSubrange((i + 1)...)
                if let s = earlySlots[i] {
                    execs[i] = ExecBox { f in
                        if try test(f) { f.returnValue = f.slots[s]; return .returned }
                        return try rest(f)
                    }
                } else {
                    execs[i] = ExecBox { f in
                        if try test(f) { f.returnValue = try rv(f); return .returned }
                        return try rest(f)
                    }
                }
            }
            i -= 1
        }
        if ctx.isTop && ctx.scopes.count == 1 && hoisted {
            topHoists += hoists
            return sequence(execs)
        }
        return sequence(hoists + execs)
    }

    func sequence(_ execs: [ExecBox]) -> Exec {
        switch execs.count {
        case 0: return { _ in .normal }
        case 1: return execs[0].f
        case 2:
            // closures captured directly (not through a box) are called without retaining them
            let a = execs[0].f, b = execs[1].f
            return { f in
                let r = try a(f)
                if case .normal = r { return try b(f) }
                return r
            }
        case 3:
            let a = execs[0].f, b = execs[1].f, c = execs[2].f
            return { f in
                var r = try a(f)
                guard case .normal = r else { return r }
                r = try b(f)
                guard case .normal = r else { return r }
                return try c(f)
            }
        default:
            let mid = execs.count / 2
            let first = ExecBox(sequence(Array(execs[..<mid]))), second = ExecBox(sequence(Array(execs[mid...])))
            return sequence([first, second])
        }
    }

    func block(_ stmts: [Stmt]) -> Exec {
        pushScope()
        defer { popScope() }
        return compileStatements(stmts)
    }

    func compileStatement(_ s: Stmt, label: String? = nil) -> Exec {
        switch s {
        case .empty: return { _ in .normal }
        case .expr(let e):
            if case .closure(let c) = e, !c.hasExplicitParams, c.anonCount == 0 {
                // `{ ... }` at statement level is an (immediately unused) closure; Swift rejects it
                error("closure expression is unused", c.loc)
                return { _ in .normal }
            }
            let ev = compileExpr(e)
            return { f in _ = try ev(f); return .normal }
        case .varDecl(let isLet, let items, _):
            return sequence(items.map { ExecBox(compileVarItem(isLet: isLet, $0.0, $0.1, $0.2, $0.3)) })
        case .assign(let op, let target, let value, let loc):
            return compileAssign(op, target, value, loc)
        case .ifStmt(let conds, let then, let els, _):
            if els == nil, then.count == 1, conds.count == 1, case .returnStmt(let e?, _) = then[0], case .expr(let ce) = conds[0] {
                // `if cond { return x }` as one closure
                let test = compileCondition(ce)
                pushScope()
                let rv = compileExpr(e)
                popScope()
                return { f in
                    if try test(f) { f.returnValue = try rv(f); return .returned }
                    return .normal
                }
            }
            pushScope()
            let test = compileConditions(conds)
            let thenExec = block(then)
            popScope()
            if let els {
                let elseExec = block(els)
                return { f in try test(f) ? try thenExec(f) : try elseExec(f) }
            }
            return { f in try test(f) ? try thenExec(f) : .normal }
        case .guardStmt(let conds, let els, let loc):
            // bindings stay visible after the guard
            let elseExec = block(els)
            if !blockExits(els) {
                error("'guard' body must not fall through, consider using a 'return' or 'throw' to exit the scope", loc)
            }
            let test = compileConditions(conds)
            return { f in try test(f) ? .normal : try elseExec(f) }
        case .whileStmt(let conds, let body, let loc):
            pushScope()
            let test = compileConditions(conds)
            let lid = enterBreakable(label, isLoop: true, loc)
            let bodyExec = block(body)
            leaveBreakable()
            popScope()
            let interp = self.interp
            return { f in
                while try test(f) {
                    try interp.tick(loc)
                    switch try bodyExec(f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .breakLabel: if interp.pendingLabel == lid { return .normal }; return .breakLabel
                    case .continueLabel: if interp.pendingLabel == lid { continue }; return .continueLabel
                    default: continue
                    }
                }
                return .normal
            }
        case .repeatWhile(let body, let cond, let loc):
            let lid = enterBreakable(label, isLoop: true, loc)
            let bodyExec = block(body)
            leaveBreakable()
            let test = compileCondition(cond)
            let interp = self.interp
            return { f in
                repeat {
                    try interp.tick(loc)
                    switch try bodyExec(f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    case .breakLabel: if interp.pendingLabel == lid { return .normal }; return .breakLabel
                    case .continueLabel: if interp.pendingLabel != lid { return .continueLabel }
                    default: break
                    }
                } while try test(f)
                return .normal
            }
        case .forIn(let pat, let seq, let whereExpr, let body, let loc):
            return compileFor(pat, seq, whereExpr, body, loc, label: label)
        case .switchStmt(let subject, let cases, let loc):
            return compileSwitch(subject, cases, loc, label: label)
        case .breakStmt(let l, let loc): return compileBreak(l, loc, isContinue: false)
        case .continueStmt(let l, let loc): return compileBreak(l, loc, isContinue: true)
        case .labeled(let name, let inner, _):
            return compileStatement(inner, label: name)
        case .doCatch(let body, let clauses, let loc):
            return compileDoCatch(body, clauses, loc)
        case .throwStmt(let e, let loc):
            return compileThrow(e, loc)
        case .deferStmt:
            return { _ in .normal }   // handled by compileStatements
        case .fallthroughStmt: return { _ in .fallthroughCase }
        case .returnStmt(let e, let loc):
            guard let e else { return { f in f.returnValue = .void; return .returned } }
            if ctx.isTop && ctx.parent == nil {
                error("return invalid outside of a func", loc)
            }
            if let rt = ctx.returnType { checkReturnValue(e, rt) }
            let ev = compileExpr(e)
            return { f in f.returnValue = try ev(f); return .returned }
        case .doBlock(let body, _):
            return block(body)
        case .funcDecl, .typeDecl:
            return { _ in .normal }
        }
    }

    /// Whether a block always leaves the scope (return / break / continue / fatalError).
    func blockExits(_ stmts: [Stmt]) -> Bool {
        guard let last = stmts.last else { return false }
        switch last {
        case .returnStmt, .breakStmt, .continueStmt, .throwStmt: return true
        case .doCatch(let b, let cs, _): return blockExits(b) && cs.allSatisfy { blockExits($0.body) }
        case .expr(.call(.name(let n, _), _, _)) where n == "fatalError" || n == "preconditionFailure": return true
        case .ifStmt(_, let t, let e?, _): return blockExits(t) && blockExits(e)
        case .doBlock(let b, _): return blockExits(b)
        default: return false
        }
    }

    // MARK: - Variables

    func compileVarItem(isLet: Bool, _ pat: Pattern, _ type: TypeExpr?, _ initial: Expr?, _ loc: Loc) -> Exec {
        var coercion = coercion(for: type)
        if type == nil, !isLet, case .doubleLit? = initial { coercion = .toDouble }   // `var x = 0.0; x = 1` stores 1.0
        if type == nil, !isLet, let initial, let (t, sawDouble, _) = numericLiteralShape(initial), sawDouble {
            coercion = self.coercion(for: t)   // `var xs = [0.5, 1]; xs.append(2)` stores 2.0
        }
        // `var stats = (rewards: [Double](), n: 0); stats.rewards.append(7)` stores 7.0
        if type == nil, !isLet, coercion.isNone, let c = inferredConversion(initial) { coercion = c }
        let knownType = type ?? initial.flatMap { inferredType($0) }
        var valueEval: Eval?
        var kind = StaticKind.unknown
        if let initial {
            if let type { checkLiteral(initial, against: type, context: "specified type") }
            valueEval = compileExpr(initial, expected: type)
            kind = staticKind(initial)
        } else if case .optional? = type, !isLet {
            valueEval = { _ in .nilValue }
        }
        if let type { kind = staticKind(of: type) }
        switch pat {
        case .name(let name, let nloc):
            if ctx.isTop && ctx.scopes.count == 1 {
                if interp.currentCellGlobals.contains(name) { error("invalid redeclaration of '\(name)'", nloc) }
                interp.currentCellGlobals.insert(name)
            } else if ctx.scopes[ctx.scopes.count - 1][name] != nil {
                error("invalid redeclaration of '\(name)'", nloc)
            }
            let storage = declare(name, isLet: isLet, coercion: coercion, kind: kind, type: knownType, loc: nloc)
            if isLet && valueEval == nil {
                // `let a: T` given its value later: marked unassigned each time the declaration runs
                // (in a loop, each iteration's constant is a new one)
                if var b = currentBinding(name) { b.assignOnce = true; setBinding(name, b) }
                switch storage {
                case .local(let s): return { f in f.slots[s] = .void; return .normal }
                case .global(let s): let g = self.g; return { _ in g.slots[s] = .void; return .normal }
                default: return { _ in .normal }
                }
            }
            guard let valueEval else { return { _ in .normal } }
            let store = storeInto(storage, coercion: coercion, loc: loc)
            return { f in try store(f, try valueEval(f)); return .normal }
        case .wildcard:
            guard let valueEval else { return { _ in .normal } }
            return { f in _ = try valueEval(f); return .normal }
        case .tuple:
            guard let valueEval else {
                error("tuple pattern needs an initial value", loc)
                return { _ in .normal }
            }
            let binder = bindPattern(pat, isLet: isLet, loc: loc)
            let c = coercion
            return { f in try binder(f, try c.apply(try valueEval(f), loc)); return .normal }
        }
    }

    /// A setter for a storage location.
    func storeInto(_ storage: Storage, coercion: Coercion, loc: Loc) -> (Frame, Value) throws -> Void {
        switch storage {
        case .local(let s):
            if coercion.isNone { return { f, v in f.slots[s] = v } }
            return { f, v in f.slots[s] = try coercion.apply(v, loc) }
        case .global(let s):
            let g = self.g
            if coercion.isNone { return { _, v in g.slots[s] = v } }
            return { _, v in g.slots[s] = try coercion.apply(v, loc) }
        default:
            return { _, _ in }
        }
    }

    /// Declares the names of a pattern and returns a function that destructures a value into them.
    func bindPattern(_ pat: Pattern, isLet: Bool, loc: Loc) -> (Frame, Value) throws -> Void {
        switch pat {
        case .wildcard: return { _, _ in }
        case .name(let n, let l):
            let st = declare(n, isLet: isLet, loc: l)
            return storeInto(st, coercion: .identity, loc: l)
        case .tuple(let items):
            let n = items.count
            if n == 2 {
                // `let (a, b) = ...`: the two binders called directly, not through an array (a
                // closure taken out of an array is called through a reabstraction thunk)
                let b0 = bindPattern(items[0], isLet: isLet, loc: loc)
                let b1 = bindPattern(items[1], isLet: isLet, loc: loc)
                return { f, v in
                    guard case .tuple(let t) = v, t.count == 2 else {
                        throw RuntimeError("cannot destructure value of type '\(v.typeName)' into a tuple of 2 elements", loc)
                    }
                    try b0(f, t[0])
                    try b1(f, t[1])
                }
            }
            let binders = items.map { bindPattern($0, isLet: isLet, loc: loc) }
            return { f, v in
                guard case .tuple(let t) = v, t.count == n else {
                    throw RuntimeError("cannot destructure value of type '\(v.typeName)' into a tuple of \(n) elements", loc)
                }
                for i in 0..<n { try binders[i](f, t[i]) }
            }
        }
    }

    // MARK: - Conditions

    func compileConditions(_ conds: [Condition]) -> (Frame) throws -> Bool {
        if conds.count == 1 { return compileOneCondition(conds[0]) }
        if conds.count == 2 {
            let a = compileOneCondition(conds[0]), b = compileOneCondition(conds[1])
            return { f in try a(f) && b(f) }
        }
        let tests = conds.map { c -> BoolBox in BoolBox(compileOneCondition(c)) }
        return { f in
            for t in tests { if try !t.f(f) { return false } }
            return true
        }
    }

    func compileOneCondition(_ c: Condition) -> (Frame) throws -> Bool {
        switch c {
        case .expr(let e): return compileCondition(e)
        case .optionalBinding(let isLet, let pat, _, let e, let loc):
            let ev = compileUnwrapped(e)
            let binder = bindPattern(pat, isLet: isLet, loc: loc)
            return { f in
                guard let v = try ev(f) else { return false }
                try binder(f, v)
                return true
            }
        case .casePattern(let pattern, let e, let loc):
            let ev = compileExpr(e)
            let m = compilePattern(pattern, loc)
            return { f in try m(f, try ev(f)) }
        }
    }
}
