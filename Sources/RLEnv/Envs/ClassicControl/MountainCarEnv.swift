import RLSupport
import RLRender

/// MountainCar-v0: drive an under-powered car up a hill (port of Gymnasium
/// `gymnasium/envs/classic_control/mountain_car.py`, Moore 1990).
///
/// ## Action space
/// `Discrete(3)`: 0 accelerate left, 1 don't accelerate, 2 accelerate right.
///
/// ## Observation space
/// `Box([-1.2  -0.07], [0.6  0.07], (2,), float32)`: position and velocity.
///
/// ## Rewards
/// -1 per step (threshold -110).
///
/// ## Starting state
/// Position uniform in [-0.6, -0.4] (`options` `"low"` / `"high"`), velocity 0.
///
/// ## Episode end
/// Terminates when position >= 0.5 and velocity >= `goalVelocity` (0); `Gym.make` truncates at 200 steps.
/// Dynamics: `v += (a-1)·0.001 - cos(3p)·0.0025`, clipped to ±0.07; `p += v`, clipped to [-1.2, 0.6];
/// velocity zeroed at the left wall.
public final class MountainCarEnv: Env {
    public let minPosition = -1.2
    public let maxPosition = 0.6
    public let maxSpeed = 0.07
    public let goalPosition = 0.5
    public let goalVelocity: Double
    public let force = 0.001
    public let gravity = 0.0025
    var position = 0.0, velocity = 0.0, hasState = false
    public static let kwargNames = ["renderMode", "goalVelocity"]
    public static let renderModes = ["human", "rgb_array"]

    public init(renderMode: String? = nil, goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
        let obs = (try? Box(low: [-1.2, -0.07], high: [0.6, 0.07])) ?? Space(shape: [2], dtype: .float32)
        super.init(observationSpace: obs, actionSpace: Discrete(validated: 3),
                   metadata: EnvMetadata(renderModes: MountainCarEnv.renderModes, renderFps: 30), renderMode: renderMode)
    }

    /// `(position, velocity)` as float64, nil before `reset`.
    public var state: [Double]? { hasState ? [position, velocity] : nil }

    var observation: EnvValue { .float32([Float(position), Float(velocity)]) }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        let (low, high) = try Env.resetBounds(options, low: -0.6, high: -0.4)
        position = npRandom.uniform(low: low, high: high)
        velocity = 0
        hasState = true
        return (observation, Info())
    }

    /// The 600x400 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasState else { return nil }
        return ClassicControlRenderer.mountainCar(position: position, goalPosition: goalPosition)
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard let a = action.intValue, actionSpace.contains(action) else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace)) }
        guard hasState else { throw EnvError.resetNeeded("Call reset before using step method.") }
        velocity += Double(a - 1) * force + cos(3 * position) * -gravity
        velocity = min(max(velocity, -maxSpeed), maxSpeed)
        position += velocity
        position = min(max(position, minPosition), maxPosition)
        if position == minPosition && velocity < 0 { velocity = 0 }
        let terminated = position >= goalPosition && velocity >= goalVelocity
        return (observation, -1.0, terminated, false, Info())
    }
}

