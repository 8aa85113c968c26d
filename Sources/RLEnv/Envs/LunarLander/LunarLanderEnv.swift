// LunarLander as a Gymnasium-style `Env` (gymnasium/envs/box2d/lunar_lander.py, class LunarLander) and
// its registrations `LunarLander-v3` and `LunarLanderContinuous-v3`.
import RLPhysics
import RLRender
import RLSupport

/// LunarLander-v3 / LunarLanderContinuous-v3: land a rocket on the pad between the flags.
///
/// ## Action space
/// `Discrete(4)` (0 nothing, 1 left engine, 2 main engine, 3 right engine), or with `continuous: true`
/// `Box(-1, 1, (2,), float32)` = main throttle (off below 0, 50–100% from 0 to 1), lateral (off in
/// (-0.5, 0.5), left below, right above).
///
/// ## Observation space
/// `Box` of 8 float32: x, y, vx, vy, angle, angular velocity (scaled as Gymnasium), and 1/0 for each
/// leg touching the ground.
///
/// ## Rewards
/// Shaping by distance, speed and tilt, +10 per leg in contact, -0.3 per main-engine frame, -0.03 per
/// side-engine frame; -100 on a crash or leaving the screen, +100 when the lander comes to rest.
/// Threshold 200.
///
/// ## Episode end
/// The body touches the ground, |x| ≥ 1, or the lander sleeps (Box2D); 1000 steps (TimeLimit).
/// Keywords: `continuous`, `gravity` (in (-12, 0)), `enableWind`, `windPower`, `turbulencePower`.
public final class LunarLanderEnv: Env {
    public let core: LunarLander
    public static let kwargNames = ["renderMode", "continuous", "gravity", "enableWind", "windPower", "turbulencePower"]
    public static let renderModes = ["human", "rgb_array"]
    static let entryPoint = "gymnasium.envs.box2d.lunar_lander:LunarLander"
    var renderer = LunarLanderRenderer()

    public init(renderMode: String? = nil, continuous: Bool = false, gravity: Double = -10, enableWind: Bool = false,
                windPower: Double = 15, turbulencePower: Double = 1.5) throws {
        guard gravity > -12 && gravity < 0 else {
            throw EnvError.invalidArgument("gravity (current value: \(gravity)) must be between -12 and 0")
        }
        if renderMode != nil && !LunarLanderEnv.renderModes.contains(renderMode!) {
            throw EnvError.invalidArgument("render_mode `\(renderMode!)` is not supported by LunarLander; use one of \(LunarLanderEnv.renderModes) or None")
        }
        if windPower < 0 || windPower > 20 {
            Gym.warn("wind_power value is recommended to be between 0.0 and 20.0, (current value: \(windPower))")
        }
        if turbulencePower < 0 || turbulencePower > 2 {
            Gym.warn("turbulence_power value is recommended to be between 0.0 and 2.0, (current value: \(turbulencePower))")
        }
        core = LunarLander(continuous: continuous, gravity: gravity, enableWind: enableWind, windPower: windPower,
                           turbulencePower: turbulencePower, renderParticles: renderMode != nil)
        let twoPi = 2 * Double.pi
        let obs = try Box(low: [-2.5, -2.5, -10, -10, -twoPi, -10, -0.0, -0.0], high: [2.5, 2.5, 10, 10, twoPi, 10, 1, 1])
        let act: Space = continuous ? try Box(low: -1, high: 1, shape: [2]) : try Discrete(4)
        super.init(observationSpace: obs, actionSpace: act,
                   metadata: EnvMetadata(renderModes: LunarLanderEnv.renderModes, renderFps: 50), renderMode: renderMode)
    }

    public override var pythonName: String { "LunarLander" }
    /// The lander body (position, angle, velocities); nil before reset.
    public var lander: Body? { core.lander }
    /// Whether each leg touches the ground.
    public var legGroundContact: [Bool] { core.legGroundContact }
    /// The current wind and turbulence indices (Gymnasium's `wind_idx`, `torque_idx`).
    public var windIdx: Int { core.windIdx }
    public var torqueIdx: Int { core.torqueIdx }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        try core.build(npRandom)
        let r = core.step(discrete: 0, main: 0, lateral: 0, rng: npRandom)
        return (.float32(r.obs), Info())
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard core.lander != nil else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        let r: (obs: [Float], reward: Double, terminated: Bool)
        if core.continuous {
            let xs = action.scalars
            guard xs.count == 2, xs.allSatisfy({ $0.isFinite }) else {
                throw EnvError.invalidAction("you passed the invalid action `\(action)`. The supported action_space is `\(actionSpace)`")
            }
            r = core.step(discrete: 0, main: min(max(xs[0], -1), 1), lateral: min(max(xs[1], -1), 1), rng: npRandom)
        } else {
            guard let a = action.intValue, actionSpace.contains(action) else {
                throw EnvError.invalidAction("\(action) invalid: LunarLander-v3 takes 0 (noop), 1 (left engine), 2 (main engine) or 3 (right engine); the action_space is `\(actionSpace)`")
            }
            r = core.step(discrete: a, main: 0, lateral: 0, rng: npRandom)
        }
        return (.float32(r.obs), r.reward, r.terminated, false, Info())
    }

    /// The 600x400 frame (`rgb_array`); ages the exhaust particles like Gymnasium's render.
    public override func render() throws -> RGBImage? {
        guard rendersFrames(id: "LunarLander-v3") else { return nil }
        guard core.lander != nil else { throw EnvError.resetNeeded("Cannot call env.render() before calling env.reset()") }
        return renderer.render(core)
    }

    // MARK: registration

    static let creator = EnvCreator(className: "LunarLander", kwargNames: kwargNames, renderModes: renderModes) { k in
        try LunarLanderEnv(renderMode: try k.renderMode(),
                           continuous: try k.bool("continuous", default: false),
                           gravity: try k.double("gravity", default: -10),
                           enableWind: try k.bool("enableWind", default: false),
                           windPower: try k.double("windPower", default: 15),
                           turbulencePower: try k.double("turbulencePower", default: 1.5))
    }

    /// Attaches the LunarLander creator (for `LunarLander-v3` and `LunarLanderContinuous-v3`, which the
    /// built-in registrations declare); registers the specs if missing. Idempotent.
    public static func register(into registry: Registry) {
        registry.setCreator(creator, for: entryPoint)
        if !registry.contains("LunarLander-v3"),
           let spec = try? EnvSpec(id: "LunarLander-v3", entryPoint: entryPoint, rewardThreshold: .int(200), maxEpisodeSteps: 1000) {
            registry.register(spec)
        }
        if !registry.contains("LunarLanderContinuous-v3"),
           let spec = try? EnvSpec(id: "LunarLanderContinuous-v3", entryPoint: entryPoint, rewardThreshold: .int(200),
                                   maxEpisodeSteps: 1000, kwargs: [("continuous", .bool(true))]) {
            registry.register(spec)
        }
    }
}
