import RLSupport

/// Calls at run time: closures, methods, initializers, host functions.
extension Interpreter {
    func makeArguments(_ vals: [Value], _ labels: [String?], _ loc: Loc) -> Arguments {
        Arguments(vals, labels: labels, loc: loc, interpreter: self)
    }

    /// Calls a user function with arguments matched by label.
    func invoke(_ p: FunctionProto, env: Frame?, selfValue: Value?, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> (Value, Frame) {
        let frame = Frame.make(count: max(p.slotCount, p.paramCount + (p.hasSelf ? 1 : 0)), parent: env)
        let offset = p.hasSelf ? 1 : 0
        if p.hasSelf { frame.slots[0] = selfValue ?? .void }
        if p.anonymous || labels.allSatisfy({ $0 == nil }) && p.labels.allSatisfy({ $0 == nil }) {
            // positional (closures): splat a tuple passed to a multi-parameter closure
            var args = vals
            if args.count == 1 && p.paramCount > 1, case .tuple(let t) = args[0], t.count == p.paramCount { args = t.values }
            if p.anonymous {
                for (i, v) in args.enumerated() where i < p.paramCount { frame.slots[offset + i] = v }
            } else {
                if args.count > p.paramCount || args.count < p.paramCount - p.defaults.filter({ $0 != nil }).count && p.variadicIndex == nil {
                    throw RuntimeError("closure expects \(p.paramCount) argument\(p.paramCount == 1 ? "" : "s") but was called with \(args.count)", loc)
                }
                for i in 0..<p.paramCount {
                    if i == p.variadicIndex { frame.slots[offset + i] = .array(Array(args[i...])); break }
                    if i < args.count { frame.slots[offset + i] = try p.coercions[i].apply(args[i], loc) }
                    else if let d = p.defaults[i] { frame.slots[offset + i] = try d(frame) }
                }
            }
        } else {
            switch matchArguments(labels, trailing: labels.map { _ in false }, p.shapes) {
            case .success(let m): try fillFrame(frame, p, m, vals, offset: offset, loc)
            case .failure(let msg): throw RuntimeError(msg, loc)
            }
        }
        return (try execute(p, frame, loc), frame)
    }

    /// Calls `p` with exactly its parameters, in order (no labels to match, no defaults), in a
    /// recycled frame; returns the result and `self` as the call left it (mutating methods).
    @inline(__always)
    func invokePositional(_ p: FunctionProto, selfValue: Value?, _ vals: [Value], _ loc: Loc) throws -> (Value, Value) {
        var s = selfValue ?? .void
        let r = try invokePositional(p, self: &s, vals, loc)
        return (r, s)
    }

    /// `invokePositional` moving `self` into the frame and back (a mutating struct method then
    /// owns the only reference and changes it in place, without a copy).
    func invokePositional(_ p: FunctionProto, self selfValue: inout Value, _ vals: [Value], _ loc: Loc) throws -> Value {
        try withFrame(p, parent: nil) { frame in
            let offset = p.hasSelf ? 1 : 0
            for i in 0..<vals.count { frame.setParameter(offset + i, try p.coercions[i].apply(vals[i], loc)) }
            if p.hasSelf { swap(&frame.slots[0], &selfValue) }
            defer { if p.hasSelf { swap(&frame.slots[0], &selfValue) } }
            return try execute(p, frame, loc)
        }
    }

    /// Whether a call with `labels` and `count` values can use `invokePositional`.
    @inline(__always) func isPositional(_ p: FunctionProto, _ labels: [String?], _ count: Int) -> Bool {
        count == p.paramCount && p.variadicIndex == nil && !p.anonymous && labels == p.labels
    }

    /// A function value (a closure, a function passed by name) called with `n` unlabelled
    /// arguments, `arg(0)`, `arg(1)`, ..., in order: what `invoke` does for such a call (the same
    /// conversions), in a recycled frame. Nil when the call needs `invoke`'s general rules (labels,
    /// defaults, variadics, one tuple to spread over several parameters, `self`).
    @inline(__always)
    func callPositional(_ fn: Callable, _ p: FunctionProto, _ n: Int, _ arg: (Int) -> Value, _ loc: Loc) throws -> Value? {
        guard fn.boundSelf == nil, !p.hasSelf, p.variadicIndex == nil, p.slotCount >= p.paramCount,
              n == 1 || p.paramCount == n || p.anonymous && p.paramCount < n else { return nil }
        if n == 1 && p.paramCount > 1 { return nil }   // may be a tuple to spread
        if p.anonymous {
            return try withFrame(p, parent: fn.env) { frame in
                for i in 0..<min(n, p.paramCount) { frame.setParameter(i, arg(i)) }
                return try execute(p, frame, loc)
            }
        }
        guard n == p.paramCount, p.labels.allSatisfy({ $0 == nil }) else { return nil }
        return try withFrame(p, parent: fn.env) { frame in
            for i in 0..<n { frame.setParameter(i, try p.coercions[i].apply(arg(i), loc)) }
            return try execute(p, frame, loc)
        }
    }

    /// Calls any callable value.
    func callValue(_ c: Value, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        switch c {
        case .function(let fn):
            if let p = fn.proto {
                if p.anonymous || labels.allSatisfy({ $0 == nil }),
                   let r = try callPositional(fn, p, vals.count, { vals[$0] }, loc) { return r }
                if let s = fn.boundSelf {
                    return try invoke(p, env: fn.env, selfValue: s, vals, labels, loc).0
                }
                return try invoke(p, env: fn.env, selfValue: nil, vals, labels, loc).0
            }
            if let h = fn.host {
                let args = makeArguments(vals, labels, loc)
                return try host(loc) { try h(args) }
            }
            return .void
        case .native(let n):
            let args = makeArguments(vals, labels, loc)
            if let r = try host(loc, { try n.callAsFunction(args) }) { return r }
            throw RuntimeError("cannot call value of non-function type '\(n.typeName)'", loc)
        case .type(let t):
            if let u = t.userType { return try construct(u, vals, labels, loc) }
            return try callBuiltinType(t.name, vals, labels, loc)
        case .structValue, .object:
            if let r = try? getMember(c, "callAsFunction", loc) {
                switch r {
                case .function, .native: return try callValue(r, vals, labels, loc)
                default: break
                }
            }
            throw RuntimeError("cannot call value of non-function type '\(c.typeName)'", loc)
        case .optional(let w): return try callValue(w, vals, labels, loc)
        default:
            throw RuntimeError("cannot call value of non-function type '\(c.typeName)'", loc)
        }
    }

    // MARK: - User types

    /// Memberwise initializer parameters of a struct.
    func memberwiseShapes(_ t: StructType) -> [ParamShape] {
        var out: [ParamShape] = []
        for (i, n) in t.fieldNames.enumerated() {
            var hasDefault = t.fieldsWithDefaults.contains(n)
            if case .optional = t.fieldCoercions[i], !t.fieldIsLet[i] { hasDefault = true }
            if t.fieldIsLet[i] && hasDefault { continue }
            out.append(ParamShape(label: n, hasDefault: hasDefault, variadic: false))
        }
        return out
    }

    /// `T(args)`.
    func construct(_ t: StructType, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        switch t.kind {
        case .protocolType:
            throw RuntimeError("'\(t.name)' is a protocol and cannot be constructed; construct a type that adopts it", loc)
        case .enumType:
            if labels.first == "rawValue", let raw = vals.first {
                if let c = t.cases.first(where: { $0.rawValue.map { valuesEqual($0, raw) } ?? false }) { return .optional(.enumCase(c)) }
                return .nilValue
            }
            if !t.inits.isEmpty {
                // `init?(name:)` of an enum: its body assigns `self = .case` (or returns nil)
                let p = try chooseOverload(t.inits, labels, loc, what: "initializer")
                let (r, frame) = try invoke(p, env: nil, selfValue: .nilValue, vals, labels, loc)
                switch Interpreter.failableOutcome(p, r) {
                case false?: return .nilValue
                case true?: return .optional(frame.read(0))
                case nil: return frame.read(0)
                }
            }
            throw RuntimeError("enum '\(t.name)' has no initializer; use a case like '\(t.name).\(t.cases.first?.name ?? "x")'", loc)
        case .classType:
            let inst = try newObject(t)
            let v = Value.object(inst)
            switch try runInit(t, selfValue: v, vals, labels, loc) {
            case false?: return .nilValue
            case true?: return .optional(v)
            case nil: return v
            }
        case .structType:
            let inst = try newStruct(t)
            let memberwise = t.inits.isEmpty || !t.hasExplicitInit && !t.inits.contains {
                if case .success = matchArguments(labels, trailing: labels.map { _ in false }, $0.shapes) { return true }
                return false
            }
            if memberwise {
                let shapes = memberwiseShapes(t)
                switch matchArguments(labels, trailing: labels.map { _ in false }, shapes) {
                case .failure(let msg): throw RuntimeError(msg, loc)
                case .success(let m):
                    for (pi, src) in m.enumerated() {
                        guard let k = t.fieldIndex[shapes[pi].label ?? ""] else { continue }
                        if case .arg(let a) = src { inst[k] = try t.fieldCoercions[k].apply(vals[a], loc) }
                    }
                }
                return .structValue(inst)
            }
            let p = try chooseOverload(t.inits, labels, loc, what: "initializer")
            let (r, frame) = try invoke(p, env: nil, selfValue: .structValue(inst), vals, labels, loc)
            switch Interpreter.failableOutcome(p, r) {
            case false?: return .nilValue
            case true?: return .optional(frame.read(0))
            case nil: return frame.read(0)
            }
        }
    }

    /// Runs the initializer of `t` (or its nearest superclass that has one) on `selfValue`.
    /// For an `init?`: whether it made the instance (false when it returned nil); nil otherwise.
    @discardableResult
    func runInit(_ t: StructType, selfValue: Value, _ vals: [Value], _ labels: [String?], _ loc: Loc, cache: MethodCache? = nil) throws -> Bool? {
        if let cache, let e = cache.lookup(t) {
            let p = e.proto
            let r = try withFrame(p, parent: nil) { frame in
                frame.setParameter(0, selfValue)
                try fillFrame(frame, p, e.mapping, vals, offset: 1, loc)
                return try execute(p, frame, loc)
            }
            return Interpreter.failableOutcome(p, r)
        }
        let candidates = t.initializers
        if candidates.isEmpty {
            // No initializer in the chain: a subclass of an engine type (`class Scaled: gym.RewardWrapper`)
            // inherits the engine's initializer, as a Swift subclass without designated initializers does.
            if let hb = hostBase(of: t), let initialize = hb.initialize {
                try host(loc) { try initialize(selfValue, makeArguments(vals, labels, loc)) }
                return nil
            }
            if !vals.isEmpty { throw RuntimeError(labelMessage(labels, []), loc) }
            return nil
        }
        let p = try chooseOverload(candidates, labels, loc, what: "initializer")
        if let cache, case .success(let m) = matchArguments(labels, trailing: labels.map { _ in false }, p.shapes) {
            cache.add(t, MethodEntry(proto: p, mapping: m))
            return try runInit(t, selfValue: selfValue, vals, labels, loc, cache: cache)
        }
        return Interpreter.failableOutcome(p, try invoke(p, env: nil, selfValue: selfValue, vals, labels, loc).0)
    }

    /// Whether an `init?` made its instance (its body did not `return nil`); nil for other inits.
    static func failableOutcome(_ p: FunctionProto, _ returned: Value) -> Bool? {
        guard p.isFailable else { return nil }
        if case .nilValue = returned { return false }
        return true
    }

    func chooseOverload(_ ps: [FunctionProto], _ labels: [String?], _ loc: Loc, what: String) throws -> FunctionProto {
        if ps.count == 1 { return ps[0] }
        for p in ps {
            if case .success = matchArguments(labels, trailing: labels.map { _ in false }, p.shapes) { return p }
        }
        throw RuntimeError("no exact matches in call to \(what)", loc)
    }

    /// `value.name(args)` for a user type, starting the method search at `type`.
    func callUserMethod(_ selfV: Value, _ type: StructType, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc, exact: Bool = false) throws -> Value {
        let ms = type.findMethods(name)
        if ms.isEmpty {
            if let acc = type.findComputed(name) {
                let f = try invoke(acc.get, env: nil, selfValue: selfV, [], [], loc).0
                return try callValue(f, vals, labels, loc)
            }
            if let k = type.fieldIndex[name] {
                let fv: Value
                switch selfV { case .object(let o): fv = o[k]; case .structValue(let s): fv = s[k]; default: fv = .void }
                return try callValue(fv, vals, labels, loc)
            }
            if let r = try hostBaseMember(selfV, type, name, makeArguments(vals, labels, loc), loc) { return r }
            throw RuntimeError("value of type '\(type.name)' has no member '\(name)'\(DidYouMeanHint.hint(name, type.memberNames))", loc)
        }
        let p = try chooseOverload(ms, labels, loc, what: "instance method '\(name)'")
        return try invoke(p, env: nil, selfValue: selfV, vals, labels, loc).0
    }

    /// `T.name(args)`.
    func callStatic(_ t: StructType, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        if name == "init" { return try construct(t, vals, labels, loc) }
        if let c = t.caseByName[name] { return try makeEnumCase(c, vals, labels, loc) }
        let ms = t.findStatic(name)
        if ms.isEmpty {
            if let s = t.staticFields[name] { return try callValue(globals.slots[s], vals, labels, loc) }
            throw RuntimeError("type '\(t.name)' has no member '\(name)'", loc)
        }
        let p = try chooseOverload(ms, labels, loc, what: "static method '\(name)'")
        return try invoke(p, env: nil, selfValue: nil, vals, labels, loc).0
    }

    func staticMethodValue(_ t: StructType, _ name: String, _ loc: Loc) throws -> Value {
        guard let p = t.findStatic(name).first else { throw RuntimeError("type '\(t.name)' has no member '\(name)'", loc) }
        return .function(Callable(proto: p, env: nil))
    }

    // MARK: - Methods

    /// `base.name(args)` on a value (not in place).
    func callMethod(_ base: Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc, cache: MethodCache? = nil) throws -> Value {
        switch base {
        case .object(let o):
            if let cache { return try cachedCall(base, o.cls, name, vals, labels, loc, cache) }
            return try callUserMethod(base, o.cls, name, vals, labels, loc)
        case .structValue(let s):
            if let cache { return try cachedCall(base, s.type, name, vals, labels, loc, cache) }
            return try callUserMethod(base, s.type, name, vals, labels, loc)
        case .enumCase(let e):
            if !e.type.findMethods(name).isEmpty || e.type.findComputed(name) != nil {
                return try callUserMethod(base, e.type, name, vals, labels, loc)
            }
        case .native(let n):
            let args = makeArguments(vals, labels, loc)
            if let r = try host(loc, { try n.callMethod(name, args) }) { return r }
            if let m = try host(loc, { try n.getMember(name) }) { return try callValue(m, vals, labels, loc) }
            throw RuntimeError("value of type '\(n.typeName)' has no member '\(name)'\(DidYouMeanHint.hint(name, n.memberNames))", loc)
        case .type(let t):
            if let u = t.userType { return try callStatic(u, name, vals, labels, loc) }
            return try callBuiltinStatic(t.name, name, vals, labels, loc)
        default: break
        }
        if !builtinExtensions.isEmpty {
            var copy = base
            if let r = try extensionMethod(&copy, name, vals, labels, loc) { return r }
        }
        return try builtinMethod(base, name, vals, labels, loc)
    }

    /// `base.name(args)` on a struct or class instance through the site's cache: the method is
    /// resolved once per receiver type and called in a recycled frame.
    func cachedCall(_ base: Value, _ t: StructType, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc, _ cache: MethodCache) throws -> Value {
        var entry = cache.lookup(t)
        if entry == nil {
            let ms = t.findMethods(name)
            guard ms.count == 1, t.isClass || !ms[0].isMutating,
                  case .success(let m) = matchArguments(labels, trailing: labels.map { _ in false }, ms[0].shapes) else {
                return try callUserMethod(base, t, name, vals, labels, loc)
            }
            let e = MethodEntry(proto: ms[0], mapping: m)
            cache.add(t, e)
            entry = e
        }
        let e = entry.unsafelyUnwrapped
        let p = e.proto
        return try withFrame(p, parent: nil) { frame in
            frame.setParameter(0, base)
            try fillFrame(frame, p, e.mapping, vals, offset: 1, loc)
            return try execute(p, frame, loc)
        }
    }

    /// `v.name(args)` on a struct stored in a variable, through the site's cache: a method taking
    /// its arguments in order runs on `v` in place (a mutating one changes it without a copy when
    /// `v` holds the only reference). Nil when the call needs the general path.
    func cachedStructCallInPlace(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc, _ cache: MethodCache) throws -> Value? {
        let t = v.structType.unsafelyUnwrapped
        var entry = cache.lookup(t)
        if entry == nil {
            let ms = t.findMethods(name)
            guard ms.count == 1, isPositional(ms[0], labels, vals.count) else { return nil }
            let e = MethodEntry(proto: ms[0], mapping: (0..<vals.count).map { .arg($0) })
            cache.add(t, e)
            entry = e
        }
        let p = entry.unsafelyUnwrapped.proto
        if !p.isMutating {
            var s = v
            return try invokePositional(p, self: &s, vals, loc)
        }
        if let s = v.takeStruct() { v = .structValue(s) }   // unshare first
        return try invokePositional(p, self: &v, vals, loc)
    }

    /// `base.name(args)` where `base` is a storage location that the method may mutate.
    func callMethodInPlace(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        if !builtinExtensions.isEmpty, let r = try extensionMethod(&v, name, vals, labels, loc) { return r }
        if v.isArray {
            if let r = try mutatingArrayMethod(&v, name, vals, labels, loc) { return r }
        } else if v.isDict {
            if let r = try mutatingDictMethod(&v, name, vals, labels, loc) { return r }
        } else if v.isString {
            if let r = try mutatingStringMethod(&v, name, vals, labels, loc) { return r }
        } else if let type = v.structType {
            let ms = type.findMethods(name)
            if !ms.isEmpty {
                let p = try chooseOverload(ms, labels, loc, what: "instance method '\(name)'")
                if !p.isMutating { return try invoke(p, env: nil, selfValue: v, vals, labels, loc).0 }
                if isPositional(p, labels, vals.count) {
                    if let s = v.takeStruct() { v = .structValue(s) }   // unshare first
                    return try invokePositional(p, self: &v, vals, loc)
                }
                let s = v.takeStruct()!
                do {
                    let (r, frame) = try invoke(p, env: nil, selfValue: .structValue(s), vals, labels, loc)
                    v = frame.read(0)
                    return r
                } catch {
                    v = .structValue(s)
                    throw error
                }
            }
        } else if case .enumCase(let e) = v, case let ms = e.type.findMethods(name), !ms.isEmpty {
            // a mutating enum method (`mutating func turn() { self = opposite }`) changes `v`
            let p = try chooseOverload(ms, labels, loc, what: "instance method '\(name)'")
            let (r, frame) = try invoke(p, env: nil, selfValue: v, vals, labels, loc)
            if p.isMutating { v = frame.read(0) }
            return r
        } else if case .bool(let b) = v, name == "toggle" {
            v = .bool(!b)
            return .void
        } else if case .double(let d) = v, name == "negate", vals.isEmpty {
            v = .double(-d)
            return .void
        } else if case .int(let i) = v, name == "negate", vals.isEmpty {
            if i == Int.min { throw RuntimeError("arithmetic overflow: -(\(i)) does not fit in Int", loc) }
            v = .int(-i)
            return .void
        } else if var w = v.takeOptional() {
            defer { v = .optional(w) }
            return try callMethodInPlace(&w, name, vals, labels, loc)
        } else if case .nilValue = v {
            throw RuntimeError("unexpectedly found nil while unwrapping an Optional value", loc)
        }
        return try callMethod(v, name, vals, labels, loc)
    }
}

extension Interpreter {
    /// Mutating methods of a String variable (`s.append("x")`, `s.append(contentsOf:)`,
    /// `s.removeLast()`, `s.removeAll()`, ...): an appended String is added in place; the others
    /// run on the string's Characters as an array, and the string becomes what they leave.
    /// Nil when `name` is not a mutating method (the string is unchanged).
    func mutatingStringMethod(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value? {
        if name == "append", vals.count == 1, labels[0] == nil || labels[0] == "contentsOf", case .string(let t) = vals[0] {
            var s = v.takeString()!
            s += t
            v = .string(s)
            return .void
        }
        guard Compiler.mutatingBuiltins.contains(name), case .string(let s) = v else { return nil }
        var chars = Value.array(AsciiCharacters.split(s))
        guard let r = try mutatingArrayMethod(&chars, name, vals, labels, loc) else { return nil }
        guard case .array(let a) = chars else { return r }
        v = .string(a.map { $0.asString ?? $0.description }.joined())
        return r
    }
}
