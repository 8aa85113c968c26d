import RLSupport

/// Names: locals, captured slots, globals, `self`'s fields, and the reads that load them.
extension Compiler {
    func compileName(_ n: String, _ loc: Loc) -> Eval {
        guard let ref = lookup(n) else {
            if n == "_" { error("'_' can only appear in a pattern or on the left side of an assignment", loc); return { _ in .void } }
            if let why = UnsupportedTypes.message(n) ?? selfTypeMessage(n) { error(why, loc); return { _ in .void } }
            let hint = scopeHint(n)
            error("cannot find '\(n)' in scope\(hint)", loc)
            return { _ in .void }
        }
        return loadRef(ref, n, loc)
    }

    func loadRef(_ ref: NameRef, _ n: String, _ loc: Loc) -> Eval {
        switch ref {
        case .local(let d, let s, let b) where b.assignOnce:
            // `let a: T` given its value later: read before that is refused
            return { f in
                let v = (d == 0 ? f : f.up(d)).slots[s]
                if case .void = v {
                    throw RuntimeError("constant '\(n)' is used before it is given a value", loc, notes: ["note: assign it on every path before this line"])
                }
                return v
            }
        case .local(let d, let s, _):
            switch d {
            case 0: return { f in f.slots[s] }
            case 1: return { f in f.parent.unsafelyUnwrapped.slots[s] }
            default: return { f in f.up(d).slots[s] }
            }
        case .global(let s, _):
            let site = GlobalRead(g, s, n, loc)
            return { _ in try site.read() }
        case .selfField(let d, _, let k):
            if d == 0 {
                return { f in
                    switch f.slots[0] {
                    case .object(let o): return o[k]
                    case .structValue(let s): return s[k]
                    default: throw RuntimeError("'self' is not available here", loc)
                    }
                }
            }
            return { f in
                switch f.up(d).slots[0] {
                case .object(let o): return o[k]
                case .structValue(let s): return s[k]
                default: throw RuntimeError("'self' is not available here", loc)
                }
            }
        case .selfComputed(let d, _, let name):
            let interp = self.interp
            let cache = MemberCache()
            return { f in try interp.cachedMember(f.up(d).slots[0], name, cache, loc) }
        case .selfMethod(let d, _, let name):
            let interp = self.interp
            return { f in try interp.getMember(f.up(d).slots[0], name, loc) }
        case .type(let t):
            let v = Value.type(TypeValue(name: t.name, userType: t))
            return { _ in v }
        case .builtinType(let name):
            let v = Value.type(TypeValue(name: name))
            return { _ in v }
        }
    }
}

/// A read of a global variable: one object captured (the closure's call passes one pointer, not
/// the slot, name and location), the message made out of line.
final class GlobalRead {
    let g: GlobalStore
    let slot: Int
    let name: String
    let loc: Loc

    init(_ g: GlobalStore, _ slot: Int, _ name: String, _ loc: Loc) {
        self.g = g
        self.slot = slot
        self.name = name
        self.loc = loc
    }

    @inline(__always) func read() throws -> Value {
        let v = g.slots[slot]
        if case .void = v { throw unset() }
        return v
    }

    @inline(never) func unset() -> RuntimeError {
        RuntimeError("'\(name)' is used before it was given a value (did its cell run?)", loc)
    }
}
