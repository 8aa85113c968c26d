import RLEnv

/// The result of `evaluatePolicy`: each episode's return and length.
public struct EvaluationResult: Sendable {
    public var episodeRewards: [Double]
    public var episodeLengths: [Int]
    public var mean: Double { Statistics.mean(episodeRewards) }
    /// Population standard deviation (numpy's `np.std`).
    public var std: Double { Statistics.std(episodeRewards) }
}

/// Runs `nEvalEpisodes` episodes with the model's policy (SB3's `evaluate_policy`): episodes are split
/// across the envs as SB3 does (`(n + i) / nEnvs` for env i), the env is reset first, and returns are
/// the Monitor's (the unmodified rewards).
public func evaluatePolicy(_ model: BaseAlgorithm, env: VecEnv, nEvalEpisodes: Int = 10, deterministic: Bool = true,
                           maxSteps: Int = 10_000_000, onStep: (() throws -> Void)? = nil) throws -> EvaluationResult {
    guard nEvalEpisodes >= 1 else { throw AgentError.invalidArgument("nEvalEpisodes must be at least 1, got \(nEvalEpisodes)") }
    guard env.layout == model.layout else {
        throw AgentError.unsupportedEnv("the evaluation env's observations (shape \(env.layout.envShape)) do not match the model's (shape \(model.layout.envShape))")
    }
    let n = env.numEnvs
    let targets = (0..<n).map { (nEvalEpisodes + $0) / n }
    var counts = [Int](repeating: 0, count: n)
    var result = EvaluationResult(episodeRewards: [], episodeLengths: [])
    var obs = try env.reset()
    var steps = 0
    while zip(counts, targets).contains(where: { $0 < $1 }) {
        let actions = try model.predict(batch: obs, deterministic: deterministic)
        let res = try env.step(actions)
        for i in 0..<n where counts[i] < targets[i] {
            if let ep = res.episodes[i] {
                result.episodeRewards.append(ep.reward)
                result.episodeLengths.append(ep.length)
                counts[i] += 1
            }
        }
        obs = res.observations
        try onStep?()
        steps += 1
        if steps >= maxSteps { throw AgentError.invalidArgument("evaluation did not finish \(nEvalEpisodes) episodes in \(maxSteps) steps: does the env ever end an episode? (wrap it in a TimeLimit)") }
    }
    return result
}
