import RLSupport
import RLRender

/// A natively batched CartPole (Gymnasium `CartPoleVectorEnv`, the `vector_entry_point` of
/// CartPole-v0/v1): structure-of-arrays state, one generator for all sub-envs, next-step autoreset
/// and its own step limit. Same numbers as Gymnasium's for the same seed.
public final class CartPoleVectorEnv: VectorEnv {
    public let maxEpisodeSteps: Int
    let suttonBartoReward: Bool
    let gravity = 9.8, masscart = 1.0, masspole = 0.1, length = 0.5, forceMag = 10.0, tau = 0.02
    let totalMass: Double, polemassLength: Double
    let thetaThreshold = 12 * 2 * Double.pi / 360
    let xThreshold = 2.4
    var low = -0.05, high = 0.05
    /// State components, one entry per sub-env.
    public private(set) var x: [Double], xDot: [Double], theta: [Double], thetaDot: [Double]
    var steps: [Int32]
    var prevDone: [Bool]
    var hasState = false
    var generator: NumpyGenerator?
    /// The shared generator.
    public var npRandom: NumpyGenerator {
        if let g = generator { return g }
        let g = NumpyGenerator()
        generator = g
        return g
    }

    public init(numEnvs: Int, maxEpisodeSteps: Int = 500, suttonBartoReward: Bool = false, renderMode: String? = nil) throws {
        guard numEnvs > 0 else { throw EnvError.invalidArgument("num_envs must be positive, got \(numEnvs)") }
        self.maxEpisodeSteps = maxEpisodeSteps
        self.suttonBartoReward = suttonBartoReward
        totalMass = masspole + masscart
        polemassLength = masspole * length
        x = Array(repeating: 0, count: numEnvs); xDot = x; theta = x; thetaDot = x
        steps = Array(repeating: 0, count: numEnvs)
        prevDone = Array(repeating: false, count: numEnvs)
        let single = CartPoleEnv()
        super.init(numEnvs: numEnvs, singleObservationSpace: single.observationSpace, singleActionSpace: single.actionSpace,
                   autoresetMode: .nextStep, metadata: EnvMetadata(renderModes: ["rgb_array"], renderFps: 50))
        self.renderMode = renderMode
    }

    func observations() -> EnvValue {
        var out = EnvArray(uninitialized: [numEnvs, 4], dtype: .float32)
        out.withUnsafeMutableBufferPointer(as: Float.self) { o in
            for i in 0..<numEnvs {
                o[4 * i] = Float(x[i]); o[4 * i + 1] = Float(xDot[i]); o[4 * i + 2] = Float(theta[i]); o[4 * i + 3] = Float(thetaDot[i])
            }
        }
        return .array(out)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> (observations: EnvValue, infos: Info) {
        if let seed {
            do { generator = try NumpyGenerator.npRandom(seed: seed) } catch { throw EnvError.error(error.description) }
        }
        (low, high) = try Env.resetBounds(options, low: -0.05, high: 0.05)
        let g = npRandom
        let range = high - low
        // uniform(size=(4, num_envs)), row-major: all x first, then all x_dot, ...
        for i in 0..<numEnvs { x[i] = low + range * g.random() }
        for i in 0..<numEnvs { xDot[i] = low + range * g.random() }
        for i in 0..<numEnvs { theta[i] = low + range * g.random() }
        for i in 0..<numEnvs { thetaDot[i] = low + range * g.random() }
        steps = Array(repeating: 0, count: numEnvs)
        prevDone = Array(repeating: false, count: numEnvs)
        hasState = true
        return (observations(), Info())
    }

    public override func step(_ actions: [EnvValue]) throws -> VectorStepResult {
        guard actions.count == numEnvs else { throw EnvError.invalidAction("Expected \(numEnvs) actions, got \(actions.count)") }
        var a = [Int](repeating: 0, count: numEnvs)
        for i in 0..<numEnvs {
            guard let v = actions[i].intValue, v == 0 || v == 1 else { throw EnvError.invalidAction(EnvError.invalidActionMessage(actions[i])) }
            a[i] = v
        }
        return try step(actions: a)
    }

    public override func step(_ actions: EnvValue) throws -> VectorStepResult {
        if case .array(let arr) = actions, arr.shape == [numEnvs], let ints = arr.integers {
            guard ints.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw EnvError.invalidAction(EnvError.invalidActionMessage(actions)) }
            return try step(actions: ints)
        }
        return try step(VectorEnv.split(actions, numEnvs))
    }

    /// Steps with plain int actions (0 or 1 each).
    public func step(actions a: [Int]) throws -> VectorStepResult {
        var rewards = [Double](repeating: 0, count: numEnvs)
        var terminated = [Bool](repeating: false, count: numEnvs)
        var truncated = [Bool](repeating: false, count: numEnvs)
        try stepInPlace(actions: a, rewards: &rewards, terminated: &terminated, truncated: &truncated)
        return (observations(), rewards, terminated, truncated, Info())
    }

    /// The allocation-free core: advances every sub-env, writing rewards and flags into caller buffers.
    public func stepInPlace(actions a: [Int], rewards: inout [Double], terminated: inout [Bool], truncated: inout [Bool]) throws {
        guard hasState else { throw EnvError.resetNeeded("Call reset before using step method.") }
        guard a.count == numEnvs, rewards.count == numEnvs, terminated.count == numEnvs, truncated.count == numEnvs else {
            throw EnvError.invalidAction("Expected \(numEnvs) actions")
        }
        let n = numEnvs
        let pml = polemassLength, M = totalMass, mp = masspole, len = length, g = gravity, dt = tau
        let xt = xThreshold, tt = thetaThreshold, maxSteps = Int32(maxEpisodeSteps)
        let baseReward = suttonBartoReward ? 0.0 : 1.0
        x.withUnsafeMutableBufferPointer { X in
        xDot.withUnsafeMutableBufferPointer { XD in
        theta.withUnsafeMutableBufferPointer { T in
        thetaDot.withUnsafeMutableBufferPointer { TD in
        steps.withUnsafeMutableBufferPointer { S in
        a.withUnsafeBufferPointer { A in
        rewards.withUnsafeMutableBufferPointer { R in
        terminated.withUnsafeMutableBufferPointer { TE in
        truncated.withUnsafeMutableBufferPointer { TR in
            for i in 0..<n {
                let force = A[i] == 1 ? forceMag : -forceMag
                let th = T[i], thd = TD[i]
                let c = cos(th), s = sin(th)
                let temp = (force + pml * (thd * thd) * s) / M
                let thetaacc = (g * s - c * temp) / (len * (4.0 / 3.0 - mp * (c * c) / M))
                let xacc = temp - pml * thetaacc * c / M
                let nx = X[i] + dt * XD[i]
                XD[i] = XD[i] + dt * xacc
                X[i] = nx
                T[i] = th + dt * thd
                TD[i] = thd + dt * thetaacc
                let term = nx < -xt || nx > xt || T[i] < -tt || T[i] > tt
                TE[i] = term
                S[i] &+= 1
                TR[i] = S[i] >= maxSteps
                R[i] = suttonBartoReward ? (term ? -1.0 : 0.0) : baseReward
            }
        }}}}}}}}}
        // Sub-envs that ended last step restart now: uniform(size=(4, k)) in row-major order.
        let done = (0..<n).filter { prevDone[$0] }
        if !done.isEmpty {
            let gen = npRandom
            let range = high - low
            for i in done { x[i] = low + range * gen.random() }
            for i in done { xDot[i] = low + range * gen.random() }
            for i in done { theta[i] = low + range * gen.random() }
            for i in done { thetaDot[i] = low + range * gen.random() }
            for i in done {
                steps[i] = 0
                rewards[i] = 0
                terminated[i] = false
                truncated[i] = false
            }
        }
        for i in 0..<n { prevDone[i] = terminated[i] || truncated[i] }
    }

    /// One 600x400 frame per sub-env (`rgb_array`), as Gymnasium's `CartPoleVectorEnv.render`.
    public override func render() throws -> [RGBImage]? {
        guard renderMode == "rgb_array" else { return nil }
        guard hasState else { throw EnvError.resetNeeded("Cartpole's state is None, it probably hasn't be reset yet.") }
        return (0..<numEnvs).map { ClassicControlRenderer.cartPole(x: x[$0], theta: theta[$0]) }
    }

    /// The observations as a flat float32 buffer `[numEnvs * 4]` (no boxing).
    public func observationBuffer(into out: inout [Float]) {
        if out.count != numEnvs * 4 { out = [Float](repeating: 0, count: numEnvs * 4) }
        for i in 0..<numEnvs {
            out[4 * i] = Float(x[i]); out[4 * i + 1] = Float(xDot[i]); out[4 * i + 2] = Float(theta[i]); out[4 * i + 3] = Float(thetaDot[i])
        }
    }
}

