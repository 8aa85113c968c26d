import RLEnv
import RLNN
import RLSupport
import RLTensor

/// Deep Q-Network (Mnih et al. 2015) with Stable-Baselines3's semantics and defaults
/// (`stable_baselines3/dqn/dqn.py`): ε-greedy exploration over a replay buffer, a target network
/// copied every `targetUpdateInterval` steps, Huber loss, Adam, gradient clipping.
public final class DQN: BaseAlgorithm {
    /// DQN's hyperparameters; the defaults are SB3 2.x's.
    public struct Config {
        /// Transitions kept in the replay buffer.
        public var bufferSize = 1_000_000
        /// Steps of uniformly random actions before learning starts.
        public var learningStarts = 100
        /// Transitions per gradient step.
        public var batchSize = 32
        /// Soft-update coefficient of the target network (1 = hard copy).
        public var tau = 1.0
        /// Discount factor.
        public var gamma = 0.99
        /// Env steps (per env) between training phases.
        public var trainFreq = 4
        /// Gradient steps per training phase (-1: as many as env steps collected).
        public var gradientSteps = 1
        /// Env steps between target-network updates.
        public var targetUpdateInterval = 10_000
        /// Fraction of training over which ε falls from its initial to its final value.
        public var explorationFraction = 0.1
        /// ε at the start.
        public var explorationInitialEps = 1.0
        /// ε after `explorationFraction` of training.
        public var explorationFinalEps = 0.05
        /// Gradient norm clipping.
        public var maxGradNorm = 10.0
        /// Use the online network to pick next actions (double DQN, van Hasselt et al. 2016); SB3's DQN does not.
        public var doubleQ = false
        /// Store each frame once, compressed (false: raw bytes).
        public var compressFrames = true
        public init() {}
    }

    public let config: Config
    public let policy: DQNPolicy
    public let replayBuffer: ReplayBuffer
    public let optimizer: Adam
    public private(set) var explorationRate: Double
    let explorationSchedule: Schedule
    var nCalls = 0

    public convenience init(policy policyName: String, env: VecEnv, learningRate: Schedule = .constant(1e-4), config: Config = Config(),
                            policyKwargs: PolicyKwargs = PolicyKwargs(), tensorboardLog: String? = nil, verbose: Int = 0, seed: Int? = nil,
                            device: String = "auto", output: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        let action = try BaseAlgorithm.actionKind(env.actionSpace, algorithm: "DQN", discreteOnly: true)
        try self.init(policyName: policyName, env: env, layout: env.layout, action: action, learningRate: learningRate, config: config,
                      policyKwargs: policyKwargs, tensorboardLog: tensorboardLog, verbose: verbose, seed: seed, device: device, output: output)
    }

    init(policyName: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule, config: Config,
         policyKwargs: PolicyKwargs, tensorboardLog: String?, verbose: Int, seed: Int?, device: String, output: @escaping (String) -> Void) throws {
        let cnn = try BaseAlgorithm.isCnn(policyName)
        try DQN.validate(config)
        if !cnn && layout.isImage {
            throw AgentError.unsupportedEnv("the observations are images of shape \(layout.envShape): use policy: \"CnnPolicy\" (MlpPolicy would flatten \(layout.size) pixels into one vector)")
        }
        guard case .discrete(let nActions, _) = action else { throw AgentError.unsupportedEnv("DQN needs a Discrete action space") }
        self.config = config
        explorationSchedule = .linear(start: config.explorationInitialEps, end: config.explorationFinalEps, fraction: config.explorationFraction)
        explorationRate = config.explorationInitialEps
        replayBuffer = try ReplayBuffer(bufferSize: config.bufferSize, nEnvs: env?.numEnvs ?? 1, layout: layout, compressFrames: config.compressFrames)
        if let seed { manualSeed(seed) }          // torch.manual_seed: network initialisation
        policy = try DQNPolicy(layout: layout, nActions: nActions, cnn: cnn, kwargs: policyKwargs)
        optimizer = try Adam(policy.qNet.parameters(), lr: try learningRate(1, what: "learning rate"))
        try super.init(algorithmName: "DQN", policy: policyName, env: env, layout: layout, action: action, learningRate: learningRate,
                       policyKwargs: policyKwargs, seed: seed, verbose: verbose, tensorboardLog: tensorboardLog, device: device, output: output)
        if replayBuffer.fullSizeBytes > ReplayBuffer.physicalMemory() && verbose >= 1 {
            output("The replay buffer (\(config.bufferSize) transitions) can grow to \(ReplayBuffer.gb(replayBuffer.fullSizeBytes)) uncompressed, more than this machine's \(ReplayBuffer.gb(ReplayBuffer.physicalMemory())); it fills as training goes and stops with an error if memory runs out.\n")
        }
    }

    /// Loads a model saved with `save` (SB3's `DQN.load`); with `env`, training can continue.
    public static func load(_ path: String, env: VecEnv? = nil, verbose: Int = 0, output: @escaping (String) -> Void = { print($0, terminator: "") }) throws -> DQN {
        let f = try ModelArchive.open(path, expect: "DQN", env: env, defaultLearningRate: 1e-4)
        let m = try DQN(policyName: f.policyName, env: env, layout: f.layout, action: f.action, learningRate: .constant(f.learningRate),
                        config: DQN.config(from: f.config), policyKwargs: f.policyKwargs, tensorboardLog: nil, verbose: verbose, seed: nil,
                        device: "cpu", output: output)
        try f.restore(into: m)
        m.restore(from: f.config)
        return m
    }

    static func validate(_ c: Config) throws {
        func check(_ ok: Bool, _ m: String) throws { if !ok { throw AgentError.invalidArgument(m) } }
        try check(c.bufferSize >= 1, "bufferSize must be at least 1, got \(c.bufferSize)")
        try check(c.batchSize >= 1, "batchSize must be at least 1, got \(c.batchSize)")
        try check(c.learningStarts >= 0, "learningStarts must be >= 0, got \(c.learningStarts)")
        try check(c.trainFreq >= 1, "trainFreq must be at least 1, got \(c.trainFreq)")
        try check(c.gradientSteps >= 1 || c.gradientSteps == -1, "gradientSteps must be >= 1 or -1, got \(c.gradientSteps)")
        try check(c.targetUpdateInterval >= 1, "targetUpdateInterval must be at least 1, got \(c.targetUpdateInterval)")
        try check((0...1).contains(c.tau), "tau must be in [0, 1], got \(c.tau)")
        try check((0...1).contains(c.gamma), "gamma must be in [0, 1], got \(c.gamma)")
        try check((0...1).contains(c.explorationFraction) && c.explorationFraction > 0, "explorationFraction must be in (0, 1], got \(c.explorationFraction)")
    }

    public override var policyModule: Module { policy }
    override var optimizers: [Optimizer] { [optimizer] }

    // MARK: - learn

    /// Trains for `totalTimesteps` env steps (SB3's `OffPolicyAlgorithm.learn`).
    @discardableResult
    public func learn(totalTimesteps: Int, callback: BaseCallback? = nil, logInterval: Int = 4, tbLogName: String? = nil,
                      resetNumTimesteps: Bool = true, progressBar: Bool = false) throws -> DQN {
        let cb = try setupLearn(totalTimesteps: totalTimesteps, callback: progressBar ? BaseAlgorithm.withProgressBar(callback) : callback,
                                resetNumTimesteps: resetNumTimesteps, tbLogName: tbLogName)
        try cb?.onTrainingStart()
        let env = self.env!
        outer: while numTimesteps < self.totalTimesteps {
            try checkpointIfDue(callback: cb, iteration: 0)
            // collect_rollouts: trainFreq steps per env, whole (SB3's `should_collect_more_steps` does not look at the
            // total: learn(totalTimesteps: 301) with 2 envs ends at 304 timesteps, as in SB3)
            try cb?.onRolloutStart()
            var collected = 0
            while collected < config.trainFreq {
                let obs = lastObs!
                let actions = try sampleActions(obs, env: env)
                let res = try env.step(actions.map { .int($0 + actionStart) })
                numTimesteps += env.numEnvs * processGroup.size      // every process steps its envs at once
                collected += 1
                var locals = StepLocals()
                locals.numTimesteps = numTimesteps; locals.rewards = res.rewards; locals.dones = res.dones
                locals.episodes = res.episodes.compactMap { $0 }; locals.explorationRate = explorationRate
                if let cb, try !cb.step(locals) { break outer }
                updateInfoBuffer(res.episodes)
                // Next observations: the terminal observation where an episode ended.
                var next = ObservationBatch(layout: layout)
                for i in 0..<env.numEnvs {
                    if let t = res.terminalObservations[i] { try layout.append(t, to: &next) } else {
                        next.append(row: i, of: res.observations)
                    }
                }
                try replayBuffer.add(observations: obs, nextObservations: next, actions: actions, rewards: res.rewards,
                                     dones: res.dones, timeouts: res.truncated)
                lastObs = res.observations
                try applyPendingRestart()
                updateProgress()
                try onStep()
                for done in res.dones where done {
                    episodeNum += 1
                    if logInterval > 0 && episodeNum % logInterval == 0 { try dumpLogs() }
                }
            }
            try cb?.onRolloutEnd()
            if numTimesteps > 0 && numTimesteps > config.learningStarts {
                let steps = config.gradientSteps >= 0 ? config.gradientSteps : collected
                if steps > 0 { try train(gradientSteps: steps) }
            }
        }
        try cb?.onTrainingEnd()
        return self
    }

    var actionStart: Int { if case .discrete(_, let s) = action { return s }; return 0 }
    var nActions: Int { if case .discrete(let n, _) = action { return n }; return 1 }

    /// Random actions before `learningStarts`, ε-greedy after (SB3's `_sample_action` and `predict`).
    func sampleActions(_ obs: ObservationBatch, env: VecEnv) throws -> [Int] {
        if numTimesteps < config.learningStarts { return try randomActions(env.numEnvs, env: env) }
        if rng.random() < explorationRate { return try randomActions(env.numEnvs, env: env) }
        return try policy.predict(try obs.tensor())
    }

    func randomActions(_ n: Int, env: VecEnv?) throws -> [Int] {
        if let d = env?.actionSpace as? Discrete { return (0..<n).map { _ in d.sampleInt() - d.start } }
        return (0..<n).map { _ in rng.boundedInt(offset: 0, inclusiveRange: UInt64(nActions - 1)) }
    }

    /// Target updates and the exploration schedule after each env step (SB3's `_on_step`).
    func onStep() throws {
        nCalls += 1
        let interval = max(config.targetUpdateInterval / max((env?.numEnvs ?? 1) * processGroup.size, 1), 1)
        if nCalls % interval == 0 { try polyakUpdate() }
        explorationRate = try explorationSchedule(progressRemaining, what: "exploration")
        logger?.record("rollout/exploration_rate", .double(explorationRate))
    }

    func polyakUpdate() throws {
        let src = policy.qNet.parameters(), dst = policy.qNetTarget.parameters()
        for (s, d) in zip(src, dst) {
            if config.tau == 1 { try d.copy_(s); continue }
            try noGrad { try d.copy_(try (d * (1 - config.tau)) + (s * config.tau)) }
        }
    }

    /// Gradient steps on replay batches (SB3's `DQN.train`).
    func train(gradientSteps: Int) throws {
        policy.train(true)
        try updateLearningRate([optimizer])
        var losses: [Double] = []
        for _ in 0..<gradientSteps {
            let batch = try replayBuffer.sample(config.batchSize, rng: rng)
            let target: Tensor = try noGrad {
                let nextQ = try policy.qNetTarget(batch.nextObservations)
                let nextBest: Tensor
                if config.doubleQ {
                    let a = try policy.qNet(batch.nextObservations).argmax(dim: 1, keepdim: true)
                    nextBest = try nextQ.gather(dim: 1, index: a)
                } else {
                    nextBest = try nextQ.max(dim: 1, keepdim: true).values
                }
                return try batch.rewards + (try (1 - batch.dones) * nextBest) * config.gamma
            }
            let q = try policy.qNet(batch.observations).gather(dim: 1, index: batch.actions)
            let loss = try smoothL1Loss(q, target)
            let l = try loss.item
            guard l.isFinite else {
                throw AgentError.numerical("DQN loss became \(l) at step \(numTimesteps) (update \(nUpdates + 1)); lower the learning rate (now \(optimizer.lr)) or check the rewards and observations for NaN/inf")
            }
            losses.append(l)
            optimizer.zeroGrad()
            try loss.backward()
            try averageGradients(policy.qNet.parameters())
            try clipGradNorm(policy.qNet.parameters(), maxNorm: config.maxGradNorm)
            try optimizer.step()
        }
        nUpdates += gradientSteps
        logger?.record("train/n_updates", .int(nUpdates), exclude: ["tensorboard"])
        logger?.record("train/loss", .double(Statistics.mean(losses)))
    }

    /// SB3's off-policy `_dump_logs`.
    func dumpLogs() throws {
        logger?.record("time/episodes", .int(episodeNum), exclude: ["tensorboard"])
        recordRolloutAndTime()
        try dumpLogger()
    }

    override func predictActions(_ obs: ObservationBatch, deterministic: Bool) throws -> [[Float]] {
        if !deterministic && rng.random() < explorationRate {
            return try randomActions(obs.count, env: env).map { [Float($0)] }
        }
        return try policy.predict(try obs.tensor()).map { [Float($0)] }
    }

    override func configJSON() -> [(String, JSONValue)] {
        let c = config
        return [("buffer_size", .number(Double(c.bufferSize))), ("learning_starts", .number(Double(c.learningStarts))),
                ("batch_size", .number(Double(c.batchSize))), ("tau", .number(c.tau)), ("gamma", .number(c.gamma)),
                ("train_freq", .number(Double(c.trainFreq))), ("gradient_steps", .number(Double(c.gradientSteps))),
                ("target_update_interval", .number(Double(c.targetUpdateInterval))),
                ("exploration_fraction", .number(c.explorationFraction)), ("exploration_initial_eps", .number(c.explorationInitialEps)),
                ("exploration_final_eps", .number(c.explorationFinalEps)), ("max_grad_norm", .number(c.maxGradNorm)),
                ("double_q", .bool(c.doubleQ)), ("exploration_rate", .number(explorationRate)), ("n_calls", .number(Double(nCalls)))]
    }

    static func config(from j: JSONValue) -> Config {
        var c = Config()
        func num(_ k: String) -> Double? { if case .number(let d)? = j[k] { return d }; return nil }
        if let v = num("buffer_size") { c.bufferSize = Int(v) }
        if let v = num("learning_starts") { c.learningStarts = Int(v) }
        if let v = num("batch_size") { c.batchSize = Int(v) }
        if let v = num("tau") { c.tau = v }
        if let v = num("gamma") { c.gamma = v }
        if let v = num("train_freq") { c.trainFreq = Int(v) }
        if let v = num("gradient_steps") { c.gradientSteps = Int(v) }
        if let v = num("target_update_interval") { c.targetUpdateInterval = Int(v) }
        if let v = num("exploration_fraction") { c.explorationFraction = v }
        if let v = num("exploration_initial_eps") { c.explorationInitialEps = v }
        if let v = num("exploration_final_eps") { c.explorationFinalEps = v }
        if let v = num("max_grad_norm") { c.maxGradNorm = v }
        if case .bool(let b)? = j["double_q"] { c.doubleQ = b }
        return c
    }

    override func writeAlgorithmState(into s: inout TrainingState) throws {
        try s.put("dqn", doubles: [explorationRate, Double(nCalls)])
        try replayBuffer.writeState(into: &s)
    }

    override func readAlgorithmState(_ s: TrainingState) throws {
        let d = try s.doubles("dqn")
        guard d.count == 2 else { throw AgentError.file("the training state's DQN entry is corrupt") }
        try replayBuffer.readState(s)
        explorationRate = d[0]
        nCalls = Int(d[1])
    }

    /// Restores the exploration state saved with the model.
    func restore(from j: JSONValue) {
        if case .number(let e)? = j["exploration_rate"] { explorationRate = e }
        if case .number(let n)? = j["n_calls"] { nCalls = Int(n) }
    }
}
