import RLSupport

/// One layer of `inferenceForward`: `activation(x · weightᵀ + bias)`, the activation Tanh, ReLU, Sigmoid
/// or none (a Linear layer, fused with the activation that follows it as `linear(_:_:_:activation:)` does).
public struct InferenceLayer {
    public let weight: Tensor
    public let bias: Tensor?
    public let activation: UnaryOp?

    public init(weight: Tensor, bias: Tensor?, activation: UnaryOp?) {
        self.weight = weight
        self.bias = bias
        self.activation = activation
    }
}

/// `x` through a chain of Linear(+activation) layers without autograd, as a policy's or Q-network's
/// `predict` runs it: the values of `linear(_:_:_:activation:)` (or `linear`) layer after layer, bit for bit
/// (the same GEMM call with the same operands, the same in-place activation), but the layers between
/// write to pooled scratch buffers instead of tensors, and no graph, shape arrays or per-layer checks are
/// made: one tensor (the output) per call. At batch 1 a 64×64 layer's tensor bookkeeping cost more than
/// its product.
///
/// Returns nil where it does not apply, so the caller runs its layers as usual (which also reports any
/// error): recording autograd (GradMode on and an operand that requires grad), an operand that is not
/// float32, a weight's or bias's size that does not chain, an activation other than Tanh/ReLU/Sigmoid,
/// another backend than the CPU's, or no layers.
public func inferenceForward(_ x: Tensor, _ layers: [InferenceLayer]) -> Tensor? {
    guard !layers.isEmpty, x.dtype == .float32, x.rank >= 1, Tensor.backend is CPUBackend else { return nil }
    let recording = GradMode.enabled
    if recording && x._requiresGrad { return nil }
    var width = x.shape[x.rank - 1], widest = 0
    for l in layers {
        let w = l.weight
        guard w.dtype == .float32, w.rank == 2, w.shape[1] == width, !(recording && w._requiresGrad) else { return nil }
        if let b = l.bias {
            guard b.dtype == .float32, b.count == w.shape[0], !(recording && b._requiresGrad) else { return nil }
        }
        switch l.activation {
        case nil, .tanh?, .relu?, .sigmoid?: break
        default: return nil
        }
        width = w.shape[0]
        widest = Swift.max(widest, width)
    }
    let inF0 = x.shape[x.rank - 1]
    let rows = x.count / Swift.max(inF0, 1)
    let X = x.contiguousData(as: Float.self)
    var outShape = x.shape
    outShape[outShape.count - 1] = width
    let out = Tensor(uninitialized: outShape, dtype: .float32)
    // Two scratch buffers the hidden layers alternate between (the last layer writes the output).
    let scratchBytes = Swift.max(rows * widest, 1) * MemoryLayout<Float>.stride
    let (s0, c0) = BufferPool.shared.allocate(layers.count > 1 ? scratchBytes : 1)
    let (s1, c1) = BufferPool.shared.allocate(layers.count > 2 ? scratchBytes : 1)
    defer { BufferPool.shared.release(s0, sizeClass: c0); BufferPool.shared.release(s1, sizeClass: c1) }
    withExtendedLifetime((X, layers)) {
        var input = UnsafePointer(X.pointer(Float.self))
        var inF = inF0
        for (n, l) in layers.enumerated() {
            let W = l.weight, outF = W.shape[0]
            let o: UnsafeMutablePointer<Float> = n == layers.count - 1 ? out.pointer(Float.self)
                : (n % 2 == 0 ? s0 : s1).assumingMemoryBound(to: Float.self)
            // `Linalg.linear`: bias rows, then the product accumulated onto them.
            if let b = l.bias {
                let bt = b.contiguousData(as: Float.self)
                withExtendedLifetime(bt) {
                    let bc = bt.pointer(Float.self)
                    for r in 0..<rows { (o + r * outF).update(from: bc, count: outF) }
                }
            }
            GEMM.gemm(rows, outF, inF, input, inF, 1, W.pointer(Float.self), W.strides[1], W.strides[0],
                      o, outF, accumulate: l.bias != nil)
            // `activatedInPlace`'s float32 kernels.
            switch l.activation {
            case .tanh?: FastMath.tanh(o, o, rows * outF)
            case .sigmoid?: FastMath.sigmoid(o, o, rows * outF)
            case .relu?: ReLUKernels.forwardInPlace(o, rows * outF)
            default: break
            }
            input = UnsafePointer(o)
            inF = outF
        }
    }
    return out
}
