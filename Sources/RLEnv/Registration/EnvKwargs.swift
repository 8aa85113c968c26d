/// The keyword arguments an environment constructor receives from `Gym.make` (camelCase names),
/// with typed readers that report wrong types as Gymnasium-style errors.
public struct EnvKwargs: Sendable {
    /// The raw values.
    public var values: [String: EnvArg]
    /// The id being made (lets one implementation serve several versions, e.g. CarRacing-v2 / v3).
    public var envID: String?

    public init(_ values: [String: EnvArg] = [:], envID: String? = nil) {
        self.values = values
        self.envID = envID
    }

    /// The raw value of `key`.
    public subscript(key: String) -> EnvArg? { values[key] }

    /// The render mode (`renderMode`), nil when absent or `nil`.
    public func renderMode() throws -> String? { try string("renderMode", default: nil) }

    public func bool(_ key: String, default value: Bool) throws -> Bool {
        guard let a = values[key], a != .none else { return value }
        switch a {
        case .bool(let b): return b
        case .int(let i) where i == 0 || i == 1: return i == 1
        default: throw EnvError.invalidArgument("Keyword argument `\(key)` expects a Bool, got \(a)")
        }
    }

    public func double(_ key: String, default value: Double) throws -> Double {
        guard let a = values[key], a != .none else { return value }
        guard let d = a.doubleValue else { throw EnvError.invalidArgument("Keyword argument `\(key)` expects a number, got \(a)") }
        return d
    }

    public func int(_ key: String, default value: Int) throws -> Int {
        guard let a = values[key], a != .none else { return value }
        if case .int(let i) = a { return i }
        throw EnvError.invalidArgument("Keyword argument `\(key)` expects an integer, got \(a)")
    }

    public func string(_ key: String, default value: String?) throws -> String? {
        guard let a = values[key], a != .none else { return value }
        if case .string(let s) = a { return s }
        throw EnvError.invalidArgument("Keyword argument `\(key)` expects a string, got \(a)")
    }

    public func strings(_ key: String) throws -> [String]? {
        guard let a = values[key], a != .none else { return nil }
        if case .strings(let s) = a { return s }
        throw EnvError.invalidArgument("Keyword argument `\(key)` expects a list of strings, got \(a)")
    }
}
