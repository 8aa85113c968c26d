// CarRacing as a Gymnasium-style `Env` (gymnasium/envs/box2d/car_racing.py, class CarRacing) and its
// registrations `CarRacing-v3` (finished lap terminates) and `CarRacing-v2` (finished lap truncates).
import RLPhysics
import RLRender
import RLSupport

/// CarRacing-v2 / CarRacing-v3: drive a rear-wheel-drive car around a random track, from pixels.
///
/// ## Action space
/// `Discrete(5)` with `continuous: false` (0 no-op, 1 steer right, 2 steer left, 3 gas, 4 brake), else
/// `Box([-1, 0, 0], [1, 1, 1], (3,), float32)` = steer, gas, brake.
///
/// ## Observation space
/// `Box(0, 255, (96, 96, 3), uint8)`: the top-down view with the HUD bar.
///
/// ## Rewards
/// −0.1 per step, +1000/N for each newly visited tile (N tiles), −100 (replacing the step reward) when
/// the car leaves the playfield. Threshold 900.
///
/// ## Episode end
/// All tiles visited (v3: `terminated`, `info["lap_finished"] = true`; v2: `truncated`), off the
/// playfield (`terminated`, v3 `lap_finished = false`), or 1000 steps (TimeLimit). As in Gymnasium,
/// `lapCompletePercent` has no effect (issue #1269) unless `fixLapCompletion: true`.
///
/// `renderMode` `"rgb_array"` renders 600x400 frames, `"state_pixels"` 96x96; the observation is
/// always rendered. Physics is a bit-for-bit port of Box2D 2.3's solver as pybox2d runs it.
public final class CarRacingEnv: Env {
    /// The simulation (tracks, car, rewards, rendering).
    public let core: CarRacing
    /// Accepted `Gym.make` keyword arguments.
    public static let kwargNames = ["renderMode", "verbose", "lapCompletePercent", "domainRandomize", "continuous", "fixLapCompletion"]
    public static let renderModes = ["human", "rgb_array", "state_pixels"]
    static let entryPoint = "gymnasium.envs.box2d.car_racing:CarRacing"

    public init(renderMode: String? = nil, lapCompletePercent: Double = 0.95, domainRandomize: Bool = false,
                continuous: Bool = true, fixLapCompletion: Bool = false, version: CarRacingVersion = .v3) throws {
        do {
            core = try CarRacing(renderMode: renderMode, lapCompletePercent: lapCompletePercent, domainRandomize: domainRandomize,
                                 continuous: continuous, fixLapCompletion: fixLapCompletion, version: version)
        } catch let e as CarRacingError {
            throw EnvError.invalidArgument(e.description)
        }
        let obs = try Box(low: 0, high: 255, shape: [CarRacingConstants.stateH, CarRacingConstants.stateW, 3], dtype: .uint8)
        let act: Space = continuous ? try Box(low: [-1, 0, 0], high: [1, 1, 1]) : try Discrete(5)
        super.init(observationSpace: obs, actionSpace: act,
                   metadata: EnvMetadata(renderModes: CarRacingEnv.renderModes, renderFps: 50), renderMode: renderMode)
        // _init_colors runs in __init__ on the env's not-yet-seeded generator
        if domainRandomize { core.randomizeColors(npRandom) }
    }

    public override var pythonName: String { "CarRacing" }

    /// The track points `[alpha, beta, x, y]` (Gymnasium's `env.unwrapped.track`).
    public var track: [[Double]] { core.track?.points.map { [$0.alpha, $0.beta, $0.x, $0.y] } ?? [] }
    /// The car (`car.hull.position`, `car.hull.angle`, `car.wheels[i].omega`, ...); nil before reset.
    public var car: Car? { core.car }
    /// Tiles visited this episode.
    public var tileVisitedCount: Int { core.tileVisitedCount }
    /// Accumulated reward of the episode (Gymnasium's `env.unwrapped.reward`).
    public var reward: Double { core.reward }
    /// Colours in use (domain randomisation changes them on reset).
    public var roadColor: [Double] { [core.roadColor.0, core.roadColor.1, core.roadColor.2] }
    public var bgColor: [Double] { [core.bgColor.0, core.bgColor.1, core.bgColor.2] }
    public var grassColor: [Double] { [core.grassColor.0, core.grassColor.1, core.grassColor.2] }
    /// Observation rendering: `.fast(supersample: 2)` by default; `.exact` follows pygame pixel by pixel.
    public var renderQuality: RenderQuality {
        get { core.renderQuality }
        set { core.renderQuality = newValue }
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        var randomize: Bool? = nil
        if core.domainRandomize, let opt = options?["randomize"] {
            guard case .bool(let b) = opt else { throw EnvError.invalidArgument("option `randomize` expects True or False, got \(opt)") }
            randomize = b
        }
        let obs = core.reset(random: npRandom, randomize: randomize)
        return (.array(obs), Info())
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard core.car != nil else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        let r: CarRacingStep
        if core.continuous {
            // The array's three elements go to the car as they are (no intermediate arrays); the core checks them.
            guard case .array(let a) = action, a.count == 3 else {
                throw EnvError.invalidAction("you passed the invalid action `\(action)`. The supported action_space is `\(actionSpace)`")
            }
            r = try core.step(steer: a[flat: 0], gas: a[flat: 1], brake: a[flat: 2])
        } else {
            guard let a = action.intValue, actionSpace.contains(action) else {
                throw EnvError.invalidAction("you passed the invalid action `\(action)`. The supported action_space is `\(actionSpace)`")
            }
            r = try core.step(a)
        }
        var info = Info()
        if let lap = r.lapFinished { info["lap_finished"] = .bool(lap) }
        return (.array(r.observation), r.reward, r.terminated, r.truncated, info)
    }

    /// `rgb_array`: 600x400; `state_pixels`: 96x96; nil otherwise.
    public override func render() throws -> RGBImage? {
        guard core.car != nil else { throw EnvError.resetNeeded("Cannot call env.render() before calling env.reset()") }
        return try core.render()
    }

    // MARK: registration

    /// The creator behind `gymnasium.envs.box2d.car_racing:CarRacing`: `CarRacing-v2` (by `EnvKwargs.envID`)
    /// gets the older truncation semantics, every other id v3's.
    static let creator = EnvCreator(className: "CarRacing", kwargNames: kwargNames, renderModes: renderModes) { k in
        _ = try k.bool("verbose", default: false)
        return try CarRacingEnv(renderMode: try k.renderMode(),
                                lapCompletePercent: try k.double("lapCompletePercent", default: 0.95),
                                domainRandomize: try k.bool("domainRandomize", default: false),
                                continuous: try k.bool("continuous", default: true),
                                fixLapCompletion: try k.bool("fixLapCompletion", default: false),
                                version: k.envID == "CarRacing-v2" ? .v2 : .v3)
    }

    /// Attaches the CarRacing creator to a registry (for `CarRacing-v3` and `CarRacing-v2`, which the
    /// built-in registrations declare with Gymnasium's entry point); registers the two specs if missing.
    /// Idempotent. `BuiltinEnvironments.register(into:)` should call it so that `Gym.make` finds CarRacing.
    public static func register(into registry: Registry) {
        registry.setCreator(creator, for: entryPoint)
        for id in ["CarRacing-v2", "CarRacing-v3"] where !registry.contains(id) {
            if let spec = try? EnvSpec(id: id, entryPoint: entryPoint, rewardThreshold: .int(900), maxEpisodeSteps: 1000) {
                registry.register(spec)
            }
        }
    }
}
