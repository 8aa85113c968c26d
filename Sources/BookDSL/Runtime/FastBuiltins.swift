import RLSupport

/// Builtin functions and conversions that call sites run without the host-call machinery
/// (argument array, `Arguments`, error wrapping) when their operands are plain numbers:
/// `sqrt(x)`, `abs(x)`, `min(a, b)`, `max(a, b)`, `Double(i)`, `Int(d)`. Any other operand
/// takes the general path, so results and messages are the same as before.
enum FastBuiltin {
    /// A `(Double) -> Double` math function (`sqrt`, `exp`, `log`, ...): Int operands are converted.
    case math((Double) -> Double)
    case abs
    case min
    case max

    /// The result for one argument, or nil when the general path must decide.
    @inline(__always)
    func apply(_ v: Value) -> Value? {
        switch (self, v) {
        case (.math(let f), .double(let x)): return .double(f(x))
        case (.math(let f), .int(let i)): return .double(f(Double(i)))
        case (.abs, .int(let i)) where i != Int.min: return .int(Swift.abs(i))
        case (.abs, .double(let d)): return .double(Swift.abs(d))
        default: return nil
        }
    }

    /// The result for two arguments of the same numeric type, or nil (Swift's `max(x, y)` is
    /// `y >= x ? y : x`, `min(x, y)` is `y < x ? y : x`: `max(-0.0, 0.0)` is `0.0`, `max(.nan, 1)` is nan).
    @inline(__always)
    func apply(_ a: Value, _ b: Value) -> Value? {
        switch (self, a, b) {
        case (.max, .int(let x), .int(let y)): return .int(y > x ? y : x)
        case (.min, .int(let x), .int(let y)): return .int(y < x ? y : x)
        case (.max, .double(let x), .double(let y)): return .double(y >= x ? y : x)
        case (.min, .double(let x), .double(let y)): return .double(y < x ? y : x)
        default: return nil
        }
    }
}

extension Interpreter {
    /// Marks the host function `name` (defined by `installBuiltins`) as runnable by call sites.
    func markFast(_ name: String, _ kind: FastBuiltin) {
        guard case .global(let s)? = globalBindings[name]?.storage, case .function(let c) = globals.slots[s] else { return }
        c.fast = kind
    }

    /// `Int(v)` / `Double(v)` of a plain number (nil: the general `callBuiltinType` decides,
    /// including its messages for values out of range).
    @inline(__always)
    static func fastConversion(toInt: Bool, _ v: Value) -> Value? {
        switch v {
        case .int(let i): return toInt ? v : .double(Double(i))
        case .double(let d):
            if !toInt { return v }
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else { return nil }
            return .int(Int(d))
        default: return nil
        }
    }
}

extension Interpreter {
    /// `x.count` / `x.isEmpty` of an array, dictionary, set or string, as `builtinProperty` gives
    /// them (nil for any other value, which takes the general path).
    @inline(__always)
    static func fastSizeProperty(isCount: Bool, _ v: Value) -> Value? {
        switch v {
        case .array(let a): return isCount ? .int(a.count) : .bool(a.isEmpty)
        case .dict(let d): return isCount ? .int(d.count) : .bool(d.count == 0)
        case .string(let s): return isCount ? .int(characterCount(s)) : .bool(s.isEmpty)
        default: return nil
        }
    }

    /// `s.count` (Characters): for ASCII text without carriage returns every byte is one
    /// Character, so the UTF-8 length is the answer without walking grapheme boundaries.
    static func characterCount(_ s: String) -> Int {
        let ascii = s.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for b in bytes where b >= 0x80 || b == 0x0D { return nil }
            return bytes.count
        }
        if let n = ascii ?? nil { return n }
        return s.count
    }

    /// `String(v)` of one unlabelled argument other than an array (what `callBuiltinType` gives:
    /// the string itself, or the value's description).
    @inline(__always)
    static func fastStringConversion(_ v: Value) -> Value? {
        switch v {
        case .string: return v
        case .int(let i): return .string(String(i))
        case .double, .bool: return .string(v.description)
        default: return nil
        }
    }
}
