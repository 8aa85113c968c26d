import RLEnv
import RLNN
import RLSupport
import RLTensor

/// Advantage Actor-Critic (Mnih et al. 2016, synchronous) with SB3's semantics and defaults
/// (`stable_baselines3/a2c/a2c.py`): one gradient step per short rollout, RMSprop (α 0.99, ε 1e-5).
public final class A2C: OnPolicyAlgorithm {
    /// A2C's hyperparameters; the defaults are SB3 2.x's.
    public struct Config {
        /// Steps per env per rollout.
        public var nSteps = 5
        /// Discount factor.
        public var gamma = 0.99
        /// GAE λ (1: plain n-step returns).
        public var gaeLambda = 1.0
        /// Entropy bonus coefficient.
        public var entCoef = 0.0
        /// Value loss coefficient.
        public var vfCoef = 0.5
        /// Gradient norm clipping.
        public var maxGradNorm = 0.5
        /// RMSprop's ε.
        public var rmsPropEps = 1e-5
        /// RMSprop (true) or Adam (false).
        public var useRmsProp = true
        /// Use TensorFlow's RMSprop variant (ε inside the square root), as RL-Zoo's Atari settings do.
        public var rmsPropTFLike = false
        /// Normalise advantages.
        public var normalizeAdvantage = false
        public init() {}
    }

    public let config: Config

    public convenience init(policy policyName: String, env: VecEnv, learningRate: Schedule = .constant(7e-4), config: Config = Config(),
                            policyKwargs: PolicyKwargs = PolicyKwargs(), tensorboardLog: String? = nil, verbose: Int = 0, seed: Int? = nil,
                            device: String = "auto", output: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        let action = try BaseAlgorithm.actionKind(env.actionSpace, algorithm: "A2C", discreteOnly: false)
        try self.init(policyName: policyName, env: env, layout: env.layout, action: action, learningRate: learningRate, config: config,
                      policyKwargs: policyKwargs, tensorboardLog: tensorboardLog, verbose: verbose, seed: seed, device: device, output: output)
    }

    init(policyName: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule, config: Config,
         policyKwargs: PolicyKwargs, tensorboardLog: String?, verbose: Int, seed: Int?, device: String, output: @escaping (String) -> Void) throws {
        self.config = config
        try super.init(name: "A2C", policy: policyName, env: env, layout: layout, action: action, learningRate: learningRate, nSteps: config.nSteps, gamma: config.gamma,
                       gaeLambda: config.gaeLambda, policyKwargs: policyKwargs, tensorboardLog: tensorboardLog, verbose: verbose,
                       seed: seed, device: device, output: output) { params, lr in
            if !config.useRmsProp { return try Adam(params, lr: lr, eps: 1e-5) }
            if config.rmsPropTFLike { return try RMSpropTFLike(params, lr: lr, alpha: 0.99, eps: config.rmsPropEps) }
            return try RMSprop(params, lr: lr, alpha: 0.99, eps: config.rmsPropEps)
        }
    }

    /// Loads a model saved with `save` (SB3's `A2C.load`); with `env`, training can continue.
    public static func load(_ path: String, env: VecEnv? = nil, verbose: Int = 0, output: @escaping (String) -> Void = { print($0, terminator: "") }) throws -> A2C {
        let f = try ModelArchive.open(path, expect: "A2C", env: env, defaultLearningRate: 7e-4)
        let m = try A2C(policyName: f.policyName, env: env, layout: f.layout, action: f.action, learningRate: .constant(f.learningRate),
                        config: A2C.config(from: f.config), policyKwargs: f.policyKwargs, tensorboardLog: nil, verbose: verbose, seed: nil,
                        device: "cpu", output: output)
        try f.restore(into: m)
        return m
    }

    /// Trains for `totalTimesteps` env steps.
    @discardableResult
    public func learn(totalTimesteps: Int, callback: BaseCallback? = nil, logInterval: Int = 100, tbLogName: String? = nil,
                      resetNumTimesteps: Bool = true, progressBar: Bool = false) throws -> A2C {
        try learnLoop(totalTimesteps: totalTimesteps, callback: callback, logInterval: logInterval, tbLogName: tbLogName,
                      resetNumTimesteps: resetNumTimesteps, progressBar: progressBar)
        return self
    }

    /// SB3's `A2C.train`: one gradient step on the whole rollout.
    override func train() throws {
        policy.train(true)
        try updateLearningRate([optimizer])
        for batch in try rolloutBuffer.batches(nil, rng: rng) {
            let (values, logProb, entropy) = try policy.evaluateActions(batch.observations, batch.actions)
            var adv = batch.advantages
            if config.normalizeAdvantage { adv = try (adv - (try adv.mean())) / (try adv.std() + 1e-8) }
            let policyLoss = try (adv * logProb).mean().neg()
            let valueLoss = try mseLoss(batch.returns, values)
            let entropyLoss = try entropy.mean().neg()
            let loss = try (policyLoss + entropyLoss * config.entCoef) + valueLoss * config.vfCoef
            try checkFinite(try loss.item, "loss")
            optimizer.zeroGrad()
            try loss.backward()
            try averageGradients(policy.parameters())
            try clipGradNorm(policy.parameters(), maxNorm: config.maxGradNorm)
            try optimizer.step()
            nUpdates += 1
            logger?.record("train/n_updates", .int(nUpdates), exclude: ["tensorboard"])
            logger?.record("train/explained_variance", .double(explainedVariance()))
            logger?.record("train/entropy_loss", .double(try entropyLoss.item))
            logger?.record("train/policy_loss", .double(try policyLoss.item))
            logger?.record("train/value_loss", .double(try valueLoss.item))
            if let s = policy.stdMean { logger?.record("train/std", .double(s)) }
        }
    }

    override func configJSON() -> [(String, JSONValue)] {
        let c = config
        return [("n_steps", .number(Double(c.nSteps))), ("gamma", .number(c.gamma)), ("gae_lambda", .number(c.gaeLambda)),
                ("ent_coef", .number(c.entCoef)), ("vf_coef", .number(c.vfCoef)), ("max_grad_norm", .number(c.maxGradNorm)),
                ("rms_prop_eps", .number(c.rmsPropEps)), ("use_rms_prop", .bool(c.useRmsProp)), ("rms_prop_tf_like", .bool(c.rmsPropTFLike)),
                ("normalize_advantage", .bool(c.normalizeAdvantage))]
    }

    static func config(from j: JSONValue) -> Config {
        var c = Config()
        func num(_ k: String) -> Double? { if case .number(let d)? = j[k] { return d }; return nil }
        if let v = num("n_steps") { c.nSteps = Int(v) }
        if let v = num("gamma") { c.gamma = v }
        if let v = num("gae_lambda") { c.gaeLambda = v }
        if let v = num("ent_coef") { c.entCoef = v }
        if let v = num("vf_coef") { c.vfCoef = v }
        if let v = num("max_grad_norm") { c.maxGradNorm = v }
        if let v = num("rms_prop_eps") { c.rmsPropEps = v }
        if case .bool(let b)? = j["use_rms_prop"] { c.useRmsProp = b }
        if case .bool(let b)? = j["rms_prop_tf_like"] { c.rmsPropTFLike = b }
        if case .bool(let b)? = j["normalize_advantage"] { c.normalizeAdvantage = b }
        return c
    }
}
