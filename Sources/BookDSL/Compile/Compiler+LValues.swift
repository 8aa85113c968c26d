/// Assignment targets: storage locations mutated in place (copy-on-write keeps value semantics).
struct LValue {
    /// Runs `body` on the location, in place.
    let modify: (Frame, (inout Value) throws -> Void) throws -> Void
    /// The conversion for values stored there (from declared types), when known.
    let coercion: Coercion
}

/// Why a location is being mutated (for the wording of `let` errors).
enum Mutation {
    case assign
    case property
    case subscriptAssign
    case method(String)

    var verb: String {
        switch self {
        case .assign: return "assign to value"
        case .property: return "assign to property"
        case .subscriptAssign: return "assign through subscript"
        case .method(let n): return "use mutating member '\(n)' on immutable value"
        }
    }
}

extension Compiler {
    func compileLValue(_ e: Expr, forMutation name: String) -> LValue? {
        compileLValue(e, .method(name))
    }

    func letError(_ name: String, _ m: Mutation, _ loc: Loc) {
        let (message, notes) = letMessage(name, m)
        error(message, loc, notes: notes)
    }

    /// Swift's wording for changing a constant `name` this way, with the note that says what to do.
    func letMessage(_ name: String, _ m: Mutation) -> (String, [String]) {
        if name.hasPrefix("$") {
            // an anonymous closure parameter (Swift's wording)
            return ("cannot \(m.verb): '\(name)' is immutable",
                    ["note: a closure's parameters are constants; copy it into a 'var' to change it"])
        }
        let note = isParameter(name)
            ? "note: parameters are constants; to change a copy, shadow it first: 'var \(name) = \(name)'"
            : "note: change 'let' to 'var' to make it mutable"
        switch m {
        case .assign: return ("cannot assign to value: '\(name)' is a 'let' constant", [note])
        case .property: return ("cannot assign to property: '\(name)' is a 'let' constant", [note])
        case .subscriptAssign: return ("cannot assign through subscript: '\(name)' is a 'let' constant", [note])
        case .method(let n): return ("cannot use mutating member '\(n)' on immutable value: '\(name)' is a 'let' constant", [note])
        }
    }

    private func isParameter(_ name: String) -> Bool {
        switch lookupInScopes(name) {
        case .local(_, _, let b)?: return b.isParameter
        default: return false
        }
    }

    func compileLValue(_ e: Expr, _ m: Mutation) -> LValue? {
        let interp = self.interp
        switch e {
        case .unary("&", let x, _):
            return compileLValue(x, m)
        case .dollar(let k, let loc):
            // `$0` is the closure's first parameter, a local like a named one (`let`, except the
            // accumulator of `reduce(into:)`)
            return compileLValue(.name("$\(k)", loc), m)
        case .name(let n, let loc):
            guard let ref = lookup(n) else {
                error("cannot find '\(n)' in scope\(scopeHint(n))", loc)
                return LValue(modify: { _, _ in }, coercion: .identity)
            }
            switch ref {
            case .local(let d, let s, let b):
                if b.isLet && b.assignOnce, case .assign = m { return assignOnce(n, (d, s), b.coercion, loc) }
                if b.isLet {
                    if !b.funcs.isEmpty { error("cannot assign to value: '\(n)' is a function", loc) }
                    else if case .assign = m { letError(n, m, loc) } else if b.kind.isValueType { letError(n, m, loc) }
                    else if case .unknown = b.kind { return throughReference(e, root: n, m, loc) }
                }
                if d == 0 { return LValue(modify: { f, body in try body(&f.slots[s]) }, coercion: b.coercion) }
                return LValue(modify: { f, body in try body(&f.up(d).slots[s]) }, coercion: b.coercion)
            case .global(let s, let b):
                if b.isLet && b.assignOnce, case .assign = m { return assignOnce(n, nil, global: s, b.coercion, loc) }
                if b.isLet {
                    if !b.funcs.isEmpty { error("cannot assign to value: '\(n)' is a function", loc) }
                    else if case .assign = m { letError(n, m, loc) } else if b.kind.isValueType { letError(n, m, loc) }
                    else if case .unknown = b.kind { return throughReference(e, root: n, m, loc) }
                }
                let g = self.g
                return LValue(modify: { _, body in try body(&g.slots[s]) }, coercion: b.coercion)
            case .selfField(let d, let t, let k):
                checkSelfMutation(t, field: k, n, m, loc)
                let c = t.fieldCoercions[k]
                if t.fieldIsLet[k], !(ctx.methodContext()?.0.isInit ?? false), k < t.fieldKinds.count, case .unknown = t.fieldKinds[k] {
                    // a `let` whose type is not known here: its value must be a reference when mutated
                    return LValue(modify: { f, body in
                        try Interpreter.modifyField(&f.up(d).slots[0], k, loc) { v in
                            switch v {
                            case .object, .native: try body(&v)
                            default: throw RuntimeError("cannot mutate '\(n)': it is a 'let' constant holding a value of type '\(v.typeName)'; declare it with 'var'", loc)
                            }
                        }
                    }, coercion: c)
                }
                if let obs = t.observers[k], !(ctx.methodContext()?.0.isInit ?? false) {
                    return LValue(modify: { f, body in
                        try interp.modifyObserved(&f.up(d).slots[0], t, k, obs, loc, body)
                    }, coercion: .identity)
                }
                return LValue(modify: { f, body in
                    try Interpreter.modifyField(&f.up(d).slots[0], k, loc, body)
                }, coercion: c)
            case .selfComputed(let d, let t, let name):
                if !t.isClass && !(ctx.methodContext()?.0.selfMutable ?? false) {
                    error("cannot assign to property: 'self' is immutable", loc, notes: ["note: mark method 'mutating' to make 'self' mutable"])
                }
                return LValue(modify: { f, body in try interp.modifyMember(&f.up(d).slots[0], name, loc, body) }, coercion: .identity)
            default:
                error("cannot assign to value: '\(n)' is a type", loc)
                return nil
            }
        case .selfRef(let loc):
            guard let (mctx, d) = ctx.methodContext() else { error("cannot find 'self' in scope", loc); return nil }
            if case .assign = m, !mctx.selfMutable || (mctx.selfType?.isClass ?? false) {
                error("cannot assign to value: 'self' is immutable", loc)
            }
            if case .method = m, !mctx.selfMutable { return nil }
            // `self = .green` in an enum's mutating method: the implicit member is the enum's case
            var selfCoercion = Coercion.identity
            if let t = mctx.selfType, t.kind == .enumType { selfCoercion = .enumType(t) }
            return LValue(modify: { f, body in try body(&f.up(d).slots[0]) }, coercion: selfCoercion)
        case .member(let base, let name, let loc):
            if case .name(let tn, _) = base, case .type(let t)? = lookup(tn) {
                // a static stored property (`Counter.count += 1`)
                guard let s = t.staticFields[name] else { return nil }
                if t.staticLets.contains(name) {
                    error("cannot assign to property: '\(name)' is a 'let' constant", loc, notes: ["note: change 'static let' to 'static var' to make it mutable"])
                }
                let g = self.g
                return LValue(modify: { _, body in try body(&g.slots[s]) }, coercion: t.staticCoercions[name] ?? .identity)
            }
            if case .name(let tn, _) = base, case .builtinType? = lookup(tn) { return nil }
            var fieldCoercion = Coercion.identity
            var knowsField = false
            if case .instance(let t) = staticKind(base), let k = t.fieldIndex[name] {
                fieldCoercion = t.fieldCoercions[k]
                knowsField = true
                if t.fieldIsLet[k], !(ctx.methodContext()?.0.isInit ?? false), letFieldRefuses(t, k, m) {
                    error("cannot assign to property: '\(name)' is a 'let' constant", loc, notes: ["note: change 'let' to 'var' to make it mutable"])
                }
            }
            if case .selfRef = base, let (mctx, d) = ctx.methodContext(), let t = mctx.selfType, let k = t.fieldIndex[name] {
                checkSelfMutation(t, field: k, name, m, loc)
                fieldCoercion = t.fieldCoercions[k]
                knowsField = true
                if mctx.isInit && t.observers[k] != nil {
                    // a type's own initializer sets its properties without calling observers
                    let c = fieldCoercion
                    return LValue(modify: { f, body in
                        try Interpreter.modifyField(&f.up(d).slots[0], k, loc) { try body(&$0); $0 = try c.apply($0, loc) }
                    }, coercion: c)
                }
            }
            // `ps[0].ys[0] = 5`, `agents[i].rewards.append(r)`: the element's type is known from
            // a declaration (written or inferred), so the store converts what it stores
            if !knowsField, let t = inferredStructType(base), let k = t.fieldIndex[name] { fieldCoercion = t.fieldCoercions[k] }
            let baseLV = containerLValue(base, .property, loc)
            // a labelled tuple's element (`stats.rewards.append(7)` on `(rewards: [Double], n: Int)`)
            if !knowsField, case .tuple(let labels, let cs) = baseLV.coercion, let i = labels.firstIndex(of: name) { fieldCoercion = cs[i] }
            let cache = MemberCache()
            cache.recheckArrays = fieldCoercion.isNone
            return LValue(modify: { f, body in
                try baseLV.modify(f) { bv in try interp.modifyMember(&bv, name, cache, loc, body) }
            }, coercion: fieldCoercion)
        case .subscriptAccess(let base, let args, let loc):
            var elemCoercion = Coercion.identity
            let baseLV = containerLValue(base, .subscriptAssign, loc)
            if case .array(let c) = baseLV.coercion { elemCoercion = c }
            if case .dict(_, let c) = baseLV.coercion {
                elemCoercion = c.isNone || args.contains(where: { $0.label == "default" }) ? c : .optional(c)
            }
            let keyEs = args.map { EvalBox(compileExpr($0.value)) }
            let labels = args.map(\.label)
            if keyEs.count == 1 && labels[0] == nil {
                let k0 = keyEs[0].f
                return LValue(modify: { f, body in
                    let k = try k0(f)
                    try baseLV.modify(f) { bv in
                        if case .int(let i) = k, bv.isArray {
                            var a = bv.takeArray()!
                            defer { bv = .array(a) }
                            guard i >= 0 && i < a.count else {
                                throw RuntimeError("index out of range: index \(i), but the array has \(a.count) element\(a.count == 1 ? "" : "s")", loc)
                            }
                            try body(&a[i])
                            return
                        }
                        try interp.modifySubscript(&bv, [k], labels, loc, body)
                    }
                }, coercion: elemCoercion)
            }
            if keyEs.count == 2 && labels[0] == nil && labels[1] == "default" {
                let k0 = keyEs[0].f
                // `adj[k, default: []].insert(v)` on a `[K: Set<V>]`: the literal default is a Set, as in Swift
                let k1 = setDefault(keyEs[1].f, elemCoercion, loc)
                if !isEffectFree(args[1].value) { return lazyDefault(baseLV, k0, k1, labels, elemCoercion, loc) }
                return LValue(modify: { f, body in
                    let k = try k0(f), d = try k1(f)
                    try baseLV.modify(f) { bv in
                        if bv.isDict {
                            let box = bv.takeDict()!
                            defer { bv = .dict(box) }
                            try box.modify(k, default: d, body)
                            return
                        }
                        try interp.modifySubscript(&bv, [k, d], labels, loc, body)
                    }
                }, coercion: elemCoercion)
            }
            return LValue(modify: { f, body in
                let keys = try [Value].evaluated(keyEs.count) { try keyEs[$0].f(f) }
                try baseLV.modify(f) { bv in try interp.modifySubscript(&bv, keys, labels, loc, body) }
            }, coercion: elemCoercion)
        case .tupleIndex(let base, let i, let loc):
            guard let baseLV = compileLValue(base, m) else { return nil }
            var c = Coercion.identity
            if case .tuple(_, let cs) = baseLV.coercion, i < cs.count { c = cs[i] }
            return LValue(modify: { f, body in
                try baseLV.modify(f) { bv in
                    // the box is moved out (no binding keeps a second reference), so an unshared tuple's element
                    // changes in place: `stats.rewards.append(r)` does not copy the tuple and, with it, the array
                    guard let t = bv.takeTuple() else { throw RuntimeError("value of type '\(bv.typeName)' has no member '\(i)'", loc) }
                    defer { bv = .tuple(t) }
                    guard i < t.count else { throw RuntimeError("value of type '\(Value.tuple(t).typeName)' has no member '\(i)'", loc) }
                    try t.modifyElement(i, body)
                }
            }, coercion: c)
        case .forceUnwrap(let x, let loc):
            guard let inner = compileLValue(x, m) else { return nil }
            var c = Coercion.identity
            if case .optional(let w) = inner.coercion { c = w }
            return LValue(modify: { f, body in
                try inner.modify(f) { v in
                    if case .nilValue = v { throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", loc) }
                    try Compiler.modifyWrapped(&v, body)
                }
            }, coercion: c)
        case .optMember(let base, let name, let loc):
            // `a?.b` changed in place (`a?.b = 1`, `a?.items.append(x)`): nothing happens when `a`
            // is nil, as in Swift's optional chaining
            let inner = containerLValue(base, .property, loc)
            let cache = MemberCache()
            // `o?.rewards.append(1)` with `o: Agent?`: the store converts as the field's type says
            var fieldCoercion = Coercion.identity
            if case .optional(.named(let tn, _))? = inferredType(base), let t = userType(tn), t.kind != .protocolType,
               t.kind != .enumType, let k = t.fieldIndex[name] {
                fieldCoercion = t.fieldCoercions[k]
                cache.recheckArrays = fieldCoercion.isNone
            }
            return LValue(modify: { f, body in
                try inner.modify(f) { v in
                    if case .nilValue = v { return }
                    try Compiler.modifyWrapped(&v) { try interp.modifyMember(&$0, name, cache, loc, body) }
                }
            }, coercion: fieldCoercion)
        case .postfixOp("?", let base, _):
            // `w? += 1`, `xs?[0] = 2`: changes the wrapped value; nothing when it is nil
            guard let inner = compileLValue(base, m) else { return nil }
            var wrapped = Coercion.identity
            if case .optional(let c) = inner.coercion { wrapped = c }
            return LValue(modify: { f, body in
                try inner.modify(f) { v in
                    if case .nilValue = v { return }
                    try Compiler.modifyWrapped(&v, body)
                }
            }, coercion: wrapped)
        default:
            return nil
        }
    }

    /// Runs `body` on the value a present optional wraps (rewrapping it afterwards), or on `v` itself when it is
    /// not an optional: what `x! = ...`, `x? += 1` and `a?.b = ...` change.
    static func modifyWrapped(_ v: inout Value, _ body: (inout Value) throws -> Void) throws {
        if var w = v.takeOptional() {
            defer { v = .optional(w) }
            try body(&w)
        } else {
            try body(&v)
        }
    }

    /// Whether changing `let` field `k` this way is refused: assigning it, or mutating a value
    /// type in it (a `let` holding a class instance or an engine object lets its members change).
    func letFieldRefuses(_ t: StructType, _ k: Int, _ m: Mutation) -> Bool {
        if case .assign = m { return true }
        return k < t.fieldKinds.count && t.fieldKinds[k].isValueType
    }

    func checkSelfMutation(_ t: StructType, field k: Int, _ name: String, _ m: Mutation, _ loc: Loc) {
        guard let (mctx, _) = ctx.methodContext() else { return }
        if t.fieldIsLet[k] && !mctx.isInit {
            if letFieldRefuses(t, k, m) {
                error("cannot assign to property: '\(name)' is a 'let' constant", loc, notes: ["note: change 'let' to 'var' to make it mutable"])
            }
        } else if !t.isClass && !mctx.selfMutable {
            if case .method(let n) = m, !(Compiler.mutatingBuiltins.contains(n) || interp.mutatingMethodNames.contains(n)) { return }
            error("cannot assign to property: 'self' is immutable", loc, notes: ["note: mark method 'mutating' to make 'self' mutable"])
        }
    }
}
