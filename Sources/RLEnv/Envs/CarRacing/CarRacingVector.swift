// Several CarRacing simulations stepped in parallel on threads (one task per env per step), with
// Gymnasium 1.x vector-env semantics: seeds `seed + i`, autoreset on the step after an episode ends
// (AutoresetMode.NEXT_STEP), a 1000-step time limit per env.
import Dispatch
import RLRender
import RLSupport

/// N independent CarRacing envs stepped concurrently; observations come back as one uint8 buffer.
public final class CarRacingVector {
    public let envs: [CarRacing]
    public var numEnvs: Int { envs.count }
    var needsReset: [Bool]
    /// Observations `[numEnvs, 96, 96, 3]` (uint8) after the last `reset`/`step`. Refilled in place when
    /// no one else holds it; otherwise the next step writes a new buffer (values handed out never change).
    public private(set) var observationArray: NDArray
    /// The observations as flat bytes (a copy of `observationArray`).
    public var observations: [UInt8] { observationArray.toArray(UInt8.self) }
    /// Whether to run envs on several threads (false: in order on the calling thread).
    public var parallel = true

    public init(numEnvs: Int, continuous: Bool = false, domainRandomize: Bool = false, lapCompletePercent: Double = 0.95,
                fixLapCompletion: Bool = false, version: CarRacingVersion = .v3, renderQuality: RenderQuality = .fast(supersample: 2)) throws {
        guard numEnvs >= 1 else { throw CarRacingError.invalidAction("numEnvs must be at least 1, got \(numEnvs)") }
        envs = try (0..<numEnvs).map { _ in
            let e = try CarRacing(lapCompletePercent: lapCompletePercent, domainRandomize: domainRandomize, continuous: continuous,
                                  fixLapCompletion: fixLapCompletion, version: version)
            e.maxEpisodeSteps = CarRacingConstants.maxEpisodeSteps
            e.renderQuality = renderQuality
            return e
        }
        needsReset = [Bool](repeating: false, count: numEnvs)
        observationArray = NDArray(zeros: [numEnvs, CarRacingConstants.stateH, CarRacingConstants.stateW, 3], dtype: .uint8)
    }

    /// Once the cell is stopped (`Cancellation`), the envs not yet stepped are skipped (the
    /// interpreter drops the partial result).
    func run(_ body: (Int) -> Void) {
        let stop = Cancellation.currentState
        if parallel && envs.count > 1 {
            DispatchQueue.concurrentPerform(iterations: envs.count) { i in if stop?.pointee ?? 0 == 0 { body(i) } }
        } else {
            for i in 0..<envs.count where stop?.pointee ?? 0 == 0 { body(i) }
        }
    }

    /// `observationArray`, given a buffer of its own when a caller (or a tensor) still holds the last one:
    /// every env writes its whole observation, so the new buffer is not initialised from the old.
    func prepareObservations() {
        if !observationArray.isUniquelyReferenced() {
            observationArray = NDArray(uninitialized: observationArray.shape, dtype: .uint8)
        }
    }

    /// Copies env i's frame into its slot of the batch (the env draws into its own frame, which stays
    /// uniquely held and is redrawn in place on the next step).
    func store(_ frame: NDArray, at i: Int, into buffer: UnsafeMutablePointer<UInt8>) {
        frame.withUnsafeBufferPointer(as: UInt8.self) { src in
            (buffer + i * CarRacing.observationSize).update(from: src.baseAddress!, count: min(src.count, CarRacing.observationSize))
        }
    }

    /// Resets every env (env i seeded with `seed + i` when a seed is given); returns the observations.
    @discardableResult
    public func reset(seed: Int? = nil) -> [UInt8] {
        prepareObservations()
        observationArray.withUnsafeMutableBufferPointer(as: UInt8.self) { buf in
            let base = buf.baseAddress!
            run { i in
                let im = seed.map { envs[i].reset(seed: UInt64(max(0, $0 + i))) } ?? envs[i].reset()
                store(im, at: i, into: base)
            }
        }
        for i in 0..<numEnvs { needsReset[i] = false }
        return observations
    }

    /// Steps every env with its discrete action (an env whose episode ended on the previous call is reset
    /// instead, returning reward 0). Returns rewards, terminated and truncated flags; observations are in
    /// `observations`.
    public func step(_ actions: [Int]) throws -> (rewards: [Double], terminated: [Bool], truncated: [Bool]) {
        guard actions.count == numEnvs else { throw CarRacingError.invalidAction("expected \(numEnvs) actions, got \(actions.count)") }
        guard actions.allSatisfy({ (0..<5).contains($0) }) else { throw CarRacingError.invalidAction("\(actions)") }
        guard !envs[0].continuous else { throw CarRacingError.invalidAction("these envs are continuous; pass [steer, gas, brake] per env") }
        return try stepAll { i in try self.envs[i].step(actions[i]) }
    }

    /// Steps every env with its continuous action `[steer, gas, brake]`.
    public func step(_ actions: [[Double]]) throws -> (rewards: [Double], terminated: [Bool], truncated: [Bool]) {
        guard actions.count == numEnvs else { throw CarRacingError.invalidAction("expected \(numEnvs) actions, got \(actions.count)") }
        guard envs[0].continuous else { throw CarRacingError.invalidAction("these envs are discrete; pass one Int per env") }
        guard actions.allSatisfy({ $0.count == 3 && $0.allSatisfy { $0.isFinite } }) else { throw CarRacingError.invalidAction("\(actions)") }
        return try stepAll { i in try self.envs[i].step(actions[i]) }
    }

    func stepAll(_ stepOne: @escaping (Int) throws -> CarRacingStep) throws -> (rewards: [Double], terminated: [Bool], truncated: [Bool]) {
        let n = numEnvs
        var rewards = [Double](repeating: 0, count: n)
        var terminated = [Bool](repeating: false, count: n)
        var truncated = [Bool](repeating: false, count: n)
        let resetFirst = needsReset
        prepareObservations()
        observationArray.withUnsafeMutableBufferPointer(as: UInt8.self) { obuf in
            rewards.withUnsafeMutableBufferPointer { r in
                terminated.withUnsafeMutableBufferPointer { te in
                    truncated.withUnsafeMutableBufferPointer { tr in
                        let ob = obuf.baseAddress!, rp = r.baseAddress!, tep = te.baseAddress!, trp = tr.baseAddress!
                        run { i in
                            if resetFirst[i] {
                                store(envs[i].reset(), at: i, into: ob)
                                return
                            }
                            // actions were validated above, so the step cannot fail
                            guard let s = try? stepOne(i) else {
                                (ob + i * CarRacing.observationSize).update(repeating: 0, count: CarRacing.observationSize)
                                return
                            }
                            store(s.observation, at: i, into: ob)
                            rp[i] = s.reward; tep[i] = s.terminated; trp[i] = s.truncated
                        }
                    }
                }
            }
        }
        for i in 0..<n { needsReset[i] = !resetFirst[i] && (terminated[i] || truncated[i]) }
        return (rewards, terminated, truncated)
    }
}

extension CarRacing {
    /// Bytes of one observation (96 x 96 x 3).
    public static let observationSize = CarRacingConstants.stateW * CarRacingConstants.stateH * 3
}
