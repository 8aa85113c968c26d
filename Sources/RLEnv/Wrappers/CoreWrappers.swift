/// Ends episodes after `maxEpisodeSteps` steps by setting `truncated` (Gymnasium `wrappers/common.py` `TimeLimit`).
public final class TimeLimit: Wrapper {
    /// The step limit.
    public let maxEpisodeSteps: Int
    /// Steps since the last reset (nil before the first reset).
    public private(set) var elapsedSteps: Int?

    public init(_ env: Env, maxEpisodeSteps: Int) throws {
        guard maxEpisodeSteps > 0 else { throw EnvError.invalidArgument("Expect the `max_episode_steps` to be positive, actually: \(maxEpisodeSteps)") }
        self.maxEpisodeSteps = maxEpisodeSteps
        super.init(env)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        var r = try env.step(action)
        let n = (elapsedSteps ?? 0) + 1
        elapsedSteps = n
        if n >= maxEpisodeSteps { r.truncated = true }
        return r
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        elapsedSteps = 0
        return try env.reset(seed: seed, options: options)
    }

    public override var spec: EnvSpec? {
        get {
            guard var s = env.spec else { return nil }
            s.maxEpisodeSteps = maxEpisodeSteps
            return s
        }
        set { env.spec = newValue }
    }
}

/// Refuses `step` (and `render`) before the first `reset` (Gymnasium `OrderEnforcing`).
public final class OrderEnforcing: Wrapper {
    /// Whether `reset` was called.
    public private(set) var hasReset = false
    let disableRenderOrderEnforcing: Bool

    public init(_ env: Env, disableRenderOrderEnforcing: Bool = false) {
        self.disableRenderOrderEnforcing = disableRenderOrderEnforcing
        super.init(env)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard hasReset else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        return try env.step(action)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        hasReset = true
        return try env.reset(seed: seed, options: options)
    }

    public override func render() throws -> RGBImage? {
        if !disableRenderOrderEnforcing && !hasReset {
            throw EnvError.resetNeeded("Cannot call `env.render()` before calling `env.reset()`, if this is an intended action, set `disable_render_order_enforcing=True` on the OrderEnforcer wrapper.")
        }
        return try env.render()
    }

    public override var spec: EnvSpec? {
        get {
            guard var s = env.spec else { return nil }
            s.orderEnforce = true
            return s
        }
        set { env.spec = newValue }
    }
}

/// Checks the first `reset` and `step` against the spaces, collecting Gymnasium's warnings
/// (`PassiveEnvChecker`; it never changes values, and Gymnasium only warns).
public final class PassiveEnvChecker: Wrapper {
    /// Warnings found (also appended to `Gym.warnings`).
    public private(set) var warnings: [String] = []
    var checkedReset = false
    var checkedStep = false

    public override init(_ env: Env) {
        super.init(env)
    }

    func note(_ message: String) {
        warnings.append(message)
        Gym.warn(message)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let r = try env.reset(seed: seed, options: options)
        if !checkedReset {
            checkedReset = true
            if !observationSpace.contains(r.observation) { note("The obs returned by the `reset()` method is not within the observation space.") }
        }
        return r
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        if !checkedStep {
            checkedStep = true
            if !observationSpace.contains(r.observation) { note("The obs returned by the `step()` method is not within the observation space.") }
            if r.reward.isNaN { note("The reward is a NaN value.") }
        }
        return r
    }

    public override var spec: EnvSpec? {
        get {
            guard var s = env.spec else { return nil }
            s.disableEnvChecker = false
            return s
        }
        set { env.spec = newValue }
    }
}

import RLRender
