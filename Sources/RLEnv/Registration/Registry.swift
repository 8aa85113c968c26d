import RLSupport
/// How to build one registered environment: the constructor and the keyword arguments it accepts.
public struct EnvCreator {
    /// Gymnasium's class name for messages (`CartPoleEnv`).
    public var className: String
    /// Accepted keyword arguments (camelCase).
    public var kwargNames: [String]
    /// Render modes (the class's `metadata["render_modes"]`).
    public var renderModes: [String]
    /// Builds the env.
    public var make: (EnvKwargs) throws -> Env

    public init(className: String, kwargNames: [String], renderModes: [String], make: @escaping (EnvKwargs) throws -> Env) {
        self.className = className
        self.kwargNames = kwargNames
        self.renderModes = renderModes
        self.make = make
    }
}

/// The environment registry (`gymnasium.envs.registry`): specs in registration order plus their creators.
public final class Registry: CustomStringConvertible {
    private var storedSpecs: [EnvSpec] = []
    private var index: [String: Int] = [:]
    private var creators: [String: EnvCreator] = [:]
    private let lock = NSLockLite()

    var specs: [EnvSpec] { lock.withLock { storedSpecs } }

    init() {}

    /// Registered ids in registration order (`gym.registry.keys()`).
    public var keys: [String] { specs.map { $0.id } }

    /// All specs in order (`gym.registry.values()`).
    public var values: [EnvSpec] { specs }

    /// Number of registered ids.
    public var count: Int { specs.count }

    /// The spec for an id.
    public subscript(id: String) -> EnvSpec? { lock.withLock { index[id].map { storedSpecs[$0] } } }

    /// Whether `id` is registered.
    public func contains(_ id: String) -> Bool { lock.withLock { index[id] != nil } }

    /// The creator registered for an entry point.
    public func creator(for entryPoint: String) -> EnvCreator? { lock.withLock { creators[entryPoint] } }

    /// Adds (or overrides) a spec and, when given, the creator for its entry point.
    public func register(_ spec: EnvSpec, creator: EnvCreator? = nil) {
        lock.withLock {
            if let i = index[spec.id] { storedSpecs[i] = spec } else {
                index[spec.id] = storedSpecs.count
                storedSpecs.append(spec)
            }
            if let creator, let ep = spec.entryPoint { creators[ep] = creator }
        }
    }

    /// Sets the creator for an entry point (e.g. an env implemented in another file registering itself).
    public func setCreator(_ creator: EnvCreator, for entryPoint: String) { lock.withLock { creators[entryPoint] = creator } }

    /// `{'CartPole-v0': EnvSpec(...), ...}`.
    public var description: String {
        let specs = self.specs
        return "{" + specs.map { "'\($0.id)': \($0)" }.joined(separator: ", ") + "}"
    }

    /// Gymnasium's `pprint_registry()` text: ids grouped by namespace (or the package of their entry
    /// point, e.g. `classic_control`), sorted, padded to the longest env name, `numCols` per row.
    public func pprint(numCols: Int = 3, excludeNamespaces: [String] = []) -> String {
        let specs = self.specs
        var groups: [(String, [String])] = []
        var justify = 0
        for spec in specs {
            var ns = spec.namespace ?? "None"
            if spec.namespace == nil, let ep = spec.entryPoint {
                let module = ep.split(separator: ":").first.map(String.init) ?? ep
                let parts = module.split(separator: ".").map(String.init)
                ns = parts.count >= 3 ? parts[2] : parts.count > 1 ? parts[1] : spec.name
            }
            if let i = groups.firstIndex(where: { $0.0 == ns }) { groups[i].1.append(spec.id) } else { groups.append((ns, [spec.id])) }
            justify = max(justify, spec.name.count)
        }
        var output: [String] = []
        for (ns, ids) in groups where !excludeNamespaces.contains(ns) {
            var text = "===== \(ns) =====\n"
            let sorted = ids.sorted()
            for (k, id) in sorted.enumerated() {
                text += id.padding(justify) + " "
                if (k + 1) % numCols == 0 {
                    text = text.trailingSpacesTrimmed
                    if k + 1 != sorted.count { text += "\n" }
                }
            }
            output.append(text.trailingSpacesTrimmed)
        }
        return output.joined(separator: "\n")
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
