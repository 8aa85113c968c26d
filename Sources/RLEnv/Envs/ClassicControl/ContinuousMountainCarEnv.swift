import RLSupport
import RLRender

/// MountainCarContinuous-v0: the mountain car with a continuous engine force (port of Gymnasium
/// `gymnasium/envs/classic_control/continuous_mountain_car.py`; Python class `Continuous_MountainCarEnv`).
///
/// ## Action space
/// `Box(-1.0, 1.0, (1,), float32)`: the force, clipped to [-1, 1], scaled by 0.0015.
///
/// ## Observation space
/// `Box([-1.2  -0.07], [0.6  0.07], (2,), float32)`: position and velocity.
///
/// ## Rewards
/// +100 on reaching the goal, minus 0.1·action² every step (threshold 90).
///
/// ## Starting state
/// Position uniform in [-0.6, -0.4], velocity 0.
///
/// ## Episode end
/// Terminates at position >= 0.45 with velocity >= 0; `Gym.make` truncates at 999 steps.
///
/// Numerics follow numpy 2 exactly: the state is stored as float32 after every step, a float32
/// action keeps `force · power - 0.0025·cos(3p)` in float32, and Python floats combined with
/// float32 scalars are rounded to float32 (NEP 50).
public final class ContinuousMountainCarEnv: Env {
    public let minAction = -1.0
    public let maxAction = 1.0
    public let minPosition = -1.2
    public let maxPosition = 0.6
    public let maxSpeed = 0.07
    public let goalPosition = 0.45
    public let goalVelocity: Double
    public let power = 0.0015
    var position = 0.0, velocity = 0.0, hasState = false
    /// Whether the state is a float32 array (after a step) rather than float64 (after reset).
    var stateIs32 = false
    public static let kwargNames = ["renderMode", "goalVelocity"]
    public static let renderModes = ["human", "rgb_array"]

    public init(renderMode: String? = nil, goalVelocity: Double = 0) {
        self.goalVelocity = goalVelocity
        let obs = (try? Box(low: [-1.2, -0.07], high: [0.6, 0.07])) ?? Space(shape: [2], dtype: .float32)
        let act = (try? Box(low: -1, high: 1, shape: [1])) ?? Space(shape: [1], dtype: .float32)
        super.init(observationSpace: obs, actionSpace: act,
                   metadata: EnvMetadata(renderModes: ContinuousMountainCarEnv.renderModes, renderFps: 30), renderMode: renderMode)
    }

    public override var pythonName: String { "Continuous_MountainCarEnv" }

    /// `(position, velocity)`, nil before `reset`.
    public var state: [Double]? { hasState ? [position, velocity] : nil }

    var observation: EnvValue { .float32([Float(position), Float(velocity)]) }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        let (low, high) = try Env.resetBounds(options, low: -0.6, high: -0.4)
        position = npRandom.uniform(low: low, high: high)
        velocity = 0
        stateIs32 = false
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
        guard hasState else { throw EnvError.resetNeeded("Call reset before using step method.") }
        let a: Double
        let aIs32: Bool
        switch action {
        case .array(let arr) where arr.count >= 1:
            a = arr[flat: 0]; aIs32 = arr.dtype == .float32 || !arr.dtype.isFloat && arr.dtype != .int64
        case .int(let i): a = Double(i); aIs32 = false
        default: throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace))
        }
        // force = min(max(action[0], min_action), max_action): keeps the numpy scalar when in range.
        var force = N(a, aIs32 ? .f32 : .f64)
        if minAction > force.v { force = N(minAction, .py) }
        if maxAction < force.v { force = N(maxAction, .py) }
        let pos = N(position, stateIs32 ? .f32 : .f64)
        let vel = N(velocity, stateIs32 ? .f32 : .f64)
        // velocity += force * power - 0.0025 * math.cos(3 * position)
        let t2 = N(0.0025 * cos(N.mul(N(3, .py), pos).v), .py)
        let term = N.sub(N.mul(force, N(power, .py)), t2)
        var v = N.add(vel, term)
        if v.greater(maxSpeed) { v = N(maxSpeed, .py) }
        if v.less(-maxSpeed) { v = N(-maxSpeed, .py) }
        var p = N.add(pos, v)
        if p.greater(maxPosition) { p = N(maxPosition, .py) }
        if p.less(minPosition) { p = N(minPosition, .py) }
        if p.equal(minPosition) && v.less(0) { v = N(0, .py) }
        let terminated = !p.less(goalPosition) && !v.less(goalVelocity)
        var reward = 0.0
        if terminated { reward = 100.0 }
        reward -= (a * a) * 0.1
        position = Double(Float(p.v))
        velocity = Double(Float(v.v))
        stateIs32 = true
        return (observation, reward, terminated, false, Info())
    }

    /// A numpy scalar: its value and kind (float32, float64, or a Python float).
    struct N {
        enum Kind { case f32, f64, py }
        var v: Double
        var k: Kind
        init(_ v: Double, _ k: Kind) { self.v = k == .f32 ? Double(Float(v)) : v; self.k = k }

        /// NumPy 2 promotion: float64 wins; float32 with a Python float stays float32; two Python floats stay Python.
        static func kind(_ a: N, _ b: N) -> Kind {
            if a.k == .f64 || b.k == .f64 { return .f64 }
            if a.k == .f32 || b.k == .f32 { return .f32 }
            return .py
        }
        static func op(_ a: N, _ b: N, _ f: (Double, Double) -> Double, _ g: (Float, Float) -> Float) -> N {
            let k = kind(a, b)
            return k == .f32 ? N(Double(g(Float(a.v), Float(b.v))), .f32) : N(f(a.v, b.v), k)
        }
        static func add(_ a: N, _ b: N) -> N { op(a, b, +, +) }
        static func sub(_ a: N, _ b: N) -> N { op(a, b, -, -) }
        static func mul(_ a: N, _ b: N) -> N { op(a, b, *, *) }
        /// Comparisons with a Python float happen in float32 for a float32 scalar.
        func greater(_ y: Double) -> Bool { k == .f32 ? Float(v) > Float(y) : v > y }
        func less(_ y: Double) -> Bool { k == .f32 ? Float(v) < Float(y) : v < y }
        func equal(_ y: Double) -> Bool { k == .f32 ? Float(v) == Float(y) : v == y }
    }
}

