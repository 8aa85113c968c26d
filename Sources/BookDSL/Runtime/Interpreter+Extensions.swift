/// Members that cells add to built-in types (`extension Array { var mean: Double { ... } }`).
extension Interpreter {
    /// Built-in members that are properties (the rest of `builtinMemberNames` are methods).
    static let builtinPropertyNames: Set<String> = [
        "count", "isEmpty", "first", "last", "keys", "values", "indices", "startIndex", "endIndex", "magnitude",
        "description", "isNaN", "isInfinite", "isFinite", "sign", "utf8", "lowerBound", "upperBound",
        "nonzeroBitCount", "leadingZeroBitCount", "trailingZeroBitCount",
    ]

    /// A value of the built-in kind an extension target stands for (for member names).
    static func sampleValue(_ kind: String) -> Value? {
        switch kind {
        case "Array": return .array([])
        case "Double": return .double(0)
        case "Int": return .int(0)
        case "String": return .string("")
        case "Bool": return .bool(false)
        case "Dictionary": return .dict(DictBox())
        case "Set": return .dict(makeSet([]))
        default: return nil
        }
    }

    /// The extension members that apply to a built-in value, if cells declared any.
    @inline(__always) func extensionType(for v: Value) -> StructType? {
        if builtinExtensions.isEmpty { return nil }
        switch v {
        case .int: return builtinExtensions["Int"]
        case .double: return builtinExtensions["Double"]
        case .string: return builtinExtensions["String"]
        case .bool: return builtinExtensions["Bool"]
        case .array, .range: return builtinExtensions["Array"]
        case .dict(let d): return builtinExtensions[d.isSet ? "Set" : "Dictionary"]
        default: return nil
        }
    }

    /// `value.name` from an extension's computed property.
    func extensionProperty(_ v: Value, _ name: String, _ loc: Loc) throws -> Value? {
        guard let t = extensionType(for: v), let acc = t.computed[name] else { return nil }
        return try invoke(acc.get, env: nil, selfValue: v, [], [], loc).0
    }

    /// `value.name(args)` from an extension's method; nil when there is none. A mutating method
    /// writes `self` back into `v`.
    func extensionMethod(_ v: inout Value, _ name: String, _ vals: [Value], _ labels: [String?], _ loc: Loc) throws -> Value? {
        guard let t = extensionType(for: v), let ms = t.methods[name] else { return nil }
        let p = try chooseOverload(ms, labels, loc, what: "instance method '\(name)'")
        let (r, frame) = try invoke(p, env: nil, selfValue: v, vals, labels, loc)
        if p.isMutating { v = frame.read(0) }
        return r
    }

    /// `Double.tau`, `Int.make(...)` from an extension's static members.
    func extensionStatic(_ typeName: String, _ name: String, call: (vals: [Value], labels: [String?])?, _ loc: Loc) throws -> Value? {
        guard let kind = Compiler.extensibleBuiltins[typeName], let t = builtinExtensions[kind] else { return nil }
        if let s = t.staticFields[name] {
            guard let call else { return globals.slots[s] }
            return try callValue(globals.slots[s], call.vals, call.labels, loc)
        }
        guard let ms = t.staticMethods[name] else { return nil }
        guard let call else { return .function(Callable(proto: ms[0], env: nil)) }
        let p = try chooseOverload(ms, call.labels, loc, what: "static method '\(name)'")
        return try invoke(p, env: nil, selfValue: nil, call.vals, call.labels, loc).0
    }
}
