import RLNN
import RLTensor
import RLSupport

/// SB3's `MlpExtractor`: separate hidden layers for the policy (`policy_net`) and the value function (`value_net`).
public final class MlpExtractor: Module {
    public let policyNet: Sequential
    public let valueNet: Sequential
    public let latentDimPi: Int
    public let latentDimVf: Int

    init(_ featuresDim: Int, pi: [Int], vf: [Int], activation: Activation) {
        policyNet = makeMLP(featuresDim, nil, pi, activation)
        valueNet = makeMLP(featuresDim, nil, vf, activation)
        latentDimPi = pi.last ?? featuresDim
        latentDimVf = vf.last ?? featuresDim
        super.init()
    }

    public override var children: [(String, Module)] { [("policy_net", policyNet), ("value_net", valueNet)] }
}

/// What an actor-critic policy's action distribution is.
public enum ActionKind: Sendable, Equatable {
    /// `Discrete(n)`: a categorical over n actions (starting at `start`).
    case discrete(n: Int, start: Int)
    /// `Box`: a diagonal Gaussian over `dim` numbers, clipped to `low...high` when stepping the env.
    case continuous(dim: Int, low: [Double], high: [Double])

    public var dim: Int { if case .continuous(let d, _, _) = self { return d }; return 1 }
    public var isDiscrete: Bool { if case .discrete = self { return true }; return false }
}

/// PPO's and A2C's policy (SB3's `ActorCriticPolicy`): a shared features extractor, an `MlpExtractor`,
/// `action_net` (logits or Gaussian means) and `value_net`, plus `log_std` for continuous actions.
public final class ActorCriticPolicy: Module {
    public let featuresExtractor: Module
    public let mlpExtractor: MlpExtractor
    public let actionNet: Linear
    public let valueNet: Linear
    public let logStd: Tensor?
    public let action: ActionKind

    public init(layout: ObservationLayout, action: ActionKind, cnn: Bool, kwargs: PolicyKwargs) throws {
        let (fe, dim) = try makeFeatureExtractor(layout, cnn: cnn, featuresDim: kwargs.featuresDim)
        featuresExtractor = fe
        let pi = kwargs.netArchPi ?? (cnn ? [] : [64, 64]), vf = kwargs.netArchVf ?? (cnn ? [] : [64, 64])
        mlpExtractor = MlpExtractor(dim, pi: pi, vf: vf, activation: kwargs.activation ?? .tanh)
        actionNet = Linear(mlpExtractor.latentDimPi, action.isDiscrete ? ActorCriticPolicy.nLogits(action) : action.dim)
        valueNet = Linear(mlpExtractor.latentDimVf, 1)
        if case .continuous(let d, _, _) = action {
            logStd = Tensor.full([d], kwargs.logStdInit, requiresGrad: true)
        } else {
            logStd = nil
        }
        self.action = action
        super.init()
        if kwargs.orthoInit {
            try orthogonalInit(featuresExtractor, gain: 2.0.squareRoot())
            try orthogonalInit(mlpExtractor, gain: 2.0.squareRoot())
            try orthogonalInit(actionNet, gain: 0.01)
            try orthogonalInit(valueNet, gain: 1)
        }
    }

    static func nLogits(_ a: ActionKind) -> Int { if case .discrete(let n, _) = a { return n }; return 1 }

    public override var ownParameters: [(String, Tensor)] { logStd.map { [("log_std", $0)] } ?? [] }
    public override var children: [(String, Module)] {
        [("features_extractor", featuresExtractor), ("mlp_extractor", mlpExtractor), ("action_net", actionNet), ("value_net", valueNet)]
    }

    /// Latent features of the policy and value heads.
    func latents(_ obs: Tensor) throws -> (Tensor, Tensor) {
        let f = try featuresExtractor(obs)
        return (try mlpExtractor.policyNet(f), try mlpExtractor.valueNet(f))
    }

    /// Values `[B]`, log-probabilities `[B]` and entropies `[B]` of `actions` (SB3's `evaluate_actions`), with gradients.
    public func evaluateActions(_ obs: Tensor, _ actions: Tensor) throws -> (values: Tensor, logProb: Tensor, entropy: Tensor) {
        let (lp, lv) = try latents(obs)
        let values = try valueNet(lv).flatten()
        let out = try actionNet(lp)
        switch action {
        case .discrete:
            let dist = try Categorical(logits: out)
            return (values, try dist.logProb(actions), try dist.entropy())
        case .continuous:
            let (logp, ent) = try gaussian(mean: out, actions: actions)
            return (values, logp, ent)
        }
    }

    /// Value estimates `[B]` (SB3's `predict_values`), without gradients.
    public func predictValues(_ obs: Tensor) throws -> [Double] {
        try noGrad {
            let (_, lv) = try latents(obs)
            return try valueNet(lv).flatten().scalars
        }
    }

    /// The action head's output and the values `[B, 1]` without autograd: each MLP branch with its head as
    /// one `inferenceForward` chain where it applies (one tensor per branch instead of one per layer).
    func heads(_ obs: Tensor) throws -> (out: Tensor, values: Tensor) {
        let f = try featuresExtractor(obs)
        func branch(_ net: Sequential, _ head: Linear) throws -> Tensor {
            if let chain = net.count == 0 ? [] : net.inferenceLayers(), let y = inferenceForward(f, chain + [head.inferenceLayer()]) { return y }
            return try head(try net(f))
        }
        return (try branch(mlpExtractor.policyNet, actionNet), try branch(mlpExtractor.valueNet, valueNet))
    }

    /// One rollout step (SB3's `forward`): sampled (or deterministic) actions, values and log-probabilities.
    public func act(_ obs: Tensor, deterministic: Bool) throws -> (actions: [[Float]], values: [Double], logProbs: [Double]) {
        try noGrad {
            let (out, v) = try heads(obs)
            let values = v.scalars
            let b = out.shape[0]
            switch action {
            case .discrete:
                if !deterministic, let sampled = try sampleDiscrete(out) { return (sampled.actions, values, sampled.logProbs) }
                let dist = try Categorical(logits: out)
                let a = deterministic ? try out.argmax(dim: 1) : try dist.sample()
                let logp = try dist.logProb(a).scalars
                return (a.scalars.map { [Float($0)] }, values, logp)
            case .continuous(let d, _, _):
                var a = out
                if !deterministic, let logStd {
                    let noise = Tensor.randn(out.shape)
                    a = try out + (try noise * logStd.exp())
                }
                let (logp, _) = try gaussian(mean: out, actions: a)
                let flat = a.scalars
                return ((0..<b).map { i in (0..<d).map { Float(flat[i * d + $0]) } }, values, logp.scalars)
            }
        }
    }

    /// `Categorical(logits: out)`'s `sample()` and `logProb` of the samples, on the log-softmax and softmax
    /// tensors' values directly (the same kernels, the same draws from `Tensor.generator`, the same
    /// inverse-CDF sums in Double): no distribution object, index tensors, gather or squeeze per step.
    /// Nil for logits with a NaN (the distribution then reports them).
    func sampleDiscrete(_ out: Tensor) throws -> (actions: [[Float]], logProbs: [Double])? {
        guard out.rank == 2, out.dtype == .float32, let (p, logp) = softmaxValues(out) else { return nil }
        let rows = out.shape[0], k = out.shape[1]
        // (a NaN logit makes its row's probabilities NaN; the distribution reports the logits then)
        guard !p.contains(where: { $0.isNaN }) else { return nil }
        var actions: [[Float]] = [], logProbs: [Double] = []
        actions.reserveCapacity(rows); logProbs.reserveCapacity(rows)
        for r in 0..<rows {
            let pick = Categorical.inverseCDF(p, row: r, events: k, u: Tensor.generator.nextDouble())
            actions.append([Float(Int64(pick))])
            logProbs.append(logp[r * k + pick])
        }
        return (actions, logProbs)
    }

    /// Log-probability and entropy of a diagonal Gaussian with `log_std` (SB3's `DiagGaussianDistribution`).
    func gaussian(mean: Tensor, actions: Tensor) throws -> (Tensor, Tensor) {
        guard let logStd else { throw AgentError.invalidArgument("internal: no log_std for a continuous policy") }
        let std = logStd.exp()
        let z = try (try actions - mean) / std
        let logTwoPi = 0.5 * log(2 * Double.pi)
        let perDim = try (z.square() * -0.5) - logStd
        let logp = try (perDim - logTwoPi).sum(dim: 1)
        let ent = try (logStd + (0.5 + logTwoPi)).sum() + Tensor.zeros([mean.shape[0]])
        return (logp, ent)
    }

    /// The standard deviation of continuous actions (logged as `train/std`).
    public var stdMean: Double? { logStd.flatMap { try? $0.exp().mean().item } }
}
