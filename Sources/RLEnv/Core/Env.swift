import RLSupport
import RLRender

/// What `step` returns: Gymnasium's `(obs, reward, terminated, truncated, info)`.
public typealias StepResult = (observation: EnvValue, reward: Double, terminated: Bool, truncated: Bool, info: Info)
/// What `reset` returns: `(obs, info)`.
public typealias ResetResult = (observation: EnvValue, info: Info)
/// Options of `reset(options:)` (`"low"`, `"high"`, `"x_init"`, ...).
public typealias EnvOptions = [String: EnvArg]

/// Gymnasium's `metadata` dictionary, the parts that matter.
public struct EnvMetadata: Equatable, Sendable {
    /// Supported render modes (`"human"`, `"rgb_array"`, `"ansi"`).
    public var renderModes: [String]
    /// Frames per second of rendered episodes.
    public var renderFps: Int?

    public init(renderModes: [String] = [], renderFps: Int? = nil) {
        self.renderModes = renderModes
        self.renderFps = renderFps
    }
}

/// The base environment (Gymnasium's `gymnasium.Env`): `reset`, `step`, `render`, `close`, spaces,
/// a spec when made through `Gym.make`, and an owned random generator `npRandom`.
///
/// Subclasses override `reset(seed:options:)` (calling `try super.reset(seed:options:)` first to
/// seed `npRandom`, as Gymnasium's `super().reset(seed=seed)`), `step(_:)` and `render()`.
open class Env: CustomStringConvertible {
    /// The space of observations.
    open var observationSpace: Space
    /// The space of actions.
    open var actionSpace: Space
    /// Render modes and fps.
    open var metadata: EnvMetadata
    /// The render mode fixed at construction (`"rgb_array"`, `"ansi"`, `"human"` or nil).
    open var renderMode: String?
    /// The spec this env was made from (set by `Gym.make`).
    open var spec: EnvSpec?
    var storedRandom: NumpyGenerator?
    var storedSeed: Int?

    public init(observationSpace: Space, actionSpace: Space, metadata: EnvMetadata = EnvMetadata(), renderMode: String? = nil) {
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
        self.metadata = metadata
        self.renderMode = renderMode
    }

    /// The env's generator, created from OS entropy on first use; assigning one sets `npRandomSeed` to -1.
    open var npRandom: NumpyGenerator {
        get {
            if let g = storedRandom { return g }
            let g = NumpyGenerator()
            storedRandom = g
            return g
        }
        set {
            storedRandom = newValue
            storedSeed = -1
        }
    }

    /// The seed of `npRandom` (`np_random_seed`): the last int seed, -1 after assignment, nil before seeding.
    open var npRandomSeed: Int? { storedSeed }

    /// Resets the episode. The base implementation only reseeds `npRandom` when `seed` is given.
    @discardableResult
    open func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        if let seed {
            do { storedRandom = try NumpyGenerator.npRandom(seed: seed) } catch { throw EnvError.error(error.description) }
            storedSeed = seed
        }
        return (.tuple([]), Info())
    }

    /// Advances the environment by one action.
    open func step(_ action: EnvValue) throws -> StepResult {
        throw EnvError.error("\(pythonName).step is not implemented")
    }

    /// The current frame for `renderMode == "rgb_array"`; nil when there is no render mode.
    open func render() throws -> RGBImage? { nil }

    /// The text frame for `renderMode == "ansi"` (toy-text envs); nil otherwise.
    open func renderText() throws -> String? { nil }

    /// Releases resources.
    open func close() {}

    /// The innermost environment under all wrappers.
    open var unwrapped: Env { self }

    /// The class name Gymnasium prints (`CartPoleEnv`).
    open var pythonName: String { String(describing: type(of: self)) }

    /// `<CartPoleEnv<CartPole-v1>>`, or `<CartPoleEnv instance>` without a spec.
    open var description: String {
        if let spec { return "<\(pythonName)<\(spec.id)>>" }
        return "<\(pythonName) instance>"
    }

    /// Reads a float reset option (`utils.verify_number_and_cast`).
    public static func floatOption(_ options: EnvOptions?, _ key: String, default value: Double) throws -> Double {
        guard let arg = options?[key] else { return value }
        guard let d = arg.doubleValue else { throw EnvError.invalidArgument("An option (\(arg)) could not be converted to a float.") }
        return d
    }

    /// `utils.maybe_parse_reset_bounds(options, low, high)`.
    public static func resetBounds(_ options: EnvOptions?, low: Double, high: Double) throws -> (Double, Double) {
        let l = try floatOption(options, "low", default: low)
        let h = try floatOption(options, "high", default: high)
        if l > h { throw EnvError.invalidArgument("Lower bound (\(NumpyFormat.pythonFloat(l))) must be lower than higher bound (\(NumpyFormat.pythonFloat(h))).") }
        return (l, h)
    }
}
