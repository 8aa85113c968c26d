/// Gymnasium's `EnvSpec`: how to make an environment, printed exactly like Gymnasium's dataclass repr.
public struct EnvSpec: Equatable, Sendable, CustomStringConvertible {
    /// `[namespace/](name)[-v(version)]`.
    public var id: String
    /// Gymnasium's entry point string (`gymnasium.envs.classic_control.cartpole:CartPoleEnv`).
    public var entryPoint: String?
    /// Return threshold for "solved" (`475.0`, or an int such as `900`).
    public var rewardThreshold: EnvArg?
    /// Whether the env is nondeterministic even when seeded.
    public var nondeterministic: Bool = false
    /// The `TimeLimit` `make` adds.
    public var maxEpisodeSteps: Int?
    /// Whether `make` adds `OrderEnforcing`.
    public var orderEnforce: Bool = true
    /// Whether `make` skips `PassiveEnvChecker`.
    public var disableEnvChecker: Bool = false
    /// Default keyword arguments, in order (camelCase keys; printed in Gymnasium's snake_case).
    public var kwargs: [(String, EnvArg)] = []
    /// Parsed parts of `id`.
    public var namespace: String?
    public var name: String
    public var version: Int?
    /// Gymnasium's `additional_wrappers` (always empty here).
    public var additionalWrappers: [String] = []
    /// Gymnasium's vector entry point string, when the env has a native batched version.
    public var vectorEntryPoint: String?

    public init(id: String, entryPoint: String?, rewardThreshold: EnvArg? = nil, nondeterministic: Bool = false,
                maxEpisodeSteps: Int? = nil, orderEnforce: Bool = true, disableEnvChecker: Bool = false,
                kwargs: [(String, EnvArg)] = [], vectorEntryPoint: String? = nil) throws {
        let (ns, name, version) = try EnvSpec.parse(id)
        self.id = id
        self.entryPoint = entryPoint
        self.rewardThreshold = rewardThreshold
        self.nondeterministic = nondeterministic
        self.maxEpisodeSteps = maxEpisodeSteps
        self.orderEnforce = orderEnforce
        self.disableEnvChecker = disableEnvChecker
        self.kwargs = kwargs
        self.namespace = ns
        self.name = name
        self.version = version
        self.vectorEntryPoint = vectorEntryPoint
    }

    public static func == (a: EnvSpec, b: EnvSpec) -> Bool { a.description == b.description }

    /// The value of a default keyword argument.
    public func kwarg(_ key: String) -> EnvArg? { kwargs.first { $0.0 == key }?.1 }

    /// Splits an id into namespace, name and version (Gymnasium's `parse_env_id`).
    public static func parse(_ id: String) throws -> (String?, String, Int?) {
        var rest = Substring(id)
        var ns: String?
        if let slash = rest.lastIndex(of: "/") {
            ns = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
        }
        var version: Int?
        let chars = Array(rest)
        var j = chars.count
        while j > 0 && chars[j - 1].isASCII && chars[j - 1].isNumber { j -= 1 }
        if j < chars.count && j >= 3 && chars[j - 1] == "v" && chars[j - 2] == "-", let v = Int(String(chars[j...])) {
            version = v
            rest = Substring(String(chars[..<(j - 2)]))
        }
        let valid = !rest.isEmpty && rest.allSatisfy { $0.isLetter || $0.isNumber || "_:.-".contains($0) }
            && (ns ?? "x").allSatisfy { $0.isLetter || $0.isNumber || "_:-".contains($0) }
        guard valid else {
            throw EnvError.error("Malformed environment ID: \(id). (Currently all IDs must be of the form [namespace/](env-name)-v(version). (namespace is optional))")
        }
        return (ns, String(rest), version)
    }

    /// `ns/name-vN` from parts.
    public static func makeID(_ ns: String?, _ name: String, _ version: Int?) -> String {
        var s = name
        if let ns { s = "\(ns)/\(name)" }
        if let version { s += "-v\(version)" }
        return s
    }

    static func py(_ s: String?) -> String { s.map { "'\($0)'" } ?? "None" }

    /// `EnvSpec(id='CartPole-v1', entry_point='...', reward_threshold=475.0, ...)`.
    public var description: String {
        let kw = "{" + kwargs.map { "'\(EnvArg.snakeCase($0.0))': \($0.1)" }.joined(separator: ", ") + "}"
        let wrappers = additionalWrappers.isEmpty ? "()" : "(" + additionalWrappers.joined(separator: ", ") + ",)"
        return "EnvSpec(id=\(EnvSpec.py(id)), entry_point=\(EnvSpec.py(entryPoint)), reward_threshold=\(rewardThreshold?.description ?? "None"), "
            + "nondeterministic=\(nondeterministic ? "True" : "False"), max_episode_steps=\(maxEpisodeSteps.map(String.init) ?? "None"), "
            + "order_enforce=\(orderEnforce ? "True" : "False"), disable_env_checker=\(disableEnvChecker ? "True" : "False"), "
            + "kwargs=\(kw), namespace=\(EnvSpec.py(namespace)), name=\(EnvSpec.py(name)), version=\(version.map(String.init) ?? "None"), "
            + "additional_wrappers=\(wrappers), vector_entry_point=\(EnvSpec.py(vectorEntryPoint)))"
    }

    /// Gymnasium's `EnvSpec.pprint` text (non-default fields unless `printAll`).
    public func pprint(disableDefaults: Bool = true) -> String {
        var out = "id=\(id)"
        if let entryPoint { out += "\nentry_point=\(entryPoint)" }
        if !disableDefaults || rewardThreshold != nil { out += "\nreward_threshold=\(rewardThreshold?.description ?? "None")" }
        if !disableDefaults || nondeterministic { out += "\nnondeterministic=\(nondeterministic ? "True" : "False")" }
        if !disableDefaults || maxEpisodeSteps != nil { out += "\nmax_episode_steps=\(maxEpisodeSteps.map(String.init) ?? "None")" }
        if !disableDefaults || !orderEnforce { out += "\norder_enforce=\(orderEnforce ? "True" : "False")" }
        if !disableDefaults || disableEnvChecker { out += "\ndisable_env_checker=\(disableEnvChecker ? "True" : "False")" }
        return out
    }
}

