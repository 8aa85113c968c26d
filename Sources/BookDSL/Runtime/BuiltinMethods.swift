import RLSupport
/// Properties and methods of builtin values: arrays, dictionaries, strings, numbers, ranges.
extension Interpreter {
    func builtinMemberNames(_ v: Value) -> [String] {
        switch v {
        case .array, .range:
            return ["count", "isEmpty", "first", "last", "append", "insert", "remove", "removeLast", "removeFirst", "removeAll",
                    "map", "filter", "reduce", "sorted", "sort", "min", "max", "contains", "joined", "reversed", "prefix", "suffix",
                    "enumerated", "compactMap", "flatMap", "forEach", "firstIndex", "lastIndex", "allSatisfy", "indices",
                    "dropFirst", "dropLast", "drop", "shuffled", "randomElement", "popLast", "swapAt", "lowerBound", "upperBound"]
        case .dict(let d) where d.isSet: return Interpreter.setMemberNames
        case .dict: return ["count", "isEmpty", "keys", "values", "removeValue", "updateValue", "map", "filter", "mapValues", "sorted", "contains", "forEach", "reduce", "first", "merge", "merging", "compactMapValues"]
        case .string: return ["count", "isEmpty", "uppercased", "lowercased", "hasPrefix", "hasSuffix", "contains", "split", "first", "last", "reversed", "prefix", "suffix", "components", "replacingOccurrences", "trimmingCharacters",
                              // of a one-character string (a Character)
                              "isLetter", "isNumber", "isWholeNumber", "wholeNumberValue", "isWhitespace", "isNewline", "isPunctuation",
                              "isUppercase", "isLowercase", "isASCII", "isHexDigit", "hexDigitValue", "asciiValue"]
        case .double: return ["rounded", "squareRoot", "isNaN", "isInfinite", "isFinite", "magnitude", "truncatingRemainder", "description"]
        case .int: return ["isMultiple", "magnitude", "signum", "description", "nonzeroBitCount", "leadingZeroBitCount", "trailingZeroBitCount"]
        default: return []
        }
    }

    func builtinProperty(_ v: Value, _ name: String, _ loc: Loc) throws -> Value? {
        switch v {
        case .array(let a):
            switch name {
            case "count": return .int(a.count)
            case "isEmpty": return .bool(a.isEmpty)
            case "first": return a.first.map { .optional($0) } ?? .nilValue
            case "last": return a.last.map { .optional($0) } ?? .nilValue
            case "indices": return .range(RangeBox(lower: .int(0), upper: .int(a.count), closed: false))
            case "description": return .string(v.description)
            case "startIndex": return .int(0)
            case "endIndex": return .int(a.count)
            default: return nil
            }
        case .dict(let d):
            if d.isSet { return setProperty(d, name) }
            switch name {
            case "count": return .int(d.count)
            case "isEmpty": return .bool(d.count == 0)
            case "keys": return .array(d.keys)
            case "values": return .array(d.values)
            case "first": return d.count == 0 ? .nilValue : .optional(.tuple(TupleBox.make([d.keys[0], d.values[0]], labels: ["key", "value"])))
            case "description": return .string(v.description)
            default: return nil
            }
        case .string(let s):
            switch name {
            case "count": return .int(Interpreter.characterCount(s))
            case "isEmpty": return .bool(s.isEmpty)
            case "first": return s.first.map { .optional(.string(String($0))) } ?? .nilValue
            case "last": return s.last.map { .optional(.string(String($0))) } ?? .nilValue
            case "description": return v
            case "utf8": return try utf8Values(s, loc)
            default: return Interpreter.characterProperty(s, name)
            }
        case .int(let i):
            switch name {
            case "magnitude": return .int(i == Int.min ? Int.max : abs(i))
            case "description": return .string(String(i))
            case "nonzeroBitCount": return .int(i.nonzeroBitCount)
            case "leadingZeroBitCount": return .int(i.leadingZeroBitCount)
            case "trailingZeroBitCount": return .int(i.trailingZeroBitCount)
            default: return nil
            }
        case .double(let d):
            switch name {
            case "isNaN": return .bool(d.isNaN)
            case "isInfinite": return .bool(d.isInfinite)
            case "isFinite": return .bool(d.isFinite)
            case "magnitude": return .double(d.magnitude)
            case "description": return .string(d.description)
            case "sign": return .symbol(d.sign == .minus ? "minus" : "plus")
            default: return nil
            }
        case .range(let r):
            switch name {
            case "lowerBound": return r.lower
            case "upperBound": return r.upper
            case "count":
                if let (a, b) = r.intBounds {
                    let (n, overflow) = b.subtractingReportingOverflow(a)
                    if overflow { throw RuntimeError("the count of \(a)..<\(b) does not fit in Int", loc) }
                    return .int(max(0, n))
                }
            case "isEmpty": if let (a, b) = r.intBounds { return .bool(b <= a) }
            default: if let e = try elements(of: r, loc) { return try builtinProperty(.array(e), name, loc) }
            }
            return nil
        case .bool(let b):
            if name == "description" { return .string(b ? "true" : "false") }
            return nil
        case .optional(let w):
            return try builtinProperty(w, name, loc)
        default: return nil
        }
    }

    /// `f(x)` for a closure given to a built-in (`map`, `filter`, `sorted(by:)`...): no argument
    /// array when `f` is a closure or function value.
    func call1(_ f: Value, _ x: Value, _ loc: Loc) throws -> Value {
        if case .function(let fn) = f, let p = fn.proto, let r = try callPositional(fn, p, 1, { _ in x }, loc) { return r }
        return try callValue(f, [x], [nil], loc)
    }

    func call2(_ f: Value, _ x: Value, _ y: Value, _ loc: Loc) throws -> Value {
        if case .function(let fn) = f, let p = fn.proto, let r = try callPositional(fn, p, 2, { $0 == 0 ? x : y }, loc) { return r }
        return try callValue(f, [x, y], [nil, nil], loc)
    }

    func truth(_ v: Value, _ loc: Loc) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw RuntimeError("closure must return a Bool, not a value of type '\(v.typeName)'", loc)
    }

    func less(_ a: Value, _ b: Value, _ loc: Loc) throws -> Bool {
        try tick(loc)   // sorting millions of values takes seconds: honour the timeout and Ctrl-C
        if Interpreter.operatorType(a) != nil, let r = try userComparison("<", a, b, loc) { return r }
        guard let c = compareValues(a, b) else { throw RuntimeError("cannot compare values of type '\(a.typeName)' and '\(b.typeName)'", loc) }
        return c < 0
    }

    /// Non-mutating methods of builtin values.
    func builtinMethod(_ v: Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        let arg0 = vals.first
        var label0 = labels.first ?? nil
        if label0 == nil, case .function? = arg0, ["contains", "firstIndex", "lastIndex", "count"].contains(name) { label0 = "where" }
        switch v {
        case .array(let a):
            if vals.count == 1, let k = ArrayMethod(name), let r = try arrayMethod(k, a, arg0!, label0, loc) { return r }
            switch (name, vals.count) {
            case ("reduce", 2):
                if label0 == "into" {
                    // reduce(into:) : the closure mutates its first argument
                    var acc = vals[0]
                    guard case .function(let fn) = vals[1], let p = fn.proto else { throw RuntimeError("reduce(into:_:) needs a closure", loc) }
                    if p.slotCount >= 2 {
                        // the accumulator moves into the frame and back: the closure changes the
                        // only reference (`$0.append(x)` appends in place, without a copy)
                        for x in a {
                            try withFrame(p, parent: fn.env) { frame in
                                swap(&frame.slots[0], &acc)
                                frame.setParameter(1, x)
                                _ = try execute(p, frame, loc)
                                // a closure made by the call may still read `$0` from the frame
                                if p.framesMayEscape { acc = frame.slots[0] } else { swap(&frame.slots[0], &acc) }
                            }
                        }
                        return acc
                    }
                    for x in a {
                        let frame = Frame.make(count: max(p.slotCount, 2), parent: fn.env)
                        frame.slots[0] = acc
                        frame.slots[1] = x
                        _ = try execute(p, frame, loc)
                        acc = frame.read(0)
                    }
                    return acc
                }
                var acc = vals[0]
                let c = ElementCaller(self, vals[1], arity: 2, loc)
                for x in a { acc = try c.call(acc, x) }
                return acc
            case ("sorted", 0): return .array(try a.sorted { try less($0, $1, loc) })
            case ("min", 0): return try a.min { try less($0, $1, loc) }.map { .optional($0) } ?? .nilValue
            case ("max", 0): return try a.max { try less($0, $1, loc) }.map { .optional($0) } ?? .nilValue
            case ("joined", _):
                let sep = arg0?.asString ?? ""
                // an empty array of strings joins to "" (Swift); one of arrays only with an array separator
                if a.isEmpty, arg0?.isArray != true { return .string("") }
                if a.allSatisfy({ if case .array = $0 { return true }; return false }) {
                    if case .array(let between)? = arg0 {
                        var out: [Value] = []
                        for (i, x) in a.enumerated() { if i > 0 { out += between }; out += x.asArray ?? [] }
                        return .array(out)
                    }
                    return .array(a.flatMap { $0.asArray ?? [] })
                }
                return .string(try a.map { x -> String in
                    guard case .string(let s) = x else { throw RuntimeError("joined(separator:) needs an array of String, found '\(x.typeName)'", loc) }
                    return s
                }.joined(separator: sep))
            case ("reversed", 0): return .array(a.reversed())
            case ("enumerated", 0): return .array(a.enumerated().map { .tuple(TupleBox.make([.int($0.offset), $0.element], labels: ["offset", "element"])) })
            case ("suffix", 1): return .array(Array(a.suffix(max(0, arg0?.asInt ?? 0))))
            case ("dropFirst", _): return .array(Array(a.dropFirst(max(0, arg0?.asInt ?? 1))))
            case ("dropLast", _): return .array(Array(a.dropLast(max(0, arg0?.asInt ?? 1))))
            case ("shuffled", 0):
                var b = a
                if b.count > 1 { for i in stride(from: b.count - 1, to: 0, by: -1) { b.swapAt(i, rng.nextInt(0, i + 1)) } }
                return .array(b)
            case ("randomElement", 0): return a.isEmpty ? .nilValue : .optional(a[rng.nextInt(0, a.count)])
            case ("split", _): return .array(try splitElements(a, vals, labels, loc).map { .array($0) })
            case ("reserveCapacity", 1): return .void   // storage is managed by the runtime
            case ("lexicographicallyPrecedes", 1):
                guard let b = arg0?.asArray else { break }
                return .bool(try a.lexicographicallyPrecedes(b) { try less($0, $1, loc) })
            case ("elementsEqual", 1): return .bool(valuesEqual(v, arg0!))
            case ("starts", 1): if let p = arg0?.asArray { return .bool(a.starts(with: p) { valuesEqual($0, $1) }) }
            default: break
            }
            // mutating names used on a copy (e.g. a `let` value or a temporary)
            var copy = v
            if let r = try mutatingArrayMethod(&copy, name, vals, labels, loc) { return r }
        case .range(let r):
            if name == "contains", let x = arg0 { return .bool(r.contains(x)) }
            if let e = try elements(of: r, loc) { return try builtinMethod(.array(e), name, vals, labels, loc) }
        case .dict(let d) where d.isSet:
            return try setMethod(d, name, vals, labels, loc)
        case .dict(let d):
            let pairs: () -> [Value] = { zip(d.keys, d.values).map { .tuple(TupleBox.make([$0, $1], labels: ["key", "value"])) } }
            switch (name, vals.count) {
            case ("filter", 1):
                let out = DictBox()
                for (k, x) in zip(d.keys, d.values) where try truth(try call1(arg0!, .tuple(TupleBox.make([k, x], labels: ["key", "value"])), loc), loc) { out.set(k, x) }
                return .dict(out)
            case ("mapValues", 1):
                let out = DictBox()
                for (k, x) in zip(d.keys, d.values) { out.set(k, try call1(arg0!, x, loc)) }
                return .dict(out)
            case ("contains", 1) where label0 == "where":
                return .bool(try pairs().contains { try truth(try call1(arg0!, $0, loc), loc) })
            case ("compactMapValues", 1):
                let out = DictBox()
                for (k, x) in zip(d.keys, d.values) {
                    let r = try call1(arg0!, x, loc)
                    if case .optional(let w) = r { out.set(k, w) } else if case .nilValue = r { continue } else { out.set(k, r) }
                }
                return .dict(out)
            case ("merging", 2):
                // `merging(_:uniquingKeysWith:)`: a merged copy
                var copy = Value.dict(DictBox(copying: d))
                _ = try mutatingDictMethod(&copy, "merge", vals, labels, loc)
                return copy
            case ("index", 1) where label0 == "forKey":
                return d.get(arg0!) == nil ? .nilValue : .optional(.int(0))
            default:
                var copy = v
                if let r = try mutatingDictMethod(&copy, name, vals, labels, loc) { return r }
                return try builtinMethod(.array(pairs()), name, vals, labels, loc)
            }
        case .string(let s):
            switch (name, vals.count) {
            case ("uppercased", 0): return .string(s.uppercased())
            case ("lowercased", 0): return .string(s.lowercased())
            case ("hasPrefix", 1): return .bool(s.hasPrefix(arg0?.asString ?? ""))
            case ("hasSuffix", 1): return .bool(s.hasSuffix(arg0?.asString ?? ""))
            case ("starts", 1) where arg0?.asString != nil: return .bool(s.hasPrefix(arg0!.asString!))
            case ("contains", 1):
                if label0 == "where" { return .bool(try s.contains { try truth(try call1(arg0!, .string(String($0)), loc), loc) }) }
                guard let sub = arg0?.asString else { break }
                return .bool(sub.isEmpty || s.contains(sub))
            case ("split", _):
                return .array(try splitElements(s.map { .string(String($0)) }, vals, labels, loc).map { .string($0.compactMap(\.asString).joined()) })
            case ("filter", 1):
                // a String's filter is a String
                var out = ""
                for ch in s where try truth(try call1(arg0!, .string(String(ch)), loc), loc) { out.append(ch) }
                return .string(out)
            case ("components", 1):
                guard let sep = arg0?.asString, !sep.isEmpty else { break }
                return .array(s.splitString(sep).map { .string($0) })
            case ("replacingOccurrences", 2):
                guard let a = vals[0].asString, let b = vals[1].asString, !a.isEmpty else { break }
                return .string(s.splitString(a).joined(separator: b))
            case ("trimmingCharacters", 1):
                return .string(String(s.drop { $0.isWhitespace || $0.isNewline }.reversed().drop { $0.isWhitespace || $0.isNewline }.reversed()))
            case ("reversed", 0): return .array(s.reversed().map { .string(String($0)) })
            case ("prefix", 1) where arg0?.isFunction == true, ("drop", 1) where arg0?.isFunction == true:
                // `s.prefix(while:)`, `s.drop(while:)` (a closure given to `prefix` took no characters)
                let keep = try s.prefix { try truth(try call1(arg0!, .string(String($0)), loc), loc) }
                return .string(name == "prefix" ? String(keep) : String(s.dropFirst(keep.count)))
            case ("prefix", 1): return .string(String(s.prefix(max(0, arg0?.asInt ?? 0))))
            case ("suffix", 1): return .string(String(s.suffix(max(0, arg0?.asInt ?? 0))))
            case ("dropFirst", _): return .string(String(s.dropFirst(max(0, arg0?.asInt ?? 1))))
            case ("dropLast", _): return .string(String(s.dropLast(max(0, arg0?.asInt ?? 1))))
            case ("padding", 3):
                let n = vals[0].asInt ?? 0, pad = vals[1].asString ?? " "
                if s.count >= n { return .string(String(s.prefix(n))) }
                return .string(s + String(String(repeating: pad, count: n).prefix(n - s.count)))
            default:
                do {
                    return try builtinMethod(.array(AsciiCharacters.split(s)), name, vals, labels, loc)
                } catch let e as RuntimeError where e.message.hasPrefix("value of type '[String]' has no member '\(name)'") {
                    // the characters as an array did not have it either: name the String
                    throw RuntimeError("value of type 'String' has no member '\(name)'\(DidYouMeanHint.memberHint(name, builtinMemberNames(v)))", loc)
                }
            }
        case .int(let i):
            switch (name, vals.count) {
            case ("isMultiple", 1):
                guard let m = arg0?.asInt else { break }
                return .bool(m == 0 ? i == 0 : i % m == 0)
            case ("signum", 0): return .int(i.signum())
            case ("quotientAndRemainder", 1):
                guard let m = arg0?.asInt else { break }
                if m == 0 { throw RuntimeError("division by zero", loc) }
                let (q, r) = i.quotientAndRemainder(dividingBy: m)
                return .tuple(TupleBox.make([.int(q), .int(r)], labels: ["quotient", "remainder"]))
            case ("addingReportingOverflow", 1), ("subtractingReportingOverflow", 1), ("multipliedReportingOverflow", 1):
                guard let m = arg0?.asInt else { break }
                let (r, o) = name.hasPrefix("adding") ? i.addingReportingOverflow(m)
                    : name.hasPrefix("subtracting") ? i.subtractingReportingOverflow(m) : i.multipliedReportingOverflow(by: m)
                return .tuple(TupleBox.make([.int(r), .bool(o)], labels: ["partialValue", "overflow"]))
            case ("advanced", 1): return try binaryOp("+", v, arg0!, loc)
            case ("distance", 1): return try binaryOp("-", arg0!, v, loc)
            default: return try builtinMethod(.double(Double(i)), name, vals, labels, loc)
            }
        case .double(let d):
            switch (name, vals.count) {
            case ("rounded", 0): return .double(d.rounded())
            case ("rounded", 1):
                let rule: FloatingPointRoundingRule
                switch arg0?.symbolName {
                case "down": rule = .down
                case "up": rule = .up
                case "towardZero": rule = .towardZero
                case "awayFromZero": rule = .awayFromZero
                case "toNearestOrEven": rule = .toNearestOrEven
                case "toNearestOrAwayFromZero": rule = .toNearestOrAwayFromZero
                default: throw RuntimeError("unknown rounding rule '\(arg0?.description ?? "")'; use .down, .up, .towardZero, .awayFromZero, .toNearestOrEven or .toNearestOrAwayFromZero", loc)
                }
                return .double(d.rounded(rule))
            case ("squareRoot", 0): return .double(d.squareRoot())
            case ("truncatingRemainder", 1): return .double(d.truncatingRemainder(dividingBy: arg0?.asDouble ?? .nan))
            case ("remainder", 1): return .double(d.remainder(dividingBy: arg0?.asDouble ?? .nan))
            case ("isMultiple", 1): if let m = arg0?.asDouble { return .bool(d.truncatingRemainder(dividingBy: m) == 0) }
            default: break
            }
        case .optional(let w):
            if (name == "map" || name == "flatMap"), vals.count == 1 {
                let r = try call1(vals[0], w, loc)
                // flatMap's closure returns an optional: a plain value from it is a present one
                if name == "flatMap" { if case .optional = r { return r }; if case .nilValue = r { return r } }
                return .optional(r)
            }
            return try callMethod(w, name, vals, labels, loc)
        case .nilValue:
            if (name == "map" || name == "flatMap"), vals.count == 1 { return .nilValue }
            throw RuntimeError("value of optional type must be unwrapped to call '\(name)' (found nil)", loc)
        case .tuple(let t):
            if let i = t.index(of: name) { return try callValue(t[i], vals, labels, loc) }
        case .function where name == "callAsFunction":
            return try callValue(v, vals, labels, loc)
        default: break
        }
        throw RuntimeError("value of type '\(v.typeName)' has no member '\(name)'\(DidYouMeanHint.memberHint(name, builtinMemberNames(v)))", loc)
    }

    /// Mutating array methods; nil when `name` is not one of them.
    func mutatingArrayMethod(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value? {
        guard v.isArray else { return nil }
        var a = v.takeArray()!
        defer { v = .array(a) }
        let label0 = labels.first ?? nil
        switch (name, vals.count) {
        case ("append", 1):
            if label0 == "contentsOf" {
                let more = try iterate(vals[0], loc)
                if a.count + more.count > a.capacity && a.count + more.count >= 1 << 15 { try admitArrayGrowth(a.count + more.count, loc) }
                a.append(contentsOf: more)
            } else {
                if a.count == a.capacity && a.count >= 1 << 15 { try admitArrayGrowth(a.count, loc) }
                a.append(vals[0])
            }
        case ("insert", 2):
            guard let i = vals[1].asInt, i >= 0, i <= a.count else { throw RuntimeError("index out of range: cannot insert at \(vals[1]) in an array with \(a.count) elements", loc) }
            if label0 == "contentsOf" { a.insert(contentsOf: try iterate(vals[0], loc), at: i) } else { a.insert(vals[0], at: i) }
        case ("remove", 1):
            guard let i = vals[0].asInt else { throw RuntimeError("remove(at:) needs an Int index", loc) }
            try checkIndex(i, a.count, loc)
            let r = a.remove(at: i)
            return r
        case ("removeLast", 0), ("popLast", 0):
            if a.isEmpty {
                if name == "popLast" { return Value.nilValue }
                throw RuntimeError("can't remove last element from an empty collection", loc)
            }
            let r = a.removeLast()
            return name == "popLast" ? .optional(r) : r
        case ("removeFirst", 0):
            if a.isEmpty { throw RuntimeError("can't remove first element from an empty collection", loc) }
            let r = a.removeFirst()
            return r
        case ("removeFirst", 1), ("removeLast", 1):
            guard let n = vals[0].asInt, n >= 0, n <= a.count else { throw RuntimeError("can't remove more items from a collection than it contains", loc) }
            if name == "removeFirst" { a.removeFirst(n) } else { a.removeLast(n) }
        case ("removeAll", 0):
            a.removeAll()
        case ("removeAll", 1):
            let c = ElementCaller(self, vals[0], arity: 1, loc)
            try a.removeAll { try c.test($0) }
            return .void
        case ("sort", 0):
            try a.sort { try less($0, $1, loc) }
            return .void
        case ("sort", 1):
            if let r = sortedByKey(a, vals[0]) { a = r; return .void }
            let c = ElementCaller(self, vals[0], arity: 2, loc)
            try a.sort { try c.test($0, $1) }
            return .void
        case ("reverse", 0):
            a.reverse()
        case ("shuffle", 0):
            if a.count > 1 { for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.nextInt(0, i + 1)) } }
        case ("swapAt", 2):
            guard let i = vals[0].asInt, let j = vals[1].asInt else { throw RuntimeError("swapAt needs Int indices", loc) }
            try checkIndex(i, a.count, loc)
            try checkIndex(j, a.count, loc)
            a.swapAt(i, j)
        default: return nil
        }
        return .void
    }

    /// Mutating dictionary methods; nil when `name` is not one of them.
    func mutatingDictMethod(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value? {
        guard v.isDict else { return nil }
        // `isSetValue`, not a binding of the box here: one alive during the call would make the
        // set look shared to `takeDict`, which would copy it on every insert
        if v.isSetValue { return try mutatingSetMethod(&v, name, vals, labels, loc) }
        switch (name, vals.count) {
        case ("removeValue", 1), ("updateValue", 2), ("removeAll", 0), ("merge", 2): break
        default: return nil
        }
        var d = v.takeDict()!
        defer { v = .dict(d) }
        switch name {
        case "removeValue": return d.remove(vals[0]).map { .optional($0) } ?? .nilValue
        case "updateValue":
            let old = d.get(vals[1])
            d.set(vals[1], vals[0])
            return old.map { .optional($0) } ?? .nilValue
        case "removeAll":
            d = DictBox()
            return .void
        default:
            guard case .dict(let other) = vals[0] else { throw RuntimeError("merge(_:uniquingKeysWith:) needs a dictionary", loc) }
            for (k, x) in zip(other.keys, other.values) {
                if let cur = d.get(k) { d.set(k, try call2(vals[1], cur, x, loc)) } else { d.set(k, x) }
            }
            return .void
        }
    }
}

extension String {
    /// Splits on a separator string, keeping empty pieces (like `components(separatedBy:)`).
    func splitString(_ sep: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(sep) {
                out.append(cur)
                cur = ""
                rest = rest.dropFirst(sep.count)
            } else {
                cur.append(rest.removeFirst())
            }
        }
        out.append(cur)
        return out
    }
}

extension Interpreter {
    /// `Character` properties (`ch.isLetter`, `ch.asciiValue`) of a one-character string (cells hold
    /// characters as strings); nil for other names and longer strings.
    static func characterProperty(_ s: String, _ name: String) -> Value? {
        guard s.count == 1, let c = s.first else { return nil }
        switch name {
        case "isLetter": return .bool(c.isLetter)
        case "isNumber": return .bool(c.isNumber)
        case "isWholeNumber": return .bool(c.isWholeNumber)
        case "wholeNumberValue": return c.wholeNumberValue.map { .optional(.int($0)) } ?? .nilValue
        case "isWhitespace": return .bool(c.isWhitespace)
        case "isNewline": return .bool(c.isNewline)
        case "isPunctuation": return .bool(c.isPunctuation)
        case "isUppercase": return .bool(c.isUppercase)
        case "isLowercase": return .bool(c.isLowercase)
        case "isASCII": return .bool(c.isASCII)
        case "isHexDigit": return .bool(c.isHexDigit)
        case "hexDigitValue": return c.hexDigitValue.map { .optional(.int($0)) } ?? .nilValue
        case "asciiValue": return c.asciiValue.map { .optional(.int(Int($0))) } ?? .nilValue
        default: return nil
        }
    }
}
