/// `activation(x · wᵀ + b)` as one operation (a Linear layer followed by Tanh, ReLU or Sigmoid, as in
/// every MLP policy): the activation runs in place on the GEMM's fresh output, and one tape node,
/// named as the activation's (`TanhBackward0`), back-propagates through both. The values and gradients
/// are exactly those of `linear` then the activation (same kernels, same order); what is saved is the
/// intermediate tensor, its buffer and one node per layer. Other activations run unfused.
public func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, activation: UnaryOp) throws -> Tensor {
    let name: String
    switch activation {
    case .tanh: name = "TanhBackward0"
    case .relu: name = "ReluBackward0"
    case .sigmoid: name = "SigmoidBackward0"
    default: return try linear(x, weight, bias).unaryOp(activation)
    }
    try checkLinearShapes(x, weight, bias)
    let z = try Tensor.backend.linear(x, weight, bias)
    let out = activatedInPlace(z, activation)
    if Autograd.active(x, weight, bias) && out.dtype.isFloatingPoint {
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        let lin = Rules.linear(x, weight, bias)
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let y = out
        Autograd.record(out, name, inputs) { g in
            try lin(try Tensor.backend.activationBackward(activation, grad: g, output: y))
        }
    }
    return out
}

/// `activation(z)` for a fused op's fresh output `z` (a new buffer nobody else sees, from the CPU
/// backend's GEMM or convolution): overwritten in place in float32, the backend's op otherwise. Values
/// are exactly `Elementwise.unary`'s (ReLU keeps NaN, as it does).
func activatedInPlace(_ z: Tensor, _ activation: UnaryOp) -> Tensor {
    guard z.dtype == .float32 && z.isContiguous && Tensor.backend is CPUBackend else { return Tensor.backend.unary(activation, z) }
    let p = z.pointer(Float.self), n = z.count
    switch activation {
    case .tanh: FastMath.tanh(p, p, n)
    case .sigmoid: FastMath.sigmoid(p, p, n)
    default: ReLUKernels.forwardInPlace(p, n)   // as `Elementwise.unary(.relu)`
    }
    return z
}
