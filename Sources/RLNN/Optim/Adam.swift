import RLTensor
import RLSupport

/// Adam (`torch.optim.Adam`), and AdamW when `decoupled` (see `AdamW`):
/// g += wd·p (Adam) or p *= 1 − lr·wd (AdamW); m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
/// p −= lr/(1−β1ᵗ) · m / (√v / √(1−β2ᵗ) + ε).
public class Adam: Optimizer {
    public var betas: (Double, Double)
    public var eps: Double
    public var weightDecay: Double
    public var amsgrad: Bool
    let decoupled: Bool

    public init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false) throws {
        try Adam.validate(betas, eps, weightDecay)
        self.betas = betas; self.eps = eps; self.weightDecay = weightDecay; self.amsgrad = amsgrad
        self.decoupled = false
        try super.init(params, lr: lr)
    }

    init(_ params: [Tensor], lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double, amsgrad: Bool, decoupled: Bool) throws {
        try Adam.validate(betas, eps, weightDecay)
        self.betas = betas; self.eps = eps; self.weightDecay = weightDecay; self.amsgrad = amsgrad
        self.decoupled = decoupled
        try super.init(params, lr: lr)
    }

    static func validate(_ betas: (Double, Double), _ eps: Double, _ wd: Double) throws {
        guard (0..<1).contains(betas.0), (0..<1).contains(betas.1) else { throw NNError.invalidArgument("Invalid beta parameters: \(betas)") }
        guard eps >= 0 else { throw NNError.invalidArgument("Invalid epsilon value: \(eps)") }
        guard wd >= 0 else { throw NNError.invalidArgument("Invalid weight_decay value: \(wd)") }
    }

    public override func apply(_ i: Int, _ p: Tensor, _ g: Tensor) throws {
        let st = buffers(i, amsgrad ? 3 : 2)
        let t = steps[i]
        try withBuffers(p, g, st, float: { Adam.rule($0, $1, $2, $3, self, t) }, double: { Adam.rule($0, $1, $2, $3, self, t) })
    }

    @inline(__always)
    static func rule<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ g: UnsafeMutablePointer<T>, _ s: [UnsafeMutablePointer<T>], _ n: Int, _ o: Adam, _ t: Int) {
        let b1 = o.betas.0, b2 = o.betas.1
        let bc1 = 1 - pow(b1, Double(t)), bc2 = 1 - pow(b2, Double(t))
        let stepSize = T(o.lr / bc1), bc2Sqrt = T(bc2.squareRoot())
        let eps = T(o.eps), wd = T(o.weightDecay), decay = T(1 - o.lr * o.weightDecay)
        let tb1 = T(b1), tb2 = T(b2), ob1 = T(1 - b1), ob2 = T(1 - b2)
        let m = s[0], v = s[1], vmax = o.amsgrad ? s[2] : s[1]
        let decoupled = o.decoupled, hasWD = o.weightDecay != 0, ams = o.amsgrad
        var start = 0
        if !hasWD && !ams, T.self == Float.self {
            // Large tensors (256K+ elements: NatureCNN's linear weight) are split across two threads in 8-aligned chunks.
            let parts = n >= (1 << 18) ? 2 : 1
            let chunk = (n / parts) & ~7
            let pr = UnsafeMutableRawPointer(p), gr = UnsafeRawPointer(g), mr = UnsafeMutableRawPointer(m), vr = UnsafeMutableRawPointer(v)
            let args = (Float(tb2), Float(ob1), Float(ob2), Float(bc2Sqrt), Float(eps), Float(stepSize))
            if parts == 1 {
                // Small tensors (most of an MLP's): no parallel loop.
                start = fastFloat(pr, gr, mr, vr, n, args.0, args.1, args.2, args.3, args.4, args.5)
            } else {
                var done = [Int](repeating: 0, count: parts)
                done.withUnsafeMutableBufferPointer { d in
                    let dp = d.baseAddress!
                    ParallelLoop.run(parts) { t in
                        let lo = t * chunk, len = t == parts - 1 ? n - lo : chunk
                        let o = lo * 4
                        dp[t] = lo + fastFloat(pr + o, gr + o, mr + o, vr + o, len, args.0, args.1, args.2, args.3, args.4, args.5)
                    }
                }
                start = done[parts - 1]
            }
        }
        for k in start..<n {
            var gk = g[k]
            if hasWD {
                if decoupled { p[k] *= decay } else { gk += wd * p[k] }
            }
            m[k] = m[k] + (gk - m[k]) * ob1          // lerp, as PyTorch
            v[k] = tb2 * v[k] + ob2 * gk * gk
            var vk = v[k]
            if ams { if vk > vmax[k] { vmax[k] = vk }; vk = vmax[k] }
            _ = tb1
            let denom = vk.squareRoot() / bc2Sqrt + eps
            p[k] -= stepSize * m[k] / denom
        }
    }
}

/// The common float32 Adam update (no weight decay, no amsgrad), 8 lanes at a time, in the same
/// operation order as the scalar loop. Returns how many elements it handled.
@inline(__always)
func fastFloat(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer, _ m: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer, _ n: Int,
               _ b2: Float, _ ob1: Float, _ ob2: Float, _ bc2Sqrt: Float, _ eps: Float, _ stepSize: Float) -> Int {
    typealias V = SIMD8<Float>
    let vb2 = V(repeating: b2), vob1 = V(repeating: ob1), vob2 = V(repeating: ob2)
    let vbc = V(repeating: bc2Sqrt), veps = V(repeating: eps), vss = V(repeating: stepSize)
    var k = 0
    while k + 8 <= n {
        let off = k * 4
        let gk = g.loadUnaligned(fromByteOffset: off, as: V.self)
        var mk = m.loadUnaligned(fromByteOffset: off, as: V.self)
        var vk = v.loadUnaligned(fromByteOffset: off, as: V.self)
        mk = mk + (gk - mk) * vob1
        vk = vb2 * vk + vob2 * gk * gk
        let denom = vectorSquareRoot(vk) / vbc + veps
        let pk = p.loadUnaligned(fromByteOffset: off, as: V.self) - vss * mk / denom
        m.storeBytes(of: mk, toByteOffset: off, as: V.self)
        v.storeBytes(of: vk, toByteOffset: off, as: V.self)
        p.storeBytes(of: pk, toByteOffset: off, as: V.self)
        k += 8
    }
    return k
}

/// Correctly rounded √v for 8 non-negative floats without the per-lane libm calls `squareRoot()`
/// lowers to: bit-trick 1/√v estimate, three Newton steps, then one FMA residual correction
/// (Markstein). Bit-exact against `Float.squareRoot()` on [1e-30, 1e30] (tested); lanes outside
/// that range (zero, tiny, huge, non-finite) take the scalar path.
@inline(__always)
func vectorSquareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Float>
    let bits = SIMD8<UInt32>(repeating: 0x5f37_59df) &- (unsafeBitCast(v, to: SIMD8<UInt32>.self) &>> 1)
    var y = unsafeBitCast(bits, to: V.self)
    let h = v * 0.5
    y = y * (1.5 - h * y * y)
    y = y * (1.5 - h * y * y)
    y = y * (1.5 - h * y * y)
    var s = v * y
    let r = v.addingProduct(-s, s)
    s = s.addingProduct(r, y * 0.5)
    let small = (v .< V(repeating: 1e-30)) .| (v .> V(repeating: 1e30))
    if any(small) {
        for i in 0..<8 where small[i] { s[i] = v[i].squareRoot() }
    }
    return s
}

/// AdamW (`torch.optim.AdamW`): Adam with decoupled weight decay (default 0.01).
public final class AdamW: Adam {
    public override init(_ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false) throws {
        try super.init(params, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad, decoupled: true)
    }
}
