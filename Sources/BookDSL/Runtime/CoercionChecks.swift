/// Coercions that only check a value (`[Int]`, `[String: [Int]]`...): a collection passed to or
/// returned from a function, or stored in a typed place, is kept as it is (no copy, no walk over
/// its elements) when its first element has the type.
extension Coercion {
    /// Whether the coercion only checks a well-typed value and returns it unchanged: `Int`,
    /// `String`, `Bool`, and arrays and dictionaries of those (not `Double`, which converts Ints,
    /// nor optionals, enums, tuples or sets, which may wrap or rebuild).
    var onlyChecks: Bool {
        switch self {
        case .identity, .checkInt, .checkString, .checkBool: return true
        case .array(let e): return e.onlyChecks
        case .dict(let k, let v): return k.onlyChecks && v.onlyChecks
        default: return false
        }
    }

    /// `onlyChecks && ` whether `x` (an element of a collection) already has the type, judged by
    /// the first element of nested collections: one pass, without the two walks over the
    /// coercion (a parameter `[String: Int]` was checked on every call at ~350 instructions).
    func keepsUnchanged(_ x: Value) -> Bool {
        switch self {
        case .identity: return true
        case .checkInt: if case .int = x { return true }; return false
        case .checkString: if case .string = x { return true }; return false
        case .checkBool: if case .bool = x { return true }; return false
        case .array(let e):
            guard case .array(let a) = x else { return false }
            if e.isNone { return true }
            return a.isEmpty ? e.onlyChecks : e.keepsUnchanged(a[0])
        case .dict(let k, let v):
            guard case .dict(let d) = x, !d.isSet else { return false }
            return d.count == 0 ? k.onlyChecks && v.onlyChecks : k.keepsUnchanged(d.keys[0]) && v.keepsUnchanged(d.values[0])
        default: return false
        }
    }

    /// Whether a field with this coercion needs it applied again after an in-place change. Not for
    /// arrays: every path that stores into an array converts what it stores (`append`, `insert`,
    /// `append(contentsOf:)`, `+=`, subscripts, whole-array assignment: the parity test in
    /// `InPlaceFieldMutationTests`), and walking the whole array after each change made
    /// `rewards.append(r)` on a `[Double]` field O(n) (40,000 appends: 0.8 s).
    var reappliesAfterChange: Bool {
        switch self {
        case .identity, .array: return false
        default: return true
        }
    }
}

extension Coercion {
    /// Whether `apply` returns `v` unchanged because it is an array or dictionary of checked
    /// scalars that already has the type: `[Int]`, `[String]`, `[Bool]` and `[Int|String: Int|
    /// String|Bool]` judged by the first element (as `keepsUnchanged`), `[Double]` when every
    /// element is a Double. Tested without running the coercion (a parameter `[String: Int]`
    /// cost ~280 instructions per call through `applySlow`); false for anything else.
    func keepsCheckedCollection(_ v: Value) -> Bool {
        // the kinds are told by patterns that bind nothing (no copy of the nested coercions)
        switch v {
        case .array(let a):
            let tag: UInt8
            if case .array(.checkInt) = self { tag = 0 }
            else if case .array(.checkString) = self { tag = 1 }
            else if case .array(.checkBool) = self { tag = 2 }
            else if case .array(.toDouble) = self {
                return a.withUnsafeBufferPointer { b in
                    for x in b { if case .double = x { continue }; return false }
                    return true
                }
            } else { return false }
            return a.withUnsafeBufferPointer { $0.isEmpty || Coercion.has($0[0], tag) }
        case .dict(let d):
            let kt: UInt8, vt: UInt8
            if case .dict(.checkString, .checkInt) = self { (kt, vt) = (1, 0) }
            else if case .dict(.checkString, .checkString) = self { (kt, vt) = (1, 1) }
            else if case .dict(.checkInt, .checkInt) = self { (kt, vt) = (0, 0) }
            else if case .dict(.checkInt, .checkString) = self { (kt, vt) = (0, 1) }
            else if case .dict(.checkString, .checkBool) = self { (kt, vt) = (1, 2) }
            else if case .dict(.checkInt, .checkBool) = self { (kt, vt) = (0, 2) }
            else { return false }
            if d.isSet { return false }
            if d.count == 0 { return true }
            return d.keys.withUnsafeBufferPointer { Coercion.has($0[0], kt) }
                && d.values.withUnsafeBufferPointer { Coercion.has($0[0], vt) }
        default: return false
        }
    }

    /// Whether `x` is an Int (tag 0), a String (1) or a Bool (2).
    @inline(__always) private static func has(_ x: Value, _ tag: UInt8) -> Bool {
        switch x {
        case .int: return tag == 0
        case .string: return tag == 1
        case .bool: return tag == 2
        default: return false
        }
    }
}
