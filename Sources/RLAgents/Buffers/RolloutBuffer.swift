import RLSupport
import RLTensor

/// A minibatch of a rollout (SB3's `RolloutBufferSamples`).
public struct RolloutSamples {
    public var observations: Tensor
    /// `[B]` int64 for discrete actions, `[B, actionDim]` float32 for continuous ones.
    public var actions: Tensor
    public var oldValues: Tensor
    public var oldLogProb: Tensor
    public var advantages: Tensor
    public var returns: Tensor
}

/// The on-policy rollout of PPO and A2C (SB3's `RolloutBuffer`): `nSteps` steps of `nEnvs` envs,
/// then returns and advantages by GAE(λ), then minibatches in a random order.
public final class RolloutBuffer {
    public let nSteps: Int
    public let nEnvs: Int
    public let layout: ObservationLayout
    /// Numbers per action (1 for discrete).
    public let actionDim: Int
    public let discrete: Bool
    public let gamma: Double
    public let gaeLambda: Double

    public private(set) var pos = 0
    // Indexed [step * nEnvs + env].
    private var observations: ObservationBatch
    private var actions: [Float] = []
    private var rewards: [Double] = []
    private var episodeStarts: [Bool] = []
    public private(set) var values: [Double] = []
    private var logProbs: [Double] = []
    public private(set) var advantages: [Double] = []
    public private(set) var returns: [Double] = []

    public init(nSteps: Int, nEnvs: Int, layout: ObservationLayout, actionDim: Int, discrete: Bool, gamma: Double, gaeLambda: Double) {
        self.nSteps = nSteps; self.nEnvs = nEnvs; self.layout = layout
        self.actionDim = actionDim; self.discrete = discrete
        self.gamma = gamma; self.gaeLambda = gaeLambda
        observations = ObservationBatch(layout: layout)
    }

    public var isFull: Bool { pos == nSteps }

    public func reset() {
        pos = 0
        observations = ObservationBatch(layout: layout)
        actions = []; rewards = []; episodeStarts = []; values = []; logProbs = []; advantages = []; returns = []
    }

    /// Adds one step of every env.
    public func add(observations obs: ObservationBatch, actions acts: [[Float]], rewards rs: [Double], episodeStarts starts: [Bool],
                    values vs: [Double], logProbs lps: [Double]) {
        observations.append(obs)
        for a in acts { actions += a }
        rewards += rs; episodeStarts += starts; values += vs; logProbs += lps
        pos += 1
    }

    /// GAE(λ) advantages and returns (`compute_returns_and_advantage`): `lastValues` are the values of
    /// the observations after the last step, `dones` whether each env's episode ended at that step.
    public func computeReturnsAndAdvantage(lastValues: [Double], dones: [Bool]) {
        advantages = Array(repeating: 0, count: nSteps * nEnvs)
        var lastGae = [Double](repeating: 0, count: nEnvs)
        for step in stride(from: nSteps - 1, through: 0, by: -1) {
            for e in 0..<nEnvs {
                let k = step * nEnvs + e
                let nextNonTerminal: Double, nextValue: Double
                if step == nSteps - 1 {
                    nextNonTerminal = dones[e] ? 0 : 1
                    nextValue = lastValues[e]
                } else {
                    nextNonTerminal = episodeStarts[k + nEnvs] ? 0 : 1
                    nextValue = values[k + nEnvs]
                }
                let delta = rewards[k] + gamma * nextValue * nextNonTerminal - values[k]
                lastGae[e] = delta + gamma * gaeLambda * nextNonTerminal * lastGae[e]
                advantages[k] = lastGae[e]
            }
        }
        returns = zip(advantages, values).map { $0 + $1 }
    }

    /// Minibatches of `batchSize` (the whole rollout when nil) over a random permutation of all
    /// steps × envs (SB3's `get`), flattened env-major as SB3's `swap_and_flatten`.
    public func batches(_ batchSize: Int?, rng: NumpyGenerator) throws -> [RolloutSamples] {
        let total = nSteps * nEnvs
        var perm = Array(0..<total)
        for i in stride(from: total - 1, to: 0, by: -1) {
            let j = rng.boundedInt(offset: 0, inclusiveRange: UInt64(i))
            perm.swapAt(i, j)
        }
        // Flat index f = env * nSteps + step -> storage index step * nEnvs + env.
        let storage = perm.map { f in (f % nSteps) * nEnvs + f / nSteps }
        let size = batchSize ?? total
        var out: [RolloutSamples] = []
        var start = 0
        while start < total {
            let idx = Array(storage[start..<min(start + size, total)])
            out.append(try samples(idx))
            start += size
        }
        return out
    }

    private func samples(_ idx: [Int]) throws -> RolloutSamples {
        var obs = ObservationBatch(layout: layout)
        for k in idx { obs.append(row: k, of: observations) }
        let b = idx.count
        let acts: Tensor
        if discrete {
            acts = try Tensor(idx.map { Int64(actions[$0]) }, shape: [b])
        } else {
            var a = [Float](); a.reserveCapacity(b * actionDim)
            for k in idx { a += actions[(k * actionDim)..<((k + 1) * actionDim)] }
            acts = try Tensor(a, shape: [b, actionDim])
        }
        func col(_ xs: [Double]) throws -> Tensor { try Tensor(idx.map { Float(xs[$0]) }, shape: [b]) }
        return RolloutSamples(observations: try obs.tensor(), actions: acts, oldValues: try col(values), oldLogProb: try col(logProbs),
                              advantages: try col(advantages), returns: try col(returns))
    }
}
