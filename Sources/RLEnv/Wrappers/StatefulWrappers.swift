/// Stacks the last `stackSize` observations on a new leading axis (Gymnasium 1.x
/// `FrameStackObservation`): padding `"reset"` repeats the reset observation, `"zero"` uses zeros.
/// Works for array observations (shape (n, ...)) and `Discrete` observations (an int64 vector).
public final class FrameStackObservation: Wrapper {
    public let stackSize: Int
    public let paddingType: String
    var queue: [EnvValue] = []
    var padding: EnvValue

    public init(_ env: Env, stackSize: Int, paddingType: String = "reset") throws {
        guard stackSize > 0 else { throw EnvError.invalidArgument("The stack_size is expected to be positive, actual value: \(stackSize)") }
        guard paddingType == "reset" || paddingType == "zero" else {
            throw EnvError.invalidArgument("Unexpected `padding_type`, expected 'reset', 'zero' or a custom observation space, actual type: \(paddingType)")
        }
        self.stackSize = stackSize
        self.paddingType = paddingType
        padding = FrameStackObservation.zero(of: env.observationSpace)
        super.init(env)
        if let box = env.observationSpace as? Box, let shape = box.shape {
            self.observationSpace = try Box(low: Array(repeating: box.low, count: stackSize).flatMap { $0 },
                                            high: Array(repeating: box.high, count: stackSize).flatMap { $0 },
                                            shape: [stackSize] + shape, dtype: box.dtype ?? .float32)
        } else if let d = env.observationSpace as? Discrete {
            self.observationSpace = try MultiDiscrete(Array(repeating: d.n, count: stackSize), start: Array(repeating: d.start, count: stackSize))
        }
        queue = Array(repeating: padding, count: stackSize)
    }

    /// Gymnasium's `create_zero_array` for the supported spaces.
    static func zero(of space: Space) -> EnvValue {
        if let box = space as? Box, let shape = box.shape { return .array(EnvArray(repeating: 0, shape: shape, dtype: box.dtype ?? .float32)) }
        if let d = space as? Discrete { return .int(d.start) }
        return .int(0)
    }

    func stacked() -> EnvValue {
        if case .array(let first) = queue[0] {
            let shape = [stackSize] + first.shape
            // Keep the dtype: the frames' buffers are copied one after another into the stacked array.
            if queue.allSatisfy({ $0.arrayValue.map { $0.dtype == first.dtype && $0.count == first.count } ?? false }) {
                var out = EnvArray(uninitialized: shape, dtype: first.dtype)
                let frameBytes = first.count * first.dtype.size
                out.withUnsafeMutableRawElements { p in
                    for (k, v) in queue.enumerated() {
                        if case .array(let a) = v, frameBytes > 0 { (p + k * frameBytes).copyMemory(from: a.buffer.data, byteCount: frameBytes) }
                    }
                }
                return .array(out)
            }
            var values: [Double] = []
            values.reserveCapacity(first.count * stackSize)
            for v in queue { values += v.arrayValue?.scalars ?? [] }
            return .array(EnvArray(values, shape: [stackSize] + first.shape, dtype: first.dtype))
        }
        return .array(EnvArray(ints: queue.map { $0.intValue ?? 0 }))
    }

    func push(_ v: EnvValue) {
        queue.append(v)
        if queue.count > stackSize { queue.removeFirst(queue.count - stackSize) }
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let (obs, info) = try env.reset(seed: seed, options: options)
        if paddingType == "reset" { padding = obs }
        for _ in 0..<(stackSize - 1) { push(padding) }
        push(obs)
        return (stacked(), info)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        push(r.observation)
        return (stacked(), r.reward, r.terminated, r.truncated, r.info)
    }
}

/// Repeats each action `skip` times, summing rewards, and returns the element-wise maximum of the
/// last two observations (Gymnasium `MaxAndSkipObservation`, Atari-style frame skipping).
public final class MaxAndSkipObservation: Wrapper {
    public let skip: Int
    var buffer: [[Double]]
    let shape: [Int]
    let dtype: DType

    public init(_ env: Env, skip: Int = 4) throws {
        guard skip >= 2 else { throw EnvError.invalidArgument("The skip is expected to be greater than 2, actual value: \(skip)") }
        guard let box = env.observationSpace as? Box, let shape = box.shape else {
            throw EnvError.invalidArgument("The wrapped environment's observation space must be a Box with a shape, got \(env.observationSpace)")
        }
        self.skip = skip
        self.shape = shape
        self.dtype = box.dtype ?? .float32
        let n = shape.reduce(1, *)
        buffer = [Array(repeating: 0, count: n), Array(repeating: 0, count: n)]
        super.init(env)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        var total = 0.0
        var last: StepResult?
        for i in 0..<skip {
            let r = try env.step(action)
            let values = r.observation.scalars
            if i == skip - 2 { buffer[0] = values }
            if i == skip - 1 { buffer[1] = values }
            total += r.reward
            last = r
            if r.terminated || r.truncated { break }
        }
        let maxFrame = zip(buffer[0], buffer[1]).map { max($0, $1) }
        guard let r = last else { throw EnvError.error("MaxAndSkipObservation took no step") }
        return (.array(EnvArray(maxFrame, shape: shape, dtype: dtype)), total, r.terminated, r.truncated, r.info)
    }
}

/// Running mean and variance (Gymnasium `wrappers/utils.py` `RunningMeanStd`, parallel-moments update).
public struct RunningMeanStd: Sendable {
    public var mean: [Double]
    public var variance: [Double]
    public var count: Double
    let float32: Bool

    public init(count n: Int, epsilon: Double = 1e-4, float32: Bool = false) {
        mean = Array(repeating: 0, count: n)
        variance = Array(repeating: 1, count: n)
        count = epsilon
        self.float32 = float32
    }

    /// Updates with one batch of one sample (`update(np.array([x]))`): batch mean x, batch variance 0.
    public mutating func update(_ x: [Double]) {
        let batchCount = 1.0
        let tot = count + batchCount
        for i in 0..<mean.count {
            if float32 {
                let delta = Float(x[i]) - Float(mean[i])
                let newMean = Float(mean[i]) + delta * Float(batchCount) / Float(tot)
                let mA = Float(variance[i]) * Float(count)
                let m2 = mA + 0 + delta * delta * Float(count) * Float(batchCount) / Float(tot)
                mean[i] = Double(newMean)
                variance[i] = Double(m2 / Float(tot))
            } else {
                let delta = x[i] - mean[i]
                mean[i] = mean[i] + delta * batchCount / tot
                let m2 = variance[i] * count + 0 + delta * delta * count * batchCount / tot
                variance[i] = m2 / tot
            }
        }
        count = tot
    }
}

/// Normalizes observations to running mean 0 / variance 1 (Gymnasium `NormalizeObservation`);
/// float32 output, unbounded Box space. Set `updateRunningMean = false` to freeze the statistics.
public final class NormalizeObservation: ObservationWrapper {
    public var obsRMS: RunningMeanStd
    public let epsilon: Double
    public var updateRunningMean = true
    let shape: [Int]

    public init(_ env: Env, epsilon: Double = 1e-8) throws {
        guard epsilon > 0 else { throw EnvError.invalidArgument("`epsilon` should be strictly positive. Received \(epsilon)") }
        guard let shape = env.observationSpace.shape else { throw EnvError.invalidArgument("Observation space must have a shape") }
        self.shape = shape
        self.epsilon = epsilon
        obsRMS = RunningMeanStd(count: shape.reduce(1, *), float32: true)
        super.init(env)
        self.observationSpace = try Box(low: -.infinity, high: .infinity, shape: shape, dtype: .float32)
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue {
        let x = observation.scalars
        if updateRunningMean { obsRMS.update(x) }
        let out = (0..<x.count).map { i -> Float in
            let v = Float(x[i]) - Float(obsRMS.mean[i])
            return v / Float((obsRMS.variance[i] + epsilon).squareRoot())
        }
        return .array(EnvArray(float32: out, shape: shape))
    }
}

/// Scales rewards by the running standard deviation of the discounted return (Gymnasium `NormalizeReward`).
public final class NormalizeReward: Wrapper {
    public var returnRMS = RunningMeanStd(count: 1)
    public var discountedReward = 0.0
    public let gamma: Double
    public let epsilon: Double
    public var updateRunningMean = true

    public init(_ env: Env, gamma: Double = 0.99, epsilon: Double = 1e-8) throws {
        guard gamma >= 0 && gamma <= 1 else { throw EnvError.invalidArgument("`gamma` should be in the interval [0, 1]. Received \(gamma)") }
        guard epsilon > 0 else { throw EnvError.invalidArgument("`epsilon` should be strictly positive. Received \(epsilon)") }
        self.gamma = gamma
        self.epsilon = epsilon
        super.init(env)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        var r = try env.step(action)
        discountedReward = discountedReward * gamma * (r.terminated ? 0 : 1) + r.reward
        if updateRunningMean { returnRMS.update([discountedReward]) }
        r.reward = r.reward / (returnRMS.variance[0] + epsilon).squareRoot()
        return r
    }
}
