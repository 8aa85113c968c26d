/// Array methods that take one closure or value (`map`, `filter`, `sorted(by:)`, `contains`...):
/// `builtinMethod` runs them, and call sites naming one of them call `arrayMethod` directly
/// (resolved once, when compiled: no argument array, no look-up of the name by string).
enum ArrayMethod: String {
    case map, filter, compactMap, flatMap, forEach, sorted, min, max, contains, allSatisfy
    case first, last, firstIndex, lastIndex, count, prefix, drop

    init?(_ name: String) { self.init(rawValue: name) }

    /// Whether a function argument without a label means `where:` (`a.contains { ... }`).
    var functionMeansWhere: Bool {
        switch self {
        case .contains, .firstIndex, .lastIndex, .count: return true
        default: return false
        }
    }
}

extension Interpreter {
    /// `a.name(arg0)` for an `ArrayMethod`; nil when the call is none of its forms (`count` with
    /// another label), for `builtinMethod` to decide.
    func arrayMethod(_ method: ArrayMethod, _ a: [Value], _ arg0: Value, _ label0: String?, _ loc: Loc) throws -> Value? {
        var label0 = label0
        if label0 == nil, case .function = arg0, method.functionMeansWhere { label0 = "where" }
        switch method {
        case .map:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .array(try a.map { try c.call($0) })
        case .filter:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .array(try a.filter { try c.test($0) })
        case .compactMap:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .array(try a.compactMap { x -> Value? in
                let r = try c.call(x)
                if case .nilValue = r { return nil }
                if case .optional(let w) = r { return w }
                return r
            })
        case .flatMap:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .array(try a.flatMap { try iterate(try c.call($0), loc) })
        case .forEach:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            for x in a { _ = try c.call(x) }
            return .void
        case .sorted:
            if let r = sortedByKey(a, arg0) { return .array(r) }
            let c = ElementCaller(self, arg0, arity: 2, loc)
            return .array(try a.sorted { try c.test($0, $1) })
        case .min:
            let c = ElementCaller(self, arg0, arity: 2, loc)
            return try a.min { try c.test($0, $1) }.map { .optional($0) } ?? .nilValue
        case .max:
            let c = ElementCaller(self, arg0, arity: 2, loc)
            return try a.max { try c.test($0, $1) }.map { .optional($0) } ?? .nilValue
        case .contains:
            if label0 == "where" {
                let c = ElementCaller(self, arg0, arity: 1, loc)
                return .bool(try a.contains { try c.test($0) })
            }
            return .bool(a.contains { valuesEqual($0, arg0) })
        case .allSatisfy:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .bool(try a.allSatisfy { try c.test($0) })
        case .first:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return try a.first { try c.test($0) }.map { .optional($0) } ?? .nilValue
        case .last:
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return try a.last { try c.test($0) }.map { .optional($0) } ?? .nilValue
        case .firstIndex:
            if label0 == "where" {
                let c = ElementCaller(self, arg0, arity: 1, loc)
                return try a.firstIndex { try c.test($0) }.map { .optional(.int($0)) } ?? .nilValue
            }
            return a.firstIndex { valuesEqual($0, arg0) }.map { .optional(.int($0)) } ?? .nilValue
        case .lastIndex:
            if label0 == "where" {
                let c = ElementCaller(self, arg0, arity: 1, loc)
                return try a.lastIndex { try c.test($0) }.map { .optional(.int($0)) } ?? .nilValue
            }
            return a.lastIndex { valuesEqual($0, arg0) }.map { .optional(.int($0)) } ?? .nilValue
        case .count where label0 == "where":
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .int(try a.filter { try c.test($0) }.count)
        case .prefix:
            if label0 == "while" || label0 == nil && arg0.isFunction {   // `xs.prefix { $0 < 3 }` (was: `[]`)
                let c = ElementCaller(self, arg0, arity: 1, loc)
                return .array(try Array(a.prefix { try c.test($0) }))
            }
            return .array(Array(a.prefix(max(0, arg0.asInt ?? 0))))
        case .drop where label0 == "while" || label0 == nil && arg0.isFunction:   // `xs.drop { $0 < 3 }`
            let c = ElementCaller(self, arg0, arity: 1, loc)
            return .array(try Array(a.drop { try c.test($0) }))
        default: return nil
        }
    }
}

extension Interpreter {
    /// `split(separator:maxSplits:omittingEmptySubsequences:)` and `split(maxSplits:omittingEmptySubsequences:whereSeparator:)`
    /// of an array (or a string's characters), as Swift's `Collection.split`.
    func splitElements(_ a: [Value], _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> [[Value]] {
        var separator: Value?, test: Value?
        var maxSplits = Int.max, omitting = true
        for (v, l) in zip(vals, labels) {
            switch l {
            case "separator": separator = v
            case "maxSplits": guard let n = v.asInt, n >= 0 else { throw RuntimeError("split: maxSplits must be a non-negative Int", loc) }; maxSplits = n
            case "omittingEmptySubsequences": guard case .bool(let b) = v else { throw RuntimeError("split: omittingEmptySubsequences must be a Bool", loc) }; omitting = b
            case "whereSeparator": test = v
            case nil where v.isFunction: test = v
            default: throw RuntimeError("split: unexpected argument label '\(l ?? "_")'; use split(separator:maxSplits:omittingEmptySubsequences:) or split(whereSeparator:)", loc)
            }
        }
        guard separator != nil || test != nil else { throw RuntimeError("split needs 'separator:' or 'whereSeparator:'", loc) }
        if let sep = separator, case .string(let t) = sep, t.count != 1, case .string? = a.first {
            throw RuntimeError("split(separator:) of a String takes one Character; for a longer separator use components(separatedBy:)", loc)
        }
        func isSeparator(_ x: Value) throws -> Bool {
            if let test { return try truth(try call1(test, x, loc), loc) }
            return valuesEqual(x, separator!)
        }
        var out: [[Value]] = []
        var current: [Value] = []
        var splits = 0
        for x in a {
            if splits < maxSplits, try isSeparator(x) {
                if !(omitting && current.isEmpty) { out.append(current); splits += 1 }
                current = []
                continue
            }
            current.append(x)
        }
        if !(omitting && current.isEmpty) { out.append(current) }
        return out
    }
}
