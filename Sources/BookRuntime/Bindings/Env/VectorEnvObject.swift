import BookDSL
import RLEnv
import RLSupport

/// A vector environment as cells see it (`gym.makeVec`, `SyncVectorEnv`, `AsyncVectorEnv`):
///
/// ```swift
/// let envs = gym.makeVec("CartPole-v1", numEnvs: 8, vectorizationMode: "sync")
/// var (obs, infos) = envs.reset(seed: 42)                    // obs: Tensor (8, 4)
/// let (next, rewards, terminations, truncations, _) = envs.step(envs.actionSpace.sample())
/// ```
///
/// Observations are batched tensors (`(numEnvs, ...)`; an int64 vector for `Discrete`), rewards
/// `[Double]`, flags `[Bool]`, infos a dictionary of per-env values with `_key` masks (Gymnasium's
/// vector info). Actions: a tensor batched on the first axis, or an array with one action per env.
final class VectorEnvObject: NativeObject {
    let env: VectorEnv
    private var actionSpaceCache: Value?
    private var observationSpaceCache: Value?

    init(_ env: VectorEnv) { self.env = env }

    var typeName: String { "VectorEnv" }

    /// Gymnasium's `VectorEnv.__repr__`: `SyncVectorEnv(CartPole-v1, num_envs=4)`.
    var description: String {
        var inner: VectorEnv = env
        var wrappers: [String] = []
        while let r = inner as? VectorRecordEpisodeStatistics { wrappers.append("RecordEpisodeStatistics"); inner = r.env }
        let name: String
        switch inner {
        case is SyncVectorEnv: name = "SyncVectorEnv"
        case is ThreadedVectorEnv: name = "AsyncVectorEnv"
        case is CartPoleVectorEnv: name = "CartPoleVectorEnv"
        case is CarRacingVectorEnv: name = "CarRacingVectorEnv"
        default: name = String(describing: type(of: inner))
        }
        var text = inner.spec.map { "\(name)(\($0.id), num_envs=\(env.numEnvs))" } ?? "\(name)(num_envs=\(env.numEnvs))"
        for w in wrappers { text = "<\(w), \(text)>" }
        return text
    }

    var memberNames: [String] {
        ["reset", "step", "render", "close", "numEnvs", "actionSpace", "observationSpace", "singleActionSpace",
         "singleObservationSpace", "spec", "autoresetMode", "metadata", "renderMode", "envs", "env"]
            + (env is VectorRecordEpisodeStatistics ? ["returnQueue", "lengthQueue", "timeQueue", "episodeCount"] : [])
    }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "numEnvs": return .int(env.numEnvs)
        case "actionSpace":
            if let v = actionSpaceCache { return v }
            let v = SpaceObject.value(env.actionSpace)
            actionSpaceCache = v
            return v
        case "observationSpace":
            if let v = observationSpaceCache { return v }
            let v = SpaceObject.value(env.observationSpace)
            observationSpaceCache = v
            return v
        case "singleActionSpace": return SpaceObject.value(env.singleActionSpace)
        case "singleObservationSpace": return SpaceObject.value(env.singleObservationSpace)
        case "spec": return env.spec.map { .native(EnvSpecObject($0)) } ?? .nilValue
        case "autoresetMode": return .string(env.autoresetMode.rawValue)
        case "metadata":
            return .dict(DictBox(keys: [.string("render_modes"), .string("autoreset_mode")],
                                 values: [.array(env.metadata.renderModes.map { .string($0) }), .string(env.autoresetMode.rawValue)]))
        case "renderMode": return env.renderMode.map { .string($0) } ?? .nilValue
        case "envs":
            if let s = env as? SyncVectorEnv { return .array(s.envs.map { EnvObject.value($0) }) }
            if let t = env as? ThreadedVectorEnv { return .array(t.envs.map { EnvObject.value($0) }) }
            return nil
        case "env":
            if let r = env as? VectorRecordEpisodeStatistics { return .native(VectorEnvObject(r.env)) }
            return nil
        case "returnQueue": return (env as? VectorRecordEpisodeStatistics).map { .array($0.returnQueue.map { .double($0) }) }
        case "lengthQueue": return (env as? VectorRecordEpisodeStatistics).map { .array($0.lengthQueue.map { .int($0) }) }
        case "timeQueue": return (env as? VectorRecordEpisodeStatistics).map { .array($0.timeQueue.map { .double($0) }) }
        case "episodeCount": return (env as? VectorRecordEpisodeStatistics).map { .int($0.episodeCount) }
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "reset":
            try EnvObject.checkLabels(args, allowed: ["seed", "options"], method: "reset(seed:options:)")
            let options = try EnvConversion.options(args.value("options"))
            let result: (observations: EnvValue, infos: Info)
            if let s = args.value("seed")?.unwrapped, let items = s.asArray {
                let seeds = try items.map { try EnvConversion.seed($0) }
                result = try env.reset(seeds: seeds, options: options)
            } else {
                result = try env.reset(seed: try EnvConversion.seed(args.value("seed")), options: options)
            }
            return .tuple(TupleBox.make([try EnvConversion.value(result.observations), try EnvConversion.value(result.infos)]))
        case "step":
            guard args.count == 1, let a = args.value(nil) else { throw BindingError("step takes the batched actions: envs.step(actions)") }
            let r = try step(a)
            return .tuple(TupleBox.make([try EnvConversion.value(r.observations), .array(r.rewards.map { .double($0) }),
                                    .array(r.terminations.map { .bool($0) }), .array(r.truncations.map { .bool($0) }),
                                    try EnvConversion.value(r.infos)]))
        case "render":
            guard let frames = try env.render() else { return .nilValue }
            return .array(try frames.map { try EnvConversion.frame($0) })
        case "close":
            env.close()
            return .void
        default: return nil
        }
    }

    /// Steps with batched actions: a tensor (first axis = envs), or an array of per-env actions.
    func step(_ v: Value) throws -> VectorStepResult {
        let n = env.numEnvs
        if let t = v.tensor {
            guard t.shape.first == n else {
                throw BindingError("expected actions batched along the first axis for \(n) envs, got a Tensor of shape \(t.shape)")
            }
            var a = EnvConversion.envArray(t)
            if env.singleActionSpace is Box, let d = env.singleActionSpace.dtype, a.dtype != d { a = a.astype(d) }
            return try env.step(.array(a))
        }
        var items: [Value] = v.unwrapped?.asArray ?? []
        if case .tuple(let t) = v { items = t.values }
        guard items.count == n else {
            throw BindingError("expected \(n) actions (one per env), got \(items.isEmpty ? "a value of type '\(v.typeName)'" : "\(items.count)")")
        }
        return try env.step(try items.map { try EnvConversion.envValue($0, space: env.singleActionSpace) })
    }

    func isEqual(to other: Value) -> Bool {
        guard case .native(let o) = other, let e = o as? VectorEnvObject else { return false }
        return e.env === env
    }
}
