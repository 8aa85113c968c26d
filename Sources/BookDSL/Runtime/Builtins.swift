import RLSupport

/// Global functions and builtin types (`print`, math, `stride`, `zip`, `Int(...)`, `Double.pi`...).
extension Interpreter {
    func installBuiltins() {
        for t in ["Int", "Double", "String", "Bool", "Array", "Dictionary", "Set", "Character", "Int64", "Int32", "UInt8", "Float64", "CGFloat", "Optional"] {
            globalBindings[t] = Binding(storage: .builtinType(t), isLet: true)
        }
        defineFunction("print", signature: Signature("_..., separator?, terminator?")) { [unowned(unsafe) self] a in
            var items: [String] = []
            var sep = " ", term = "\n"
            for (v, l) in zip(a.values, a.labels) {
                if l == "separator" { sep = v.asString ?? v.description } else if l == "terminator" { term = v.asString ?? v.description } else { items.append(v.description) }
            }
            // a value too large to print stopped the cell (see `Value.list`): nothing is printed
            try Cancellation.checkpoint()
            self.output(items.joined(separator: sep) + term)
            return .void
        }
        defineFunction("debugPrint", signature: Signature("_..., separator?, terminator?")) { [unowned(unsafe) self] a in
            let text = a.positional.map(\.debugDescription).joined(separator: " ") + "\n"
            try Cancellation.checkpoint()
            self.output(text)
            return .void
        }
        func math1(_ name: String, _ f: @escaping (Double) -> Double) {
            defineFunction(name, signature: Signature("_")) { a in
                guard let x = a[0].asDouble else { throw HostError.message("\(name)(_:) expects a number, got a value of type '\(a[0].typeName)'") }
                return .double(f(x))
            }
            markFast(name, .math(f))
        }
        math1("sqrt", sqrt); math1("exp", exp); math1("log", log); math1("log2", log2); math1("log10", log10)
        math1("sin", sin); math1("cos", cos); math1("tan", tan); math1("asin", asin); math1("acos", acos)
        math1("atan", atan); math1("tanh", tanh); math1("sinh", sinh); math1("cosh", cosh)
        math1("floor", floor); math1("ceil", ceil); math1("round", { $0.rounded() }); math1("log1p", log1p); math1("expm1", expm1)
        defineFunction("pow", signature: Signature("_, _")) { a in
            guard let x = a[0].asDouble, let y = a[1].asDouble else { throw HostError.message("pow(_:_:) expects numbers") }
            return .double(pow(x, y))
        }
        defineFunction("atan2", signature: Signature("_, _")) { a in
            guard let x = a[0].asDouble, let y = a[1].asDouble else { throw HostError.message("atan2(_:_:) expects numbers") }
            return .double(atan2(x, y))
        }
        defineFunction("abs", signature: Signature("_")) { a in
            switch a[0] {
            case .int(let i):
                if i == Int.min { throw HostError.message("arithmetic overflow: abs(Int.min) does not fit in Int") }
                return .int(abs(i))
            case .double(let d): return .double(abs(d))
            case .native(let n):
                if let r = try n.callMethod("abs", Arguments([])) { return r }
                throw HostError.message("abs(_:) cannot be applied to a value of type '\(n.typeName)'")
            default: throw HostError.message("abs(_:) expects a number, got a value of type '\(a[0].typeName)'")
            }
        }
        defineFunction("min", signature: Signature("_, _...")) { [unowned(unsafe) self] a in try self.extremum(a.values, wantMax: false) }
        defineFunction("max", signature: Signature("_, _...")) { [unowned(unsafe) self] a in try self.extremum(a.values, wantMax: true) }
        markFast("abs", .abs)
        markFast("min", .min)
        markFast("max", .max)
        defineFunction("stride", signature: nil) { a in .array(try StrideSequence(arguments: a).elements()) }
        // what a `for`-`in` loop over `stride(...)` calls instead (see `Compiler.lazySequence`)
        defineFunction("__strideLazy", signature: nil) { a in .native(try StrideSequence(arguments: a)) }
        defineFunction("zip", signature: Signature("_, _")) { [unowned(unsafe) self] a in
            let loc = Loc.none
            // `zip(names, 1...)`: a one-sided Int range counts as far as the other sequence goes
            func openStart(_ v: Value) -> Int? {
                if case .range(let r) = v, r.upper == nil, case .int(let lo)? = r.lower { return lo }
                return nil
            }
            if let lo = openStart(a[1]) {
                let x = try self.iterate(a[0], loc)
                return .array(x.enumerated().map { .tuple(TupleBox.make([$0.element, .int(lo + $0.offset)])) })
            }
            if let lo = openStart(a[0]) {
                let y = try self.iterate(a[1], loc)
                return .array(y.enumerated().map { .tuple(TupleBox.make([.int(lo + $0.offset), $0.element])) })
            }
            let x = try self.iterate(a[0], loc), y = try self.iterate(a[1], loc)
            return .array(zip(x, y).map { .tuple(TupleBox.make([$0, $1])) })
        }
        defineFunction("fatalError", signature: Signature("_?")) { a in
            throw HostError.message("Fatal error" + (a.positional.first.map { ": \($0.description)" } ?? ""))
        }
        defineFunction("precondition", signature: Signature("_, _?")) { a in
            if a[0].asBool == false { throw HostError.message("Precondition failed" + (a.count > 1 ? ": \(a[1].description)" : "")) }
            return .void
        }
        defineFunction("assert", signature: Signature("_, _?")) { a in
            if a[0].asBool == false { throw HostError.message("Assertion failed" + (a.count > 1 ? ": \(a[1].description)" : "")) }
            return .void
        }
        defineFunction("type", signature: Signature("of")) { a in .type(TypeValue(name: a[0].metatypeName)) }
    }

    func extremum(_ vals: [Value], wantMax: Bool) throws -> Value {
        guard var best = vals.first else { throw HostError.message("min/max need at least one argument") }
        var anyDouble = false
        for v in vals { if case .double = v { anyDouble = true } }
        for v in vals.dropFirst() {
            if anyDouble, let x = best.asDouble, let y = v.asDouble, !(v.isOptional || best.isOptional) {
                // Swift's `max` is `y >= x ? y : x` and `min` `y < x ? y : x` (signed zeros, nan)
                if wantMax ? y >= x : y < x { best = v }
                continue
            }
            guard let c = compareValues(v, best) else {
                // `min(x, .infinity)`: Double's constants named as implicit members
                let resolved = vals.map { v -> Value in if case .symbol(let n) = v, let d = Coercion.doubleConstant(n) { return .double(d) }; return v }
                if resolved.contains(where: \.isDouble) && !resolved.contains(where: { if case .symbol = $0 { return true }; return false }) {
                    return try extremum(resolved, wantMax: wantMax)
                }
                throw HostError.message("cannot compare values of type '\(v.typeName)' and '\(best.typeName)'")
            }
            if wantMax ? c > 0 : c < 0 { best = v }
        }
        if anyDouble, case .int(let i) = best { return .double(Double(i)) }
        return best
    }

    /// `Int(x)`, `Double(x)`, `String(x)`, `Array(...)`, `[Int]()`...
    func callBuiltinType(_ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        let first = vals.first
        switch name {
        case "Int", "Int64", "Int32", "UInt8":
            guard let v = first else { return .int(0) }
            if labels.count == 2, labels[1] == "radix" {
                // `Int("ff", radix: 16)`
                guard case .string(let s) = v, let r = vals[1].asInt, (2...36).contains(r) else {
                    throw RuntimeError("Int(_:radix:) needs a String and a radix from 2 to 36", loc)
                }
                return Int(s, radix: r).map { .optional(.int($0)) } ?? .nilValue
            }
            if labels == ["exactly"] {
                // `Int(exactly: 2.5)` is nil; `Int(exactly: 2.0)` is 2
                if case .double(let d) = v { return Int(exactly: d).map { .optional(.int($0)) } ?? .nilValue }
                if case .int = v { return .optional(v) }
            }
            try Interpreter.refuseLabels(name, labels, allowed: [[nil], ["truncatingIfNeeded"], ["clamping"], ["exactly"]], loc)
            switch v {
            case .int: return v
            case .double(let d):
                guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                    throw RuntimeError("Double value \(d) cannot be converted to Int because it is \(d.isFinite ? "outside the representable range" : "either infinite or NaN")", loc)
                }
                return .int(Int(d))
            case .string(let s): return Int(s).map { .optional(.int($0)) } ?? .nilValue   // failable, as in Swift
            case .bool(let b): return .int(b ? 1 : 0)
            case .native(let n):
                if let r = try host(loc, { try n.callMethod("item", Arguments([])) }) { return try callBuiltinType("Int", [r], [nil], loc) }
                if let r = try host(loc, { try n.getMember("item") }) { return try callBuiltinType("Int", [r], [nil], loc) }
            case .optional(let w): return try callBuiltinType(name, [w], labels, loc)
            default: break
            }
            throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Int'", loc)
        case "Double", "Float", "Float32", "Float64", "CGFloat":
            guard let v = first else { return .double(0) }
            try Interpreter.refuseLabels(name, labels, allowed: [[nil]], loc)
            switch v {
            case .double: return v
            case .int(let i): return .double(Double(i))
            case .string(let s): return Double(s).map { .optional(.double($0)) } ?? .nilValue   // failable, as in Swift
            case .native(let n):
                if let r = try host(loc, { try n.getMember("item") }) { return try callBuiltinType("Double", [r], [nil], loc) }
            case .optional(let w): return try callBuiltinType(name, [w], labels, loc)
            default: break
            }
            throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Double'", loc)
        case "String", "Character":
            if labels.first == "format" {
                guard case .string(let fmt)? = first else { throw RuntimeError("String(format:) needs a format string", loc) }
                var rest = Array(vals.dropFirst())
                if rest.count == 1, labels.count > 1, labels[1] == "arguments", case .array(let a) = rest[0] { rest = a }
                return .string(try host(loc) { try Format.format(fmt, rest) })
            }
            if labels.first == "repeating" {
                guard vals.count == 2, let n = vals[1].asInt, n >= 0 else { throw RuntimeError("String(repeating:count:) needs a non-negative count", loc) }
                let unit = vals[0].asString ?? vals[0].description
                if let why = MemoryBudget.refusal(count: n, elementBytes: max(1, unit.utf8.count), what: "String(repeating:count: \(n))") { throw RuntimeError(why, loc) }
                return .string(try host(loc) { Interpreter.repeated(unit, n) })
            }
            guard let v = first else { return .string("") }
            if labels.count >= 2, labels[1] == "radix" {
                // `String(255, radix: 16)`, `String(255, radix: 16, uppercase: true)`
                guard case .int(let i) = v, let r = vals[1].asInt, (2...36).contains(r) else {
                    throw RuntimeError("String(_:radix:) needs an Int and a radix from 2 to 36", loc)
                }
                let upper = labels.count == 3 && labels[2] == "uppercase" && vals[2].asBool == true
                return .string(String(i, radix: r, uppercase: upper))
            }
            try Interpreter.refuseLabels(name, labels, allowed: [[nil], ["describing"], ["reflecting"]], loc)
            if labels.first == "reflecting" { return .string(v.debugDescription) }
            if case .array(let a) = v, a.allSatisfy({ if case .string = $0 { return true }; return false }), labels.first != "describing" {
                return .string(a.map { $0.asString ?? "" }.joined())
            }
            if case .string = v { return v }
            return .string(v.description)
        case "Optional":
            // `Optional(o)` of an optional `o` is an `Optional(Optional(...))` (`Optional(nil)` when `o` is nil), as in Swift
            guard let v = first else { return .nilValue }
            return .optional(v)
        case "Bool":
            guard let v = first else { return .bool(false) }
            if case .string(let s) = v { return s == "true" ? .optional(.bool(true)) : (s == "false" ? .optional(.bool(false)) : .nilValue) }
            if case .bool = v { return v }
            throw RuntimeError("cannot convert value of type '\(v.typeName)' to 'Bool'", loc)
        case "Array", "Set":
            if labels.first == "repeating" {
                guard vals.count == 2, let n = vals[1].asInt, n >= 0 else { throw RuntimeError("Array(repeating:count:) needs a non-negative count", loc) }
                if let why = MemoryBudget.refusal(count: n, elementBytes: MemoryLayout<Value>.stride, what: "Array(repeating:count: \(n))") { throw RuntimeError(why, loc) }
                return .array(Array(repeating: vals[0], count: n))
            }
            guard let v = first else { return name == "Set" ? .dict(Interpreter.makeSet([])) : .array([]) }
            let els = try iterate(v, loc)
            if name == "Set" {
                try admit(6 * els.count * MemoryLayout<Value>.stride, "a set of \(els.count) elements", loc)   // keys, values, hash index
                return .dict(Interpreter.makeSet(els))
            }
            return .array(els)
        case "Dictionary":
            if labels.first == "uniqueKeysWithValues", let v = first {
                let d = DictBox()
                let pairs = try iterate(v, loc)
                try admit(6 * pairs.count * MemoryLayout<Value>.stride, "a dictionary of \(pairs.count) entries", loc)
                for e in pairs {
                    guard case .tuple(let t) = e, t.count == 2 else { throw RuntimeError("Dictionary(uniqueKeysWithValues:) needs (key, value) pairs", loc) }
                    if d.get(t.values[0]) != nil { throw RuntimeError("Fatal error: Duplicate values for key: '\(t.values[0])'", loc) }
                    d.set(t.values[0], t.values[1])
                }
                return .dict(d)
            }
            if labels.count == 2, labels[0] == nil, labels[1] == "uniquingKeysWith", let v = first {
                // `Dictionary(pairs, uniquingKeysWith: +)`: a repeated key's values are combined (old, new)
                let d = DictBox()
                for e in try iterate(v, loc) {
                    guard case .tuple(let t) = e, t.count == 2 else { throw RuntimeError("Dictionary(_:uniquingKeysWith:) needs (key, value) pairs", loc) }
                    let combined = try d.get(t.values[0]).map { try callValue(vals[1], [$0, t.values[1]], [nil, nil], loc) } ?? t.values[1]
                    d.set(t.values[0], combined)
                }
                return .dict(d)
            }
            if labels.count == 2, labels[0] == "grouping", labels[1] == "by" || labels[1] == nil, let v = first {
                // `Dictionary(grouping: xs, by: { $0.first! })`: each key's elements in order
                let d = DictBox()
                for e in try iterate(v, loc) {
                    let k = try callValue(vals[1], [e], [nil], loc)
                    var group = d.get(k) ?? .array([])
                    guard var items = group.takeArray() else { continue }
                    items.append(e)
                    group = .array(items)
                    d.set(k, group)
                }
                return .dict(d)
            }
            try Interpreter.refuseLabels(name, labels, allowed: [[], ["uniqueKeysWithValues"], [nil, "uniquingKeysWith"], ["grouping", "by"]], loc)
            return .dict(DictBox())
        default:
            if name.hasPrefix("[") {
                if name.contains(":") { return .dict(DictBox()) }
                if labels.first == "repeating" {
                    var vs = vals
                    if name == "[Double]" || name == "[Float]", let d = vs.first?.asDouble { vs[0] = .double(d) }
                    return try callBuiltinType("Array", vs, labels, loc)
                }
                guard let v = first else { return .array([]) }
                var arr = try iterate(v, loc)
                if name == "[Double]" || name == "[Float]" { arr = arr.map { $0.asDouble.map { Value.double($0) } ?? $0 } }
                return .array(arr)
            }
            throw RuntimeError("cannot construct a value of type '\(name)'", loc)
        }
    }

    /// `Int.max`, `Double.pi`, `Double.infinity`...
    func builtinStaticMember(_ type: String, _ name: String, _ loc: Loc) throws -> Value {
        if !builtinExtensions.isEmpty, let r = try extensionStatic(type, name, call: nil, loc) { return r }
        switch (type, name) {
        case ("Int", "max"), ("Int64", "max"): return .int(Int.max)
        case ("Int", "min"), ("Int64", "min"): return .int(Int.min)
        case ("Int32", "max"): return .int(Int(Int32.max))
        case ("Int32", "min"): return .int(Int(Int32.min))
        case ("UInt8", "max"): return .int(Int(UInt8.max))
        case ("UInt8", "min"): return .int(0)
        case ("Int", "zero"): return .int(0)
        case (_, "pi") where type != "Int": return .double(Double.pi)
        case (_, "infinity") where type != "Int": return .double(Double.infinity)
        case (_, "nan") where type != "Int": return .double(Double.nan)
        case (_, "greatestFiniteMagnitude") where type != "Int": return .double(Double.greatestFiniteMagnitude)
        case (_, "leastNormalMagnitude") where type != "Int": return .double(Double.leastNormalMagnitude)
        case (_, "leastNonzeroMagnitude") where type != "Int": return .double(Double.leastNonzeroMagnitude)
        case (_, "ulpOfOne") where type != "Int": return .double(Double.ulpOfOne)
        case (_, "zero") where type != "Int": return .double(0)
        default:
            throw RuntimeError("type '\(type)' has no member '\(name)'", loc)
        }
    }

    /// `Int.random(in:)`, `Double.random(in:)`, `Bool.random()`.
    func callBuiltinStatic(_ type: String, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        if !builtinExtensions.isEmpty, let r = try extensionStatic(type, name, call: (vals, labels), loc) { return r }
        switch (type, name) {
        case ("Int", "random"):
            guard case .range(let r)? = vals.first, let (lo, hi) = r.intBounds, hi > lo else { throw RuntimeError("Int.random(in:) needs a non-empty Int range", loc) }
            return .int(rng.nextInt(lo, hi))
        case ("Double", "random"), ("Float", "random"):
            guard case .range(let r)? = vals.first, let lo = r.lower?.asDouble, let hi = r.upper?.asDouble, hi >= lo else {
                throw RuntimeError("Double.random(in:) needs a Double range", loc)
            }
            return .double(lo + (hi - lo) * rng.nextDouble())
        case ("Bool", "random"): return .bool(rng.next() & 1 == 1)
        case ("Double", "maximum"): return .double(Swift.max(vals[0].asDouble ?? 0, vals[1].asDouble ?? 0))
        case ("Double", "minimum"): return .double(Swift.min(vals[0].asDouble ?? 0, vals[1].asDouble ?? 0))
        case (_, "init"): return try callBuiltinType(type, vals, labels, loc)
        default:
            let v = try builtinStaticMember(type, name, loc)
            return try callValue(v, vals, labels, loc)
        }
    }
}

extension Interpreter {
    /// Refuses a built-in initializer called with labels it does not take (`Int(x, radx: 2)`),
    /// rather than ignoring them.
    static func refuseLabels(_ type: String, _ labels: [String?], allowed: [[String?]], _ loc: Loc) throws {
        if allowed.contains(where: { $0 == labels }) { return }
        let written = "\(type)(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
        let known = allowed.map { "\(type)(" + $0.map { ($0 ?? "_") + ":" }.joined() + ")" }.joined(separator: ", ")
        throw RuntimeError("no initializer \(written) of '\(type)'", loc, notes: ["note: known here: \(known)"])
    }
}
