import RLEnv
import RLNN
import RLSupport
import RLTensor

/// REINFORCE (Williams 1992), as Gymnasium's policy-gradient tutorial writes it: play a whole episode
/// with a stochastic policy, compute the discounted returns G_t, normalise them, and step Adam on
/// −Σ log π(a_t|s_t)·G_t. One env; discrete (categorical) or continuous (Gaussian) actions.
public final class REINFORCE: BaseAlgorithm {
    /// REINFORCE's hyperparameters.
    public struct Config {
        /// Discount factor.
        public var gamma = 0.99
        /// Normalise each episode's returns to mean 0, std 1 (the tutorial's variance reduction).
        public var normalizeReturns = true
        /// Hidden layers of the policy (the tutorial's 16 and 32, Tanh).
        public var hidden = [16, 32]
        public init() {}
    }

    public let config: Config
    public let policy: ActorCriticPolicy
    public let optimizer: Adam

    public convenience init(policy policyName: String = "MlpPolicy", env: VecEnv, learningRate: Schedule = .constant(1e-4), config: Config = Config(),
                            verbose: Int = 0, seed: Int? = nil, output: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        guard env.numEnvs == 1 else { throw AgentError.invalidArgument("REINFORCE plays one env at a time, got \(env.numEnvs)") }
        let action = try BaseAlgorithm.actionKind(env.actionSpace, algorithm: "REINFORCE", discreteOnly: false)
        try self.init(policyName: policyName, env: env, layout: env.layout, action: action, learningRate: learningRate, config: config,
                      verbose: verbose, seed: seed, output: output)
    }

    init(policyName: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule, config: Config,
         verbose: Int, seed: Int?, output: @escaping (String) -> Void) throws {
        guard policyName == "MlpPolicy" else { throw AgentError.invalidArgument("REINFORCE has only MlpPolicy, got '\(policyName)'") }
        if layout.isImage { throw AgentError.unsupportedEnv("REINFORCE's MlpPolicy does not take images (shape \(layout.envShape))") }
        self.config = config
        if let seed { manualSeed(seed) }
        var kw = PolicyKwargs()
        kw.netArchPi = config.hidden; kw.netArchVf = []; kw.activation = .tanh; kw.orthoInit = false
        policy = try ActorCriticPolicy(layout: layout, action: action, cnn: false, kwargs: kw)
        optimizer = try Adam(policy.parameters(), lr: try learningRate(1, what: "learning rate"))
        try super.init(algorithmName: "REINFORCE", policy: policyName, env: env, layout: layout, action: action, learningRate: learningRate,
                       policyKwargs: kw, seed: seed, verbose: verbose, tensorboardLog: nil, device: "cpu", output: output)
    }

    public override var policyModule: Module { policy }
    override var optimizers: [Optimizer] { [optimizer] }

    /// Plays and learns from whole episodes until `totalTimesteps` steps have been taken.
    @discardableResult
    public func learn(totalTimesteps: Int, callback: BaseCallback? = nil, logInterval: Int = 100, progressBar: Bool = false) throws -> REINFORCE {
        let cb = try setupLearn(totalTimesteps: totalTimesteps, callback: progressBar ? BaseAlgorithm.withProgressBar(callback) : callback,
                                resetNumTimesteps: true, tbLogName: nil)
        try cb?.onTrainingStart()
        let env = self.env!
        outer: while numTimesteps < self.totalTimesteps {
            try checkpointIfDue(callback: cb, iteration: 0)      // between episodes: nothing else is live
            var obs = ObservationBatch(layout: layout), actions: [[Float]] = [], rewards: [Double] = []
            var current = lastObs!
            while true {
                let a = try policy.act(try current.tensor(), deterministic: false).actions[0]
                let res = try env.step([envAction(a)])
                obs.append(current)
                actions.append(a); rewards.append(res.rewards[0])
                numTimesteps += 1
                var locals = StepLocals()
                locals.numTimesteps = numTimesteps; locals.rewards = res.rewards; locals.dones = res.dones
                locals.episodes = res.episodes.compactMap { $0 }
                if let cb, try !cb.step(locals) { break outer }
                updateInfoBuffer(res.episodes)
                current = res.observations
                updateProgress()
                if res.dones[0] { break }
                if pendingRestart {
                    lastObs = current
                    try applyPendingRestart()
                    current = lastObs!
                    break
                }
            }
            lastObs = current
            episodeNum += 1
            try train(obs, actions, rewards)
            if logInterval > 0 && episodeNum % logInterval == 0 {
                logger?.record("time/episodes", .int(episodeNum), exclude: ["tensorboard"])
                recordRolloutAndTime()
                try dumpLogger()
            }
        }
        try cb?.onTrainingEnd()
        return self
    }

    /// One policy-gradient step on an episode.
    func train(_ obs: ObservationBatch, _ actions: [[Float]], _ rewards: [Double]) throws {
        try updateLearningRate([optimizer])
        var returns = [Double](repeating: 0, count: rewards.count)
        var g = 0.0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) { g = rewards[t] + config.gamma * g; returns[t] = g }
        var gt = try Tensor(returns.map { Float($0) }, shape: [returns.count])
        if config.normalizeReturns && returns.count > 1 { gt = try (gt - (try gt.mean())) / (try gt.std() + 1e-9) }
        let acts = policy.action.isDiscrete
            ? try Tensor(actions.map { Int64($0[0]) }, shape: [actions.count])
            : try Tensor(actions.flatMap { $0 }, shape: [actions.count, policy.action.dim])
        let (_, logProb, _) = try policy.evaluateActions(try obs.tensor(), acts)
        let loss = try (logProb * gt).sum().neg()
        let l = try loss.item
        guard l.isFinite else { throw AgentError.numerical("REINFORCE loss became \(l) at step \(numTimesteps); lower the learning rate") }
        optimizer.zeroGrad()
        try loss.backward()
        try optimizer.step()
        nUpdates += 1
        logger?.record("train/loss", .double(l))
        logger?.record("train/n_updates", .int(nUpdates), exclude: ["tensorboard"])
    }

    override func predictActions(_ obs: ObservationBatch, deterministic: Bool) throws -> [[Float]] {
        try policy.act(try obs.tensor(), deterministic: deterministic).actions
    }

    override func configJSON() -> [(String, JSONValue)] {
        [("gamma", .number(config.gamma)), ("normalize_returns", .bool(config.normalizeReturns)),
         ("hidden", .array(config.hidden.map { .number(Double($0)) }))]
    }

    /// Loads a model saved with `save`.
    public static func load(_ path: String, env: VecEnv? = nil, verbose: Int = 0, output: @escaping (String) -> Void = { print($0, terminator: "") }) throws -> REINFORCE {
        let f = try ModelArchive.open(path, expect: "REINFORCE", env: env, defaultLearningRate: 1e-4)
        var c = Config()
        if case .number(let g)? = f.config["gamma"] { c.gamma = g }
        if case .bool(let b)? = f.config["normalize_returns"] { c.normalizeReturns = b }
        if case .array(let h)? = f.config["hidden"] { c.hidden = h.compactMap { if case .number(let d) = $0 { return Int(d) }; return nil } }
        let m = try REINFORCE(policyName: "MlpPolicy", env: env, layout: f.layout, action: f.action, learningRate: .constant(f.learningRate),
                              config: c, verbose: verbose, seed: nil, output: output)
        try f.restore(into: m)
        return m
    }
}
