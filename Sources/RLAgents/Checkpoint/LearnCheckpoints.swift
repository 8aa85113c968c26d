import RLSupport
import RLTensor

/// Where `learn` writes its checkpoints and finds the one to resume from. The book runner provides
/// one per training cell (files in the cell cache, `docs/cache.md`); without one, `learn` keeps none.
public protocol LearnCheckpointStore: AnyObject {
    /// Asked at every safe point of the training loop: write a checkpoint now?
    func isDue(numTimesteps: Int) -> Bool
    /// Keeps a checkpoint (atomically: a crash while writing leaves the previous one). A store that
    /// writes a file streams it (`TrainingState.encoding()`) rather than encoding it in memory.
    func write(_ state: TrainingState) throws
    /// The checkpoint this `learn` call continues from (asked once, when it starts), if any; a store
    /// that cannot read one says so and returns nil (training starts over).
    func resumeState() -> TrainingState?
}

extension BaseAlgorithm {
    /// At a safe point of the training loop (between a training phase and the next rollout, where no
    /// loop variable but `iteration` is live): writes a checkpoint when the store says it is due.
    func checkpointIfDue(callback: BaseCallback?, iteration: Int) throws {
        guard let store = checkpointStore, store.isDue(numTimesteps: numTimesteps) else { return }
        try store.write(try learnCheckpoint(callback: callback, iteration: iteration))
    }

    /// The checkpoint: the training state, the callbacks' history, the tensor generator, the logger's
    /// values not yet written, the loop's iteration, and how long the event files were.
    func learnCheckpoint(callback: BaseCallback?, iteration: Int) throws -> TrainingState {
        var s = try trainingState()
        try callback?.writeState(into: &s, prefix: "callback.")
        if let g = (Tensor.generator as? NumpyRandomSource)?.generator { try s.put("tensor_rng", words: g.stateWords) }
        try s.put("iteration", ints: [iteration])
        try logger?.writePending(into: &s)
        return s
    }

    /// After `restoreTrainingState` and the logger's set-up: the callbacks' history, the tensor
    /// generator and the logger's pending values; returns the loop's iteration.
    func continueFromCheckpoint(_ s: TrainingState, callback: BaseCallback?) throws -> Int {
        try callback?.readState(s, prefix: "callback.")
        if s.has("tensor_rng"), let g = (Tensor.generator as? NumpyRandomSource)?.generator { g.setStateWords(try s.words("tensor_rng")) }
        try logger?.readPending(s)
        return try s.int("iteration")
    }
}
