import RLSupport
import RLRender

/// Pendulum-v1: swing up an inverted pendulum and keep it upright (port of Gymnasium
/// `gymnasium/envs/classic_control/pendulum.py`).
///
/// ## Action space
/// `Box(-2.0, 2.0, (1,), float32)`: the torque, clipped to [-2, 2].
///
/// ## Observation space
/// `Box([-1. -1. -8.], [1. 1. 8.], (3,), float32)`: cos θ, sin θ, angular velocity.
///
/// ## Rewards
/// `-(θ² + 0.1·θ̇² + 0.001·u²)` with θ normalised to [-π, π]; at most 0.
///
/// ## Starting state
/// θ uniform in [-π, π] and θ̇ uniform in [-1, 1] (`options` `"x_init"`, `"y_init"` change the bounds).
///
/// ## Episode end
/// Never terminates; `Gym.make` truncates at 200 steps. g = 10 (kwarg `g`), m = l = 1, dt = 0.05;
/// θ̇ is updated first and clipped to ±8, then θ += θ̇·dt. A float32 torque keeps `u²·0.001` and
/// `3·u` in float32, as numpy does.
public final class PendulumEnv: Env {
    public let maxSpeed = 8.0
    public let maxTorque = 2.0
    public let dt = 0.05
    public let g: Double
    public let m = 1.0
    public let l = 1.0
    var theta = 0.0, thetaDot = 0.0, hasState = false
    /// The last torque applied (for rendering), nil after reset.
    public private(set) var lastU: Double?
    public static let kwargNames = ["renderMode", "g"]
    public static let renderModes = ["human", "rgb_array"]

    public init(renderMode: String? = nil, g: Double = 10.0) {
        self.g = g
        let obs = (try? Box(low: [-1, -1, -8], high: [1, 1, 8])) ?? Space(shape: [3], dtype: .float32)
        let act = (try? Box(low: -2, high: 2, shape: [1])) ?? Space(shape: [1], dtype: .float32)
        super.init(observationSpace: obs, actionSpace: act,
                   metadata: EnvMetadata(renderModes: PendulumEnv.renderModes, renderFps: 30), renderMode: renderMode)
    }

    /// `[θ, θ̇]` as float64, nil before `reset`.
    public var state: [Double]? { hasState ? [theta, thetaDot] : nil }

    var observation: EnvValue { .float32([Float(cos(theta)), Float(sin(theta)), Float(thetaDot)]) }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        var hx = Double.pi, hy = 1.0
        if options != nil {
            hx = try Env.floatOption(options, "x_init", default: Double.pi)
            hy = try Env.floatOption(options, "y_init", default: 1.0)
        }
        let v = npRandom.uniform(lows: [-hx, -hy], highs: [hx, hy])
        theta = v[0]; thetaDot = v[1]
        hasState = true
        lastU = nil
        return (observation, Info())
    }

    /// The 500x500 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasState else { return nil }
        return ClassicControlRenderer.pendulum(theta: theta)
    }

    /// Gymnasium's `angle_normalize`: `((x + π) mod 2π) - π` with numpy's floor-mod.
    static func angleNormalize(_ x: Double) -> Double {
        let b = 2 * Double.pi
        var r = fmod(x + Double.pi, b)
        if r != 0 && (r < 0) != (b < 0) { r += b }
        return r - Double.pi
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard hasState else { throw EnvError.resetNeeded("Call reset before using step method.") }
        guard case .array(let arr) = action, arr.count >= 1 else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace)) }
        let is32 = arr.dtype == .float32
        var u = min(max(arr[flat: 0], -maxTorque), maxTorque)
        if is32 { u = Double(Float(u)) }
        lastU = u
        let an = PendulumEnv.angleNormalize(theta)
        let uTerm: Double = is32 ? Double(Float(0.001) * (Float(u) * Float(u))) : 0.001 * (u * u)
        let costs = an * an + 0.1 * (thetaDot * thetaDot) + uTerm
        let torqueTerm: Double = is32 ? Double(Float(3.0 / (m * l * l)) * Float(u)) : 3.0 / (m * l * l) * u
        var newThetaDot = thetaDot + (3 * g / (2 * l) * sin(theta) + torqueTerm) * dt
        newThetaDot = min(max(newThetaDot, -maxSpeed), maxSpeed)
        let newTheta = theta + newThetaDot * dt
        theta = newTheta
        thetaDot = newThetaDot
        return (observation, -costs, false, false, Info())
    }
}

