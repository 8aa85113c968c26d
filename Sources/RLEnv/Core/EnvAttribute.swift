import RLRender

/// A value an environment or wrapper exposes by name beyond the `Env` API (Gymnasium's attribute
/// access: `env.elapsed_steps`, `env.unwrapped.car`, `env.get_wrapper_attr("return_queue")`).
/// Front ends (the cell bindings) turn it into their own values; engine objects (a CarRacing car, a
/// Box2D body) travel as `.object` for the front end to wrap.
public indirect enum EnvAttribute {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([EnvAttribute])
    case tuple([EnvAttribute])
    /// A dictionary with string keys, in this order.
    case record(keys: [String], values: [EnvAttribute])
    /// Rendered frames.
    case frames([RGBImage])
    /// Running statistics, shaped like `shape` when given (observations) else flat.
    case statistics(RunningMeanStd, shape: [Int]?)
    /// An engine object (`Car`, `Body`).
    case object(AnyObject)

    public static func doubles(_ v: [Double]) -> EnvAttribute { .list(v.map { .double($0) }) }
    public static func ints(_ v: [Int]) -> EnvAttribute { .list(v.map { .int($0) }) }
    public static func bools(_ v: [Bool]) -> EnvAttribute { .list(v.map { .bool($0) }) }
    public static func optional(_ v: EnvAttribute?) -> EnvAttribute { v ?? .none }
}

/// What an environment or wrapper adds to the `Env` API, found by name: the one lookup front ends
/// use instead of knowing each concrete type. Conformances: `EnvAttributes+Wrappers.swift`,
/// `EnvAttributes+Envs.swift`.
public protocol EnvAttributes: AnyObject {
    /// The names this env or wrapper adds (properties and methods), not those of the envs it wraps.
    var envAttributeNames: [String] { get }
    /// The property `name`, nil when this env or wrapper has none by that name.
    func envAttribute(_ name: String) throws -> EnvAttribute?
    /// Sets the property `name`; false when it has no settable property by that name.
    func setEnvAttribute(_ name: String, to value: EnvAttribute) throws -> Bool
    /// Calls the method `name`; nil when it has no method by that name.
    func callEnvAttribute(_ name: String, _ args: [EnvArg]) throws -> EnvAttribute?
}

extension EnvAttributes {
    public func setEnvAttribute(_ name: String, to value: EnvAttribute) throws -> Bool { false }
    public func callEnvAttribute(_ name: String, _ args: [EnvArg]) throws -> EnvAttribute? { nil }
}

extension Env {
    /// The names this env or wrapper adds (`[]` for one that adds none).
    public var attributeNames: [String] { (self as? EnvAttributes)?.envAttributeNames ?? [] }

    /// This env's or wrapper's own attribute `name` (not looked up in the envs it wraps).
    public func attribute(_ name: String) throws -> EnvAttribute? {
        try (self as? EnvAttributes)?.envAttribute(name)
    }

    /// Gymnasium's `get_wrapper_attr`: the attribute from the outermost layer that has it, walking
    /// the wrapper chain down to the environment; nil when none has it.
    public func wrapperAttribute(_ name: String) throws -> EnvAttribute? {
        var layer: Env? = self
        while let current = layer {
            if let found = try current.attribute(name) { return found }
            layer = (current as? Wrapper)?.env
        }
        return nil
    }
}

extension EnvArg {
    /// The argument as an Int, or an error naming the method.
    func int(for method: String) throws -> Int {
        if case .int(let i) = self { return i }
        if case .double(let d) = self, d == d.rounded(), abs(d) < 9e15 { return Int(d) }
        throw EnvError.invalidArgument("\(method) takes Int arguments, got \(self)")
    }
}
