/// Two builtins run at their call sites: `T(rawValue: k)` of a cell enum with Int raw values,
/// and `max()` / `min()` of an array of Ints or of Doubles.
extension Interpreter {
    /// `T(rawValue: x)`: the first case whose raw value is the Int `x`, as an optional; nil when
    /// some case's raw value is not an Int (the general path compares them).
    static func enumCase(_ t: StructType, intRawValue x: Int) -> Value? {
        for c in t.cases {
            guard case .int(let r)? = c.rawValue else { return nil }
            if r == x { return .optional(.enumCase(c)) }
        }
        return .nilValue
    }

    /// `a.max()` / `a.min()` when every element is an Int, or every element a Double: the element
    /// that `Sequence.max()` / `min()` returns (the first of equal ones; `<` as Swift compares, so
    /// NaN as Swift handles it), as an optional; nil for other arrays (the general path).
    func numericExtremum(_ a: [Value], wantMax: Bool, _ loc: Loc) throws -> Value? {
        guard let first = a.first else { return .nilValue }
        switch first {
        case .int(var best):
            for x in a {
                guard case .int(let v) = x else { return nil }
                if wantMax ? best < v : v < best { best = v }
            }
            try tick(loc)
            return .optional(.int(best))
        case .double(var best):
            var k = 0, bestIndex = 0
            for x in a {
                guard case .double(let v) = x else { return nil }
                if wantMax ? best < v : v < best { best = v; bestIndex = k }
                k += 1
            }
            try tick(loc)
            return .optional(a[bestIndex])
        default: return nil
        }
    }
}
