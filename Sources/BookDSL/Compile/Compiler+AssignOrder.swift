import RLSupport

/// Swift's order of evaluation in an assignment `target op= value` (checked against `swiftc`): first the
/// target's parts from left to right (its subscript indices, the optionals it chains through, which stop
/// everything when nil, and the class references it goes through, which are loaded then), then the value,
/// then the access to the storage (so a struct variable changed by the value is changed again after it).
/// The plain compiled path evaluates the value first and the target's parts in the access; the two can only
/// be told apart when the value or an index has effects (a call) and the target has parts, so only such
/// assignments pay for this: the parts are evaluated into hidden locals and the target rewritten to read them.
extension Compiler {
    /// One part of the target evaluated before the value: an index (or a base that is not a location, such as
    /// a call) stored in a hidden slot, or an optional that stops the assignment when it is nil.
    enum PinStep {
        case index(slot: Int, Eval)
        case nilCheck(Eval)
    }

    /// Evaluates pinned indices into their hidden slots, in order; false (nothing more to do) when an
    /// optional chain's base is nil.
    static func runPinSteps(_ steps: [PinStep], _ f: Frame) throws -> Bool {
        for step in steps {
            switch step {
            case .index(let s, let e): f.slots[s] = try e(f)
            case .nilCheck(let e): if case .nilValue = try e(f) { return false }
            }
        }
        return true
    }

    /// A class reference the target goes through (`c` in `c.v`, `cs[i]` in `cs[i].v`): when it holds one
    /// when the assignment runs, the assignment goes through a hidden slot holding it.
    struct ReferencePin {
        let read: Eval
        let slot: Int
        let assign: Exec
    }

    /// The assignment in Swift's order, or nil when the plain path cannot differ from it.
    func orderedAssign(_ op: String, _ target: Expr, _ value: Expr, expected: TypeExpr?, _ loc: Loc) -> Exec? {
        guard hasParts(target) else { return nil }
        let effects = effectfulParts(target)
        // with a value that cannot change or be changed, only two parts with effects (evaluated in the access from
        // the outside in) or an optional chain (nil: no index evaluated) differ
        if isConstant(value) && (effects == 0 || (effects == 1 && !chainsOptional(target))) { return nil }
        if isEffectFree(value) && effects == 0 { return nil }
        pushScope()
        defer { popScope() }
        var steps: [PinStep] = []
        let rewritten: Expr
        var bases: [Expr] = []
        if case .tuple(let items, let l) = target {
            rewritten = .tuple(items.map { ($0.0, pin($0.1, &steps)) }, l)
        } else {
            rewritten = pin(target, &steps)
            bases = referenceBases(rewritten)
        }
        if steps.isEmpty && bases.isEmpty { return nil }
        let ve = compileExpr(value, expected: expected)
        let (vname, vslot) = hidden(.unknown, loc)
        let plain = compileAssign(op, rewritten, .name(vname, loc), loc)
        // the variants through a hidden reference repeat the target's diagnostics: those are dropped
        let errorCount = errors.count
        var pins: [ReferencePin] = []
        for b in bases {
            let read = compileExpr(b)
            let (name, slot) = hidden(pathKind(b), loc, type: inferredType(b))
            let through = Compiler.replacing(b, in: rewritten, with: .name(name, loc))
            pins.append(ReferencePin(read: read, slot: slot, assign: compileAssign(op, through, .name(vname, loc), loc)))
        }
        if errors.count > errorCount { errors.removeSubrange(errorCount...) }
        let pinSteps = steps
        let slots = pinSteps.compactMap { if case .index(let s, _) = $0 { return s }; return nil } + pins.map(\.slot) + [vslot]
        return { f in
            defer { for s in slots { f.slots[s] = .void } }
            guard try Compiler.runPinSteps(pinSteps, f) else { return .normal }
            for p in pins {
                // a read that fails here (a nil, an index out of range) fails again, in Swift's place, in the access
                guard let r = try? p.read(f), r.changesThroughReference else { continue }
                f.slots[p.slot] = r
                f.slots[vslot] = try ve(f)
                return try p.assign(f)
            }
            f.slots[vslot] = try ve(f)
            return try plain(f)
        }
    }

    /// `target` with its indices read from hidden slots (evaluated, in Swift's order, by `steps`); the `?`s it
    /// chains through are checked there too. An index that cannot change (a literal, a `let`) stays in place,
    /// and so does a `default:` (Swift evaluates it in the access, when the key is missing).
    func pin(_ e: Expr, _ steps: inout [PinStep]) -> Expr {
        switch e {
        case .subscriptAccess(let b, let args, let l):
            let base = pin(b, &steps)
            let pinned = args.map { a -> Arg in
                guard a.label != "default", !isConstant(a.value) else { return a }
                let ie = compileExpr(a.value)
                let (name, slot) = hidden(staticKind(a.value), l)
                steps.append(.index(slot: slot, ie))
                var r = a
                r.value = .name(name, a.value.loc)
                return r
            }
            return .subscriptAccess(base, pinned, l)
        case .member(let b, let n, let l): return .member(pin(b, &steps), n, l)
        case .tupleIndex(let b, let i, let l): return .tupleIndex(pin(b, &steps), i, l)
        case .forceUnwrap(let b, let l): return .forceUnwrap(pin(b, &steps), l)
        case .unary("&", let x, let l): return .unary("&", pin(x, &steps), l)
        case .optMember(let b, let n, let l):
            let base = pin(b, &steps)
            steps.append(.nilCheck(compileExpr(base)))
            return .optMember(base, n, l)
        case .postfixOp("?", let b, let l):
            let base = pin(b, &steps)
            steps.append(.nilCheck(compileExpr(base)))
            return .postfixOp("?", base, l)
        case .name, .dollar, .selfRef, .superRef: return e
        default:
            // a base that is a value, not a location (a call's result): evaluated once, in its place
            let ve = compileExpr(e)
            let (name, slot) = hidden(staticKind(e), e.loc)
            steps.append(.index(slot: slot, ve))
            return .name(name, e.loc)
        }
    }

    /// The bases of `target` that may hold a class reference that the value could replace, longest first:
    /// not `self` (never replaced), not a `let`, not a base known to hold a value type.
    func referenceBases(_ target: Expr) -> [Expr] {
        var out: [Expr] = []
        var e = target
        while true {
            let base: Expr
            var through = false
            switch e {
            case .member(let b, _, _), .optMember(let b, _, _), .subscriptAccess(let b, _, _): base = b; through = true
            case .tupleIndex(let b, _, _), .forceUnwrap(let b, _), .postfixOp("?", let b, _), .unary("&", let b, _): base = b
            default: return out
            }
            if through && isEffectFree(base) && mayHoldReference(base) { out.append(base) }
            e = base
        }
    }

    func mayHoldReference(_ base: Expr) -> Bool {
        switch base {
        case .selfRef, .dollar: return false
        case .name(let n, _):
            switch lookup(n) {
            case .local(_, _, let b)?, .global(_, let b)?: if b.isLet { return false }
            case .selfField(_, let t, let k)?: if t.fieldIsLet[k] { return false }
            default: return false
            }
        default: break
        }
        switch pathKind(base) {
        case .int, .double, .bool, .string, .array, .dict, .function: return false
        case .instance(let t): return t.isClass
        default: return true
        }
    }

    /// Whether the target has parts evaluated before the value (anything but a plain name).
    private func hasParts(_ target: Expr) -> Bool {
        switch target {
        case .name, .dollar, .selfRef: return false
        case .tuple(let items, _): return items.contains { hasParts($0.1) }
        default: return true
        }
    }

    /// How many parts of the target have effects: indices (not a `default:`, evaluated in the access) and a base
    /// that is not a location.
    private func effectfulParts(_ target: Expr) -> Int {
        switch target {
        case .subscriptAccess(let b, let args, _):
            return effectfulParts(b) + args.filter { $0.label != "default" && !isEffectFree($0.value) }.count
        case .member(let b, _, _), .optMember(let b, _, _), .tupleIndex(let b, _, _), .forceUnwrap(let b, _),
             .postfixOp(_, let b, _), .unary(_, let b, _):
            return effectfulParts(b)
        case .tuple(let items, _): return items.reduce(0) { $0 + effectfulParts($1.1) }
        default: return isEffectFree(target) ? 0 : 1
        }
    }

    private func chainsOptional(_ target: Expr) -> Bool {
        switch target {
        case .optMember, .postfixOp("?", _, _): return true
        case .subscriptAccess(let b, _, _), .member(let b, _, _), .tupleIndex(let b, _, _), .forceUnwrap(let b, _),
             .postfixOp(_, let b, _), .unary(_, let b, _):
            return chainsOptional(b)
        case .tuple(let items, _): return items.contains { chainsOptional($0.1) }
        default: return false
        }
    }

    /// A value no evaluation can change: a literal, a `let`.
    func isConstant(_ e: Expr) -> Bool {
        switch e {
        case .intLit, .doubleLit, .boolLit, .stringLit, .nilLit, .implicitMember: return true
        case .unary("-", let x, _): return isConstant(x)
        case .name(let n, _):
            if n.hasPrefix(Compiler.pinnedPrefix) { return true }   // set once, before the value
            switch lookup(n) {
            case .local(_, _, let b)?, .global(_, let b)?: return b.isLet && b.funcs.isEmpty
            default: return false
            }
        default: return false
        }
    }

    /// Whether evaluating `e` runs no user code and changes nothing (it may still fail: a nil, an index).
    func isEffectFree(_ e: Expr) -> Bool {
        switch e {
        case .intLit, .doubleLit, .boolLit, .stringLit, .nilLit, .name, .dollar, .selfRef, .implicitMember, .closure, .opRef, .typeRef:
            return true
        case .interp(let parts, _):
            return parts.allSatisfy { if case .expr(let x) = $0 { return isEffectFree(x) }; return true }
        case .array(let xs, _): return xs.allSatisfy(isEffectFree)
        case .dict(let kvs, _): return kvs.allSatisfy { isEffectFree($0.0) && isEffectFree($0.1) }
        case .tuple(let xs, _): return xs.allSatisfy { isEffectFree($0.1) }
        case .unary(let op, let x, _): return op != "&" && !userDefines(op) && isEffectFree(x)
        case .binary(let op, let a, let b, _): return !userDefines(op) && isEffectFree(a) && isEffectFree(b)
        case .ternary(let c, let a, let b, _): return isEffectFree(c) && isEffectFree(a) && isEffectFree(b)
        case .member(let b, let n, _), .optMember(let b, let n, _): return !userDefines(n) && isEffectFree(b)
        case .tupleIndex(let b, _, _), .forceUnwrap(let b, _), .postfixOp(_, let b, _), .cast(let b, _, _, _):
            return isEffectFree(b)
        case .subscriptAccess(let b, let args, _):
            return !userDefines("subscript") && isEffectFree(b) && args.allSatisfy { isEffectFree($0.value) }
        default: return false
        }
    }

    /// Whether a cell type declares `name` as code: a computed property, a static operator, a subscript.
    private func userDefines(_ name: String) -> Bool {
        for b in interp.globalBindings.values {
            guard case .type(let t) = b.storage else { continue }
            if t.computed[name] != nil || t.staticMethods[name] != nil || t.methods[name] != nil { return true }
        }
        return false
    }

    static let pinnedPrefix = "\u{1}pinned"

    /// A hidden local of this frame (declared in the scope `orderedAssign` pushed).
    private func hidden(_ kind: StaticKind, _ loc: Loc, type: TypeExpr? = nil) -> (name: String, slot: Int) {
        hiddenLocations += 1
        let name = "\(Compiler.pinnedPrefix)\(hiddenLocations)"
        guard case .local(let s) = declare(name, isLet: false, kind: kind, type: type, loc: loc) else { return (name, 0) }
        return (name, s)
    }

    /// `e` with its sub-expression `part` (compared by position) replaced by `with`.
    static func replacing(_ part: Expr, in e: Expr, with: Expr) -> Expr {
        if sameNode(part, e) { return with }
        switch e {
        case .member(let b, let n, let l): return .member(replacing(part, in: b, with: with), n, l)
        case .optMember(let b, let n, let l): return .optMember(replacing(part, in: b, with: with), n, l)
        case .subscriptAccess(let b, let a, let l): return .subscriptAccess(replacing(part, in: b, with: with), a, l)
        case .tupleIndex(let b, let i, let l): return .tupleIndex(replacing(part, in: b, with: with), i, l)
        case .forceUnwrap(let b, let l): return .forceUnwrap(replacing(part, in: b, with: with), l)
        case .postfixOp(let o, let b, let l): return .postfixOp(o, replacing(part, in: b, with: with), l)
        case .unary(let o, let b, let l): return .unary(o, replacing(part, in: b, with: with), l)
        default: return e
        }
    }

    /// The bases of a target all lie on one chain, so a base is told by its depth (the parts above the root).
    private static func sameNode(_ a: Expr, _ b: Expr) -> Bool { depth(a) == depth(b) }

    private static func depth(_ e: Expr) -> Int {
        switch e {
        case .member(let b, _, _), .optMember(let b, _, _), .subscriptAccess(let b, _, _), .tupleIndex(let b, _, _),
             .forceUnwrap(let b, _), .postfixOp(_, let b, _), .unary(_, let b, _):
            return depth(b) + 1
        default: return 0
        }
    }
}

extension Compiler {
    /// An `inout` argument `&target`: its location, and, when it has indices that can change, the code that
    /// evaluates them once into hidden slots (in the argument's place) and the read of the storage (after
    /// all the arguments, where Swift begins the access). The hidden slots live in the caller's frame.
    func inoutArgument(_ arg: Expr, among args: [Arg]) -> (lv: LValue?, pins: Eval?, read: Eval) {
        // read in the argument's place when no part has effects and no other argument has any
        let othersEffectFree = args.allSatisfy { if case .unary("&", _, _) = $0.value { return true }; return isEffectFree($0.value) }
        if effectfulParts(arg) == 0 && othersEffectFree {
            return (compileLValue(arg, .assign), nil, { _ in .void })
        }
        pushScope()
        defer { popScope() }
        var steps: [PinStep] = []
        let rewritten = pin(arg, &steps)
        let lv = compileLValue(rewritten, .assign)
        var inner = rewritten
        if case .unary("&", let x, _) = rewritten { inner = x }
        let read = compileExpr(inner)
        let pinSteps = steps
        return (lv, { f in
            for step in pinSteps {
                switch step {
                case .index(let s, let e): f.slots[s] = try e(f)
                case .nilCheck: break
                }
            }
            return .void
        }, read)
    }
}

extension Compiler {
    /// `base.name(args)` of a mutating method in Swift's order: the base's indices (and a base that is a call),
    /// then the arguments, then the access; nil when the plain path (arguments first) cannot differ from it.
    func orderedMutatingCall(_ baseExpr: Expr, _ name: String, _ args: [Arg], _ loc: Loc) -> Eval? {
        guard isMutatingName(name), !orderedCalls.contains(loc) else { return nil }
        let effects = effectfulParts(baseExpr)
        let argsEffectFree = args.allSatisfy { isEffectFree($0.value) }
        if effects == 0 && argsEffectFree { return nil }
        if effects == 0 && !chainsOptional(baseExpr) && !hasMovingIndex(baseExpr) && referenceBases(baseExpr).isEmpty
            && !(isEffectFree(baseExpr) && mayHoldReference(baseExpr)) { return nil }
        if effects == 1 && args.allSatisfy({ isConstant($0.value) }) && !chainsOptional(baseExpr) { return nil }
        pushScope()
        defer { popScope() }
        var steps: [PinStep] = []
        let rewritten = pin(baseExpr, &steps)
        // a class reference the base goes through (`c` in `c.items.append(swap())`) is loaded before the arguments
        let bases = argsEffectFree ? [] : [rewritten].filter { isEffectFree($0) && mayHoldReference($0) && !isConstant($0) } + referenceBases(rewritten)
        guard !steps.isEmpty || !bases.isEmpty else { return nil }
        orderedCalls.insert(loc)
        defer { orderedCalls.remove(loc) }
        let call = methodCall(base: compileExpr(rewritten), baseExpr: rewritten, name, args, loc)
        let errorCount = errors.count
        var pins: [(read: Eval, slot: Int, call: Eval)] = []
        for b in bases {
            let read = compileExpr(b)
            // with its type: `agents[i].rewards.append(f())` through the pinned reference converts what it
            // appends instead of checking the whole field afterwards
            let (hiddenName, slot) = hidden(pathKind(b), loc, type: inferredType(b))
            let through = Compiler.replacing(b, in: rewritten, with: .name(hiddenName, loc))
            pins.append((read, slot, methodCall(base: compileExpr(through), baseExpr: through, name, args, loc)))
        }
        if errors.count > errorCount { errors.removeSubrange(errorCount...) }
        let pinSteps = steps
        let slots = pinSteps.compactMap { if case .index(let s, _) = $0 { return s }; return nil } + pins.map(\.slot)
        return { f in
            defer { for s in slots { f.slots[s] = .void } }
            guard try Compiler.runPinSteps(pinSteps, f) else { return .nilValue }
            for p in pins {
                guard let r = try? p.read(f), r.changesThroughReference else { continue }
                f.slots[p.slot] = r
                return try p.call(f)
            }
            return try call(f)
        }
    }

    /// Whether the target has an index that an argument's effects could change (not a constant).
    func hasMovingIndex(_ e: Expr) -> Bool {
        switch e {
        case .subscriptAccess(let b, let args, _):
            return hasMovingIndex(b) || args.contains { $0.label != "default" && !isConstant($0.value) }
        case .member(let b, _, _), .optMember(let b, _, _), .tupleIndex(let b, _, _), .forceUnwrap(let b, _),
             .postfixOp(_, let b, _), .unary(_, let b, _):
            return hasMovingIndex(b)
        default: return false
        }
    }
}

extension Compiler {
    /// `d[k, default: e]` changed in place where `e` has effects: Swift evaluates `e` only when the key is missing.
    func lazyDefault(_ baseLV: LValue, _ k0: @escaping Eval, _ k1: @escaping Eval, _ labels: [String?], _ c: Coercion, _ loc: Loc) -> LValue {
        // the two evaluations in one box: a closure context unlike the eager path's, whose thunk the optimizer
        // would otherwise merge with this one (an extra jump on every `counts[k, default: 0] += 1`)
        let parts = LazyDefaultParts(key: k0, fallback: k1, interp: interp)
        return LValue(modify: { f, body in
            let k = try parts.key(f)
            try baseLV.modify(f) { bv in
                if bv.isDict {
                    let box = bv.takeDict()!
                    defer { bv = .dict(box) }
                    try box.modify(k, default: box.get(k) == nil ? try parts.fallback(f) : .void, body)
                    return
                }
                try parts.interp.modifySubscript(&bv, [k, try parts.fallback(f)], labels, loc, body)
            }
        }, coercion: c)
    }
}

final class LazyDefaultParts {
    let key: Eval
    let fallback: Eval
    let interp: Interpreter
    init(key: @escaping Eval, fallback: @escaping Eval, interp: Interpreter) { self.key = key; self.fallback = fallback; self.interp = interp }
}
