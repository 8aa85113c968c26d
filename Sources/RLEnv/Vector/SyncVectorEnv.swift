import RLSupport
import RLRender
/// Steps sub-environments one after another in the calling thread (Gymnasium `SyncVectorEnv`).
public final class SyncVectorEnv: VectorEnv {
    /// The sub-environments.
    public let envs: [Env]
    var autoresetEnvs: [Bool]
    var lastObservations: [EnvValue] = []
    var lastInfos: [Info] = []

    /// From environment factories (`env_fns`), as Gymnasium.
    public convenience init(_ envFns: [() throws -> Env], autoresetMode: AutoresetMode = .nextStep) throws {
        try self.init(envs: envFns.map { try $0() }, autoresetMode: autoresetMode)
    }

    public init(envs: [Env], autoresetMode: AutoresetMode = .nextStep) throws {
        guard let first = envs.first else { throw EnvError.invalidArgument("SyncVectorEnv needs at least one environment") }
        for e in envs where e.observationSpace.description != first.observationSpace.description {
            throw EnvError.invalidArgument("Some environments have an observation space different from `\(first.observationSpace)`. In order to batch observations, the observation spaces from all environments must be equal.")
        }
        self.envs = envs
        autoresetEnvs = Array(repeating: false, count: envs.count)
        super.init(numEnvs: envs.count, singleObservationSpace: first.observationSpace, singleActionSpace: first.actionSpace,
                   autoresetMode: autoresetMode, metadata: first.metadata)
        renderMode = first.renderMode
        spec = first.spec
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        try reset(seeds: (0..<numEnvs).map { i in seed.map { $0 + i } }, options: options)
    }

    @discardableResult
    public override func reset(seeds: [Int?], options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        guard seeds.count == numEnvs else { throw EnvError.invalidArgument("If seeds are passed as a list the length must match num_envs=\(numEnvs) but got length=\(seeds.count).") }
        let (mask, subOptions) = try VectorEnv.resetMask(options, numEnvs)
        var obs = lastObservations.count == numEnvs ? lastObservations : []
        var infos: [Info] = Array(repeating: Info(), count: numEnvs)
        for (i, env) in envs.enumerated() where mask?[i] ?? true {
            try Cancellation.checkpoint()
            let r = try env.reset(seed: seeds[i], options: subOptions)
            if obs.count == numEnvs { obs[i] = r.observation } else { obs.append(r.observation) }
            infos[i] = r.info
            autoresetEnvs[i] = false
        }
        guard obs.count == numEnvs else { throw EnvError.resetNeeded("reset_mask needs a full reset first") }
        lastObservations = obs
        return (VectorEnv.concatenate(obs, space: singleObservationSpace), VectorEnv.mergeInfos(infos))
    }

    public override func step(_ actions: [EnvValue]) throws -> VectorStepResult {
        guard actions.count == numEnvs else { throw EnvError.invalidAction("Expected \(numEnvs) actions, got \(actions.count)") }
        var outcomes: [SubStep] = []
        outcomes.reserveCapacity(numEnvs)
        for i in 0..<numEnvs {
            try Cancellation.checkpoint()   // thousands of slow envs (CarRacing) take seconds a step
            outcomes.append(try SubStep.run(envs[i], actions[i], autoreset: autoresetEnvs[i], mode: autoresetMode))
        }
        return finish(outcomes)
    }

    func finish(_ outcomes: [SubStep]) -> VectorStepResult {
        lastObservations = outcomes.map { $0.observation }
        for i in 0..<numEnvs { autoresetEnvs[i] = outcomes[i].terminated || outcomes[i].truncated }
        if autoresetMode == .sameStep { for i in 0..<numEnvs { autoresetEnvs[i] = false } }
        return SubStep.batch(outcomes, space: singleObservationSpace)
    }

    public override func render() throws -> [RGBImage]? {
        let frames = try envs.compactMap { try $0.render() }
        return frames.isEmpty ? nil : frames
    }

    public override func close() { envs.forEach { $0.close() } }
}

/// One sub-env's step under an autoreset mode (shared by the sync and threaded vector envs).
struct SubStep {
    var observation: EnvValue
    var reward: Double
    var terminated: Bool
    var truncated: Bool
    var info: Info

    static func run(_ env: Env, _ action: EnvValue, autoreset: Bool, mode: AutoresetMode) throws -> SubStep {
        if mode == .nextStep && autoreset {
            let (o, info) = try env.reset()
            return SubStep(observation: o, reward: 0, terminated: false, truncated: false, info: info)
        }
        let r = try env.step(action)
        var s = SubStep(observation: r.observation, reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info)
        if mode == .sameStep && (r.terminated || r.truncated) {
            let (o, resetInfo) = try env.reset()
            var info = resetInfo
            info["final_obs"] = .value(r.observation)
            info["final_info"] = .info(r.info)
            s.observation = o
            s.info = info
        }
        return s
    }

    static func batch(_ outcomes: [SubStep], space: Space) -> VectorStepResult {
        (VectorEnv.concatenate(outcomes.map { $0.observation }, space: space), outcomes.map { $0.reward },
         outcomes.map { $0.terminated }, outcomes.map { $0.truncated }, VectorEnv.mergeInfos(outcomes.map { $0.info }))
    }
}
