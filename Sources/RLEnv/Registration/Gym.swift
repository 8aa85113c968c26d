import RLSupport

/// Gymnasium's top-level functions: `Gym.make`, `Gym.registry`, `Gym.register`, `Gym.spec`, `Gym.makeVec`.
public enum Gym {
    /// The global registry, pre-filled with the built-in environments in Gymnasium's order.
    nonisolated(unsafe) public static let registry: Registry = {
        let r = Registry()
        BuiltinEnvironments.register(into: r)
        return r
    }()

    nonisolated(unsafe) static var storedWarnings: [String] = []
    static let warningsLock = NSLockLite()

    /// Warnings Gymnasium would print through `logger.warn` (the last 100, most recent last).
    public static var warnings: [String] { warningsLock.withLock { storedWarnings } }

    static func warn(_ message: String) {
        warningsLock.withLock {
            storedWarnings.append(message)
            if storedWarnings.count > 100 { storedWarnings.removeFirst(storedWarnings.count - 100) }
        }
        Warnings.emit(message)      // shown in the running cell, as Gymnasium's logger.warn prints
    }

    /// Registers a new environment (`gymnasium.register`).
    public static func register(id: String, entryPoint: String? = nil, rewardThreshold: EnvArg? = nil,
                                nondeterministic: Bool = false, maxEpisodeSteps: Int? = nil,
                                orderEnforce: Bool = true, disableEnvChecker: Bool = false,
                                kwargs: [(String, EnvArg)] = [], kwargNames: [String] = ["renderMode"],
                                renderModes: [String] = ["rgb_array"], make: @escaping (EnvKwargs) throws -> Env) throws {
        let ep = entryPoint ?? "__main__:\(id)"
        let spec = try EnvSpec(id: id, entryPoint: ep, rewardThreshold: rewardThreshold, nondeterministic: nondeterministic,
                               maxEpisodeSteps: maxEpisodeSteps, orderEnforce: orderEnforce, disableEnvChecker: disableEnvChecker, kwargs: kwargs)
        try checkRegister(spec)
        if registry.contains(id) { warn("Overriding environment \(id) already in registry.") }
        let className = ep.split(separator: ":").last.map(String.init) ?? id
        registry.register(spec, creator: EnvCreator(className: className, kwargNames: kwargNames, renderModes: renderModes, make: make))
    }

    /// Gymnasium's `_check_spec_register`: versioned and unversioned ids of one name cannot mix.
    static func checkRegister(_ spec: EnvSpec) throws {
        let same = registry.values.filter { $0.namespace == spec.namespace && $0.name == spec.name }
        if spec.version != nil, let unversioned = same.first(where: { $0.version == nil }) {
            throw EnvError.registration("Can't register the versioned environment `\(spec.id)` when the unversioned environment `\(unversioned.id)` of the same name already exists.")
        }
        if spec.version == nil, let latest = same.filter({ $0.version != nil }).max(by: { ($0.version ?? -1) < ($1.version ?? -1) }) {
            throw EnvError.registration("Can't register the unversioned environment `\(spec.id)` when the versioned environment `\(latest.id)` of the same name already exists. Note: the default behavior is that `gym.make` with the unversioned environment will return the latest versioned environment")
        }
    }

    /// The spec registered for exactly this id (`gymnasium.spec`).
    public static func spec(_ id: String) throws -> EnvSpec {
        if let s = registry[id] { return s }
        let (ns, name, version) = try EnvSpec.parse(id)
        try checkVersionExists(ns, name, version)
        throw EnvError.error("No registered env with id: \(id)")
    }

    /// The spec `make` uses: an unversioned name resolves to its latest version (`_find_spec`).
    public static func findSpec(_ id: String) throws -> EnvSpec {
        let (ns, name, version) = try EnvSpec.parse(id)
        if let s = registry[id] { return s }
        let versions = registry.values.filter { $0.namespace == ns && $0.name == name }.compactMap { $0.version }
        if version == nil, let latest = versions.max() {
            let newID = EnvSpec.makeID(ns, name, latest)
            warn("Using the latest versioned environment `\(newID)` instead of the unversioned environment `\(id)`.")
            if let s = registry[newID] { return s }
        }
        try checkVersionExists(ns, name, version)
        throw EnvError.error("No registered env with id: \(id). Did you register it, or import the package that registers it? Use `gymnasium.pprint_registry()` to see all of the registered environments.")
    }

    static func checkVersionExists(_ ns: String?, _ name: String, _ version: Int?) throws {
        if registry.contains(EnvSpec.makeID(ns, name, version)) { return }
        if let ns, !registry.values.contains(where: { $0.namespace == ns }) {
            let namespaces = Set(registry.values.compactMap { $0.namespace })
            let suggestion = DidYouMean.suggest(ns, from: namespaces)
            let msg = suggestion.map { "Did you mean: `\($0)`?" } ?? "Have you installed the proper package for \(ns)?"
            throw EnvError.namespaceNotFound("Namespace \(ns) not found. \(msg)")
        }
        let names = Set(registry.values.filter { $0.namespace == ns }.map { $0.name })
        if !names.contains(name) {
            let suggestion = closeMatch(name, names)
            let nsMsg = ns.map { " in namespace \($0)" } ?? ""
            throw EnvError.nameNotFound("Environment `\(name)` doesn't exist\(nsMsg).\(suggestion.map { " Did you mean: `\($0)`?" } ?? "")")
        }
        guard let version else { return }
        var message = "Environment version `v\(version)` for environment `\(EnvSpec.makeID(ns, name, nil))` doesn't exist."
        let specs = registry.values.filter { $0.namespace == ns && $0.name == name }.sorted { ($0.version ?? -1) < ($1.version ?? -1) }
        if let d = specs.first(where: { $0.version == nil }) {
            message += " It provides the default version `\(d.id)`."
            if specs.count == 1 { throw EnvError.deprecatedEnv(message) }
        }
        let versioned = specs.filter { $0.version != nil }
        if let latest = versioned.max(by: { ($0.version ?? -1) < ($1.version ?? -1) }), let lv = latest.version {
            if version > lv {
                let list = specs.map { "`v\($0.version.map(String.init) ?? "None")`" }.joined(separator: ", ")
                message += " It provides versioned environments: [ \(list) ]."
                throw EnvError.versionNotFound(message)
            }
            if version < lv {
                throw EnvError.deprecatedEnv("Environment version v\(version) for `\(EnvSpec.makeID(ns, name, nil))` is deprecated. Please use `\(latest.id)` instead.")
            }
        }
    }

    /// difflib-like close match (Gymnasium uses `difflib.get_close_matches(n=1)`), via DidYouMean
    /// plus a case-insensitive prefix rule.
    static func closeMatch(_ name: String, _ names: Set<String>) -> String? {
        if let s = DidYouMean.suggest(name, from: names) { return s }
        let lower = name.lowercased()
        return names.sorted().first { $0.lowercased().hasPrefix(lower) || lower.hasPrefix($0.lowercased()) }
    }

    /// Makes an environment with Gymnasium's wrapper stack: `PassiveEnvChecker` (unless disabled),
    /// `OrderEnforcing` (when the spec says so), `TimeLimit` (from `maxEpisodeSteps`, or the spec's;
    /// -1 disables it). Keyword arguments are camelCased (`renderMode`, `mapName`, `isSlippery`).
    public static func make(_ id: String, kwargs: [String: EnvArg] = [:], maxEpisodeSteps: Int? = nil,
                            disableEnvChecker: Bool? = nil) throws -> Env {
        try make(id, orderedKwargs: kwargs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                 maxEpisodeSteps: maxEpisodeSteps, disableEnvChecker: disableEnvChecker)
    }

    /// `make` with keyword arguments in call order (the spec prints them in that order, as Python's
    /// dicts keep insertion order).
    public static func make(_ id: String, orderedKwargs: [(String, EnvArg)], maxEpisodeSteps: Int? = nil,
                            disableEnvChecker: Bool? = nil) throws -> Env {
        let spec = try findSpec(id)
        return try make(spec: spec, orderedKwargs: orderedKwargs, maxEpisodeSteps: maxEpisodeSteps, disableEnvChecker: disableEnvChecker)
    }

    /// `make` from a spec.
    public static func make(spec: EnvSpec, kwargs: [String: EnvArg] = [:], maxEpisodeSteps: Int? = nil,
                            disableEnvChecker: Bool? = nil) throws -> Env {
        try make(spec: spec, orderedKwargs: kwargs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                 maxEpisodeSteps: maxEpisodeSteps, disableEnvChecker: disableEnvChecker)
    }

    /// `make` from a spec with keyword arguments in call order.
    public static func make(spec: EnvSpec, orderedKwargs: [(String, EnvArg)], maxEpisodeSteps: Int? = nil,
                            disableEnvChecker: Bool? = nil) throws -> Env {
        guard let ep = spec.entryPoint else { throw EnvError.error("\(spec.id) registered but entry_point is not specified") }
        guard let creator = registry.creator(for: ep) else {
            throw EnvError.error("\(spec.id) is registered (entry point \(ep)) but its implementation is not available in this build.")
        }
        var merged = spec.kwargs
        for (key, value) in orderedKwargs {
            if let i = merged.firstIndex(where: { $0.0 == key }) { merged[i].1 = value } else { merged.append((key, value)) }
        }
        for (key, _) in merged where !creator.kwargNames.contains(key) {
            let shown = "{" + merged.map { "'\($0.0)': \($0.1)" }.joined(separator: ", ") + "}"
            let suggestion = DidYouMean.suggest(key, from: creator.kwargNames)
                ?? creator.kwargNames.first { EnvArg.snakeCase($0) == key }
            let hint = suggestion.map { " Did you mean: `\($0)`?" } ?? " It accepts: \(creator.kwargNames.map { "`\($0)`" }.joined(separator: ", "))."
            throw EnvError.unexpectedKeyword("\(creator.className).__init__() got an unexpected keyword argument '\(key)' was raised from the environment creator for \(spec.id) with kwargs (\(shown)).\(hint)")
        }
        if let mode = merged.first(where: { $0.0 == "renderMode" })?.1, case .string(let m) = mode, !creator.renderModes.contains(m) {
            warn("The environment is being initialised with render_mode='\(m)' that is not in the possible render_modes (\(creator.renderModes)).")
        }
        let base = try creator.make(EnvKwargs(Dictionary(merged, uniquingKeysWith: { $1 }), envID: spec.id))
        var unwrappedSpec = spec
        unwrappedSpec.kwargs = merged
        unwrappedSpec.maxEpisodeSteps = nil
        unwrappedSpec.orderEnforce = false
        unwrappedSpec.disableEnvChecker = true
        base.unwrapped.spec = unwrappedSpec
        var env: Env = base
        if disableEnvChecker == false || (disableEnvChecker == nil && !spec.disableEnvChecker) {
            env = PassiveEnvChecker(env)
        }
        if spec.orderEnforce { env = OrderEnforcing(env) }
        if maxEpisodeSteps != -1 {
            if let m = maxEpisodeSteps ?? spec.maxEpisodeSteps { env = try TimeLimit(env, maxEpisodeSteps: m) }
        }
        return env
    }

    /// `gymnasium.pprint_registry()` as text.
    public static func pprintRegistry() -> String { registry.pprint() }
}
