import RLSupport

/// Member access (`a.b`): fields, computed properties, statics and engine objects.
extension Compiler {
    func compileMember(_ base: Expr, _ name: String, _ loc: Loc) -> Eval {
        let interp = self.interp
        if case .name(let tn, _) = base {
            if case .type(let t)? = lookup(tn) {
                if let c = t.caseByName[name] {
                    if !c.hasAssociatedValues { let v = Value.enumCase(c); return { _ in v } }
                    let tv = Value.type(TypeValue(name: t.name, userType: t))
                    return { _ in try interp.getMember(tv, name, loc) }   // the function that makes the case
                }
                if let s = t.staticFields[name] { let g = self.g; return { _ in g.slots[s] } }
                if !t.findStatic(name).isEmpty {
                    return { _ in try interp.staticMethodValue(t, name, loc) }
                }
                error("type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, t.cases.map(\.name) + Array(t.staticFields.keys) + Array(t.staticMethods.keys)))", loc)
                return { _ in .void }
            }
            if case .builtinType(let bt)? = lookup(tn) {
                return { _ in try interp.builtinStaticMember(bt, name, loc) }
            }
        }
        if case .superRef = base {
            // `super.label` in an override: the superclass's computed property (or a stored one) on self
            if let (mctx, d) = ctx.methodContext(), let sup = mctx.selfType?.superType, interp.hostBase(of: sup) == nil {
                let interp = self.interp
                if let acc = sup.findComputed(name) {
                    return { f in try interp.invokePositional(acc.get, selfValue: f.up(d).slots[0], [], loc).0 }
                }
                if sup.fieldIndex[name] != nil {
                    return compileMember(.selfRef(loc), name, loc)
                }
            }
            error("'super' property access is supported for properties of a cell superclass; call a method instead", loc)
            return { _ in .void }
        }
        if case .instance(let t) = staticKind(base), t.kind != .enumType, interp.hostBase(of: t) == nil {
            if t.fieldIndex[name] == nil && t.findComputed(name) == nil && t.findMethods(name).isEmpty {
                error("value of type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, t.memberNames))", loc)
            }
        }
        checkBuiltinMember(base, name, loc)
        let cache = MemberCache()
        if name == "count" || name == "isEmpty" {
            // sizes of arrays, dictionaries, sets and strings read here; instances of cell types
            // and anything else as below
            let isCount = name == "count"
            let be = compileExpr(base)
            return { f in
                let b = try be(f)
                if let r = Interpreter.fastSizeProperty(isCount: isCount, b) { return r }
                // `var isEmpty: Bool { items.isEmpty }`: the cached getter called directly
                if let r = try interp.cachedFieldOrGetter(b, cache, loc) { return r }
                return try interp.cachedMember(b, name, cache, loc)
            }
        }
        if name == "rawValue" {
            // `a.rawValue` of an enum case read here; anything else as below
            let be = compileExpr(base)
            return { f in
                let b = try be(f)
                if case .enumCase(let e) = b, let r = e.rawValue { return r }
                return try interp.cachedMember(b, name, cache, loc)
            }
        }
        if let table = CharacterPropertyTable(name) {
            // `c.isNumber`, `chars[i].wholeNumberValue`: an ASCII character's property from a
            // table; anything else as below
            let be = compileExpr(base)
            return { f in
                let b = try be(f)
                if let r = table.read(b) { return r }
                return try interp.cachedMember(b, name, cache, loc)
            }
        }
        if let s = localSlot(base) {
            // a local's field: read in place, no copy of the instance
            let site = LocalMemberRead(interp, s, name, cache, loc)
            return { f in try site.read(f) }
        }
        let be = compileExpr(base)
        return { f in
            let b = try be(f)
            if let r = try interp.cachedFieldOrGetter(b, cache, loc) { return r }
            return try interp.cachedMember(b, name, cache, loc)
        }
    }
}

/// `x.name` where `x` is a local of the running frame: the field read in place (no copy of the
/// instance). One object is captured, so the closure's call passes one pointer, not the slot,
/// cache, name and location.
final class LocalMemberRead {
    let interp: Interpreter
    let slot: Int
    let name: String
    let cache: MemberCache
    let loc: Loc

    init(_ interp: Interpreter, _ slot: Int, _ name: String, _ cache: MemberCache, _ loc: Loc) {
        self.interp = interp
        self.slot = slot
        self.name = name
        self.cache = cache
        self.loc = loc
    }

    @inline(__always) func read(_ f: Frame) throws -> Value {
        switch f.slots[slot] {
        case .structValue(let st): if let k = cache.field(st.type) { return st[k] }
        case .object(let o): if let k = cache.field(o.cls) { return o[k] }
        default: break
        }
        return try readOther(f)
    }

    /// A computed property, a type not cached yet, or a value that is not an instance.
    @inline(never) func readOther(_ f: Frame) throws -> Value {
        switch f.slots[slot] {
        case .object(let o): if let g = cache.getter(o.cls) { return try interp.callGetter(g, f.slots[slot], loc) }
        case .structValue(let st): if let g = cache.getter(st.type) { return try interp.callGetter(g, f.slots[slot], loc) }
        default: break
        }
        return try interp.cachedMember(f.slots[slot], name, cache, loc)
    }
}

extension Interpreter {
    /// Runs a computed property's getter on `selfValue` (`self` in slot 0; what `cachedMember`
    /// does for a cached getter, without the general call's argument array and `self` swaps).
    @inline(__always)
    func callGetter(_ g: FunctionProto, _ selfValue: Value, _ loc: Loc) throws -> Value {
        try call(g, parent: nil, selfValue, loc)
    }

    /// A stored property the site has cached for `b`'s type, read in place, or its cached getter called; nil
    /// when the site has neither for that type.
    @inline(__always)
    func cachedFieldOrGetter(_ b: Value, _ cache: MemberCache, _ loc: Loc) throws -> Value? {
        switch b {
        case .object(let o):
            if let k = cache.field(o.cls) { return o[k] }
            if let g = cache.getter(o.cls) { return try callGetter(g, b, loc) }
        case .structValue(let s):
            if let k = cache.field(s.type) { return s[k] }
            if let g = cache.getter(s.type) { return try callGetter(g, b, loc) }
        default: break
        }
        return nil
    }

    /// `b.name` through a site's cache: stored and computed properties of user types are resolved
    /// once per type; anything else takes `getMember`.
    func cachedMember(_ b: Value, _ name: String, _ cache: MemberCache, _ loc: Loc) throws -> Value {
        guard let t = b.userTypeIdentity else { return try getMember(b, name, loc) }
        guard let slot = cache.lookup(t) ?? cache.resolve(t, name) else { return try getMember(b, name, loc) }
        switch slot {
        case .field(let k, _):
            switch b {
            case .object(let o): return o[k]
            case .structValue(let s): return s[k]
            default: return try getMember(b, name, loc)
            }
        case .computed(let getter, _):
            var s = b
            return try invokePositional(getter, self: &s, [], loc)
        }
    }
}

extension Compiler {
    /// `xs.lenght` where `xs` is known to hold an array, dictionary, string or number: refused
    /// before running, with the did-you-mean the run would give. The property is looked up on an
    /// empty value of that kind exactly as at run time, so the check accepts what runs.
    func checkBuiltinMember(_ base: Expr, _ name: String, _ loc: Loc) {
        let sample: Value, typeText: String
        switch staticKind(base) {
        case .array: sample = .array([]); typeText = "Array"
        case .dict: sample = .dict(DictBox()); typeText = "Dictionary"
        case .string: sample = .string("a"); typeText = "String"   // one character: Character properties too
        case .int: sample = .int(0); typeText = "Int"
        case .double: sample = .double(0); typeText = "Double"
        case .bool: sample = .bool(false); typeText = "Bool"
        default: return
        }
        do {
            if try interp.builtinProperty(sample, name, loc) != nil { return }
        } catch { return }
        let ext = interp.extensionType(for: sample)
        if let ext, ext.memberNames.contains(name) { return }
        let names = interp.builtinMemberNames(sample) + (ext?.memberNames ?? [])
        if name == "lazy" {
            error("'lazy' sequences are not supported in cells: a lazy chain runs its closures only for the elements used, which the eager one would not", loc,
                  notes: ["note: remove '.lazy' where the closures have no effects and every element may be computed, or write a loop that stops at the first match"])
            return
        }
        error("value of type '\(typeText)' has no member '\(name)'\(DidYouMeanHint.memberHint(name, names))", loc)
    }
}
