/// Geometry of a 2-d convolution.
struct ConvGeometry {
    let n, c, h, w, o, kh, kw, sh, sw, ph, pw, oh, ow: Int
    var ckk: Int { c * kh * kw }
    var p: Int { oh * ow }
}

/// Raw conv2d kernels: im2col + packed GEMM, threads over samples (or inside GEMM for batch 1).
enum ConvKernels {
    /// Unfolds one sample [C, H, W] into columns [C*kh*kw, OH*OW].
    static func im2col<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>) {
        let P = g.p
        var row = 0
        for c in 0..<g.c {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let dst = cols + row * P
                    for oy in 0..<g.oh {
                        let iy = oy * g.sh - g.ph + ki
                        let d = dst + oy * g.ow
                        if iy < 0 || iy >= g.h { d.update(repeating: 0, count: g.ow); continue }
                        let src = xc + iy * g.w
                        let ix0 = kj - g.pw
                        if g.sw == 1 && ix0 >= 0 && ix0 + g.ow <= g.w {
                            d.update(from: src + ix0, count: g.ow)
                        } else {
                            for ox in 0..<g.ow {
                                let ix = ox * g.sw + ix0
                                d[ox] = (ix >= 0 && ix < g.w) ? src[ix] : 0
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Folds columns back, accumulating into one sample's gradient [C, H, W] (which must start zeroed).
    static func col2im<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>) {
        let P = g.p
        var row = 0
        for c in 0..<g.c {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let src = cols + row * P
                    for oy in 0..<g.oh {
                        let iy = oy * g.sh - g.ph + ki
                        if iy < 0 || iy >= g.h { continue }
                        let d = xc + iy * g.w
                        let s = src + oy * g.ow
                        for ox in 0..<g.ow {
                            let ix = ox * g.sw - g.pw + kj
                            if ix >= 0 && ix < g.w { d[ix] += s[ox] }
                        }
                    }
                    row += 1
                }
            }
        }
    }

    /// Forward: returns output [N, O, OH, OW] and (when `keepCols`) the unfolded inputs [N, CKK, P].
    static func forward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepCols: Bool) -> (Tensor, Tensor?) {
        let out = Tensor(uninitialized: [g.n, g.o, g.oh, g.ow], dtype: T.dtype)
        let cols = Tensor(uninitialized: [keepCols ? g.n : Swift.min(g.n, Threads.count), g.ckk, g.p], dtype: T.dtype)
        let xp = x.pointer(T.self), wp = w.pointer(T.self), op = out.pointer(T.self), cp = cols.pointer(T.self)
        let bp = b?.pointer(T.self)
        let isPointwise = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.ph == 0 && g.pw == 0
        let nt = g.n == 1 ? 1 : Swift.min(Threads.count, g.n)
        Threads.parallelFor(nt) { t in
            var s = t
            while s < g.n {
                let colBuf = cp + (keepCols ? s : t) * g.ckk * g.p
                let xs = xp + s * g.c * g.h * g.w
                if isPointwise { colBuf.update(from: xs, count: g.ckk * g.p) } else { im2col(g, xs, colBuf) }
                let o = op + s * g.o * g.p
                if let bp { for k in 0..<g.o { (o + k * g.p).update(repeating: bp[k], count: g.p) } }
                GEMM.gemm(g.o, g.p, g.ckk, wp, g.ckk, 1, colBuf, g.p, 1, o, g.p, accumulate: bp != nil, parallel: nt == 1)
                s += nt
            }
        }
        return (out, keepCols ? cols : nil)
    }

    /// Backward: gradients for input (if `needX`), weight and bias from the output gradient `gOut` [N,O,OH,OW].
    static func backward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ gOut: Tensor, _ cols: Tensor, _ w: Tensor,
                                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let go = gOut.contiguousData(as: T.self)
        let gp = go.pointer(T.self), cp = cols.pointer(T.self), wp = w.pointer(T.self)
        let nt = g.n == 1 ? 1 : Swift.min(Threads.count, g.n)
        let dx = needX ? Tensor.zeros([g.n, g.c, g.h, g.w], dtype: T.dtype) : nil
        let dwParts = needW ? Tensor.zeros([nt, g.o, g.ckk], dtype: T.dtype) : nil
        let dcolsBuf = needX ? Tensor(uninitialized: [nt, g.ckk, g.p], dtype: T.dtype) : nil
        Threads.parallelFor(nt) { t in
            var s = t
            while s < g.n {
                let gs = gp + s * g.o * g.p
                if let dwParts {
                    // dW += gOut[s] (O×P) · cols[s]ᵀ (P×CKK)
                    let colS = cp + s * g.ckk * g.p
                    GEMM.gemm(g.o, g.ckk, g.p, gs, g.p, 1, colS, 1, g.p,
                              dwParts.pointer(T.self) + t * g.o * g.ckk, g.ckk, accumulate: true, parallel: nt == 1)
                }
                if let dx, let dcolsBuf {
                    // dcols = Wᵀ (CKK×O) · gOut[s] (O×P)
                    let dc = dcolsBuf.pointer(T.self) + t * g.ckk * g.p
                    GEMM.gemm(g.ckk, g.p, g.o, wp, 1, g.ckk, gs, g.p, 1, dc, g.p, accumulate: false, parallel: nt == 1)
                    col2im(g, dc, dx.pointer(T.self) + s * g.c * g.h * g.w)
                }
                s += nt
            }
        }
        var dw: Tensor?
        if let dwParts {
            let r = Tensor.zeros([g.o, g.c, g.kh, g.kw], dtype: T.dtype)
            let rp = r.pointer(T.self), pp = dwParts.pointer(T.self)
            for t in 0..<nt { for i in 0..<(g.o * g.ckk) { rp[i] += pp[t * g.o * g.ckk + i] } }
            dw = r
        }
        var db: Tensor?
        if needB {
            let r = Tensor.zeros([g.o], dtype: T.dtype)
            let rp = r.pointer(T.self)
            for s in 0..<g.n { for k in 0..<g.o { rp[k] += Reduce.sumRow(gp + (s * g.o + k) * g.p, g.p) } }
            db = r
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
    let dt: DType = DType.promote(x.dtype, weight.dtype) == .float64 ? .float64 : .float32
    let X = x.contiguousData(dtype: dt), W = weight.contiguousData(dtype: dt), B = bias?.contiguousData(dtype: dt)
    var inputs = [x, weight]
    if let bias { inputs.append(bias) }
    let record = Autograd.active(inputs)
    let (out, cols) = dt == .float32
        ? ConvKernels.forward(Float.self, g, X, W, B, keepCols: record && weight._requiresGrad)
        : ConvKernels.forward(Double.self, g, X, W, B, keepCols: record && weight._requiresGrad)
    if record { Autograd.record(out, "ConvolutionBackward0", inputs, Rules.conv2d(g, x, weight, bias, cols, W)) }
    return out
}
