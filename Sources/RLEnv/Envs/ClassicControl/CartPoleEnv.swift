import RLSupport
import RLRender

/// CartPole-v0 / CartPole-v1: balance a pole on a cart (port of Gymnasium
/// `gymnasium/envs/classic_control/cartpole.py`, Barto, Sutton & Anderson 1983).
///
/// ## Action space
/// `Discrete(2)`: 0 pushes the cart left, 1 pushes it right (force 10 N).
///
/// ## Observation space
/// `Box([-4.8 -inf -0.41887903 -inf], [4.8 inf 0.41887903 inf], (4,), float32)`:
/// cart position, cart velocity, pole angle (rad), pole angular velocity.
///
/// ## Rewards
/// +1 for every step, the terminating step included (v1 threshold 475, v0 195). With
/// `suttonBartoReward: true`, 0 per step and -1 on termination.
///
/// ## Starting state
/// All four values uniform in (-0.05, 0.05); `options` `"low"` / `"high"` change the range.
///
/// ## Episode end
/// Terminates when |x| > 2.4 or |θ| > 12°; `Gym.make` truncates at 500 steps (v1) / 200 (v0).
/// Explicit Euler integration with tau = 0.02 s on float64 state; observations are float32.
public final class CartPoleEnv: Env {
    public let gravity = 9.8
    public let masscart = 1.0
    public let masspole = 0.1
    public let totalMass: Double
    public let length = 0.5
    public let polemassLength: Double
    public let forceMag = 10.0
    public let tau = 0.02
    /// `"euler"` (default) or anything else for semi-implicit Euler.
    public var kinematicsIntegrator = "euler"
    public let thetaThresholdRadians = 12 * 2 * Double.pi / 360
    public let xThreshold = 2.4
    let suttonBartoReward: Bool
    var x = 0.0, xDot = 0.0, theta = 0.0, thetaDot = 0.0
    var hasState = false
    /// Steps taken after the episode terminated (nil while running).
    public private(set) var stepsBeyondTerminated: Int?
    static let obsShape = [4]
    /// Accepted `Gym.make` keyword arguments.
    public static let kwargNames = ["renderMode", "suttonBartoReward"]
    public static let renderModes = ["human", "rgb_array"]

    public init(suttonBartoReward: Bool = false, renderMode: String? = nil) {
        self.suttonBartoReward = suttonBartoReward
        totalMass = masspole + masscart
        polemassLength = masspole * length
        let t = 12 * 2 * Double.pi / 360
        let high = [2.4 * 2, .infinity, t * 2, .infinity]
        // Bounds are valid by construction.
        let obsSpace = (try? Box(low: high.map { -$0 }, high: high)) ?? Space(shape: [4], dtype: .float32)
        super.init(observationSpace: obsSpace, actionSpace: Discrete(validated: 2),
                   metadata: EnvMetadata(renderModes: CartPoleEnv.renderModes, renderFps: 50), renderMode: renderMode)
    }

    /// The float64 state `[x, xDot, theta, thetaDot]`, nil before `reset`.
    public var state: [Double]? {
        get { hasState ? [x, xDot, theta, thetaDot] : nil }
        set {
            if let s = newValue, s.count == 4 { (x, xDot, theta, thetaDot) = (s[0], s[1], s[2], s[3]); hasState = true } else { hasState = false }
        }
    }

    /// Reused observation array: when the caller has dropped the previous observation (and no tensor
    /// wraps it) the buffer is uniquely referenced and refilled in place; otherwise copy-on-write gives
    /// this step a new buffer, so values the caller still holds never change.
    var obsArray = EnvArray(zeros: CartPoleEnv.obsShape, dtype: .float32)

    var observation: EnvValue {
        if !obsArray.isUniquelyReferenced() { obsArray = EnvArray(uninitialized: CartPoleEnv.obsShape, dtype: .float32) }
        // Unique now: written in place through the buffer (no second copy-on-write check).
        let o = obsArray.buffer.data.assumingMemoryBound(to: Float.self)
        o[0] = Float(x); o[1] = Float(xDot); o[2] = Float(theta); o[3] = Float(thetaDot)
        return .array(obsArray)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try super.reset(seed: seed, options: options)
        let (low, high) = try Env.resetBounds(options, low: -0.05, high: 0.05)
        let g = npRandom
        let range = high - low
        x = low + range * g.random()
        xDot = low + range * g.random()
        theta = low + range * g.random()
        thetaDot = low + range * g.random()
        hasState = true
        stepsBeyondTerminated = nil
        return (observation, Info())
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let a: Int
        if case .int(let i) = action, i == 0 || i == 1 { a = i } else if let i = action.intValue, actionSpace.contains(action) { a = i } else {
            throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace))
        }
        guard hasState else { throw EnvError.resetNeeded("Call reset before using step method.") }
        let r = advance(a)
        return (observation, r.reward, r.terminated, false, Info())
    }

    /// The 600x400 frame (`rgb_array`), nil without a render mode or before `reset`.
    public override func render() throws -> RGBImage? {
        guard rendersFrames() else { return nil }
        guard hasState else { return nil }
        return ClassicControlRenderer.cartPole(x: x, theta: theta, xThreshold: xThreshold, length: length)
    }

    /// One physics step without boxing the observation (used by the batched CartPole and benchmarks).
    @inline(__always)
    public func advance(_ action: Int) -> (reward: Double, terminated: Bool) {
        let force = action == 1 ? forceMag : -forceMag
        let costheta = cos(theta)
        let sintheta = sin(theta)
        let temp = (force + polemassLength * (thetaDot * thetaDot) * sintheta) / totalMass
        let thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * (costheta * costheta) / totalMass))
        let xacc = temp - polemassLength * thetaacc * costheta / totalMass
        if kinematicsIntegrator == "euler" {
            x = x + tau * xDot
            xDot = xDot + tau * xacc
            theta = theta + tau * thetaDot
            thetaDot = thetaDot + tau * thetaacc
        } else {
            xDot = xDot + tau * xacc
            x = x + tau * xDot
            thetaDot = thetaDot + tau * thetaacc
            theta = theta + tau * thetaDot
        }
        let terminated = x < -xThreshold || x > xThreshold || theta < -thetaThresholdRadians || theta > thetaThresholdRadians
        let reward: Double
        if !terminated {
            reward = suttonBartoReward ? 0.0 : 1.0
        } else if stepsBeyondTerminated == nil {
            stepsBeyondTerminated = 0
            reward = suttonBartoReward ? -1.0 : 1.0
        } else {
            if stepsBeyondTerminated == 0 {
                Gym.warn("You are calling 'step()' even though this environment has already returned terminated = True. You should always call 'reset()' once you receive 'terminated = True' -- any further steps are undefined behavior.")
            }
            stepsBeyondTerminated = (stepsBeyondTerminated ?? 0) + 1
            reward = suttonBartoReward ? -1.0 : 0.0
        }
        return (reward, terminated)
    }
}

