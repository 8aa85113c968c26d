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
    private(set) var specs: [EnvSpec] = []
    private var index: [String: Int] = [:]
    private var creators: [String: EnvCreator] = [:]

    init() {}

    /// Registered ids in registration order (`gym.registry.keys()`).
    public var keys: [String] { specs.map { $0.id } }

    /// All specs in order (`gym.registry.values()`).
    public var values: [EnvSpec] { specs }

    /// Number of registered ids.
    public var count: Int { specs.count }

    /// The spec for an id.
    public subscript(id: String) -> EnvSpec? { index[id].map { specs[$0] } }

    /// Whether `id` is registered.
    public func contains(_ id: String) -> Bool { index[id] != nil }

    /// The creator registered for an entry point.
    public func creator(for entryPoint: String) -> EnvCreator? { creators[entryPoint] }

    /// Adds (or overrides) a spec and, when given, the creator for its entry point.
    public func register(_ spec: EnvSpec, creator: EnvCreator? = nil) {
        if let i = index[spec.id] { specs[i] = spec } else {
            index[spec.id] = specs.count
            specs.append(spec)
        }
        if let creator, let ep = spec.entryPoint { creators[ep] = creator }
    }

    /// Sets the creator for an entry point (e.g. an env implemented in another file registering itself).
    public func setCreator(_ creator: EnvCreator, for entryPoint: String) { creators[entryPoint] = creator }

    /// `{'CartPole-v0': EnvSpec(...), ...}`.
    public var description: String {
        "{" + specs.map { "'\($0.id)': \($0)" }.joined(separator: ", ") + "}"
    }

    /// Gymnasium's `pprint_registry()` text: ids grouped by the module of their entry point, 3 per row.
    public func pprint(numCols: Int = 3) -> String {
        var groups: [(String, [String])] = []
        for spec in specs {
            var group = "none"
            if let ns = spec.namespace { group = ns } else if let ep = spec.entryPoint {
                let module = ep.split(separator: ":").first.map(String.init) ?? ep
                let parts = module.split(separator: ".")
                group = parts.count >= 3 ? String(parts[2]) : module
            }
            if let i = groups.firstIndex(where: { $0.0 == group }) { groups[i].1.append(spec.id) } else { groups.append((group, [spec.id])) }
        }
        let width = (specs.map { $0.id.count }.max() ?? 0) + 1
        var out = ""
        for (name, ids) in groups {
            out += "===== \(name) =====\n"
            for (i, id) in ids.enumerated() {
                out += id.padding(width) 
                if (i + 1) % numCols == 0 || i == ids.count - 1 { out += "\n" }
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
