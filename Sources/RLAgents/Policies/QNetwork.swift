import RLNN
import RLTensor

/// DQN's action-value network (SB3's `QNetwork`): a features extractor, then an MLP with one output per action.
public final class QNetwork: Module {
    public let featuresExtractor: Module
    public let qNet: Sequential
    public let nActions: Int

    public init(layout: ObservationLayout, nActions: Int, cnn: Bool, kwargs: PolicyKwargs) throws {
        let (fe, dim) = try makeFeatureExtractor(layout, cnn: cnn, featuresDim: kwargs.featuresDim)
        featuresExtractor = fe
        let arch = kwargs.netArchPi ?? (cnn ? [] : [64, 64])
        qNet = makeMLP(dim, nActions, arch, kwargs.activation ?? .relu)
        self.nActions = nActions
        super.init()
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try qNet(try featuresExtractor(x)) }
    public override var children: [(String, Module)] { [("features_extractor", featuresExtractor), ("q_net", qNet)] }
}

/// DQN's policy (SB3's `DQNPolicy`): the online network `q_net` and its target copy `q_net_target`.
public final class DQNPolicy: Module {
    public let qNet: QNetwork
    public let qNetTarget: QNetwork

    public init(layout: ObservationLayout, nActions: Int, cnn: Bool, kwargs: PolicyKwargs) throws {
        qNet = try QNetwork(layout: layout, nActions: nActions, cnn: cnn, kwargs: kwargs)
        qNetTarget = try QNetwork(layout: layout, nActions: nActions, cnn: cnn, kwargs: kwargs)
        super.init()
        try qNetTarget.loadStateDict(qNet.stateDict())
        qNetTarget.train(false)
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try qNet(x) }
    public override var children: [(String, Module)] { [("q_net", qNet), ("q_net_target", qNetTarget)] }

    /// Greedy actions for a batch of observations.
    public func predict(_ obs: Tensor) throws -> [Int] {
        try noGrad { try qNet(obs).argmax(dim: 1).scalars.map { Int($0) } }
    }
}
