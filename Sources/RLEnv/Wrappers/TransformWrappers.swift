/// Applies a function to every observation (Gymnasium `TransformObservation`), optionally with a new space.
public final class TransformObservation: ObservationWrapper {
    let function: (EnvValue) throws -> EnvValue

    public init(_ env: Env, observationSpace: Space? = nil, _ function: @escaping (EnvValue) throws -> EnvValue) {
        self.function = function
        super.init(env)
        if let observationSpace { self.observationSpace = observationSpace }
    }

    public override func observation(_ observation: EnvValue) throws -> EnvValue { try function(observation) }
}

/// Applies a function to every reward (Gymnasium `TransformReward`).
public final class TransformReward: RewardWrapper {
    let function: (Double) throws -> Double

    public init(_ env: Env, _ function: @escaping (Double) throws -> Double) {
        self.function = function
        super.init(env)
    }

    public override func reward(_ reward: Double) throws -> Double { try function(reward) }
}

/// Applies a function to every action before the inner env (Gymnasium `TransformAction`).
public final class TransformAction: ActionWrapper {
    let function: (EnvValue) throws -> EnvValue

    public init(_ env: Env, actionSpace: Space? = nil, _ function: @escaping (EnvValue) throws -> EnvValue) {
        self.function = function
        super.init(env)
        if let actionSpace { self.actionSpace = actionSpace }
    }

    public override func action(_ action: EnvValue) throws -> EnvValue { try function(action) }
}

/// Clips continuous actions into the inner `Box` (Gymnasium `ClipAction`); the exposed action space
/// becomes unbounded with the same shape and dtype. Other action spaces pass actions through unchanged.
public final class ClipAction: ActionWrapper {
    let box: Box?

    public override init(_ env: Env) {
        box = env.actionSpace as? Box
        super.init(env)
        if let box, let unbounded = try? Box(low: -.infinity, high: .infinity, shape: box.shape ?? [], dtype: box.dtype ?? .float32) {
            self.actionSpace = unbounded
        } else {
            Gym.warn("ClipAction expects a Box action space, got \(env.actionSpace); actions pass through unchanged.")
        }
    }

    public override func action(_ action: EnvValue) throws -> EnvValue {
        guard let box else { return action }
        guard case .array(let a) = action else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action)) }
        return .array(box.clip(a))
    }
}

/// Affinely rescales actions from `[minAction, maxAction]` to the inner `Box` bounds (Gymnasium
/// `RescaleAction`, `wrappers/utils.py` `rescale_box` backward map, in the box dtype).
public final class RescaleAction: ActionWrapper {
    let gradient: [Double]
    let intercept: [Double]
    let dtype: DType

    public init(_ env: Env, minAction: [Double], maxAction: [Double]) throws {
        guard let box = env.actionSpace as? Box else { throw EnvError.invalidArgument("RescaleAction expects a Box action space, got \(env.actionSpace)") }
        let n = box.low.count
        guard minAction.count == n, maxAction.count == n else { throw EnvError.invalidArgument("RescaleAction bounds must have \(n) values") }
        guard zip(minAction, maxAction).allSatisfy({ $0 < $1 }) else { throw EnvError.invalidArgument("RescaleAction needs min_action < max_action, got \(minAction), \(maxAction)") }
        dtype = box.dtype ?? .float32
        var g = [Double](repeating: 1, count: n), c = [Double](repeating: 0, count: n)
        for i in 0..<n where minAction[i].isFinite && maxAction[i].isFinite {
            g[i] = dtype.cast((maxAction[i] - minAction[i]) / (box.high[i] - box.low[i]))
        }
        for i in 0..<n where maxAction[i].isFinite { c[i] = dtype.cast(maxAction[i] - box.high[i]) }
        for i in 0..<n where minAction[i].isFinite {
            c[i] = dtype == .float32 ? Double(Float(g[i]) * -Float(box.low[i]) + Float(minAction[i])) : g[i] * -box.low[i] + minAction[i]
        }
        gradient = g
        intercept = c
        super.init(env)
        self.actionSpace = try Box(low: minAction, high: maxAction, shape: box.shape, dtype: dtype)
    }

    public convenience init(_ env: Env, minAction: Double, maxAction: Double) throws {
        let n = (env.actionSpace as? Box)?.low.count ?? 1
        try self.init(env, minAction: Array(repeating: minAction, count: n), maxAction: Array(repeating: maxAction, count: n))
    }

    public override func action(_ action: EnvValue) throws -> EnvValue {
        guard case .array(let a) = action, a.count == gradient.count else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action)) }
        let v = a.scalars
        if dtype == .float32 && a.dtype == .float32 {
            return .float32((0..<v.count).map { (Float(v[$0]) - Float(intercept[$0])) / Float(gradient[$0]) })
        }
        return .array(EnvArray((0..<v.count).map { (v[$0] - intercept[$0]) / gradient[$0] }, shape: a.shape, dtype: a.dtype))
    }
}
