import RLSupport

/// Properties, subscripts and in-place mutation of values.
extension Interpreter {
    /// `value.name` (properties; a method name gives a bound closure).
    func getMember(_ v: Value, _ name: String, _ loc: Loc) throws -> Value {
        switch v {
        case .object(let o):
            if let k = o.cls.fieldIndex[name] { return o[k] }
            return try userMember(v, o.cls, name, loc)
        case .structValue(let s):
            if let k = s.type.fieldIndex[name] { return s[k] }
            return try userMember(v, s.type, name, loc)
        case .enumCase(let e):
            if name == "rawValue", let r = e.rawValue { return r }
            return try userMember(v, e.type, name, loc)
        case .native(let n):
            if let r = try host(loc, { try n.getMember(name) }) { return r }
            throw RuntimeError("value of type '\(n.typeName)' has no member '\(name)'\(DidYouMeanHint.hint(name, n.memberNames))", loc)
        case .tuple(let t):
            if let i = t.index(of: name) { return t[i] }
        case .type(let t):
            if let u = t.userType {
                if let c = u.caseByName[name] {
                    guard c.hasAssociatedValues else { return .enumCase(c) }
                    // `Shape.circle` alone is the function that makes the case
                    return .function(Callable(name: name, signature: nil) { [unowned self] args in
                        try self.makeEnumCase(c, args.values, c.associatedLabels ?? [], loc)
                    })
                }
                if let s = u.staticFields[name] { return globals.slots[s] }
                return try staticMethodValue(u, name, loc)
            }
            return try builtinStaticMember(t.name, name, loc)
        default: break
        }
        if let r = try builtinProperty(v, name, loc) { return r }
        if let r = try extensionProperty(v, name, loc) { return r }
        throw RuntimeError("value of type '\(v.typeName)' has no member '\(name)'\(DidYouMeanHint.memberHint(name, builtinMemberNames(v) + (extensionType(for: v)?.memberNames ?? [])))", loc)
    }

    func userMember(_ v: Value, _ t: StructType, _ name: String, _ loc: Loc) throws -> Value {
        if let acc = t.findComputed(name) { return try invokePositional(acc.get, selfValue: v, [], loc).0 }
        let ms = t.findMethods(name)
        if let p = ms.first { return .function(Callable(proto: p, env: nil, boundSelf: v)) }
        if let r = try hostBaseMember(v, t, name, nil, loc) { return r }
        throw RuntimeError("value of type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, t.memberNames))", loc)
    }

    /// Runs `body` on field `k` of the struct or object in `v`, in place (copying a shared struct first).
    static func modifyField(_ v: inout Value, _ k: Int, _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        if case .object(let o) = v {
            try body(&o[k])
        } else if let s = v.takeStruct() {
            defer { v = .structValue(s) }
            try body(&s[k])
        } else {
            throw RuntimeError("'self' is not available here", loc)
        }
    }

    /// Sets field `k` of the instance of `t` in `v` (copying a shared struct first). False, with
    /// nothing changed, when `v` holds a subclass instance whose type declares observers.
    @inline(__always)
    static func setField(_ v: inout Value, _ k: Int, _ x: Value, _ t: StructType, _ loc: Loc) throws -> Bool {
        if case .object(let o) = v {
            if o.cls !== t && !o.cls.observers.isEmpty { return false }
            o[k] = x
            return true
        }
        guard let s = v.takeStruct() else { throw RuntimeError("'self' is not available here", loc) }
        s[k] = x
        v = .structValue(s)
        return true
    }

    /// `modifyMember` through a write site's cache (stored properties without observers).
    @inline(__always)
    func modifyMember(_ v: inout Value, _ name: String, _ cache: MemberCache, _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        // No `switch v` here: a switch over `v` keeps a copy of it while a case runs, so
        // `takeStruct` would find the instance shared and copy it, and with it every array in
        // its fields (`g.cells[i] = x` and `g.items.append(x)` cost the whole array each time)
        if case .object(let o) = v {
            if let (k, c) = cache.stored(o.cls) ?? cache.resolveStored(o.cls, name) {
                try body(&o[k])
                if c.reappliesAfterChange || cache.recheckArrays && !c.isNone { o[k] = try c.apply(o[k], loc) }
                return
            }
        } else if let t = v.structType, let (k, c) = cache.stored(t) ?? cache.resolveStored(t, name) {
            let s = v.takeStruct().unsafelyUnwrapped
            defer { v = .structValue(s) }
            try body(&s[k])
            if c.reappliesAfterChange || cache.recheckArrays && !c.isNone { s[k] = try c.apply(s[k], loc) }
            return
        }
        try modifyMember(&v, name, loc, body)
    }

    func modifyMember(_ v: inout Value, _ name: String, _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        if let type = v.structType {
            // before the switch below, which would keep a copy of the instance (see above)
            if let k = type.fieldIndex[name] {
                if !type.observers.isEmpty, let obs = type.observers[k] { return try modifyObserved(&v, type, k, obs, loc, body) }
                let s = v.takeStruct().unsafelyUnwrapped
                defer { v = .structValue(s) }
                try body(&s[k])
                let c = type.fieldCoercions[k]
                if !c.isNone { s[k] = try c.apply(s[k], loc) }
                return
            }
            return try modifyComputed(&v, type, name, loc, body)
        }
        if v.isTuple {
            // also before the switch: an unshared tuple's element changes in place (`stats.rewards.append(r)`
            // copied the tuple and, with it, the array)
            let t = v.takeTuple().unsafelyUnwrapped
            defer { v = .tuple(t) }
            guard let i = t.index(of: name) else { throw RuntimeError("value of type '\(Value.tuple(t).typeName)' has no member '\(name)'", loc) }
            try t.modifyElement(i, body)
            return
        }
        switch v {
        case .object(let o):
            if let k = o.cls.fieldIndex[name] {
                if !o.cls.observers.isEmpty, let obs = o.cls.observers[k] { return try modifyObserved(&v, o.cls, k, obs, loc, body) }
                try body(&o[k])
                let c = o.cls.fieldCoercions[k]
                if !c.isNone { o[k] = try c.apply(o[k], loc) }
                return
            }
            try modifyComputed(&v, o.cls, name, loc, body)
        case .native(let n):
            guard var cur = try host(loc, { try n.getMember(name) }) else {
                throw RuntimeError("value of type '\(n.typeName)' has no member '\(name)'\(DidYouMeanHint.hint(name, n.memberNames))", loc)
            }
            try body(&cur)
            let newValue = cur
            if try !host(loc, { try n.setMember(name, newValue) }) {
                throw RuntimeError("cannot assign to property: '\(name)' of '\(n.typeName)' is read-only", loc)
            }
        case .optional:
            var w = v.takeOptional()!
            defer { v = .optional(w) }
            try modifyMember(&w, name, loc, body)
        case .nilValue:
            throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", loc)
        default:
            throw RuntimeError("cannot assign to property '\(name)' of a value of type '\(v.typeName)'", loc)
        }
    }

    func modifyComputed(_ v: inout Value, _ t: StructType, _ name: String, _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        guard let acc = t.findComputed(name) else {
            throw RuntimeError("value of type '\(t.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, t.memberNames))", loc)
        }
        guard let setter = acc.set else { throw RuntimeError("cannot assign to property: '\(name)' is a get-only property", loc) }
        var cur = try invoke(acc.get, env: nil, selfValue: v, [], [], loc).0
        try body(&cur)
        let (_, frame) = try invoke(setter, env: nil, selfValue: v, [cur], [nil], loc)
        v = frame.read(0)
    }

    func checkIndex(_ i: Int, _ count: Int, _ loc: Loc) throws {
        if i < 0 || i >= count {
            throw RuntimeError("index out of range: index \(i), but the array has \(count) element\(count == 1 ? "" : "s")", loc)
        }
    }

    func modifySubscript(_ v: inout Value, _ keys: [Value], _ labels: [String?], _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        if v.isArray {
            var a = v.takeArray()!
            defer { v = .array(a) }
            guard keys.count == 1 else { throw RuntimeError("array subscripts take one index", loc) }
            if case .range(let r) = keys[0] {
                let (lo, hi) = try sliceBounds(r, a.count, loc)
                var part: Value = .array(Array(a[lo..<hi]))
                try body(&part)
                guard case .array(let na) = part else { throw RuntimeError("cannot assign value of type '\(part.typeName)' to an array slice", loc) }
                a.replaceSubrange(lo..<hi, with: na)
                return
            }
            guard case .int(let i) = keys[0] else { throw RuntimeError("cannot subscript an array with a value of type '\(keys[0].typeName)'", loc) }
            try checkIndex(i, a.count, loc)
            try body(&a[i])
            return
        }
        if case .dict(let sd) = v, sd.isSet { throw RuntimeError("a Set has no subscripts; use insert(_:) and remove(_:)", loc) }
        if v.isDict {
            let d = v.takeDict()!
            defer { v = .dict(d) }
            let k = keys[0]
            if keys.count == 2 && labels.count == 2 && labels[1] == "default" {
                var cur = d.get(k) ?? keys[1]
                try body(&cur)
                d.set(k, cur)
                return
            }
            if let i = d.position(of: k) {
                // `d[k]!.append(x)`, `d[k]?.count += 1`: the value is moved out while it changes
                // (a copy left in the dictionary would make the change copy an array or struct
                // in it), and stored back, as Swift writes back an inout access, even on a throw
                var cur = Value.optional(d.takeValue(at: i))
                defer {
                    switch cur {
                    case .nilValue: d.remove(k)
                    case .optional(let x): d.values[i] = x
                    default: d.values[i] = cur
                    }
                }
                try body(&cur)
                return
            }
            var cur = Value.nilValue
            try body(&cur)
            try admitDictGrowth(d, loc)
            switch cur {
            case .nilValue: d.remove(k)
            case .optional(let x): d.set(k, x)
            default: d.set(k, cur)
            }
            return
        }
        switch v {
        case .native(let n):
            let args = makeArguments(keys, labels, loc)
            guard var cur = try host(loc, { try n.subscriptGet(args) }) else {
                throw RuntimeError("value of type '\(n.typeName)' has no subscripts", loc)
            }
            try body(&cur)
            let nv = cur
            if try !host(loc, { try n.subscriptSet(args, nv) }) {
                throw RuntimeError("cannot assign through subscript: '\(n.typeName)' is read-only", loc)
            }
        case .optional:
            var w = v.takeOptional()!
            defer { v = .optional(w) }
            try modifySubscript(&w, keys, labels, loc, body)
        case .structValue, .object:
            try modifyUserSubscript(&v, keys, labels, loc, body)
        default:
            throw RuntimeError("cannot assign through subscript of a value of type '\(v.typeName)'", loc)
        }
    }

    func sliceBounds(_ r: RangeBox, _ count: Int, _ loc: Loc) throws -> (Int, Int) {
        let lo = r.lower?.asInt ?? 0
        var hi = count
        if let u = r.upper?.asInt { hi = r.closed ? u + 1 : u }
        if lo < 0 || hi > count || lo > hi {
            throw RuntimeError("index out of range: slice \(lo)..<\(hi) of an array with \(count) element\(count == 1 ? "" : "s")", loc)
        }
        return (lo, hi)
    }

    /// `value[keys]`.
    func subscriptGet(_ v: Value, _ keys: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        switch v {
        case .array(let a):
            if keys.count == 1, case .int(let i) = keys[0] { try checkIndex(i, a.count, loc); return a[i] }
            if keys.count == 1, case .range(let r) = keys[0] {
                let (lo, hi) = try sliceBounds(r, a.count, loc)
                return .array(Array(a[lo..<hi]))
            }
            throw RuntimeError("cannot subscript an array with \(keys.map(\.typeName).joined(separator: ", "))", loc)
        case .dict(let d):
            if d.isSet { throw RuntimeError("a Set has no subscripts; use contains(_:) or iterate over it", loc) }
            guard let k = keys.first else { throw RuntimeError("dictionary subscript needs a key", loc) }
            if keys.count == 2, labels.count == 2, labels[1] == "default" { return d.get(k) ?? keys[1] }
            return d.get(k).map { .optional($0) } ?? .nilValue
        case .string(let s):
            let chars = Array(s)
            if keys.count == 1, case .int(let i) = keys[0] {
                guard i >= 0 && i < chars.count else { throw RuntimeError("index out of range: index \(i), but the string has \(chars.count) characters", loc) }
                return .string(String(chars[i]))
            }
            if keys.count == 1, case .range(let r) = keys[0] {
                let (lo, hi) = try sliceBounds(r, chars.count, loc)
                return .string(String(chars[lo..<hi]))
            }
        case .native(let n):
            let args = makeArguments(keys, labels, loc)
            if let r = try host(loc, { try n.subscriptGet(args) }) { return r }
            throw RuntimeError("value of type '\(n.typeName)' has no subscripts", loc)
        case .range(let r):
            if let els = try elements(of: r, loc) { return try subscriptGet(.array(els), keys, labels, loc) }
        case .optional(let w): return try subscriptGet(w, keys, labels, loc)
        case .nilValue: throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", loc)
        case .structValue, .object:
            return try userSubscriptGet(v, keys, labels, loc)
        default: break
        }
        throw RuntimeError("value of type '\(v.typeName)' has no subscripts", loc)
    }

    /// The elements of a sequence for `for ... in`.
    /// Calls `body` with each element of `seq` until it returns false. Integer ranges and strides
    /// are produced one element at a time (`for i in 0..<Int.max { if i > 5 { break } }`).
    @inline(__always)
    func forEachElement(_ seq: Value, _ loc: Loc, _ body: (Value) throws -> Bool) throws {
        switch seq {
        case .range(let r):
            if let (a, b) = r.intBounds {
                var i = a
                while i < b {
                    guard try body(.int(i)) else { return }
                    i += 1
                }
                return
            }
        case .native(let n):
            if let s = n as? StrideSequence { try s.forEach(body); return }
        default: break
        }
        for x in try iterate(seq, loc) {
            guard try body(x) else { return }
        }
    }

    /// A range's elements as an array (nil without Int bounds), refused at `loc` when they would
    /// not fit the memory budget: `Array(0..<N)` and `(0..<N).map` make N values at once.
    func elements(of r: RangeBox, _ loc: Loc) throws -> [Value]? {
        if let (a, b) = r.intBounds, b > a {
            let (n, overflow) = b.subtractingReportingOverflow(a)
            let count = overflow ? Int.max : n
            if let why = MemoryBudget.refusal(count: count, elementBytes: MemoryLayout<Value>.stride, what: "the range \(a)..<\(b) as an array") {
                throw RuntimeError(why, loc)
            }
        }
        return r.elements
    }

    func iterate(_ v: Value, _ loc: Loc) throws -> [Value] {
        switch v {
        case .array(let a): return a
        case .range(let r):
            if let e = try elements(of: r, loc) { return e }
            throw RuntimeError("cannot iterate over a range of non-integers or without bounds", loc)
        case .dict(let d) where d.isSet: return d.keys
        case .dict(let d): return zip(d.keys, d.values).map { .tuple(TupleBox.make([$0, $1], labels: ["key", "value"])) }
        case .string(let s): return AsciiCharacters.split(s)
        case .native(let n):
            if let e = try host(loc, { try n.iterate() }) { return e }
            throw RuntimeError("for-in loop requires '\(n.typeName)' to be a sequence", loc)
        case .optional(let w): return try iterate(w, loc)
        default:
            throw RuntimeError("for-in loop requires '\(v.typeName)' to conform to 'Sequence'", loc)
        }
    }

    /// `is` / `as?` checks.
    func valueMatches(_ v: Value, _ t: TypeExpr) -> Bool {
        let v = v.unwrapped ?? v
        switch t {
        case .named(let n, _):
            switch n {
            case "Int": if case .int = v { return true }; return false
            case "Double": if case .double = v { return true }; return false
            case "String": if case .string = v { return true }; return false
            case "Bool": if case .bool = v { return true }; return false
            case "Any", "AnyObject": return true
            case "Set": if case .dict(let d) = v { return d.isSet }; return false
            default:
                if case .object(let o) = v, case .type(let want)? = globalBindings[n]?.storage, want.kind == .classType { return o.cls.isSubtype(of: want) }
                if case .object(let o) = v { return o.cls.conforms(to: n) }
                if case .structValue(let s) = v { return s.type.conforms(to: n) }
                if case .enumCase(let e) = v { return e.type.conforms(to: n) }
                if case .native(let x) = v { return x.typeName == n }
                return false
            }
        case .array: if case .array = v { return true }; return false
        case .dict: if case .dict(let d) = v { return !d.isSet }; return false
        case .optional(let w): return valueMatches(v, w)
        case .tuple: if case .tuple = v { return true }; return false
        case .function: if case .function = v { return true }; return false
        }
    }
}

extension Interpreter {
    /// `Shape.circle(radius: 2)`: a value of case `c` with its associated values.
    func makeEnumCase(_ c: EnumCase, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        guard let want = c.associatedLabels else {
            throw RuntimeError("enum case '\(c.name)' has no associated values; write '\(c.type.name).\(c.name)' without arguments", loc)
        }
        let given = labels + Array(repeating: nil, count: max(0, vals.count - labels.count))
        if vals.count != want.count || zip(given, want).contains(where: { $0 != $1 }) {
            let w = want.map { ($0 ?? "_") + ":" }.joined(), g = given.map { ($0 ?? "_") + ":" }.joined()
            throw RuntimeError("enum case '\(c.name)' takes \(c.name)(\(w)), not \(c.name)(\(g))", loc)
        }
        var p = vals
        for i in p.indices { p[i] = try c.associatedCoercions[i].apply(p[i], loc) }
        return .enumCase(EnumCase(of: c, payload: p))
    }
}
