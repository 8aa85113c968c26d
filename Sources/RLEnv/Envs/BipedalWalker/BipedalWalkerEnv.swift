// BipedalWalker as a Gymnasium-style `Env` (gymnasium/envs/box2d/bipedal_walker.py, class
// BipedalWalker) and its registrations `BipedalWalker-v3` and `BipedalWalkerHardcore-v3`.
import RLPhysics
import RLRender
import RLSupport

/// BipedalWalker-v3 / BipedalWalkerHardcore-v3: a four-joint walker on rough terrain (hardcore:
/// stumps, stairs and pits).
///
/// ## Action space
/// `Box(-1, 1, (4,), float32)`: hip and knee motor commands of both legs (sign = direction at full
/// speed, magnitude = torque).
///
/// ## Observation space
/// `Box` of 24 float32: hull angle, angular velocity, horizontal and vertical speed, joint angles
/// and speeds, leg contacts, and 10 lidar fractions.
///
/// ## Rewards
/// 130 per `SCALE` of forward motion, −5 × |hull angle| change, −0.00035 × torque per motor; −100 on
/// a fall. Threshold 300.
///
/// ## Episode end
/// The hull touches the ground or x < 0 (−100), or the far end is reached; 1600 steps (hardcore 2000).
public final class BipedalWalkerEnv: Env {
    public let core: BipedalWalker
    public static let kwargNames = ["renderMode", "hardcore"]
    public static let renderModes = ["human", "rgb_array"]
    static let entryPoint = "gymnasium.envs.box2d.bipedal_walker:BipedalWalker"
    var renderer = BipedalWalkerRenderer()

    public init(renderMode: String? = nil, hardcore: Bool = false) throws {
        if let m = renderMode, !BipedalWalkerEnv.renderModes.contains(m) {
            throw EnvError.invalidArgument("render_mode `\(m)` is not supported by BipedalWalker; use one of \(BipedalWalkerEnv.renderModes) or None")
        }
        core = BipedalWalker(hardcore: hardcore)
        let pi = Double.pi
        let low: [Double] = [-pi, -5, -5, -5, -pi, -5, -pi, -5, -0.0, -pi, -5, -pi, -5, -0.0] + Array(repeating: -1, count: 10)
        let high: [Double] = [pi, 5, 5, 5, pi, 5, pi, 5, 5, pi, 5, pi, 5, 5] + Array(repeating: 1, count: 10)
        let obs = try Box(low: low, high: high)
        let act = try Box(low: -1, high: 1, shape: [4])
        super.init(observationSpace: obs, actionSpace: act,
                   metadata: EnvMetadata(renderModes: BipedalWalkerEnv.renderModes, renderFps: 50), renderMode: renderMode)
    }

    public override var pythonName: String { "BipedalWalker" }
    /// The hull body (position, angle, velocities); nil before reset.
    public var hull: Body? { core.hull }
    /// Whether each lower leg touches the ground (`legs[1].ground_contact`, `legs[3].ground_contact`).
    public var legGroundContact: [Bool] { [core.groundContact[1], core.groundContact[3]] }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        try core.build(npRandom)
        let r = core.step([0, 0, 0, 0])
        return (.float32(r.obs), Info())
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard core.hull != nil else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        let xs = action.scalars
        guard xs.count == 4, xs.allSatisfy({ !$0.isNaN }) else {
            throw EnvError.invalidAction("you passed the invalid action `\(action)`. BipedalWalker takes 4 numbers in [-1, 1] (hip, knee, hip, knee); the action_space is `\(actionSpace)`")
        }
        let r = core.step(xs.map { Float($0) })
        return (.float32(r.obs), r.reward, r.terminated, false, Info())
    }

    /// The 600x400 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames(id: "BipedalWalker-v3") else { return nil }
        guard core.hull != nil else { throw EnvError.resetNeeded("Cannot call env.render() before calling env.reset()") }
        return renderer.render(core)
    }

    // MARK: registration

    static let creator = EnvCreator(className: "BipedalWalker", kwargNames: kwargNames, renderModes: renderModes) { k in
        try BipedalWalkerEnv(renderMode: try k.renderMode(), hardcore: try k.bool("hardcore", default: false))
    }

    /// Attaches the BipedalWalker creator (for `BipedalWalker-v3` and `BipedalWalkerHardcore-v3`);
    /// registers the specs if missing. Idempotent.
    public static func register(into registry: Registry) {
        registry.setCreator(creator, for: entryPoint)
        if !registry.contains("BipedalWalker-v3"),
           let spec = try? EnvSpec(id: "BipedalWalker-v3", entryPoint: entryPoint, rewardThreshold: .int(300), maxEpisodeSteps: 1600) {
            registry.register(spec)
        }
        if !registry.contains("BipedalWalkerHardcore-v3"),
           let spec = try? EnvSpec(id: "BipedalWalkerHardcore-v3", entryPoint: entryPoint, rewardThreshold: .int(300),
                                   maxEpisodeSteps: 2000, kwargs: [("hardcore", .bool(true))]) {
            registry.register(spec)
        }
    }
}
