import RLTensor

/// y = x·Wᵀ + b, like `torch.nn.Linear`; weight [out, in] and bias [out] initialised as PyTorch does
/// (kaiming-uniform with a = √5, i.e. U(±1/√in), and bias U(±1/√in)).
public final class Linear: Module {
    public let inFeatures: Int
    public let outFeatures: Int
    /// Weight [out, in].
    public let weight: Tensor
    /// Bias [out], or nil.
    public let bias: Tensor?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Tensor.zeros([outFeatures, inFeatures], dtype: dtype, requiresGrad: true)
        self.bias = bias ? Tensor.zeros([outFeatures], dtype: dtype, requiresGrad: true) : nil
        super.init()
        resetParameters()
    }

    /// Re-draws the PyTorch default initialisation.
    public func resetParameters() {
        try? Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let bound = inFeatures > 0 ? 1 / Double(inFeatures).squareRoot() : 0
            try? Init.uniform_(bias, -bound, bound)
        }
    }

    public override func forward(_ x: Tensor) throws -> Tensor { try linear(x, weight, bias) }

    /// This layer (then `activation`) as one step of `inferenceForward`.
    public func inferenceLayer(activation: UnaryOp? = nil) -> InferenceLayer {
        InferenceLayer(weight: weight, bias: bias, activation: activation)
    }

    public override var ownParameters: [(String, Tensor)] {
        bias.map { [("weight", weight), ("bias", $0)] } ?? [("weight", weight)]
    }

    public override var summary: String { "Linear(in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil ? "True" : "False"))" }
}
