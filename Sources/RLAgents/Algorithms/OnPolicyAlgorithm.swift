import RLEnv
import RLNN
import RLSupport
import RLTensor

/// What PPO and A2C share (SB3's `OnPolicyAlgorithm`): collect `nSteps` steps of every env with the
/// current policy into a `RolloutBuffer`, bootstrap through time-limit truncations, compute GAE(λ),
/// then `train()`.
open class OnPolicyAlgorithm: BaseAlgorithm {
    public let policy: ActorCriticPolicy
    public let rolloutBuffer: RolloutBuffer
    public let nSteps: Int
    public let gamma: Double
    public let gaeLambda: Double
    public let optimizer: Optimizer

    init(name: String, policy policyName: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule,
         nSteps: Int, gamma: Double, gaeLambda: Double,
         policyKwargs: PolicyKwargs, tensorboardLog: String?, verbose: Int, seed: Int?, device: String, output: @escaping (String) -> Void,
         makeOptimizer: ([Tensor], Double) throws -> Optimizer) throws {
        let cnn = try BaseAlgorithm.isCnn(policyName)
        guard nSteps >= 1 else { throw AgentError.invalidArgument("nSteps must be at least 1, got \(nSteps)") }
        guard (0...1).contains(gamma), (0...1).contains(gaeLambda) else {
            throw AgentError.invalidArgument("gamma and gaeLambda must be in [0, 1], got \(gamma) and \(gaeLambda)")
        }
        if !cnn && layout.isImage {
            throw AgentError.unsupportedEnv("the observations are images of shape \(layout.envShape): use policy: \"CnnPolicy\" (MlpPolicy would flatten \(layout.size) pixels into one vector)")
        }
        if let seed { manualSeed(seed) }
        policy = try ActorCriticPolicy(layout: layout, action: action, cnn: cnn, kwargs: policyKwargs)
        optimizer = try makeOptimizer(policy.parameters(), try learningRate(1, what: "learning rate"))
        rolloutBuffer = RolloutBuffer(nSteps: nSteps, nEnvs: env?.numEnvs ?? 1, layout: layout, actionDim: action.dim,
                                      discrete: action.isDiscrete, gamma: gamma, gaeLambda: gaeLambda)
        self.nSteps = nSteps
        self.gamma = gamma
        self.gaeLambda = gaeLambda
        try super.init(algorithmName: name, policy: policyName, env: env, layout: layout, action: action, learningRate: learningRate,
                       policyKwargs: policyKwargs, seed: seed, verbose: verbose, tensorboardLog: tensorboardLog, device: device, output: output)
    }

    public override var policyModule: Module { policy }
    override var optimizers: [Optimizer] { [optimizer] }

    /// One optimisation phase over the collected rollout (PPO's epochs, A2C's single step).
    func train() throws { fatalError("subclass") }

    /// The training loop (SB3's `OnPolicyAlgorithm.learn`).
    func learnLoop(totalTimesteps: Int, callback: BaseCallback?, logInterval: Int, tbLogName: String?, resetNumTimesteps: Bool, progressBar: Bool) throws {
        let cb = try setupLearn(totalTimesteps: totalTimesteps, callback: progressBar ? BaseAlgorithm.withProgressBar(callback) : callback,
                                resetNumTimesteps: resetNumTimesteps, tbLogName: tbLogName)
        var iteration = resumedIteration
        try cb?.onTrainingStart()
        while numTimesteps < self.totalTimesteps {
            try checkpointIfDue(callback: cb, iteration: iteration)
            guard try collectRollouts(callback: cb) else { break }
            iteration += 1
            updateProgress()
            if logInterval > 0 && iteration % logInterval == 0 {
                logger?.record("time/iterations", .int(iteration), exclude: ["tensorboard"])
                recordRolloutAndTime()
                try dumpLogger()
            }
            try train()
        }
        try cb?.onTrainingEnd()
    }

    /// SB3's `collect_rollouts`; false when a callback stopped training.
    func collectRollouts(callback: BaseCallback?) throws -> Bool {
        let env = self.env!
        policy.train(false)
        rolloutBuffer.reset()
        try callback?.onRolloutStart()
        var dones = Array(repeating: false, count: env.numEnvs)
        var steps = 0
        while steps < nSteps {
            let obs = lastObs!
            let (actions, values, logProbs) = try policy.act(try obs.tensor(), deterministic: false)
            let res = try env.step(actions.map(envAction))
            numTimesteps += env.numEnvs * processGroup.size      // every process steps its envs at once
            var locals = StepLocals()
            locals.numTimesteps = numTimesteps; locals.rewards = res.rewards; locals.dones = res.dones
            locals.episodes = res.episodes.compactMap { $0 }
            if let callback, try !callback.step(locals) { return false }
            updateInfoBuffer(res.episodes)
            steps += 1
            var rewards = res.rewards
            // Bootstrap with the value of the last observation where a time limit cut the episode.
            for i in 0..<env.numEnvs where res.dones[i] && res.truncated[i] {
                if let t = res.terminalObservations[i] {
                    let v = try policy.predictValues(try layout.batch(t).tensor())[0]
                    rewards[i] += gamma * v
                }
            }
            rolloutBuffer.add(observations: obs, actions: actions, rewards: rewards, episodeStarts: lastEpisodeStarts,
                              values: values, logProbs: logProbs)
            lastObs = res.observations
            lastEpisodeStarts = res.dones
            dones = res.dones
            if pendingRestart {
                try applyPendingRestart()
                dones = Array(repeating: true, count: env.numEnvs)
            }
        }
        let lastValues = try policy.predictValues(try lastObs!.tensor())
        rolloutBuffer.computeReturnsAndAdvantage(lastValues: lastValues, dones: dones)
        try callback?.onRolloutEnd()
        return true
    }

    override func predictActions(_ obs: ObservationBatch, deterministic: Bool) throws -> [[Float]] {
        try policy.act(try obs.tensor(), deterministic: deterministic).actions
    }

    /// Fraction of the returns' variance the value function explains (SB3's `explained_variance`).
    func explainedVariance() -> Double {
        let y = rolloutBuffer.returns, p = rolloutBuffer.values
        let vy = Statistics.variance(y)
        if vy == 0 { return .nan }
        return 1 - Statistics.variance(zip(y, p).map { $0 - $1 }) / vy
    }

    /// Stops on a non-finite loss with a message naming the algorithm and step.
    func checkFinite(_ v: Double, _ what: String) throws {
        guard v.isFinite else {
            throw AgentError.numerical("\(algorithmName) \(what) became \(v) at step \(numTimesteps); lower the learning rate (now \(optimizer.lr)) or check the rewards and observations for NaN/inf")
        }
    }
}
