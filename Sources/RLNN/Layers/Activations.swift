import RLTensor

/// max(x, 0).
public final class ReLU: Module {
    public override init() { super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { x.relu() }
}

/// Hyperbolic tangent.
public final class Tanh: Module {
    public override init() { super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { x.tanh() }
}

/// Logistic sigmoid.
public final class Sigmoid: Module {
    public override init() { super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { x.sigmoid() }
}

/// Softmax along a dimension.
public final class Softmax: Module {
    public let dim: Int
    public init(dim: Int) { self.dim = dim; super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { try softmax(x, dim: dim) }
    public override var summary: String { "Softmax(dim=\(dim))" }
}

/// Flattens dimensions startDim...endDim (default: all but the batch dimension).
public final class Flatten: Module {
    public let startDim: Int, endDim: Int
    public init(startDim: Int = 1, endDim: Int = -1) { self.startDim = startDim; self.endDim = endDim; super.init() }
    public override func forward(_ x: Tensor) throws -> Tensor { try x.flatten(startDim: startDim, endDim: endDim) }
    public override var summary: String { "Flatten(start_dim=\(startDim), end_dim=\(endDim))" }
}

/// Passes its input through unchanged.
public final class Identity: Module {
    public override init() { super.init() }
}
