import RLSupport

/// One outcome of a tabular transition: probability, next state, reward, terminated.
public struct Transition: Equatable, Sendable {
    public var probability: Double
    public var nextState: Int
    public var reward: Double
    public var terminated: Bool

    public init(_ probability: Double, _ nextState: Int, _ reward: Double, _ terminated: Bool) {
        self.probability = probability
        self.nextState = nextState
        self.reward = reward
        self.terminated = terminated
    }
}

/// Shared machinery of the toy-text envs with a transition table `P[s][a]` (FrozenLake, CliffWalking, Taxi):
/// Gymnasium's `categorical_sample` for the start state and for each transition, and the reset and
/// step of FrozenLake and CliffWalking (Taxi overrides both to add its action mask).
open class TabularEnv: Env {
    /// `P[s][a]`: the possible outcomes of action a in state s.
    public internal(set) var P: [[[Transition]]]
    /// Start-state distribution.
    public internal(set) var initialStateDistrib: [Double]
    /// Current state.
    public internal(set) var s: Int = 0
    /// Last action (nil after reset).
    public internal(set) var lastAction: Int?
    var hasReset = false

    init(nS: Int, nA: Int, metadata: EnvMetadata, renderMode: String?) {
        P = Array(repeating: Array(repeating: [], count: nA), count: nS)
        initialStateDistrib = Array(repeating: 0, count: nS)
        super.init(observationSpace: Discrete(validated: nS), actionSpace: Discrete(validated: nA), metadata: metadata, renderMode: renderMode)
    }

    /// `np.argmax(np.cumsum(p) > np_random.random())` (toy_text/utils.py).
    static func categoricalSample(_ p: [Double], _ g: NumpyGenerator) -> Int {
        let u = g.random()
        var acc = 0.0
        for (i, v) in p.enumerated() {
            acc += v
            if acc > u { return i }
        }
        return 0
    }

    func validatedAction(_ action: EnvValue) throws -> Int {
        guard let a = action.intValue, actionSpace.contains(action) else { throw EnvError.invalidAction(EnvError.invalidActionMessage(action, space: actionSpace)) }
        guard hasReset else { throw EnvError.resetNeeded("Cannot call env.step() before calling env.reset()") }
        return a
    }

    /// Samples a transition for action `a` from the current state and moves there.
    func transition(_ a: Int) -> Transition {
        let outcomes = P[s][a]
        let i = TabularEnv.categoricalSample(outcomes.map { $0.probability }, npRandom)
        let t = outcomes[i]
        s = t.nextState
        lastAction = a
        return t
    }

    /// Gymnasium's toy-text reset: the sampled start state, `info = {"prob": 1}` (Taxi adds its action mask).
    @discardableResult
    open override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        try resetState(seed: seed, options: options)
        return (.int(s), ["prob": .int(1)])
    }

    /// One sampled transition; `info = {"prob": p}` (Taxi adds its action mask).
    open override func step(_ action: EnvValue) throws -> StepResult {
        let a = try validatedAction(action)
        let t = transition(a)
        return (.int(t.nextState), t.reward, t.terminated, false, ["prob": .double(t.probability)])
    }

    func resetState(seed: Int?, options: EnvOptions?) throws {
        try super.reset(seed: seed, options: options)
        s = TabularEnv.categoricalSample(initialStateDistrib, npRandom)
        lastAction = nil
        hasReset = true
    }
}
