/// Geometry of a 2-d convolution (batch, channels, sizes, kernel, stride, padding, output size).
public struct ConvGeometry: Sendable {
    public let n, c, h, w, o, kh, kw, sh, sw, ph, pw, oh, ow: Int
    var ckk: Int { c * kh * kw }
    var p: Int { oh * ow }
}

/// Raw conv2d kernels: im2col into one column matrix for the whole batch, then a single packed,
/// threaded GEMM per pass (so the weight is packed once and no tile is wasted on ragged widths).
///
/// Layout: `cols[CKK, N·P]` (column n·P + p is output pixel p of sample n);
/// forward `outᵀ[N·P, O] = colsᵀ · Wᵀ`, then reordered to [N, O, OH, OW];
/// backward `dW = gOut[O, N·P] · colsᵀ`, `dcols = Wᵀ · gOut`, folded back by col2im.
enum ConvKernels {
    /// Unfolds one sample [C, H, W] into columns; row r of the unfolded sample goes to `cols + r·ld`.
    static func im2col<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, _ ld: Int,
                                      channels: Range<Int>? = nil) {
        let cr = channels ?? 0..<g.c
        var row = cr.lowerBound * g.kh * g.kw
        for c in cr {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let dst = cols + row * ld
                    let ix0 = kj - g.pw
                    // Output columns whose input column lies inside [0, W).
                    let lo = ix0 >= 0 ? 0 : Swift.min(g.ow, (-ix0 + g.sw - 1) / g.sw)
                    let hiRaw = g.w - 1 - ix0
                    let hi = hiRaw < 0 ? 0 : Swift.min(g.ow, hiRaw / g.sw + 1)
                    for oy in 0..<g.oh {
                        let iy = oy * g.sh - g.ph + ki
                        let d = dst + oy * g.ow
                        if iy < 0 || iy >= g.h { d.update(repeating: 0, count: g.ow); continue }
                        let src = xc + iy * g.w + ix0
                        if lo > 0 { d.update(repeating: 0, count: lo) }
                        if g.sw == 1 {
                            if hi > lo { (d + lo).update(from: src + lo, count: hi - lo) }
                        } else {
                            let sw = g.sw
                            var ox = lo
                            while ox < hi { d[ox] = src[ox * sw]; ox += 1 }
                        }
                        if hi < g.ow { (d + Swift.max(hi, lo)).update(repeating: 0, count: g.ow - Swift.max(hi, lo)) }
                    }
                    row += 1
                }
            }
        }
    }

    /// Folds columns back, accumulating into one sample's gradient [C, H, W] (which must start zeroed).
    static func col2im<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ ld: Int, _ x: UnsafeMutablePointer<T>) {
        var row = 0
        for c in 0..<g.c {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let src = cols + row * ld
                    let ix0 = kj - g.pw
                    let lo = ix0 >= 0 ? 0 : Swift.min(g.ow, (-ix0 + g.sw - 1) / g.sw)
                    let hiRaw = g.w - 1 - ix0
                    let hi = hiRaw < 0 ? 0 : Swift.min(g.ow, hiRaw / g.sw + 1)
                    for oy in 0..<g.oh {
                        let iy = oy * g.sh - g.ph + ki
                        if iy < 0 || iy >= g.h { continue }
                        let d = xc + iy * g.w + ix0
                        let s = src + oy * g.ow
                        let sw = g.sw
                        var ox = lo
                        while ox < hi { d[ox * sw] += s[ox]; ox += 1 }
                    }
                    row += 1
                }
            }
        }
    }

    /// Forward: output [N, O, OH, OW] and (when `keepCols`) the column matrix [CKK, N·P] for backward.
    static func forward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepCols: Bool) -> (Tensor, Tensor?) {
        let NP = g.n * g.p
        let isPointwise = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.ph == 0 && g.pw == 0
        let cols = Tensor(uninitialized: [g.ckk, NP], dtype: T.dtype)
        let xp = x.pointer(T.self), cp = cols.pointer(T.self)
        if g.n >= Threads.count || g.c < 2 {
            let nt = Swift.min(Threads.count, g.n)
            Threads.parallelFor(nt) { t in
                var s = t
                while s < g.n {
                    let xs = xp + s * g.c * g.h * g.w
                    if isPointwise {
                        for r in 0..<g.ckk { (cp + r * NP + s * g.p).update(from: xs + r * g.p, count: g.p) }
                    } else {
                        im2col(g, xs, cp + s * g.p, NP)
                    }
                    s += nt
                }
            }
        } else {
            // Few samples: split each sample's channels across threads.
            let nt = Swift.min(Threads.count, g.c)
            for s in 0..<g.n {
                let xs = xp + s * g.c * g.h * g.w
                Threads.parallelFor(nt) { t in
                    let c0 = t * g.c / nt, c1 = (t + 1) * g.c / nt
                    if isPointwise {
                        for r in c0..<c1 { (cp + r * NP + s * g.p).update(from: xs + r * g.p, count: g.p) }
                    } else {
                        im2col(g, xs, cp + s * g.p, NP, channels: c0..<c1)
                    }
                }
            }
        }
        // Yᵀ[N·P, O] = colsᵀ · Wᵀ (+ bias per column): rows are output pixels, so the O columns tile exactly.
        let yt = Tensor(uninitialized: [NP, g.o], dtype: T.dtype)
        let yp = yt.pointer(T.self)
        if let bp = b?.pointer(T.self) { for r in 0..<NP { (yp + r * g.o).update(from: bp, count: g.o) } }
        GEMM.gemm(NP, g.o, g.ckk, cp, 1, NP, w.pointer(T.self), 1, g.ckk, yp, g.o, accumulate: b != nil)
        let out = Tensor(uninitialized: [g.n, g.o, g.oh, g.ow], dtype: T.dtype)
        let op = out.pointer(T.self)
        let nt2 = Swift.min(Threads.count, g.n * g.o >= 64 ? Threads.count : 1)
        Threads.parallelFor(nt2) { t in
            for s in 0..<g.n {
                let k0 = t * g.o / nt2, k1 = (t + 1) * g.o / nt2
                let src = yp + s * g.p * g.o
                for k in k0..<k1 {
                    let dst = op + (s * g.o + k) * g.p
                    for q in 0..<g.p { dst[q] = src[q * g.o + k] }
                }
            }
        }
        return (out, keepCols ? cols : nil)
    }

    /// Backward: gradients for input (if `needX`), weight (if `needW`, needs `cols`) and bias from `gOut` [N, O, OH, OW].
    static func backward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ gOut: Tensor, _ cols: Tensor?, _ w: Tensor,
                                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let NP = g.n * g.p
        let go = gOut.contiguousData(as: T.self)
        let gp = go.pointer(T.self)
        // gOut as [O, N·P].
        let g2 = Tensor(uninitialized: [g.o, NP], dtype: T.dtype)
        let g2p = g2.pointer(T.self)
        for s in 0..<g.n { for k in 0..<g.o { (g2p + k * NP + s * g.p).update(from: gp + (s * g.o + k) * g.p, count: g.p) } }
        var db: Tensor?
        if needB {
            let r = Tensor(uninitialized: [g.o], dtype: T.dtype)
            let rp = r.pointer(T.self)
            for k in 0..<g.o { rp[k] = Reduce.sumRow(g2p + k * NP, NP) }
            db = r
        }
        var dw: Tensor?
        if needW, let cols {
            let r = Tensor(uninitialized: [g.o, g.c, g.kh, g.kw], dtype: T.dtype)
            // dW[O, CKK] = g2[O, NP] · colsᵀ (cols[CKK, NP] read transposed)
            GEMM.gemm(g.o, g.ckk, NP, g2p, NP, 1, cols.pointer(T.self), 1, NP, r.pointer(T.self), g.ckk, accumulate: false)
            dw = r
        }
        var dx: Tensor?
        if needX {
            let dcols = Tensor(uninitialized: [g.ckk, NP], dtype: T.dtype)
            let dcp = dcols.pointer(T.self)
            // dcols[CKK, NP] = Wᵀ · g2
            GEMM.gemm(g.ckk, NP, g.o, w.pointer(T.self), 1, g.ckk, g2p, NP, 1, dcp, NP, accumulate: false)
            let r = Tensor.zeros([g.n, g.c, g.h, g.w], dtype: T.dtype)
            let rp = r.pointer(T.self)
            let nt = Swift.min(Threads.count, g.n)
            Threads.parallelFor(nt) { t in
                var s = t
                while s < g.n {
                    col2im(g, dcp + s * g.p, NP, rp + s * g.c * g.h * g.w)
                    s += nt
                }
            }
            dx = r
        }
        return (dx, dw, db)
    }
}

/// 2-d convolution (cross-correlation) of x [N, C, H, W] (or [C, H, W]) with weight [O, C, kh, kw],
/// optional bias [O], like `torch.nn.functional.conv2d` with groups = 1 and dilation 1.
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1, 1], padding: [Int] = [0, 0]) throws -> Tensor {
    if x.rank == 3 { return try conv2d(x.unsqueeze(0), weight, bias: bias, stride: stride, padding: padding).squeeze(0) }
    guard x.rank == 4 else { throw TensorError.shape("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: \(x.shape)") }
    guard weight.rank == 4 else { throw TensorError.shape("weight should have at least three dimensions") }
    let s = stride.count == 1 ? [stride[0], stride[0]] : stride
    let p = padding.count == 1 ? [padding[0], padding[0]] : padding
    guard s.count == 2, p.count == 2, s[0] > 0, s[1] > 0, p[0] >= 0, p[1] >= 0 else {
        throw TensorError.invalidArgument("conv2d: stride must be positive and padding non-negative (got stride \(stride), padding \(padding))")
    }
    guard x.shape[1] == weight.shape[1] else {
        throw TensorError.shape("Given groups=1, weight of size \(weight.shape), expected input\(x.shape) to have \(weight.shape[1]) channels, but got \(x.shape[1]) channels instead")
    }
    let oh = (x.shape[2] + 2 * p[0] - weight.shape[2]) / s[0] + 1
    let ow = (x.shape[3] + 2 * p[1] - weight.shape[3]) / s[1] + 1
    guard x.shape[2] + 2 * p[0] >= weight.shape[2], x.shape[3] + 2 * p[1] >= weight.shape[3] else {
        throw TensorError.shape("Calculated padded input size per channel: (\(x.shape[2] + 2 * p[0]) x \(x.shape[3] + 2 * p[1])). Kernel size: (\(weight.shape[2]) x \(weight.shape[3])). Kernel size can't be greater than actual input size")
    }
    if let bias, bias.count != weight.shape[0] {
        throw TensorError.shape("conv2d: bias should have \(weight.shape[0]) elements, got \(bias.count)")
    }
    let g = ConvGeometry(n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3], o: weight.shape[0],
                         kh: weight.shape[2], kw: weight.shape[3], sh: s[0], sw: s[1], ph: p[0], pw: p[1], oh: oh, ow: ow)
    var inputs = [x, weight]
    if let bias { inputs.append(bias) }
    let record = Autograd.active(inputs)
    let (out, cols) = Tensor.backend.conv2dForward(g, x, weight, bias, keepColumns: record && weight._requiresGrad)
    if record { Autograd.record(out, "ConvolutionBackward0", inputs, Rules.conv2d(g, x, weight, bias, cols)) }
    return out
}

/// `conv2d` with the same stride and padding in both directions (`stride: 4`, `padding: 1`).
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int, padding: Int = 0) throws -> Tensor {
    try conv2d(x, weight, bias: bias, stride: [stride, stride], padding: [padding, padding])
}
