import RLTensor

/// Stochastic gradient descent with optional momentum, dampening, Nesterov and weight decay,
/// exactly as `torch.optim.SGD`:
/// d = g + wd·p; buf = d (first step) or μ·buf + (1−τ)·d; d = nesterov ? d + μ·buf : buf; p −= lr·d.
public final class SGD: Optimizer {
    public var momentum: Double
    public var dampening: Double
    public var weightDecay: Double
    public var nesterov: Bool

    public init(_ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) throws {
        guard momentum >= 0, weightDecay >= 0 else { throw NNError.invalidArgument("Invalid momentum or weight_decay value") }
        if nesterov && (momentum <= 0 || dampening != 0) { throw NNError.invalidArgument("Nesterov momentum requires a momentum and zero dampening") }
        self.momentum = momentum; self.dampening = dampening; self.weightDecay = weightDecay; self.nesterov = nesterov
        try super.init(params, lr: lr)
    }

    public override func apply(_ i: Int, _ p: Tensor, _ g: Tensor) throws {
        let first = steps[i] == 1
        let st = momentum != 0 ? buffers(i, 1) : []
        try withBuffers(p, g, st, float: { SGD.rule($0, $1, $2, $3, self, first) }, double: { SGD.rule($0, $1, $2, $3, self, first) })
    }

    @inline(__always)
    static func rule<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ g: UnsafeMutablePointer<T>, _ s: [UnsafeMutablePointer<T>], _ n: Int, _ o: SGD, _ first: Bool) {
        let lr = T(o.lr), wd = T(o.weightDecay), mu = T(o.momentum), damp = 1 - T(o.dampening)
        let useMomentum = o.momentum != 0, nesterov = o.nesterov, hasWD = o.weightDecay != 0
        let buf = s.first
        for k in 0..<n {
            var d = g[k]
            if hasWD { d += wd * p[k] }
            if useMomentum, let buf {
                buf[k] = first ? d : mu * buf[k] + damp * d
                d = nesterov ? d + mu * buf[k] : buf[k]
            }
            p[k] -= lr * d
        }
    }
}
