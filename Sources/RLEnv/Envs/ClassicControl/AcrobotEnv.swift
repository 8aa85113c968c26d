import RLSupport
import RLRender

/// Acrobot-v1: swing a two-link chain above a line by torquing the joint between the links
/// (port of Gymnasium `gymnasium/envs/classic_control/acrobot.py`, "book" dynamics of Sutton & Barto).
///
/// ## Action space
/// `Discrete(3)`: torque -1, 0 or +1 on the actuated joint.
///
/// ## Observation space
/// `Box(6, float32)`: cos θ1, sin θ1, cos θ2, sin θ2, θ̇1 (±4π), θ̇2 (±9π).
///
/// ## Rewards
/// -1 per step, 0 on the terminating step (threshold -100).
///
/// ## Starting state
/// All four state values uniform in [-0.1, 0.1], stored as float32.
///
/// ## Episode end
/// Terminates when `-cos θ1 - cos(θ1 + θ2) > 1`; `Gym.make` truncates at 500 steps.
/// Integrated with one RK4 step of dt = 0.2 in float64.
public final class AcrobotEnv: Env {
    public static let dt = 0.2
    public static let linkLength1 = 1.0
    public static let linkLength2 = 1.0
    public static let linkMass1 = 1.0
    public static let linkMass2 = 1.0
    public static let linkComPos1 = 0.5
    public static let linkComPos2 = 0.5
    public static let linkMOI = 1.0
    public static let maxVel1 = 4 * Double.pi
    public static let maxVel2 = 9 * Double.pi
    public static let availTorque: [Double] = [-1.0, 0.0, 1.0]
    /// Uniform torque noise amplitude (0 in Gymnasium).
    public var torqueNoiseMax = 0.0
    /// The state `[θ1, θ2, θ̇1, θ̇2]`, nil before `reset`.
    public private(set) var state: [Double]?
    public static let kwargNames = ["renderMode"]
    public static let renderModes = ["human", "rgb_array"]

    public init(renderMode: String? = nil) {
        let high = [1, 1, 1, 1, AcrobotEnv.maxVel1, AcrobotEnv.maxVel2]
        let obs = (try? Box(low: high.map { -$0 }, high: high)) ?? Space(shape: [6], dtype: .float32)
        super.init(observationSpace: obs, actionSpace: Discrete(validated: 3),
                   metadata: EnvMetadata(renderModes: AcrobotEnv.renderModes, renderFps: 15), renderMode: renderMode)
    }

    var observation: EnvValue {
        let s = state ?? [0, 0, 0, 0]
        return .float32([Float(cos(s[0])), Float(sin(s[0])), Float(cos(s[1])), Float(sin(s[1])), Float(s[2]), Float(s[3])])
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        let (low, high) = try Env.resetBounds(options, low: -0.1, high: 0.1)
        state = npRandom.uniform(low: low, high: high, count: 4).map { Double(Float($0)) }
        return (observation, Info())
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        guard let a = action.intValue, actionSpace.contains(action) else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace)) }
        guard let s = state else { throw EnvError.resetNeeded("Call reset before using AcrobotEnv object.") }
        var torque = AcrobotEnv.availTorque[a]
        if torqueNoiseMax > 0 { torque += npRandom.uniform(low: -torqueNoiseMax, high: torqueNoiseMax) }
        var ns = AcrobotEnv.rk4(s + [torque], dt: AcrobotEnv.dt)
        ns[0] = AcrobotEnv.wrap(ns[0], -Double.pi, Double.pi)
        ns[1] = AcrobotEnv.wrap(ns[1], -Double.pi, Double.pi)
        ns[2] = min(max(ns[2], -AcrobotEnv.maxVel1), AcrobotEnv.maxVel1)
        ns[3] = min(max(ns[3], -AcrobotEnv.maxVel2), AcrobotEnv.maxVel2)
        state = ns
        let terminated = -cos(ns[0]) - cos(ns[1] + ns[0]) > 1.0
        return (observation, terminated ? 0.0 : -1.0, terminated, false, Info())
    }

    /// The 500x500 frame (`rgb_array`).
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard let s = state else { return nil }
        return ClassicControlRenderer.acrobot(s)
    }

    /// Gymnasium's `wrap`: shifts x by the range length into [m, M].
    static func wrap(_ x: Double, _ m: Double, _ M: Double) -> Double {
        let diff = M - m
        var x = x
        while x > M { x = x - diff }
        while x < m { x = x + diff }
        return x
    }

    /// `_dsdt` (book dynamics) for the augmented state `[θ1, θ2, θ̇1, θ̇2, torque]`.
    static func dsdt(_ s: [Double]) -> [Double] {
        let m1 = linkMass1, m2 = linkMass2, l1 = linkLength1, lc1 = linkComPos1, lc2 = linkComPos2
        let I1 = linkMOI, I2 = linkMOI, g = 9.8
        let a = s[4], theta1 = s[0], theta2 = s[1], dtheta1 = s[2], dtheta2 = s[3]
        let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos(theta2)) + I1 + I2
        let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos(theta2)) + I2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin(theta2)
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2) + phi2
        let ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin(theta2) - phi2)
            / (m2 * (lc2 * lc2) + I2 - (d2 * d2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return [dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0]
    }

    /// One classic RK4 step over [0, dt], returning the first four components (Gymnasium's `rk4`).
    static func rk4(_ y0: [Double], dt: Double) -> [Double] {
        let dt2 = dt / 2.0
        func axpy(_ y: [Double], _ h: Double, _ k: [Double]) -> [Double] { (0..<y.count).map { y[$0] + h * k[$0] } }
        let k1 = dsdt(y0)
        let k2 = dsdt(axpy(y0, dt2, k1))
        let k3 = dsdt(axpy(y0, dt2, k2))
        let k4 = dsdt(axpy(y0, dt, k3))
        let h = dt / 6.0
        return (0..<4).map { i in y0[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
    }
}

