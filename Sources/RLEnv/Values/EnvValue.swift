/// A value crossing the environment boundary: an observation or an action.
///
/// `Discrete` spaces exchange `.int`, `Box` / `MultiDiscrete` / `MultiBinary` exchange `.array`,
/// `Tuple` and `Dict` spaces exchange `.tuple` and `.dict` (keys in the space's order).
public enum EnvValue: Equatable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    case int(Int)
    case array(EnvArray)
    case tuple([EnvValue])
    case dict(keys: [String], values: [EnvValue])

    public init(integerLiteral value: Int) { self = .int(value) }

    /// A float32 array value.
    public static func float32(_ values: [Float]) -> EnvValue { .array(EnvArray(float32: values)) }
    /// A float64 array value.
    public static func float64(_ values: [Double]) -> EnvValue { .array(EnvArray(float64: values)) }

    /// The integer of a `.int` value (or of a 0-d / one-element integer array).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .array(let a) where a.count == 1 && !a.dtype.isFloat: return Int(a[flat: 0])
        default: return nil
        }
    }

    /// The array of an `.array` value.
    public var arrayValue: EnvArray? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// All numbers in the value, flattened in order, as doubles.
    public var scalars: [Double] {
        switch self {
        case .int(let i): return [Double(i)]
        case .array(let a): return a.scalars
        case .tuple(let items): return items.flatMap { $0.scalars }
        case .dict(_, let values): return values.flatMap { $0.scalars }
        }
    }

    /// The value for `key` of a `.dict`.
    public subscript(key: String) -> EnvValue? {
        if case .dict(let keys, let values) = self, let i = keys.firstIndex(of: key) { return values[i] }
        return nil
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .array(let a): return a.description
        case .tuple(let items): return "(" + items.map { $0.description }.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .dict(let keys, let values):
            return "{" + zip(keys, values).map { "'\($0)': \($1)" }.joined(separator: ", ") + "}"
        }
    }
}
