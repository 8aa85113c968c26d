import RLSupport

/// What a callback sees of the training loop at each step (SB3 passes the loop's `locals()`).
public struct StepLocals {
    public var numTimesteps = 0
    /// Rewards of this step, per env.
    public var rewards: [Double] = []
    /// Whether each env's episode ended at this step.
    public var dones: [Bool] = []
    /// Episodes that ended at this step (return, length, time).
    public var episodes: [EpisodeInfo] = []
    /// The exploration rate (DQN) or nil.
    public var explorationRate: Double?
    public init() {}
}

/// SB3's `BaseCallback`: hooks called by `learn`. Subclasses override the `on...` methods; `onStep`
/// returning false stops training.
open class BaseCallback {
    /// The model being trained (set by `learn`).
    public internal(set) weak var model: BaseAlgorithm?
    /// How many times `onStep` was called (one per vector-env step).
    public internal(set) var nCalls = 0
    public var verbose: Int
    /// The current loop values.
    public internal(set) var locals = StepLocals()
    /// A parent callback (`EvalCallback` for its `callbackOnNewBest`).
    public internal(set) weak var parent: BaseCallback?

    public init(verbose: Int = 0) { self.verbose = verbose }

    /// Timesteps so far (`self.num_timesteps`).
    public var numTimesteps: Int { model?.numTimesteps ?? 0 }

    /// Binds the callback to a model (SB3's `init_callback`).
    public func initCallback(_ model: BaseAlgorithm) throws {
        self.model = model
        try initCallbackHook()
    }

    open func initCallbackHook() throws {}
    open func onTrainingStart() throws {}
    open func onRolloutStart() throws {}
    /// Called after each vector-env step; return false to stop training.
    open func onStep() throws -> Bool { true }
    open func onRolloutEnd() throws {}
    open func onTrainingEnd() throws {}

    /// Increments `nCalls` and calls `onStep`.
    public final func step(_ locals: StepLocals) throws -> Bool {
        nCalls += 1
        self.locals = locals
        return try onStep()
    }

    /// What `print(callback)` shows.
    open var name: String { String(describing: type(of: self)) }

    /// The callback's history, for the cell cache and `learn` checkpoints (`nCalls`, and what a subclass keeps).
    open func writeState(into s: inout TrainingState, prefix: String) throws {
        try s.put(prefix + "n_calls", ints: [nCalls])
    }

    open func readState(_ s: TrainingState, prefix: String) throws {
        nCalls = try s.int(prefix + "n_calls")
    }
}

/// Several callbacks run in order (SB3's `CallbackList`); training stops when any returns false.
public final class CallbackList: BaseCallback {
    public let callbacks: [BaseCallback]
    public init(_ callbacks: [BaseCallback]) { self.callbacks = callbacks; super.init() }
    public override func initCallbackHook() throws { for c in callbacks { try c.initCallback(model!) } }
    public override func onTrainingStart() throws { for c in callbacks { try c.onTrainingStart() } }
    public override func onRolloutStart() throws { for c in callbacks { try c.onRolloutStart() } }
    public override func onStep() throws -> Bool {
        var go = true
        for c in callbacks { go = try c.step(locals) && go }
        return go
    }
    public override func onRolloutEnd() throws { for c in callbacks { try c.onRolloutEnd() } }
    public override func onTrainingEnd() throws { for c in callbacks { try c.onTrainingEnd() } }
    public override func writeState(into s: inout TrainingState, prefix: String) throws {
        try super.writeState(into: &s, prefix: prefix)
        for (i, c) in callbacks.enumerated() { try c.writeState(into: &s, prefix: prefix + "\(i).") }
    }
    public override func readState(_ s: TrainingState, prefix: String) throws {
        try super.readState(s, prefix: prefix)
        for (i, c) in callbacks.enumerated() { try c.readState(s, prefix: prefix + "\(i).") }
    }
}

/// A closure called at every step (a cell's `{ locals in ... return true }`); false stops training.
public final class FunctionCallback: BaseCallback {
    let body: (StepLocals, BaseAlgorithm?) throws -> Bool
    public init(_ body: @escaping (StepLocals, BaseAlgorithm?) throws -> Bool) { self.body = body; super.init() }
    public override func onStep() throws -> Bool { try body(locals, model) }
}

/// Saves the model every `saveFreq` calls as `savePath/namePrefix_<steps>_steps.zip` (SB3's `CheckpointCallback`).
public final class CheckpointCallback: BaseCallback {
    public let saveFreq: Int
    public let savePath: String
    public let namePrefix: String
    /// The files written so far.
    public private(set) var saved: [String] = []

    public init(saveFreq: Int, savePath: String, namePrefix: String = "rl_model", verbose: Int = 0) throws {
        guard saveFreq > 0 else { throw AgentError.invalidArgument("CheckpointCallback: saveFreq must be positive, got \(saveFreq)") }
        self.saveFreq = saveFreq; self.savePath = savePath; self.namePrefix = namePrefix
        super.init(verbose: verbose)
    }

    public override func onStep() throws -> Bool {
        if nCalls % saveFreq == 0, let model {
            let path = savePath + "/\(namePrefix)_\(model.numTimesteps)_steps.zip"
            try model.save(path)
            saved.append(path)
            if verbose >= 2 { model.output("Saving model checkpoint to \(path)\n") }
        }
        return true
    }

    public override func writeState(into s: inout TrainingState, prefix: String) throws {
        try super.writeState(into: &s, prefix: prefix)
        try s.put(prefix + "saved", chunks: saved.map { Array($0.utf8) })
    }

    public override func readState(_ s: TrainingState, prefix: String) throws {
        try super.readState(s, prefix: prefix)
        saved = try s.chunks(prefix + "saved").map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Stops training once an evaluation's mean reward reaches `rewardThreshold` (SB3's
/// `StopTrainingOnRewardThreshold`); use it as `EvalCallback`'s `callbackOnNewBest`.
public final class StopTrainingOnRewardThreshold: BaseCallback {
    public let rewardThreshold: Double
    public init(rewardThreshold: Double, verbose: Int = 0) { self.rewardThreshold = rewardThreshold; super.init(verbose: verbose) }

    public override func onStep() throws -> Bool {
        guard let eval = parent as? EvalCallback else {
            throw AgentError.invalidArgument("StopTrainingOnRewardThreshold must be used with an EvalCallback (pass it as callbackOnNewBest:)")
        }
        let go = eval.bestMeanReward < rewardThreshold
        if verbose >= 1 && !go, let model {
            model.output("Stopping training because the mean reward \(fmt2(eval.bestMeanReward)) is above the threshold \(rewardThreshold)\n")
        }
        return go
    }
}

/// Python's `f"{x:.2f}"`.
func fmt2(_ x: Double) -> String { cFormat("%.2f", x) }
