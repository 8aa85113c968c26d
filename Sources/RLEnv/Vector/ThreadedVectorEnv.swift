import RLSupport
import RLRender
import Dispatch

/// Steps sub-environments in parallel on threads (the role of Gymnasium's `AsyncVectorEnv`, with
/// threads instead of processes): same results, seeds and autoreset semantics as `SyncVectorEnv`.
public final class ThreadedVectorEnv: VectorEnv {
    public let envs: [Env]
    var autoresetEnvs: [Bool]
    var lastObservations: [EnvValue] = []
    var lastInfos: [Info] = []

    public convenience init(_ envFns: [() throws -> Env], autoresetMode: AutoresetMode = .nextStep) throws {
        try self.init(envs: envFns.map { try $0() }, autoresetMode: autoresetMode)
    }

    public init(envs: [Env], autoresetMode: AutoresetMode = .nextStep) throws {
        guard let first = envs.first else { throw EnvError.invalidArgument("ThreadedVectorEnv needs at least one environment") }
        self.envs = envs
        autoresetEnvs = Array(repeating: false, count: envs.count)
        super.init(numEnvs: envs.count, singleObservationSpace: first.observationSpace, singleActionSpace: first.actionSpace,
                   autoresetMode: autoresetMode, metadata: first.metadata)
        renderMode = first.renderMode
        spec = first.spec
    }

    /// Runs `body(i)` for every sub-env concurrently; rethrows the first error.
    func parallel<T>(_ body: (Int) throws -> T) throws -> [T] {
        let n = numEnvs
        let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        let stop = Cancellation.currentState
        DispatchQueue.concurrentPerform(iterations: n) { i in
            results[i] = Result { try Cancellation.checkpoint(stop); return try body(i) }
        }
        return try results.map { r -> T in
            guard let r else { throw EnvError.error("a worker did not report") }
            return try r.get()
        }
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        try reset(seeds: (0..<numEnvs).map { i in seed.map { $0 + i } }, options: options)
    }

    @discardableResult
    public override func reset(seeds: [Int?], options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        guard seeds.count == numEnvs else { throw EnvError.invalidArgument("If seeds are passed as a list the length must match num_envs=\(numEnvs) but got length=\(seeds.count).") }
        let envs = self.envs
        let (mask, subOptions) = try VectorEnv.resetMask(options, numEnvs)
        guard mask == nil || lastObservations.count == numEnvs else { throw EnvError.resetNeeded("reset_mask needs a full reset first") }
        let previous = lastObservations
        let results = try parallel { i -> ResetResult in
            if let mask, !mask[i] { return (previous[i], Info()) }
            return try envs[i].reset(seed: seeds[i], options: subOptions)
        }
        for i in 0..<numEnvs where mask?[i] ?? true { autoresetEnvs[i] = false }
        lastObservations = results.map { $0.observation }
        return (VectorEnv.concatenate(lastObservations, space: singleObservationSpace), VectorEnv.mergeInfos(results.map { $0.info }))
    }

    public override func step(_ actions: [EnvValue]) throws -> VectorStepResult {
        guard actions.count == numEnvs else { throw EnvError.invalidAction("Expected \(numEnvs) actions, got \(actions.count)") }
        let envs = self.envs, flags = autoresetEnvs, mode = autoresetMode
        let outcomes = try parallel { i in try SubStep.run(envs[i], actions[i], autoreset: flags[i], mode: mode) }
        for i in 0..<numEnvs { autoresetEnvs[i] = mode == .nextStep && (outcomes[i].terminated || outcomes[i].truncated) }
        lastObservations = outcomes.map { $0.observation }
        return SubStep.batch(outcomes, space: singleObservationSpace)
    }

    public override func render() throws -> [RGBImage]? {
        let frames = try envs.compactMap { try $0.render() }
        return frames.isEmpty ? nil : frames
    }

    public override func close() { envs.forEach { $0.close() } }
}
