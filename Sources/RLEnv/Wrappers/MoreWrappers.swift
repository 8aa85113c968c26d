/// Flattens array observations to one dimension (Gymnasium `FlattenObservation` for Box spaces).
public final class FlattenObservation: ObservationWrapper {
    public override init(_ env: Env) {
        super.init(env)
        if let box = env.observationSpace as? Box, let flat = try? Box(low: box.low, high: box.high, shape: [box.low.count], dtype: box.dtype ?? .float32) {
            self.observationSpace = flat
        }
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        guard case .array(let a) = observation else { return observation }
        return .array(a.reshaped([a.count]) ?? a)
    }
}

/// Reshapes array observations (Gymnasium `ReshapeObservation`).
public final class ReshapeObservation: ObservationWrapper {
    public let shape: [Int]

    public init(_ env: Env, shape: [Int]) throws {
        guard let box = env.observationSpace as? Box, shape.reduce(1, *) == box.low.count, shape.allSatisfy({ $0 > 0 }) else {
            throw EnvError.invalidArgument("Expected the reshape to keep the number of elements of \(env.observationSpace), got \(shape)")
        }
        self.shape = shape
        super.init(env)
        self.observationSpace = try Box(low: box.low, high: box.high, shape: shape, dtype: box.dtype ?? .float32)
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        guard case .array(let a) = observation, let r = a.reshaped(shape) else { return observation }
        return .array(r)
    }
}

/// Casts array observations to another dtype (Gymnasium `DtypeObservation`).
public final class DtypeObservation: ObservationWrapper {
    public let dtype: DType

    public init(_ env: Env, dtype: DType) throws {
        self.dtype = dtype
        super.init(env)
        if let box = env.observationSpace as? Box {
            self.observationSpace = try Box(low: box.low.map { $0.isFinite ? $0 : (dtype.isFloat ? $0 : ($0 < 0 ? dtype.range.min : dtype.range.max)) },
                                            high: box.high.map { $0.isFinite ? $0 : (dtype.isFloat ? $0 : dtype.range.max) },
                                            shape: box.shape, dtype: dtype)
        }
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        guard case .array(let a) = observation else { return observation }
        return .array(a.astype(dtype))
    }
}

/// Clips rewards into `[minReward, maxReward]` (Gymnasium `ClipReward`).
public final class ClipReward: RewardWrapper {
    public let minReward: Double
    public let maxReward: Double

    public init(_ env: Env, minReward: Double = -.infinity, maxReward: Double = .infinity) throws {
        guard minReward <= maxReward else { throw EnvError.invalidArgument("Min reward (\(minReward)) must be smaller than max reward (\(maxReward))") }
        self.minReward = minReward
        self.maxReward = maxReward
        super.init(env)
    }

    public override func reward(_ reward: Double) throws -> Double { min(max(reward, minReward), maxReward) }
}

/// Resets automatically on the step after an episode ends (Gymnasium 1.x `Autoreset`, next-step mode):
/// that step returns the reset observation with reward 0 and both flags false.
public final class Autoreset: Wrapper {
    var autoreset = false

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        autoreset = false
        return try env.reset(seed: seed, options: options)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        if autoreset {
            autoreset = false
            let (obs, info) = try env.reset()
            return (obs, 0, false, false, info)
        }
        let r = try env.step(action)
        autoreset = r.terminated || r.truncated
        return r
    }
}

/// With probability `repeatActionProbability`, repeats the previous action instead of the new one
/// (Gymnasium `StickyAction`), drawing from the env's `npRandom`.
public final class StickyAction: ActionWrapper {
    public let repeatActionProbability: Double
    var lastAction: EnvValue?

    public init(_ env: Env, repeatActionProbability: Double) throws {
        guard repeatActionProbability >= 0 && repeatActionProbability < 1 else {
            throw EnvError.invalidArgument("`repeat_action_probability` should be in the interval [0,1). Received \(repeatActionProbability)")
        }
        self.repeatActionProbability = repeatActionProbability
        super.init(env)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        lastAction = nil
        return try env.reset(seed: seed, options: options)
    }

    public override func action(_ action: EnvValue) throws -> EnvValue {
        if let last = lastAction, npRandom.uniform() < repeatActionProbability { return last }
        lastAction = action
        return action
    }
}
