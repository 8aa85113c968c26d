import RLNN
import RLTensor

/// The CNN of Mnih et al. (2015), "Human-level control through deep reinforcement learning", as
/// SB3's `NatureCNN` (`common/torch_layers.py`): three convolutions and a 512-unit linear layer over
/// channel-first images already scaled to [0, 1]. State-dict names match SB3's (`cnn.0.weight`,
/// `linear.0.weight`).
public final class NatureCNN: Module {
    public let cnn: Sequential
    public let linear: Sequential
    public let featuresDim: Int

    /// `inputShape` is `[C, H, W]`.
    public init(inputShape: [Int], featuresDim: Int = 512) throws {
        let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
        func out(_ n: Int, _ k: Int, _ s: Int) -> Int { (n - k) / s + 1 }
        let oh = out(out(out(h, 8, 4), 4, 2), 3, 1), ow = out(out(out(w, 8, 4), 4, 2), 3, 1)
        guard oh > 0, ow > 0 else {
            throw AgentError.unsupportedEnv("NatureCNN needs images of at least 36×36 pixels, got \(h)×\(w): resize the observations (ResizeObservation) or use a smaller custom network")
        }
        cnn = Sequential(Conv2d(c, 32, kernelSize: 8, stride: 4), ReLU(),
                         Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                         Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten())
        linear = Sequential(Linear(64 * oh * ow, featuresDim), ReLU())
        self.featuresDim = featuresDim
        super.init()
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try linear(try cnn(x)) }
    public override var children: [(String, Module)] { [("cnn", cnn), ("linear", linear)] }
}

/// Flattens observations (SB3's `FlattenExtractor`, what `MlpPolicy` uses).
public final class FlattenExtractor: Module {
    public let featuresDim: Int
    public init(featuresDim: Int) { self.featuresDim = featuresDim; super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { try x.flatten(startDim: 1) }
    public override var summary: String { "FlattenExtractor(\n  (flatten): Flatten(start_dim=1, end_dim=-1)\n)" }
}

/// The activation functions `policyKwargs: ["activationFn": ...]` may name.
public enum Activation: String, Sendable, CaseIterable {
    case relu = "ReLU", tanh = "Tanh", sigmoid = "Sigmoid"

    public func make() -> Module {
        switch self {
        case .relu: return ReLU()
        case .tanh: return Tanh()
        case .sigmoid: return Sigmoid()
        }
    }
}

/// SB3's `create_mlp`: Linear + activation for each hidden size, then a Linear to `outputDim`
/// (none when `outputDim` is nil).
func makeMLP(_ inputDim: Int, _ outputDim: Int?, _ netArch: [Int], _ activation: Activation) -> Sequential {
    var layers: [Module] = []
    var last = inputDim
    for h in netArch {
        layers.append(Linear(last, h))
        layers.append(activation.make())
        last = h
    }
    if let outputDim { layers.append(Linear(last, outputDim)) }
    return Sequential(layers)
}

/// A features extractor for a layout and policy kind.
func makeFeatureExtractor(_ layout: ObservationLayout, cnn: Bool, featuresDim: Int = 512) throws -> (Module, Int) {
    if cnn {
        guard layout.isImage else {
            throw AgentError.unsupportedEnv("CnnPolicy is for image observations (uint8 Box of shape (H, W, C) or (C, H, W) with bounds 0..255), not for observations of shape \(layout.envShape): use policy: \"MlpPolicy\"")
        }
        let n = try NatureCNN(inputShape: layout.inputShape, featuresDim: featuresDim)
        return (n, featuresDim)
    }
    return (FlattenExtractor(featuresDim: layout.size), layout.size)
}

/// Orthogonal initialisation of every Linear and Conv2d under `module` with `gain`, biases zero
/// (SB3's `BasePolicy.init_weights`).
func orthogonalInit(_ module: Module, gain: Double) throws {
    if let l = module as? Linear {
        try Init.orthogonal_(l.weight, gain: gain)
        l.bias?.fill_(0)
    } else if let c = module as? Conv2d {
        try Init.orthogonal_(c.weight, gain: gain)
        c.bias?.fill_(0)
    }
    for (_, child) in module.children { try orthogonalInit(child, gain: gain) }
}
