import RLTensor

/// RMSprop as `torch.optim.RMSprop` (ε added after the square root, square average starting at 0),
/// or SB3's `RMSpropTFLike` when `tfStyle` (ε inside the square root, square average starting at 1,
/// learning rate applied after the momentum buffer):
/// g += wd·p; s = α·s + (1−α)·g²; [centered: ḡ = α·ḡ + (1−α)·g, s̃ = s − ḡ²];
/// avg = √s̃ + ε (torch) or √(s̃ + ε) (TF); buf = μ·buf + g/avg; p −= lr·buf (or p −= lr·g/avg without momentum).
public class RMSprop: Optimizer {
    public var alpha: Double
    public var eps: Double
    public var weightDecay: Double
    public var momentum: Double
    public var centered: Bool
    let tfStyle: Bool

    public init(_ params: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) throws {
        self.alpha = alpha; self.eps = eps; self.weightDecay = weightDecay; self.momentum = momentum; self.centered = centered
        self.tfStyle = false
        try RMSprop.validate(alpha, eps, momentum, weightDecay)
        try super.init(params, lr: lr)
    }

    init(_ params: [Tensor], lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool, tfStyle: Bool) throws {
        self.alpha = alpha; self.eps = eps; self.weightDecay = weightDecay; self.momentum = momentum; self.centered = centered
        self.tfStyle = tfStyle
        try RMSprop.validate(alpha, eps, momentum, weightDecay)
        try super.init(params, lr: lr)
    }

    static func validate(_ alpha: Double, _ eps: Double, _ momentum: Double, _ wd: Double) throws {
        guard alpha >= 0 else { throw NNError.invalidArgument("Invalid alpha value: \(alpha)") }
        guard eps >= 0 else { throw NNError.invalidArgument("Invalid epsilon value: \(eps)") }
        guard momentum >= 0 else { throw NNError.invalidArgument("Invalid momentum value: \(momentum)") }
        guard wd >= 0 else { throw NNError.invalidArgument("Invalid weight_decay value: \(wd)") }
    }

    public override func apply(_ i: Int, _ p: Tensor, _ g: Tensor) throws {
        if state[i].isEmpty {
            let sq = p.zerosLike()
            if tfStyle { sq.fill_(1) }
            state[i] = [sq, p.zerosLike(), p.zerosLike()]   // square_avg, momentum_buffer, grad_avg
        }
        try withBuffers(p, g, state[i], float: { RMSprop.rule($0, $1, $2, $3, self) }, double: { RMSprop.rule($0, $1, $2, $3, self) })
    }

    @inline(__always)
    static func rule<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ g: UnsafeMutablePointer<T>, _ s: [UnsafeMutablePointer<T>], _ n: Int, _ o: RMSprop) {
        let a = T(o.alpha), oa = T(1 - o.alpha), eps = T(o.eps), lr = T(o.lr), wd = T(o.weightDecay), mu = T(o.momentum)
        let sq = s[0], buf = s[1], gavg = s[2]
        let hasWD = o.weightDecay != 0, centered = o.centered, tf = o.tfStyle, hasMomentum = o.momentum > 0
        for k in 0..<n {
            var gk = g[k]
            if hasWD { gk += wd * p[k] }
            sq[k] = a * sq[k] + oa * gk * gk
            var s2 = sq[k]
            if centered {
                gavg[k] = tf ? a * gavg[k] + oa * gk : gavg[k] + (gk - gavg[k]) * oa
                s2 = s2 - gavg[k] * gavg[k]
            }
            let avg = tf ? (s2 + eps).squareRoot() : s2.squareRoot() + eps
            if hasMomentum {
                buf[k] = mu * buf[k] + gk / avg
                p[k] -= lr * buf[k]
            } else {
                p[k] -= lr * gk / avg
            }
        }
    }
}

/// SB3's `RMSpropTFLike` (TensorFlow-style RMSprop used by A2C): ε inside the square root,
/// square average initialised to ones. Defaults as SB3: lr 1e-2, α 0.99, ε 1e-8.
public final class RMSpropTFLike: RMSprop {
    public override init(_ params: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8, weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) throws {
        try super.init(params, lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay, momentum: momentum, centered: centered, tfStyle: true)
    }
}
