/// Subscripts declared in cell types (`subscript(r: Int, c: Int) -> Double { get set }`): the
/// parser turns the getter into a method named `subscript` and the setter into one named
/// `subscript=` that takes the new value last.
extension Interpreter {
    /// `instance[keys]`.
    func userSubscriptGet(_ v: Value, _ keys: [Value], _ labels: [String?], _ loc: Loc) throws -> Value {
        guard hasUserSubscript(v) else { throw RuntimeError("value of type '\(v.typeName)' has no subscripts", loc, notes: ["note: declare one in the type: 'subscript(i: Int) -> T { ... }'"]) }
        return try callMethod(v, "subscript", keys, labels, loc)
    }

    /// `instance[keys] = x`, `instance[keys] += x`, `instance[keys].member = x`: read with the
    /// getter, changed, written back with the setter (in place for a struct, a `mutating` change).
    func modifyUserSubscript(_ v: inout Value, _ keys: [Value], _ labels: [String?], _ loc: Loc, _ body: (inout Value) throws -> Void) throws {
        var cur = try userSubscriptGet(v, keys, labels, loc)
        try body(&cur)
        guard userSubscriptSetter(v) else {
            throw RuntimeError("cannot assign through subscript: the subscript of '\(v.typeName)' is get-only", loc,
                               notes: ["note: add a setter: 'subscript(...) -> T { get { ... } set { ... } }'"])
        }
        if case .object = v {
            _ = try callMethod(v, "subscript=", keys + [cur], labels + [nil], loc)
        } else {
            _ = try callMethodInPlace(&v, "subscript=", keys + [cur], labels + [nil], loc)
        }
    }

    private func hasUserSubscript(_ v: Value) -> Bool {
        switch v {
        case .structValue(let s): return !s.type.findMethods("subscript").isEmpty
        case .object(let o): return !o.cls.findMethods("subscript").isEmpty
        default: return false
        }
    }

    private func userSubscriptSetter(_ v: Value) -> Bool {
        switch v {
        case .structValue(let s): return !s.type.findMethods("subscript=").isEmpty
        case .object(let o): return !o.cls.findMethods("subscript=").isEmpty
        default: return false
        }
    }
}
