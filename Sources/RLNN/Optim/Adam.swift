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
        let m = s[0], v = s[1], vmax = o.amsgrad ? s[2] : s[1]
        var start = 0
        if o.weightDecay == 0 && !o.amsgrad, T.self == Float.self {
            // Large tensors (256K+ elements: NatureCNN's linear weight) are split across two threads in 8-aligned chunks.
            let parts = n >= (1 << 18) ? 2 : 1
            let chunk = (n / parts) & ~7
            let pr = UnsafeMutableRawPointer(p), gr = UnsafeRawPointer(g), mr = UnsafeMutableRawPointer(m), vr = UnsafeMutableRawPointer(v)
            let args = (Float(b2), Float(1 - b1), Float(1 - b2), Float(bc2Sqrt), Float(o.eps), Float(stepSize))
            func part(_ lo: Int, _ len: Int) -> Int {
                let off = lo * 4
                return lo + fastFloat(pr + off, gr + off, mr + off, vr + off, len, args.0, args.1, args.2, args.3, args.4, args.5) { r in
                    scalarRule(p, g, m, v, vmax, (lo + r.lowerBound)..<(lo + r.upperBound), o, stepSize: stepSize, bc2Sqrt: bc2Sqrt)
                }
            }
            if parts == 1 {
                // Small tensors (most of an MLP's): no parallel loop.
                start = part(0, n)
            } else {
                var done = [Int](repeating: 0, count: parts)
                done.withUnsafeMutableBufferPointer { d in
                    let dp = d.baseAddress!
                    ParallelLoop.run(parts) { t in
                        let lo = t * chunk
                        dp[t] = part(lo, t == parts - 1 ? n - lo : chunk)
                    }
                }
                start = done[parts - 1]
            }
        }
        scalarRule(p, g, m, v, vmax, start..<n, o, stepSize: stepSize, bc2Sqrt: bc2Sqrt)
    }

    /// The update of elements `range`, one at a time, in PyTorch's operation order (every dtype and option; the
    /// float32 vector path falls back to it for blocks whose second moment leaves the vector square root's range).
    @inline(__always)
    static func scalarRule<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ g: UnsafeMutablePointer<T>, _ m: UnsafeMutablePointer<T>,
                                                   _ v: UnsafeMutablePointer<T>, _ vmax: UnsafeMutablePointer<T>, _ range: Range<Int>, _ o: Adam,
                                                   stepSize: T, bc2Sqrt: T) {
        let eps = T(o.eps), wd = T(o.weightDecay), decay = T(1 - o.lr * o.weightDecay)
        let tb2 = T(o.betas.1), ob1 = T(1 - o.betas.0), ob2 = T(1 - o.betas.1)
        let decoupled = o.decoupled, hasWD = o.weightDecay != 0, ams = o.amsgrad
        for k in range {
            var gk = g[k]
            if hasWD {
                if decoupled { p[k] *= decay } else { gk += wd * p[k] }
            }
            m[k] = m[k] + (gk - m[k]) * ob1          // lerp, as PyTorch
            v[k] = tb2 * v[k] + ob2 * gk * gk
            var vk = v[k]
            if ams { if vk > vmax[k] { vmax[k] = vk }; vk = vmax[k] }
            let denom = vk.squareRoot() / bc2Sqrt + eps
            p[k] -= stepSize * m[k] / denom
        }
    }
}

/// The common float32 Adam update (no weight decay, no amsgrad), 8 lanes at a time, in the same
/// operation order as the scalar loop, so the bits are the scalar loop's. Blocks of 512 elements: a branch-free
/// pre-pass checks that every new second moment is 0 or in [1e-30, 1e30], where `newtonSquareRoot` is exact;
/// a block that is not (tiny or huge moments, NaN) takes the scalar loop. (A per-vector check and fallback
/// inside the main loop doubled its cost.) Returns how many elements it handled.
@inline(__always)
func fastFloat(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer, _ m: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer, _ n: Int,
               _ b2: Float, _ ob1: Float, _ ob2: Float, _ bc2Sqrt: Float, _ eps: Float, _ stepSize: Float,
               scalar: (Range<Int>) -> Void) -> Int {
    typealias V = SIMD8<Float>
    let vb2 = V(repeating: b2), vob1 = V(repeating: ob1), vob2 = V(repeating: ob2)
    let vbc = V(repeating: bc2Sqrt), veps = V(repeating: eps), vss = V(repeating: stepSize)
    let tiny = V(repeating: 1e-30), huge = V(repeating: 1e30), zero = V()
    var k = 0
    while k + 8 <= n {
        let end = min(n, k + 512) & ~7
        var outside = SIMDMask<SIMD8<Int32>>(repeating: false)
        var j = k
        while j < end {
            let off = j * 4
            let gk = g.loadUnaligned(fromByteOffset: off, as: V.self)
            let vk = vb2 * v.loadUnaligned(fromByteOffset: off, as: V.self) + vob2 * gk * gk
            outside .|= ((vk .< tiny) .& (vk .!= zero)) .| .!(vk .<= huge)
            j += 8
        }
        if anyLane(outside) {
            scalar(k..<end)
            k = end
            continue
        }
        while k < end {
            let off = k * 4
            let gk = g.loadUnaligned(fromByteOffset: off, as: V.self)
            var mk = m.loadUnaligned(fromByteOffset: off, as: V.self)
            var vk = v.loadUnaligned(fromByteOffset: off, as: V.self)
            mk = mk + (gk - mk) * vob1
            vk = vb2 * vk + vob2 * gk * gk
            let denom = newtonSquareRoot(vk) / vbc + veps
            let pk = p.loadUnaligned(fromByteOffset: off, as: V.self) - vss * mk / denom
            m.storeBytes(of: mk, toByteOffset: off, as: V.self)
            v.storeBytes(of: vk, toByteOffset: off, as: V.self)
            p.storeBytes(of: pk, toByteOffset: off, as: V.self)
            k += 8
        }
    }
    return k
}

/// Whether any lane of a mask is set, as one test of the whole register (`any(_:)` reads lane by lane).
@inline(__always)
func anyLane(_ mask: SIMDMask<SIMD8<Int32>>) -> Bool {
    let q = unsafeBitCast(mask, to: SIMD4<Int64>.self)
    return (q[0] | q[1] | q[2] | q[3]) != 0
}

/// √v for 8 floats that are 0 or in [1e-30, 1e30], correctly rounded (bit-exact against `Float.squareRoot()`,
/// tested): bit-trick 1/√v estimate, three Newton steps, one FMA residual correction (Markstein).
@inline(__always)
func newtonSquareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
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
    return s
}

/// Correctly rounded √v for any 8 non-negative floats: `newtonSquareRoot`, with the lanes outside its range
/// (tiny, huge, non-finite) taken by the scalar square root.
@inline(__always)
func vectorSquareRoot(_ v: SIMD8<Float>) -> SIMD8<Float> {
    typealias V = SIMD8<Float>
    var s = newtonSquareRoot(v)
    let small = (v .< V(repeating: 1e-30)) .| (v .> V(repeating: 1e30))
    if anyLane(small) {
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
