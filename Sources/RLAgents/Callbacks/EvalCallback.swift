import RLEnv
import RLSupport

/// Evaluates the model every `evalFreq` steps, keeps the history, and saves the best model
/// (SB3's `EvalCallback`, `common/callbacks.py`).
public final class EvalCallback: BaseCallback {
    public let evalEnv: VecEnv
    public let nEvalEpisodes: Int
    /// Evaluate every this many calls (vector-env steps, i.e. `evalFreq × nEnvs` timesteps).
    public let evalFreq: Int
    public let bestModelSavePath: String?
    /// Folder of `evaluations.npz`.
    public let logPath: String?
    public let deterministic: Bool
    public let callbackOnNewBest: BaseCallback?
    public let callbackAfterEval: BaseCallback?

    public private(set) var bestMeanReward = -Double.infinity
    public private(set) var lastMeanReward = -Double.infinity
    /// Timesteps of each evaluation.
    public private(set) var evaluationsTimesteps: [Int] = []
    /// Each evaluation's episode returns.
    public private(set) var evaluationsResults: [[Double]] = []
    /// Each evaluation's episode lengths.
    public private(set) var evaluationsLength: [[Int]] = []
    private var seeded = false

    public init(evalEnv: VecEnv, callbackOnNewBest: BaseCallback? = nil, callbackAfterEval: BaseCallback? = nil, nEvalEpisodes: Int = 5,
                evalFreq: Int = 10_000, logPath: String? = nil, bestModelSavePath: String? = nil, deterministic: Bool = true,
                verbose: Int = 1) throws {
        guard nEvalEpisodes >= 1 else { throw AgentError.invalidArgument("EvalCallback: nEvalEpisodes must be at least 1, got \(nEvalEpisodes)") }
        self.evalEnv = evalEnv
        self.callbackOnNewBest = callbackOnNewBest
        self.callbackAfterEval = callbackAfterEval
        self.nEvalEpisodes = nEvalEpisodes
        self.evalFreq = evalFreq
        self.logPath = logPath
        self.bestModelSavePath = bestModelSavePath
        self.deterministic = deterministic
        super.init(verbose: verbose)
        callbackOnNewBest?.parent = self
        callbackAfterEval?.parent = self
    }

    public override func writeState(into s: inout TrainingState, prefix: String) throws {
        try super.writeState(into: &s, prefix: prefix)
        try s.put(prefix + "best_last", doubles: [bestMeanReward, lastMeanReward])
        try s.put(prefix + "seeded", bools: [seeded])
        try s.put(prefix + "timesteps", ints: evaluationsTimesteps)
        try s.put(prefix + "results", rows: evaluationsResults)
        try s.put(prefix + "lengths", rows: evaluationsLength)
        try evalEnv.writeState(into: &s, prefix: prefix + "eval_env.")
        try callbackOnNewBest?.writeState(into: &s, prefix: prefix + "on_new_best.")
        try callbackAfterEval?.writeState(into: &s, prefix: prefix + "after_eval.")
    }

    public override func readState(_ s: TrainingState, prefix: String) throws {
        try super.readState(s, prefix: prefix)
        let bl = try s.doubles(prefix + "best_last")
        guard bl.count == 2 else { throw AgentError.file("the EvalCallback state is corrupt") }
        let results = try s.doubleRows(prefix + "results"), lengths = try s.intRows(prefix + "lengths")
        try evalEnv.restoreState(s, prefix: prefix + "eval_env.", expected: nil)
        try callbackOnNewBest?.readState(s, prefix: prefix + "on_new_best.")
        try callbackAfterEval?.readState(s, prefix: prefix + "after_eval.")
        bestMeanReward = bl[0]; lastMeanReward = bl[1]
        seeded = try s.bools(prefix + "seeded").first ?? false
        evaluationsTimesteps = try s.ints(prefix + "timesteps")
        evaluationsResults = results
        evaluationsLength = lengths
    }

    public override func initCallbackHook() throws {
        guard let model else { return }
        guard evalEnv.layout == model.layout else {
            throw AgentError.unsupportedEnv("EvalCallback: the evaluation env's observations (shape \(evalEnv.layout.envShape)) do not match the training env's (shape \(model.layout.envShape))")
        }
        if let p = bestModelSavePath { try FileIO.createDirectory(p) }
        if let p = logPath { try FileIO.createDirectory(p) }
        try callbackOnNewBest?.initCallback(model)
        try callbackAfterEval?.initCallback(model)
    }

    public override func onStep() throws -> Bool {
        guard evalFreq > 0, nCalls % evalFreq == 0, let model else { return true }
        // An unseeded evaluation env follows the model's seed, so a seeded run is reproducible.
        if !seeded {
            seeded = true
            if let s = model.seed, evalEnv.envs.allSatisfy({ $0.unwrapped.npRandomSeed == nil }) { evalEnv.seed(s + 10_000) }
        }
        let result = try evaluatePolicy(model, env: evalEnv, nEvalEpisodes: nEvalEpisodes, deterministic: deterministic)
        // Evaluating on the training env (SB3's `EvalCallback(model.get_env())`) reset it: training starts new episodes.
        if evalEnv === model.env { model.restartEpisodes() }
        evaluationsTimesteps.append(model.numTimesteps)
        evaluationsResults.append(result.episodeRewards)
        evaluationsLength.append(result.episodeLengths)
        if let logPath { try writeEvaluations(to: logPath + "/evaluations.npz") }
        let lengths = result.episodeLengths.map(Double.init)
        let meanLength = Statistics.mean(lengths), stdLength = Statistics.std(lengths)
        lastMeanReward = result.mean
        if verbose >= 1 {
            model.output("Eval num_timesteps=\(model.numTimesteps), episode_reward=\(fmt2(result.mean)) +/- \(fmt2(result.std))\n")
            model.output("Episode length: \(fmt2(meanLength)) +/- \(fmt2(stdLength))\n")
        }
        model.logger?.record("eval/mean_reward", .double(result.mean))
        model.logger?.record("eval/mean_ep_length", .double(meanLength))
        model.logger?.record("time/total_timesteps", .int(model.numTimesteps), exclude: ["tensorboard"])
        try model.dumpLogger()
        var go = true
        if result.mean > bestMeanReward {
            if verbose >= 1 { model.output("New best mean reward!\n") }
            if let p = bestModelSavePath { try model.save(p + "/best_model") }
            bestMeanReward = result.mean
            if let c = callbackOnNewBest { go = try c.step(locals) }
        }
        if let c = callbackAfterEval { go = try c.step(locals) && go }
        return go
    }

    /// `evaluations.npz` with `timesteps`, `results` and `ep_lengths`, as SB3 writes it.
    func writeEvaluations(to path: String) throws {
        let rows = evaluationsResults.count, cols = nEvalEpisodes
        let results = evaluationsResults.flatMap { r in (0..<cols).map { $0 < r.count ? r[$0] : .nan } }
        let lengths = evaluationsLength.flatMap { r in (0..<cols).map { $0 < r.count ? r[$0] : 0 } }
        let bytes = try Npy.npz([("timesteps", Npy.encode(int64: evaluationsTimesteps, shape: [rows])),
                                 ("results", Npy.encode(float64: results, shape: [rows, cols])),
                                 ("ep_lengths", Npy.encode(int64: lengths, shape: [rows, cols]))])
        try FileIO.writeAtomically(bytes, to: path)
    }
}
