/// `activation(conv2d(x, w, b))` as one operation (a Conv2d followed by ReLU, Tanh or Sigmoid, as in
/// NatureCNN): the activation runs in place on the convolution's fresh output, and one tape node, named
/// as the activation's (`ReluBackward0`), back-propagates through both. Values and gradients are exactly
/// those of `conv2d` then the activation (same kernels, same order); what is saved is the intermediate
/// tensor (a batch-32 NatureCNN step allocated and filled 3.4 MB of activations it no longer needs) and
/// one node per layer. Other activations run unfused. See `linear(_:_:_:activation:)`.
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor?, stride: [Int], padding: [Int], activation: UnaryOp) throws -> Tensor {
    let name: String
    switch activation {
    case .tanh: name = "TanhBackward0"
    case .relu: name = "ReluBackward0"
    case .sigmoid: name = "SigmoidBackward0"
    default: return try conv2d(x, weight, bias: bias, stride: stride, padding: padding).unaryOp(activation)
    }
    guard x.rank == 4 else { return try conv2d(x, weight, bias: bias, stride: stride, padding: padding).unaryOp(activation) }
    let g = try convGeometry(x, weight, bias: bias, stride: stride, padding: padding)
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    let record = Autograd.active(inputs)
    let (z, saved) = Tensor.backend.conv2dForward(g, x, weight, bias, keepColumns: record && weight._requiresGrad)
    let out = activatedInPlace(z, activation)
    if record && out.dtype.isFloatingPoint {
        let conv = Rules.conv2d(g, x, weight, bias, saved)
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let y = out
        Autograd.record(out, name, inputs) { g in
            try conv(try Tensor.backend.activationBackward(activation, grad: g, output: y))
        }
    }
    return out
}
