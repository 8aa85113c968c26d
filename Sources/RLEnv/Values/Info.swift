/// A simple value in an `info` dictionary.
public enum InfoValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)
    case array(EnvArray)
    case value(EnvValue)
    case info(Info)
    case list([InfoValue])

    /// The number as a double (ints, doubles, bools).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return NumpyFormat.pythonFloat(d)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .array(let a): return a.description
        case .value(let v): return v.description
        case .info(let i): return i.description
        case .list(let l): return "[" + l.map { $0.description }.joined(separator: ", ") + "]"
        }
    }
}

/// The `info` dictionary of `reset` and `step`: string keys in insertion order, simple values.
public struct Info: Equatable, Sendable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    /// Keys in insertion order.
    public private(set) var keys: [String] = []
    /// Values, parallel to `keys`.
    public private(set) var values: [InfoValue] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, InfoValue)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Number of entries.
    public var count: Int { keys.count }
    /// Whether there are no entries.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`; assigning nil removes it, assigning a new key appends it.
    public subscript(key: String) -> InfoValue? {
        get {
            guard let i = keys.firstIndex(of: key) else { return nil }
            return values[i]
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else { keys.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                keys.append(key); values.append(newValue)
            }
        }
    }

    /// Entries in order.
    public var entries: [(key: String, value: InfoValue)] { zip(keys, values).map { (key: $0, value: $1) } }

    public var description: String {
        "{" + zip(keys, values).map { "'\($0)': \($1)" }.joined(separator: ", ") + "}"
    }
}
