/// A keyword argument for `Gym.make` / `reset(options:)` (Gymnasium's `**kwargs`, camelCased names).
public enum EnvArg: Equatable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case strings([String])
    case numbers([Double])
    case none

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(nilLiteral: ()) { self = .none }
    public init(arrayLiteral elements: String...) { self = .strings(elements) }

    /// The number (ints and doubles; bools as 0/1, as Python's `float(True)`).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// Python's `repr` of the value (`True`, `'rgb_array'`, `['SFFF', ...]`, `None`).
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return NumpyFormat.pythonFloat(d)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .strings(let l): return "[" + l.map { "'\($0)'" }.joined(separator: ", ") + "]"
        case .numbers(let l): return "(" + l.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : NumpyFormat.pythonFloat($0) }.joined(separator: ", ") + (l.count == 1 ? ",)" : ")")
        case .none: return "None"
        }
    }

    /// Gymnasium's snake_case spelling of a camelCase keyword (`renderMode` -> `render_mode`).
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}
