import RLDistributed
import RLEnv
import RLNN
import RLSupport
import RLTensor

/// What every algorithm shares (SB3's `BaseAlgorithm`): the wrapped env, seeding, the logger, the
/// learning-rate schedule, progress, callbacks, `predict`, `save`.
///
/// Subclasses (`DQN`, `PPO`, `A2C`) implement `learnLoop`, `predictActions`, and the archive hooks.
open class BaseAlgorithm {
    /// `"DQN"`, `"PPO"`, `"A2C"`: the run-folder prefix and the name stored in saved files.
    public let algorithmName: String
    /// `"MlpPolicy"` or `"CnnPolicy"`.
    public let policyName: String
    /// The training env (nil for a model loaded without one).
    public private(set) var env: VecEnv?
    public let layout: ObservationLayout
    public let action: ActionKind
    public var verbose: Int
    public let seed: Int?
    public var learningRate: Schedule
    public let policyKwargs: PolicyKwargs
    /// Where TensorBoard runs go (`tensorboardLog/DQN_1`), or nil.
    public var tensorboardLog: String?
    /// Episodes averaged in `rollout/ep_rew_mean` (SB3's `stats_window_size`).
    public var statsWindowSize = 100
    /// Where printed text goes (the cell's output in a book, stdout otherwise).
    public var output: (String) -> Void
    /// Called with the training progress (for progress bars and live reports).
    public var progressHandler: ((TrainingProgress) -> Void)?

    public internal(set) var numTimesteps = 0
    public internal(set) var totalTimesteps = 0
    public internal(set) var nUpdates = 0
    public internal(set) var episodeNum = 0
    /// 1 at the start of `learn`, 0 at its end.
    public internal(set) var progressRemaining = 1.0
    /// The last episodes' statistics (at most `statsWindowSize`).
    public internal(set) var epInfoBuffer: [EpisodeInfo] = []
    /// The run folder of the last `learn` with TensorBoard logging.
    public internal(set) var tensorboardRunDir: String?
    public internal(set) var logger: Logger?
    var lastObs: ObservationBatch?
    var lastEpisodeStarts: [Bool] = []
    var numTimestepsAtStart = 0
    var startTime = 0.0
    let rng: NumpyGenerator
    /// The device the model runs on ("cpu").
    public let device: String
    /// The processes training this model together (one outside `mpirun`); see `BaseAlgorithm+Distributed`.
    public let processGroup: ProcessGroup

    init(algorithmName: String, policy: String, env: VecEnv?, layout: ObservationLayout, action: ActionKind, learningRate: Schedule,
         policyKwargs: PolicyKwargs, seed: Int?, verbose: Int, tensorboardLog: String?, device: String, output: @escaping (String) -> Void) throws {
        self.algorithmName = algorithmName
        self.policyName = policy
        self.env = env
        self.layout = layout
        self.action = action
        self.learningRate = learningRate
        self.policyKwargs = policyKwargs
        self.seed = seed
        let group = try Distributed.world()
        processGroup = group
        // Only rank 0 logs (stdout and TensorBoard), as in Lightning's walkthrough.
        self.verbose = group.rank == 0 ? verbose : 0
        self.tensorboardLog = group.rank == 0 ? tensorboardLog : nil
        self.output = output
        self.device = try BaseAlgorithm.resolveDevice(device, output: output)
        rng = NumpyGenerator(seed: UInt64(bitPattern: Int64(seed ?? Int(Clock.wallSeconds() * 1e6))))
        // Subclasses seed the network initialisation (torch.manual_seed) before building their policy.
        // Env i of rank r gets seed + r·numEnvs + i (Fabric's rule; rank 0 alone: seed + i).
        if let seed { env?.seed(BaseAlgorithm.rankSeed(seed, rank: group.rank, numEnvs: env?.numEnvs ?? 1)) }
        try broadcastInitialWeights()
    }

    // MARK: - Env wrapping

    /// SB3's `_wrap_env` for one or more plain envs, printing what SB3 prints at verbose 1.
    public static func wrap(_ envs: [Env], verbose: Int, output: (String) -> Void) throws -> VecEnv {
        if verbose >= 1 {
            output("Wrapping the env with a `Monitor` wrapper\n")
            output("Wrapping the env in a DummyVecEnv.\n")
        }
        let v = try VecEnv(envs)
        if v.layout.isTransposed && verbose >= 1 { output("Wrapping the env in a VecTransposeImage.\n") }
        return v
    }

    /// The policy kind for a policy name, with a did-you-mean for others.
    static func isCnn(_ policy: String) throws -> Bool {
        switch policy {
        case "MlpPolicy": return false
        case "CnnPolicy": return true
        default:
            let hint = DidYouMean.suggest(policy, from: ["MlpPolicy", "CnnPolicy"]).map { "; did you mean '\($0)'?" } ?? ""
            throw AgentError.invalidArgument("unknown policy '\(policy)'\(hint) (this algorithm has MlpPolicy and CnnPolicy; MultiInputPolicy is not supported yet)")
        }
    }

    /// The action kind of an action space.
    static func actionKind(_ space: Space, algorithm: String, discreteOnly: Bool) throws -> ActionKind {
        if let d = space as? Discrete { return .discrete(n: d.n, start: d.start) }
        if let b = space as? Box, let shape = b.shape, !discreteOnly {
            return .continuous(dim: shape.reduce(1, *), low: b.low, high: b.high)
        }
        let supported = discreteOnly ? "Discrete" : "Discrete, Box"
        throw AgentError.unsupportedEnv("The algorithm only supports (\(supported)) as action spaces but \(space) was provided"
            + (discreteOnly && space is Box ? ". \(algorithm) needs discrete actions: make the env with continuous: false (CarRacing) or use PPO/A2C" : ""))
    }

    nonisolated(unsafe) static var warnedCUDA = false

    /// SB3's `get_device`: "auto" and "cuda" fall back to the CPU here (said once for "cuda"), except
    /// that "cuda" is kept when the run installed the CUDA backend (`--device cuda`).
    static func resolveDevice(_ device: String, output: (String) -> Void) throws -> String {
        let d = device.lowercased()
        switch d {
        case "cpu", "auto": return "cpu"
        case _ where d == "cuda" || d == "gpu" || d.hasPrefix("cuda:"):
            if Tensor.backend.name == "cuda" { return "cuda" }     // `--device cuda` installed the CUDA backend
            if !warnedCUDA {
                warnedCUDA = true
                output("CUDA is not available to rlbook's agents on this machine; training on the CPU instead.\n")
            }
            return "cpu"
        default:
            throw AgentError.invalidArgument("unknown device '\(device)': use \"auto\", \"cpu\" or \"cuda\"")
        }
    }

    // MARK: - Learning plumbing

    /// Checks a `learn` call and prepares timesteps, the logger, the first observation and callbacks
    /// (SB3's `_setup_learn`).
    func setupLearn(totalTimesteps: Int, callback: BaseCallback?, resetNumTimesteps: Bool, tbLogName: String?) throws -> BaseCallback? {
        guard let env else { throw AgentError.invalidArgument("this model has no environment: pass env: to \(algorithmName).load, or call setEnv first") }
        guard totalTimesteps >= 0 else { throw AgentError.invalidArgument("totalTimesteps must be >= 0, got \(totalTimesteps)") }
        startTime = Clock.monotonic()
        if resetNumTimesteps {
            epInfoBuffer = []
            numTimesteps = 0
            episodeNum = 0
            self.totalTimesteps = totalTimesteps
        } else {
            self.totalTimesteps = totalTimesteps + numTimesteps
        }
        numTimestepsAtStart = numTimesteps
        // `rlbook run --resume`: the checkpoint this call continues from (its printed text is shown again first).
        let resumed = checkpointStore?.resumeState()
        if resumed == nil && (resetNumTimesteps || lastObs == nil) {
            lastObs = try env.reset()
            lastEpisodeStarts = Array(repeating: true, count: env.numEnvs)
        }
        if let resumed { try restoreTrainingState(resumed) }
        try configureLogger(tbLogName: tbLogName ?? algorithmName, resetNumTimesteps: resetNumTimesteps,
                            resumeFolder: resumed == nil ? nil : .some(tensorboardRunDir))
        try callback?.initCallback(self)
        resumedIteration = try resumed.map { try continueFromCheckpoint($0, callback: callback) } ?? 0
        return callback
    }

    /// SB3's `configure_logger`: stdout at verbose ≥ 1, TensorBoard in `tensorboardLog/<name>_<n>`.
    /// `resumeFolder`: a resumed `learn` keeps its checkpoint's TensorBoard run (and does not announce it again).
    func configureLogger(tbLogName: String, resetNumTimesteps: Bool, resumeFolder: String?? = nil) throws {
        if let custom = customLogger { logger = custom; return }
        var formats: [String] = verbose >= 1 ? ["stdout"] : []
        var folder: String?
        if let tb = tensorboardLog {
            if let resumeFolder, let f = resumeFolder {
                folder = f
            } else {
                var runId = latestRunID(logPath: resolve(tb), logName: tbLogName)
                if !resetNumTimesteps { runId -= 1 }
                folder = LogFiles.join(tb, "\(tbLogName)_\(runId + 1)")
            }
            formats.append("tensorboard")
        }
        tensorboardRunDir = folder
        logger?.close()
        logger = try Logger.configure(folder: folder.map(resolve), formats: formats, displayFolder: folder, announce: resumeFolder == nil, write: output)
    }

    /// The folder relative paths of the agent's files (TensorBoard runs) are resolved against (the
    /// report folder in a book); nil: the working directory. Printed paths stay as the user wrote them.
    public var fileRoot: String?

    /// `path` resolved against `fileRoot`.
    public func resolve(_ path: String) -> String {
        guard let root = fileRoot, !path.hasPrefix("/") else { return path }
        return LogFiles.join(root, path)
    }

    /// A logger set by the user (`setLogger`), kept across `learn` calls.
    public var customLogger: Logger?

    /// Where `learn` keeps checkpoints and finds the one to resume from (`LearnCheckpoints.swift`); nil: none.
    public var checkpointStore: LearnCheckpointStore?
    /// The training loop's iteration a resumed `learn` starts at.
    var resumedIteration = 0

    /// Asks the training loop to start new episodes in every training env once the current step is
    /// stored (something else, such as an evaluation on the training env, reset it).
    func restartEpisodes() { pendingRestart = true }
    var pendingRestart = false

    /// Starts the new episodes `restartEpisodes()` asked for; the transition just stored keeps its
    /// next observation.
    func applyPendingRestart() throws {
        guard pendingRestart, let env else { return }
        pendingRestart = false
        lastObs = try env.reset()
        lastEpisodeStarts = Array(repeating: true, count: env.numEnvs)
        (self as? DQN)?.replayBuffer.markEpisodeStart()
    }

    /// Progress remaining for `numTimesteps` (SB3's `_update_current_progress_remaining`).
    func updateProgress() {
        progressRemaining = 1 - Double(numTimesteps - numTimestepsAtStart) / Double(max(totalTimesteps - numTimestepsAtStart, 1))
        if let h = progressHandler {
            let elapsed = max(Clock.monotonic() - startTime, 1e-9)
            h(TrainingProgress(numTimesteps: numTimesteps - numTimestepsAtStart, totalTimesteps: totalTimesteps - numTimestepsAtStart, elapsed: elapsed))
        }
    }

    /// Sets every optimizer's learning rate from the schedule and logs it (SB3's `_update_learning_rate`).
    func updateLearningRate(_ optimizers: [Optimizer]) throws {
        let lr = try learningRate(progressRemaining, what: "learning rate")
        logger?.record("train/learning_rate", .double(lr))
        for o in optimizers { o.lr = lr }
    }

    /// Adds finished episodes to the statistics window (SB3's `_update_info_buffer`).
    func updateInfoBuffer(_ episodes: [EpisodeInfo?]) {
        for case let e? in episodes {
            epInfoBuffer.append(e)
            if epInfoBuffer.count > statsWindowSize { epInfoBuffer.removeFirst(epInfoBuffer.count - statsWindowSize) }
        }
    }

    /// Records the rollout and time keys shared by both dump variants.
    func recordRolloutAndTime() {
        let elapsed = max(Clock.monotonic() - startTime, 1e-9)
        let fps = Int(Double(numTimesteps - numTimestepsAtStart) / elapsed)
        if let rewardMean = meanEpisodeReward {
            logger?.record("rollout/ep_rew_mean", .double(rewardMean))
            logger?.record("rollout/ep_len_mean", .double(Statistics.mean(epInfoBuffer.map { Double($0.length) })))
        }
        logger?.record("time/fps", .int(fps))
        logger?.record("time/time_elapsed", .int(Int(elapsed)), exclude: ["tensorboard"])
        logger?.record("time/total_timesteps", .int(numTimesteps), exclude: ["tensorboard"])
    }

    /// Writes the recorded values (SB3's `logger.dump`).
    func dumpLogger() throws { try logger?.dump(step: numTimesteps) }

    /// Mean episode return in the statistics window (nil before the first episode ends).
    public var meanEpisodeReward: Double? {
        epInfoBuffer.isEmpty ? nil : Statistics.mean(epInfoBuffer.map(\.reward))
    }

    // MARK: - Prediction

    /// Actions for a batch of observations (greedy when `deterministic`).
    func predictActions(_ obs: ObservationBatch, deterministic: Bool) throws -> [[Float]] {
        fatalError("subclass")
    }

    /// SB3's `predict` for one observation: the action (an Int for discrete action spaces, numbers otherwise).
    public func predict(_ observation: EnvValue, deterministic: Bool = false) throws -> EnvValue {
        let batch = try layout.batch(observation)
        let a = try predictActions(batch, deterministic: deterministic)[0]
        return envAction(a)
    }

    /// Actions for several observations at once.
    public func predict(batch: ObservationBatch, deterministic: Bool = false) throws -> [EnvValue] {
        try predictActions(batch, deterministic: deterministic).map(envAction)
    }

    /// The env action for network output `a` (clipped into the Box for continuous actions).
    func envAction(_ a: [Float]) -> EnvValue {
        switch action {
        case .discrete(_, let start): return .int(Int(a[0]) + start)
        case .continuous(_, let low, let high):
            let v = a.enumerated().map { Float(min(max(Double($0.element), low[$0.offset]), high[$0.offset])) }
            return .array(EnvArray(float32: v, shape: (env?.actionSpace.shape) ?? [v.count]))
        }
    }

    /// The policy network (a module: `parameters()`, `stateDict()`, printable).
    open var policyModule: Module { fatalError("subclass") }

    /// Replaces the env (SB3's `set_env`), checking that its spaces match.
    public func setEnv(_ newEnv: VecEnv) throws {
        guard newEnv.layout == layout else {
            throw AgentError.unsupportedEnv("Observation spaces do not match: \(newEnv.observationSpace) != the model's (shape \(layout.envShape))")
        }
        let kind = try BaseAlgorithm.actionKind(newEnv.actionSpace, algorithm: algorithmName, discreteOnly: false)
        guard kind == action else { throw AgentError.unsupportedEnv("Action spaces do not match: \(newEnv.actionSpace) != the model's") }
        env = newEnv
        lastObs = nil
    }

    /// Saves the model to one zip file (`.zip` added when the path has no extension), atomically.
    public func save(_ path: String) throws {
        try ModelArchive.save(self, to: path)
    }

    // Archive hooks (each algorithm's hyperparameters and optimizer).
    func configJSON() -> [(String, JSONValue)] { [] }
    var optimizers: [Optimizer] { [] }
    /// Training-state hooks (`BaseAlgorithm+TrainingState`): what only this algorithm keeps.
    func writeAlgorithmState(into s: inout TrainingState) throws {}
    func readAlgorithmState(_ s: TrainingState) throws {}
}

/// Training progress, for progress bars and live reports.
public struct TrainingProgress: Sendable {
    /// Steps taken in this `learn` call.
    public var numTimesteps: Int
    /// Steps this `learn` call will take.
    public var totalTimesteps: Int
    /// Seconds since `learn` started.
    public var elapsed: Double
    public var stepsPerSecond: Double { Double(numTimesteps) / max(elapsed, 1e-9) }
    /// Seconds left at the current speed.
    public var eta: Double { numTimesteps > 0 ? Double(totalTimesteps - numTimesteps) / stepsPerSecond : .infinity }
}
