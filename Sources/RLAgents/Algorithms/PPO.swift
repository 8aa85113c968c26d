import RLEnv
import RLNN
import RLSupport
import RLTensor

/// Proximal Policy Optimization (Schulman et al. 2017) with SB3's semantics and defaults
/// (`stable_baselines3/ppo/ppo.py`): clipped surrogate objective over several epochs of minibatches,
/// GAE(λ), optional value clipping, advantage normalisation, Adam (ε = 1e-5), gradient clipping.
public final class PPO: OnPolicyAlgorithm {
    /// PPO's hyperparameters; the defaults are SB3 2.x's.
    public struct Config {
        /// Steps per env per rollout.
        public var nSteps = 2048
        /// Minibatch size.
        public var batchSize = 64
        /// Passes over each rollout.
        public var nEpochs = 10
        /// Discount factor.
        public var gamma = 0.99
        /// GAE λ.
        public var gaeLambda = 0.95
        /// Clipping of the probability ratio (a schedule of progress remaining).
        public var clipRange: Schedule = .constant(0.2)
        /// Clipping of the value change, or nil for none.
        public var clipRangeVf: Schedule? = nil
        /// Normalise advantages per minibatch.
        public var normalizeAdvantage = true
        /// Entropy bonus coefficient.
        public var entCoef = 0.0
        /// Value loss coefficient.
        public var vfCoef = 0.5
        /// Gradient norm clipping.
        public var maxGradNorm = 0.5
        /// Stop an update's epochs early when the approximate KL exceeds 1.5 × this (nil: never).
        public var targetKl: Double? = nil
        public init() {}
    }

    public let config: Config

    public convenience init(policy policyName: String, env: VecEnv, learningRate: Schedule = .constant(3e-4), config: Config = Config(),
                            policyKwargs: PolicyKwargs = PolicyKwargs(), tensorboardLog: String? = nil, verbose: Int = 0, seed: Int? = nil,
                            device: String = "auto", output: @escaping (String) -> Void = { print($0, terminator: "") }) throws {
        let action = try BaseAlgorithm.actionKind(env.actionSpace, algorithm: "PPO", discreteOnly: false)
        try self.init(policyName: policyName, env: env, layout: env.layout, action: action, learningRate: learningRate, config: config,
                      policyKwargs: policyKwargs, tensorboardLog: tensorboardLog, verbose: verbose, seed: seed, device: device, output: output)
    }

    init(policyName: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule, config: Config,
         policyKwargs: PolicyKwargs, tensorboardLog: String?, verbose: Int, seed: Int?, device: String, output: @escaping (String) -> Void) throws {
        guard config.batchSize > 1 else { throw AgentError.invalidArgument("batchSize must be greater than 1 (advantage normalisation needs two samples), got \(config.batchSize)") }
        guard config.nEpochs >= 1 else { throw AgentError.invalidArgument("nEpochs must be at least 1, got \(config.nEpochs)") }
        let nEnvs = env?.numEnvs ?? 1
        guard config.nSteps * nEnvs > 1 else { throw AgentError.invalidArgument("nSteps × nEnvs must be greater than 1, got \(config.nSteps) × \(nEnvs)") }
        self.config = config
        try super.init(name: "PPO", policy: policyName, env: env, layout: layout, action: action, learningRate: learningRate, nSteps: config.nSteps, gamma: config.gamma,
                       gaeLambda: config.gaeLambda, policyKwargs: policyKwargs, tensorboardLog: tensorboardLog, verbose: verbose,
                       seed: seed, device: device, output: output) { try Adam($0, lr: $1, eps: 1e-5) }
        let buffer = config.nSteps * nEnvs
        if buffer % config.batchSize != 0 && verbose >= 1 {
            output("You have specified a mini-batch size of \(config.batchSize), but because the `RolloutBuffer` is of size `n_steps * n_envs = \(buffer)`, after every \(buffer / config.batchSize) untruncated mini-batches, there will be a truncated mini-batch of size \(buffer % config.batchSize)\n")
        }
    }

    /// Loads a model saved with `save` (SB3's `PPO.load`); with `env`, training can continue.
    public static func load(_ path: String, env: VecEnv? = nil, verbose: Int = 0, output: @escaping (String) -> Void = { print($0, terminator: "") }) throws -> PPO {
        let f = try ModelArchive.open(path, expect: "PPO", env: env, defaultLearningRate: 3e-4)
        let m = try PPO(policyName: f.policyName, env: env, layout: f.layout, action: f.action, learningRate: .constant(f.learningRate),
                        config: PPO.config(from: f.config), policyKwargs: f.policyKwargs, tensorboardLog: nil, verbose: verbose, seed: nil,
                        device: "cpu", output: output)
        try f.restore(into: m)
        return m
    }

    /// Trains for `totalTimesteps` env steps.
    @discardableResult
    public func learn(totalTimesteps: Int, callback: BaseCallback? = nil, logInterval: Int = 1, tbLogName: String? = nil,
                      resetNumTimesteps: Bool = true, progressBar: Bool = false) throws -> PPO {
        try learnLoop(totalTimesteps: totalTimesteps, callback: callback, logInterval: logInterval, tbLogName: tbLogName,
                      resetNumTimesteps: resetNumTimesteps, progressBar: progressBar)
        return self
    }

    /// SB3's `PPO.train`.
    override func train() throws {
        policy.train(true)
        try updateLearningRate([optimizer])
        let clip = try config.clipRange(progressRemaining, what: "clip range")
        let clipVf = try config.clipRangeVf.map { try $0(progressRemaining, what: "value clip range") }
        var entropyLosses: [Double] = [], pgLosses: [Double] = [], valueLosses: [Double] = [], clipFractions: [Double] = []
        var approxKl: [Double] = []
        var lastLoss = 0.0
        var continueTraining = true
        // (the module tree does not change while training: its parameter list is gathered once, not twice
        // per minibatch)
        let params = policy.parameters()
        for epoch in 0..<config.nEpochs {
            approxKl = []
            for batch in try rolloutBuffer.batches(config.batchSize, rng: rng) {
                let (values, logProb, entropy) = try policy.evaluateActions(batch.observations, batch.actions)
                var adv = batch.advantages
                if config.normalizeAdvantage && adv.count > 1 {
                    adv = try (adv - (try adv.mean())) / (try adv.std() + 1e-8)
                }
                let ratio = try (logProb - batch.oldLogProb).exp()
                let l1 = try adv * ratio
                let l2 = try adv * ratio.clamp(min: 1 - clip, max: 1 + clip)
                let policyLoss = try l1.minimum(l2).mean().neg()
                pgLosses.append(try policyLoss.item)
                // A statistic only: computed off the tape (no nodes for a graph nobody back-propagates).
                clipFractions.append(try noGrad { try ((ratio - 1).abs() > clip).float().mean().item })
                var valuesPred = values
                if let clipVf {
                    valuesPred = try batch.oldValues + (try (values - batch.oldValues).clamp(min: -clipVf, max: clipVf))
                }
                let valueLoss = try mseLoss(batch.returns, valuesPred)
                valueLosses.append(try valueLoss.item)
                let entropyLoss = try entropy.mean().neg()
                entropyLosses.append(try entropyLoss.item)
                let loss = try (policyLoss + entropyLoss * config.entCoef) + valueLoss * config.vfCoef
                lastLoss = try loss.item
                try checkFinite(lastLoss, "loss")
                var kl: Double = try noGrad {
                    let logRatio = try logProb - batch.oldLogProb
                    return try ((logRatio.exp() - 1) - logRatio).mean().item
                }
                // Every process must take the same early-stopping decision: decide on the mean KL.
                if config.targetKl != nil { kl = try meanAcrossProcesses(kl) }
                approxKl.append(kl)
                if let target = config.targetKl, kl > 1.5 * target {
                    continueTraining = false
                    if verbose >= 1 { output("Early stopping at step \(epoch) due to reaching max kl: \(cFormat("%.2f", kl))\n") }
                    break
                }
                optimizer.zeroGrad()
                try loss.backward()
                try averageGradients(params)
                try clipGradNorm(params, maxNorm: config.maxGradNorm)
                try optimizer.step()
            }
            nUpdates += 1
            if !continueTraining { break }
        }
        logger?.record("train/entropy_loss", .double(Statistics.mean(entropyLosses)))
        logger?.record("train/policy_gradient_loss", .double(Statistics.mean(pgLosses)))
        logger?.record("train/value_loss", .double(Statistics.mean(valueLosses)))
        logger?.record("train/approx_kl", .double(Statistics.mean(approxKl)))
        logger?.record("train/clip_fraction", .double(Statistics.mean(clipFractions)))
        logger?.record("train/loss", .double(lastLoss))
        logger?.record("train/explained_variance", .double(explainedVariance()))
        if let s = policy.stdMean { logger?.record("train/std", .double(s)) }
        logger?.record("train/n_updates", .int(nUpdates), exclude: ["tensorboard"])
        logger?.record("train/clip_range", .double(clip))
        if let clipVf { logger?.record("train/clip_range_vf", .double(clipVf)) }
    }

    override func configJSON() -> [(String, JSONValue)] {
        let c = config
        return [("n_steps", .number(Double(c.nSteps))), ("batch_size", .number(Double(c.batchSize))), ("n_epochs", .number(Double(c.nEpochs))),
                ("gamma", .number(c.gamma)), ("gae_lambda", .number(c.gaeLambda)), ("clip_range", .number((try? c.clipRange(progressRemaining, what: "")) ?? 0.2)),
                ("clip_range_vf", c.clipRangeVf.flatMap { (try? $0(progressRemaining, what: "")).map { .number($0) } } ?? .null),
                ("normalize_advantage", .bool(c.normalizeAdvantage)), ("ent_coef", .number(c.entCoef)), ("vf_coef", .number(c.vfCoef)),
                ("max_grad_norm", .number(c.maxGradNorm)), ("target_kl", c.targetKl.map { .number($0) } ?? .null)]
    }

    static func config(from j: JSONValue) -> Config {
        var c = Config()
        func num(_ k: String) -> Double? { if case .number(let d)? = j[k] { return d }; return nil }
        if let v = num("n_steps") { c.nSteps = Int(v) }
        if let v = num("batch_size") { c.batchSize = Int(v) }
        if let v = num("n_epochs") { c.nEpochs = Int(v) }
        if let v = num("gamma") { c.gamma = v }
        if let v = num("gae_lambda") { c.gaeLambda = v }
        if let v = num("clip_range") { c.clipRange = .constant(v) }
        if let v = num("clip_range_vf") { c.clipRangeVf = .constant(v) }
        if case .bool(let b)? = j["normalize_advantage"] { c.normalizeAdvantage = b }
        if let v = num("ent_coef") { c.entCoef = v }
        if let v = num("vf_coef") { c.vfCoef = v }
        if let v = num("max_grad_norm") { c.maxGradNorm = v }
        c.targetKl = num("target_kl")
        return c
    }
}
