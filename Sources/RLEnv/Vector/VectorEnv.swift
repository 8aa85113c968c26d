import RLRender

/// When sub-environments reset after an episode ends (Gymnasium `gymnasium.vector.AutoresetMode`).
public enum AutoresetMode: String, Sendable, CustomStringConvertible {
    /// The step after an episode ends resets that sub-env, ignores its action and returns reward 0,
    /// terminated = truncated = false (Gymnasium's default).
    case nextStep = "NextStep"
    /// The sub-env resets inside the same step; the last observation and info go to
    /// `infos["final_obs"]` / `infos["final_info"]`.
    case sameStep = "SameStep"
    /// No automatic reset: call `reset(options: ["reset_mask": ...])` yourself.
    case disabled = "Disabled"

    public var description: String { "AutoresetMode.\(self == .nextStep ? "NEXT_STEP" : self == .sameStep ? "SAME_STEP" : "DISABLED")" }
}

/// What a vector env's `step` returns: batched observations and per-env rewards and flags.
public typealias VectorStepResult = (observations: EnvValue, rewards: [Double], terminations: [Bool], truncations: [Bool], infos: Info)

/// The base of vectorised environments (Gymnasium `gymnasium.vector.VectorEnv`): `numEnvs` copies
/// stepped together with batched observations (`[numEnvs] + singleShape` arrays for `Box`, an int64
/// vector for `Discrete`).
open class VectorEnv: CustomStringConvertible {
    public let numEnvs: Int
    public let singleObservationSpace: Space
    public let singleActionSpace: Space
    /// The batched observation space (`batch_space`).
    public let observationSpace: Space
    /// The batched action space.
    public let actionSpace: Space
    public let autoresetMode: AutoresetMode
    public var metadata: EnvMetadata
    public var renderMode: String?
    public var spec: EnvSpec?

    public init(numEnvs: Int, singleObservationSpace: Space, singleActionSpace: Space, autoresetMode: AutoresetMode, metadata: EnvMetadata = EnvMetadata()) {
        self.numEnvs = numEnvs
        self.singleObservationSpace = singleObservationSpace
        self.singleActionSpace = singleActionSpace
        self.observationSpace = VectorEnv.batchSpace(singleObservationSpace, numEnvs)
        self.actionSpace = VectorEnv.batchSpace(singleActionSpace, numEnvs)
        self.autoresetMode = autoresetMode
        self.metadata = metadata
    }

    /// Gymnasium's `batch_space`: Box -> stacked Box, Discrete -> MultiDiscrete, others -> Tuple of copies.
    public static func batchSpace(_ space: Space, _ n: Int) -> Space {
        if let box = space as? Box, let shape = box.shape,
           let b = try? Box(low: Array(repeating: box.low, count: n).flatMap { $0 }, high: Array(repeating: box.high, count: n).flatMap { $0 },
                            shape: [n] + shape, dtype: box.dtype ?? .float32) {
            return b
        }
        if let d = space as? Discrete, let m = try? MultiDiscrete(Array(repeating: d.n, count: n), start: Array(repeating: d.start, count: n)) {
            return m
        }
        return TupleSpace(Array(repeating: space, count: n))
    }

    /// Resets all sub-envs; an int seed seeds sub-env i with `seed + i`.
    @discardableResult
    open func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        throw EnvError.error("\(type(of: self)).reset is not implemented")
    }

    /// Resets with one seed per sub-env (nil entries draw fresh entropy).
    @discardableResult
    open func reset(seeds: [Int?], options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        throw EnvError.error("\(type(of: self)).reset(seeds:) is not implemented")
    }

    /// Steps every sub-env with its action.
    open func step(_ actions: [EnvValue]) throws -> VectorStepResult {
        throw EnvError.error("\(type(of: self)).step is not implemented")
    }

    /// Steps with a batched action (an int vector for Discrete, `[numEnvs, ...]` array for Box).
    open func step(_ actions: EnvValue) throws -> VectorStepResult {
        try step(VectorEnv.split(actions, numEnvs))
    }

    /// Splits a batched action along its first axis.
    public static func split(_ actions: EnvValue, _ n: Int) throws -> [EnvValue] {
        switch actions {
        case .tuple(let items) where items.count == n: return items
        case .array(let a) where a.shape.first == n:
            let inner = Array(a.shape.dropFirst())
            let per = inner.reduce(1, *)
            let values = a.scalars
            if inner.isEmpty && !a.dtype.isFloat { return values.map { .int(Int($0)) } }
            return (0..<n).map { i in .array(EnvArray(Array(values[(i * per)..<((i + 1) * per)]), shape: inner, dtype: a.dtype)) }
        default:
            throw EnvError.invalidAction("Expected \(n) actions batched along the first axis, got \(actions)")
        }
    }

    /// Splits `options["reset_mask"]` (numbers, non-zero = reset) from the options passed to sub-envs.
    static func resetMask(_ options: EnvOptions?, _ n: Int) throws -> ([Bool]?, EnvOptions?) {
        guard var opts = options, let m = opts["reset_mask"] else { return (nil, options) }
        opts["reset_mask"] = nil
        guard case .numbers(let values) = m, values.count == n else {
            throw EnvError.invalidArgument("`options[\"reset_mask\"]` must be \(n) numbers (1 to reset a sub-environment), got \(m)")
        }
        return (values.map { $0 != 0 }, opts.isEmpty ? nil : opts)
    }

    /// Stacks per-env observations into one batched value.
    public static func concatenate(_ values: [EnvValue], space: Space) -> EnvValue {
        if space is Discrete { return .array(EnvArray(ints: values.map { $0.intValue ?? 0 })) }
        if let box = space as? Box, let shape = box.shape {
            let dtype = box.dtype ?? .float32
            if dtype == .float32 {
                var out: [Float] = []
                out.reserveCapacity(values.count * shape.reduce(1, *))
                for v in values {
                    if case .array(let a) = v, a.dtype == .float32 { a.withUnsafeBufferPointer(as: Float.self) { out += $0 } } else { out += v.scalars.map { Float($0) } }
                }
                return .array(EnvArray(float32: out, shape: [values.count] + shape))
            }
            return .array(EnvArray(values.flatMap { $0.scalars }, shape: [values.count] + shape, dtype: dtype))
        }
        return .tuple(values)
    }

    /// Gymnasium's vector info: each key maps to per-env values, plus a `_key` boolean mask of the envs that set it.
    public static func mergeInfos(_ infos: [Info]) -> Info {
        var keys: [String] = []
        for info in infos { for k in info.keys where !keys.contains(k) { keys.append(k) } }
        var out = Info()
        for k in keys {
            let present = infos.map { $0[k] != nil }
            let values = infos.map { $0[k] }
            if values.allSatisfy({ v in v == nil || v!.doubleValue != nil }) {
                let isInt = values.allSatisfy { v in if case .int = v { return true }; return v == nil }
                let isBool = values.allSatisfy { v in if case .bool = v { return true }; return v == nil }
                let nums = values.map { $0?.doubleValue ?? 0 }
                out[k] = .array(isBool ? EnvArray(ints: nums.map { Int($0) }, dtype: .bool) : isInt ? EnvArray(ints: nums.map { Int($0) }) : EnvArray(float64: nums))
            } else if values.allSatisfy({ v in if case .info = v { return true }; return v == nil }) {
                out[k] = .info(mergeInfos(values.map { v in if case .info(let i) = v { return i }; return Info() }))
            } else {
                out[k] = .list(values.map { $0 ?? .string("None") })
            }
            out["_" + k] = .array(EnvArray(ints: present.map { $0 ? 1 : 0 }, dtype: .bool))
        }
        return out
    }

    /// One `rgb_array` frame per sub-env (nil without a render mode).
    open func render() throws -> [RGBImage]? { nil }

    /// Closes every sub-env.
    open func close() {}

    open var description: String { "\(type(of: self))(num_envs=\(numEnvs))" }
}
