import RLSupport
extension Gym {
    /// `gymnasium.make_vec`: `numEnvs` copies of an environment, vectorised by `"sync"`,
    /// `"async"` (threads here) or `"vector_entry_point"` (the native batched CartPole, and CarRacing's
    /// `CarRacingVectorEnv`).
    /// With no mode, a registered vector entry point is used, else `"sync"`.
    public static func makeVec(_ id: String, numEnvs: Int = 1, vectorizationMode: String? = nil,
                               autoresetMode: AutoresetMode = .nextStep, kwargs: [String: EnvArg] = [:]) throws -> VectorEnv {
        let spec = try findSpec(id)
        guard numEnvs > 0 else { throw EnvError.invalidArgument("num_envs must be positive, got \(numEnvs)") }
        let mode = vectorizationMode ?? (spec.vectorEntryPoint != nil ? "vector_entry_point" : "sync")
        switch mode {
        case "sync", "async":
            let envs = try (0..<numEnvs).map { _ in try Cancellation.checkpoint(); return try make(spec: spec, kwargs: kwargs) }
            let v: VectorEnv = mode == "sync" ? try SyncVectorEnv(envs: envs, autoresetMode: autoresetMode)
                                              : try ThreadedVectorEnv(envs: envs, autoresetMode: autoresetMode)
            v.spec = spec
            return v
        case "vector_entry_point":
            if spec.name == "CarRacing", spec.namespace == nil {
                guard autoresetMode == .nextStep else { throw EnvError.invalidArgument("CarRacing's vector entry point only supports AutoresetMode.NEXT_STEP") }
                return try CarRacingVectorEnv(numEnvs: numEnvs, spec: spec, kwargs: kwargs)
            }
            guard spec.vectorEntryPoint?.hasSuffix("cartpole:CartPoleVectorEnv") == true else {
                throw EnvError.error("Cannot create vectorized environment for \(id) because it doesn't have a vector entry point defined.")
            }
            guard autoresetMode == .nextStep else { throw EnvError.invalidArgument("CartPoleVectorEnv only supports AutoresetMode.NEXT_STEP") }
            var all = EnvKwargs(Dictionary(spec.kwargs, uniquingKeysWith: { $1 }))
            for (k, v) in kwargs { all.values[k] = v }
            for key in all.values.keys where !["renderMode", "suttonBartoReward", "maxEpisodeSteps"].contains(key) {
                throw EnvError.unexpectedKeyword("CartPoleVectorEnv.__init__() got an unexpected keyword argument '\(key)'\(DidYouMean.pythonHint(key, from: ["renderMode", "suttonBartoReward", "maxEpisodeSteps"]))")
            }
            let v = try CartPoleVectorEnv(numEnvs: numEnvs, maxEpisodeSteps: try all.int("maxEpisodeSteps", default: spec.maxEpisodeSteps ?? 500),
                                          suttonBartoReward: try all.bool("suttonBartoReward", default: false), renderMode: try all.renderMode())
            v.spec = spec
            return v
        default:
            throw EnvError.invalidArgument("Invalid vectorization mode: '\(mode)', valid modes: ['async', 'sync', 'vector_entry_point']\(DidYouMean.pythonHint(mode, from: ["async", "sync", "vector_entry_point"]))")
        }
    }
}

