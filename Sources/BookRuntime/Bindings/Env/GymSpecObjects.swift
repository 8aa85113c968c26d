import BookDSL
import RLEnv
import RLSupport

/// `env.spec` / `gym.spec(id)` / `gym.registry[id]`: Gymnasium's `EnvSpec`, printed as its dataclass repr.
///
/// Members are the fields camelCased (`id`, `entryPoint`, `rewardThreshold`, `maxEpisodeSteps`,
/// `kwargs`, `namespace`, `name`, `version`, ...); `pprint(printAll:)` prints Gymnasium's summary;
/// `make(...)` makes the env from this spec.
final class EnvSpecObject: NativeObject {
    let spec: EnvSpec
    init(_ spec: EnvSpec) { self.spec = spec }

    var typeName: String { "EnvSpec" }
    var description: String { spec.description }
    var memberNames: [String] {
        ["id", "entryPoint", "rewardThreshold", "nondeterministic", "maxEpisodeSteps", "orderEnforce", "disableEnvChecker",
         "kwargs", "namespace", "name", "version", "additionalWrappers", "vectorEntryPoint", "pprint", "make"]
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "id": return .string(spec.id)
        case "entryPoint": return spec.entryPoint.map { .string($0) } ?? .nilValue
        case "rewardThreshold": return spec.rewardThreshold.map { GymSpecValues.value($0) } ?? .nilValue
        case "nondeterministic": return .bool(spec.nondeterministic)
        case "maxEpisodeSteps": return spec.maxEpisodeSteps.map { .int($0) } ?? .nilValue
        case "orderEnforce": return .bool(spec.orderEnforce)
        case "disableEnvChecker": return .bool(spec.disableEnvChecker)
        case "kwargs":
            return .dict(DictBox(keys: spec.kwargs.map { .string($0.0) }, values: spec.kwargs.map { GymSpecValues.value($0.1) }))
        case "namespace": return spec.namespace.map { .string($0) } ?? .nilValue
        case "name": return .string(spec.name)
        case "version": return spec.version.map { .int($0) } ?? .nilValue
        case "additionalWrappers": return .array(spec.additionalWrappers.map { .string($0) })
        case "vectorEntryPoint": return spec.vectorEntryPoint.map { .string($0) } ?? .nilValue
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "pprint":
            let all = try args.bool("printAll", default: false)
            let text = spec.pprint(disableDefaults: !all)
            args.interpreter?.output(text + "\n")
            return .void
        case "make":
            let (kwargs, maxSteps, disable) = try GymModule.makeOptions(args, positionalAllowed: 0)
            return EnvObject.value(try Gym.make(spec: spec, orderedKwargs: kwargs, maxEpisodeSteps: maxSteps, disableEnvChecker: disable))
        default: return nil
        }
    }

    func isEqual(to other: Value) -> Bool {
        guard case .native(let o) = other, let s = o as? EnvSpecObject else { return false }
        return s.spec == spec
    }
}

/// `gym.registry`: the registered ids in order. `for id in gym.registry.keys`, `gym.registry["CartPole-v1"]`
/// (an `EnvSpec`), `gym.registry.count`, `gym.registry.contains(id)`, `gym.registry.values`.
final class RegistryObject: NativeObject {
    let registry: Registry
    init(_ registry: Registry) { self.registry = registry }

    var typeName: String { "Registry" }
    var description: String { registry.description }
    var memberNames: [String] { ["keys", "values", "count", "contains", "isEmpty", "pprint"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "keys": return .array(registry.keys.map { .string($0) })
        case "values": return .array(registry.values.map { .native(EnvSpecObject($0)) })
        case "count": return .int(registry.count)
        case "isEmpty": return .bool(registry.count == 0)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "contains": return .bool(registry.contains(try args.string(nil)))
        case "pprint":
            args.interpreter?.output(registry.pprint(numCols: try args.int("numCols", default: 3)) + "\n")
            return .void
        default: return nil
        }
    }

    func subscriptGet(_ args: Arguments) throws -> Value? {
        guard let id = args.value(nil)?.asString else { return nil }
        if let spec = registry[id] { return .native(EnvSpecObject(spec)) }
        let hint = DidYouMean.suggest(id, from: registry.keys).map { "; did you mean '\($0)'?" } ?? ""
        throw BindingError("no environment '\(id)' in gym.registry\(hint)")
    }

    func iterate() throws -> [Value]? { registry.keys.map { .string($0) } }
}

/// Keyword-argument values back as cell values.
enum GymSpecValues {
    static func value(_ a: EnvArg) -> Value {
        switch a {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .strings(let l): return .array(l.map { .string($0) })
        case .numbers(let l): return .array(l.map { .double($0) })
        case .none: return .nilValue
        }
    }
}
