/// Changes under a constant: Swift refuses to change a `let` value in place, but lets members and
/// elements of a class instance reached through it change (`arr[0].x = 1` with `let arr: [Box]`,
/// `s.ref.x = 1` with a `let` struct `s` whose `ref` is a class instance, `$0.count += 1` on a
/// closure's class-instance parameter). Where the types known before running cannot tell, the
/// path is checked when it runs.
extension Compiler {
    /// The constant whose `let` makes storage `e` unchangeable in place, when its type does not
    /// already say it holds a class instance: `xs` in `xs[0]`, `s` in `s.a.b`, `$0`. Nil when `e`
    /// is a `var`, or a member of a class instance (storage of its own).
    func letRoot(_ e: Expr) -> String? {
        switch e {
        case .dollar(let k, let loc): return letRoot(.name("$\(k)", loc))
        case .name(let n, _):
            switch lookupInScopes(n) {
            case .local(_, _, let b)?, .global(_, let b)?:
                guard b.isLet, b.funcs.isEmpty else { return nil }
                if case .instance(let t) = b.kind, t.isClass { return nil }
                if case .function = b.kind { return nil }
                return n
            default: return nil
            }
        case .member(let b, _, _), .subscriptAccess(let b, _, _):
            if case .instance(let t) = staticKind(b), t.isClass { return nil }
            return letRoot(b)
        case .tupleIndex(let b, _, _), .forceUnwrap(let b, _):
            return letRoot(b)
        default: return nil
        }
    }

    /// The location whose member or element is changed (`m`): through a reference under a constant
    /// (`throughReference`), the storage itself, or, when `base` is not a location (a call
    /// result, a class reference), a temporary.
    func containerLValue(_ base: Expr, _ m: Mutation, _ loc: Loc) -> LValue {
        if let root = letRoot(base), !pathKind(base).isValueType { return throughReference(base, root: root, m, loc) }
        if let b = compileLValue(base, m) { return b }
        let be = compileExpr(base)
        return LValue(modify: { f, body in var tmp = try be(f); try body(&tmp) }, coercion: .identity)
    }

    /// The static kind of a storage path, through the fields of known struct types.
    func pathKind(_ e: Expr) -> StaticKind {
        if case .member(let b, let name, _) = e, case .instance(let t) = pathKind(b),
           let k = t.fieldIndex[name], k < t.fieldKinds.count {
            return t.fieldKinds[k]
        }
        return staticKind(e)
    }

    /// Storage `base` under the constant `root`, changed in place (`m`). When it runs, the path is
    /// read from the constant down; the first value on it that is a reference (a class instance,
    /// an engine object) is where the change goes through, and the rest of the path is changed in
    /// it. A path of values only is refused with Swift's `let` message.
    func throughReference(_ base: Expr, root: String, _ m: Mutation, _ loc: Loc) -> LValue {
        let (message, notes) = letMessage(root, m)
        if let direct = constantInPlace(base, message, notes, loc) { return direct }
        let prefixes = Compiler.pathPrefixes(base)
        var steps: [(read: Eval, slot: Int, rest: LValue)] = []
        for (i, p) in prefixes.enumerated() {
            let read = compileExpr(p)
            hiddenLocations += 1
            let name = "\u{1}through\(hiddenLocations)"
            // a scope of its own, so the hidden name is a slot of this frame, even at top level
            pushScope()
            defer { popScope() }
            guard case .local(let slot) = declare(name, isLet: false, loc: loc) else { continue }
            let rest: LValue
            if i == prefixes.count - 1 {
                rest = compileLValue(.name(name, loc), m) ?? LValue(modify: { _, _ in }, coercion: .identity)
            } else {
                rest = compileLValue(Compiler.replacingPrefix(base, depth: prefixes.count - 1 - i, with: .name(name, loc)), m)
                    ?? LValue(modify: { _, _ in }, coercion: .identity)
            }
            steps.append((read, slot, rest))
        }
        return LValue(modify: { f, body in
            for step in steps {
                let v = try step.read(f)
                guard v.changesThroughReference else { continue }
                f.slots[step.slot] = v
                defer { f.slots[step.slot] = .void }
                try step.rest.modify(f, body)
                return
            }
            throw RuntimeError(message, loc, notes: notes)
        }, coercion: .identity)
    }

    /// The constant named by `e` itself (`s.scale = 1` on a loop variable, `$0.append(x)`):
    /// checked and changed through where it lies, with no copy; nil when `e` is not a name.
    private func constantInPlace(_ e: Expr, _ message: String, _ notes: [String], _ loc: Loc) -> LValue? {
        let name: String
        switch e {
        case .name(let n, _): name = n
        case .dollar(let k, _): name = "$\(k)"
        default: return nil
        }
        let refusal = LetRefusal(message: message, notes: notes, loc: loc)
        switch lookup(name) {
        case .local(0, let s, _)?:
            return LValue(modify: { f, body in
                guard f.slots[s].changesThroughReference else { throw refusal.error }
                try body(&f.slots[s])
            }, coercion: .identity)
        case .local(let d, let s, _)?:
            return LValue(modify: { f, body in
                let frame = f.up(d)
                guard frame.slots[s].changesThroughReference else { throw refusal.error }
                try body(&frame.slots[s])
            }, coercion: .identity)
        case .global(let s, _)?:
            let g = self.g
            return LValue(modify: { _, body in
                guard g.slots[s].changesThroughReference else { throw refusal.error }
                try body(&g.slots[s])
            }, coercion: .identity)
        default:
            return nil
        }
    }

    /// The storage paths inside `e`, its root first and `e` last: `a`, `a.b`, `a.b[0]`.
    static func pathPrefixes(_ e: Expr) -> [Expr] {
        switch e {
        case .member(let b, _, _), .subscriptAccess(let b, _, _), .tupleIndex(let b, _, _), .forceUnwrap(let b, _):
            return pathPrefixes(b) + [e]
        default:
            return [e]
        }
    }

    /// `e` with the path `depth` levels below it replaced by `root`.
    static func replacingPrefix(_ e: Expr, depth: Int, with root: Expr) -> Expr {
        if depth == 0 { return root }
        switch e {
        case .member(let b, let n, let l): return .member(replacingPrefix(b, depth: depth - 1, with: root), n, l)
        case .subscriptAccess(let b, let a, let l): return .subscriptAccess(replacingPrefix(b, depth: depth - 1, with: root), a, l)
        case .tupleIndex(let b, let i, let l): return .tupleIndex(replacingPrefix(b, depth: depth - 1, with: root), i, l)
        case .forceUnwrap(let b, let l): return .forceUnwrap(replacingPrefix(b, depth: depth - 1, with: root), l)
        default: return root
        }
    }
}

/// The error for changing a constant, made only when it is thrown.
final class LetRefusal: Sendable {
    let message: String
    let notes: [String]
    let loc: Loc
    init(message: String, notes: [String], loc: Loc) {
        self.message = message
        self.notes = notes
        self.loc = loc
    }
    var error: RuntimeError { RuntimeError(message, loc, notes: notes) }
}

extension Value {
    /// Whether members changed through this value change shared storage (a class instance, an
    /// engine object), so that a constant holding it may be changed through, as in Swift.
    @inline(__always) var changesThroughReference: Bool {
        switch self {
        case .object, .native, .nilValue: return true
        case .optional: return wrappedChangesThroughReference   // no payload copied on the common paths
        default: return false
        }
    }

    @inline(never) private var wrappedChangesThroughReference: Bool {
        if case .optional(let w) = self { return w.changesThroughReference }
        return false
    }
}

extension Compiler {
    /// The one assignment of a `let` declared without a value (`let a: Action` then `a = .left` in
    /// each branch): a second assignment while it has a value is refused when it runs.
    func assignOnce(_ name: String, _ at: (depth: Int, slot: Int)?, global: Int? = nil, _ coercion: Coercion, _ loc: Loc) -> LValue {
        let message = "'\(name)' is a 'let' constant and already has a value"
        let notes = ["note: declare it with 'var' to assign it more than once"]
        if let global {
            let g = self.g
            return LValue(modify: { _, body in
                guard case .void = g.slots[global] else { throw RuntimeError(message, loc, notes: notes) }
                try body(&g.slots[global])
            }, coercion: coercion)
        }
        let (d, s) = at ?? (0, 0)
        return LValue(modify: { f, body in
            let frame = d == 0 ? f : f.up(d)
            guard case .void = frame.slots[s] else { throw RuntimeError(message, loc, notes: notes) }
            try body(&frame.slots[s])
        }, coercion: coercion)
    }
}
