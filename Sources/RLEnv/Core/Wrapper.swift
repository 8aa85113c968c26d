import RLSupport
import RLRender

/// The base wrapper (Gymnasium's `gymnasium.Wrapper`): forwards everything to `env` unless overridden;
/// `observationSpace` / `actionSpace` can be replaced for this layer only.
open class Wrapper: Env {
    /// The wrapped environment.
    public let env: Env
    var ownObservationSpace: Space?
    var ownActionSpace: Space?

    public init(_ env: Env) {
        self.env = env
        super.init(observationSpace: env.observationSpace, actionSpace: env.actionSpace, metadata: env.metadata, renderMode: env.renderMode)
    }

    open override var observationSpace: Space {
        get { ownObservationSpace ?? env.observationSpace }
        set { ownObservationSpace = newValue }
    }

    open override var actionSpace: Space {
        get { ownActionSpace ?? env.actionSpace }
        set { ownActionSpace = newValue }
    }

    open override var metadata: EnvMetadata {
        get { env.metadata }
        set { env.metadata = newValue }
    }

    open override var renderMode: String? {
        get { env.renderMode }
        set { env.renderMode = newValue }
    }

    open override var spec: EnvSpec? {
        get { env.spec }
        set { env.spec = newValue }
    }

    open override var npRandom: NumpyGenerator {
        get { env.npRandom }
        set { env.npRandom = newValue }
    }

    open override var npRandomSeed: Int? { env.npRandomSeed }

    @discardableResult
    open override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try env.reset(seed: seed, options: options)
    }

    open override func step(_ action: EnvValue) throws -> StepResult { try env.step(action) }
    open override func render() throws -> RGBImage? { try env.render() }
    open override func renderText() throws -> String? { try env.renderText() }
    open override func close() { env.close() }
    open override var unwrapped: Env { env.unwrapped }

    /// `<WrapperName<inner>>`.
    open override var description: String { "<\(pythonName)\(env.description)>" }
}

/// Transforms observations (`gymnasium.ObservationWrapper`): override `observation(_:)`.
open class ObservationWrapper: Wrapper {
    open func observation(_ observation: EnvValue) throws -> EnvValue { observation }

    @discardableResult
    open override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let (obs, info) = try env.reset(seed: seed, options: options)
        return (try observation(obs), info)
    }

    open override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        return (try observation(r.observation), r.reward, r.terminated, r.truncated, r.info)
    }
}

/// Transforms actions before the inner env sees them (`gymnasium.ActionWrapper`): override `action(_:)`.
open class ActionWrapper: Wrapper {
    open func action(_ action: EnvValue) throws -> EnvValue { action }

    open override func step(_ action: EnvValue) throws -> StepResult {
        try env.step(try self.action(action))
    }
}

/// Transforms rewards (`gymnasium.RewardWrapper`): override `reward(_:)`.
open class RewardWrapper: Wrapper {
    open func reward(_ reward: Double) throws -> Double { reward }

    open override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        return (r.observation, try reward(r.reward), r.terminated, r.truncated, r.info)
    }
}
