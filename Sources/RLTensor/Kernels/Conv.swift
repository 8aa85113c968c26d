/// Geometry of a 2-d convolution (batch, channels, sizes, kernel, stride, padding, output size).
public struct ConvGeometry: Sendable {
    public let n, c, h, w, o, kh, kw, sh, sw, ph, pw, oh, ow: Int
    var ckk: Int { c * kh * kw }
    var p: Int { oh * ow }
}

/// Raw conv2d kernels: patch-major im2col for the whole batch, then one packed, threaded GEMM per pass.
///
/// Layout: `cols[N·P, CKK]`, row n·P + p holding the receptive field of output pixel p of sample n
/// (channel-major, then kernel row, then kernel column, so each kernel row is a contiguous copy).
/// Forward `Y[O, N·P] = W · colsᵀ`, reordered to [N, O, OH, OW] by contiguous row copies;
/// backward `dW[O, CKK] = G · cols` and `dcols[N·P, CKK] = Gᵀ · W`, with `G[O, N·P]` the output
/// gradient; `dcols` is folded back into the input gradient by col2im.
enum ConvKernels {
    /// Unfolds output pixels `pixels` of one sample [C, H, W] into rows of `cols` (row stride CKK).
    static func im2col<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, pixels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw
        for p in pixels {
            let oy = p / g.ow, ox = p - oy * g.ow
            var d = cols + p * ckk
            let ix0 = ox * g.sw - g.pw
            let inside = ix0 >= 0 && ix0 + kw <= g.w
            for c in 0..<g.c {
                let xc = x + c * g.h * g.w
                for ki in 0..<g.kh {
                    let iy = oy * g.sh - g.ph + ki
                    if iy < 0 || iy >= g.h {
                        for kj in 0..<kw { d[kj] = 0 }
                    } else {
                        let src = xc + iy * g.w + ix0
                        if inside {
                            if kw == 8 {
                                UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(src).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            } else if kw == 4 {
                                UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(src).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            } else {
                                for kj in 0..<kw { d[kj] = src[kj] }
                            }
                        } else {
                            for kj in 0..<kw { let ix = ix0 + kj; d[kj] = (ix >= 0 && ix < g.w) ? src[kj] : 0 }
                        }
                    }
                    d += kw
                }
            }
        }
    }

    /// Folds rows of `cols` for one sample back into its input gradient [C, H, W] (accumulating),
    /// restricted to channels `channels` so threads can split one sample safely.
    static func col2im<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, channels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw
        for p in 0..<g.p {
            let oy = p / g.ow, ox = p - oy * g.ow
            let ix0 = ox * g.sw - g.pw
            let inside = ix0 >= 0 && ix0 + kw <= g.w
            var s = cols + p * ckk + channels.lowerBound * g.kh * kw
            for c in channels {
                let xc = x + c * g.h * g.w
                for ki in 0..<g.kh {
                    let iy = oy * g.sh - g.ph + ki
                    if iy >= 0 && iy < g.h {
                        let dst = xc + iy * g.w + ix0
                        if inside {
                            if kw == 8 {
                                let dr = UnsafeMutableRawPointer(dst)
                                dr.storeBytes(of: dr.loadUnaligned(as: SIMD8<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            } else if kw == 4 {
                                let dr = UnsafeMutableRawPointer(dst)
                                dr.storeBytes(of: dr.loadUnaligned(as: SIMD4<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            } else {
                                for kj in 0..<kw { dst[kj] += s[kj] }
                            }
                        } else {
                            for kj in 0..<kw { let ix = ix0 + kj; if ix >= 0 && ix < g.w { dst[kj] += s[kj] } }
                        }
                    }
                    s += kw
                }
            }
        }
    }

    /// Forward: output [N, O, OH, OW] and (when `keepCols`) the column matrix for backward.
    static func forward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepCols: Bool) -> (Tensor, Tensor?) {
        let NP = g.n * g.p
        let cols = Tensor(uninitialized: [NP, g.ckk], dtype: T.dtype)
        let xp = x.pointer(T.self), cp = cols.pointer(T.self)
        // Split output pixels of every sample across threads.
        let nt = NP * g.ckk >= (1 << 18) ? Swift.min(Threads.count, Swift.max(1, NP / 16)) : 1
        Threads.parallelFor(nt) { t in
            let r0 = t * NP / nt, r1 = (t + 1) * NP / nt
            var r = r0
            while r < r1 {
                let s = r / g.p, p0 = r - s * g.p
                let p1 = Swift.min(g.p, p0 + (r1 - r))
                im2col(g, xp + s * g.c * g.h * g.w, cp + s * g.p * g.ckk, pixels: p0..<p1)
                r += p1 - p0
            }
        }
        // Y[O, N·P] = W · colsᵀ (+ bias per row); then each (sample, channel) row is one contiguous copy.
        let y = Tensor(uninitialized: [g.o, NP], dtype: T.dtype)
        let yp = y.pointer(T.self)
        if let bp = b?.pointer(T.self) { for k in 0..<g.o { (yp + k * NP).update(repeating: bp[k], count: NP) } }
        GEMM.gemm(g.o, NP, g.ckk, w.pointer(T.self), g.ckk, 1, cp, 1, g.ckk, yp, NP, accumulate: b != nil)
        if g.n == 1 {
            return (y.view(shape: [1, g.o, g.oh, g.ow], strides: [g.o * g.p, g.p, g.ow, 1], offset: 0), keepCols ? cols : nil)
        }
        let out = Tensor(uninitialized: [g.n, g.o, g.oh, g.ow], dtype: T.dtype)
        let op = out.pointer(T.self)
        for s in 0..<g.n { for k in 0..<g.o { (op + (s * g.o + k) * g.p).update(from: yp + k * NP + s * g.p, count: g.p) } }
        return (out, keepCols ? cols : nil)
    }

    /// Backward: gradients for input (if `needX`), weight (if `needW`, needs `cols`) and bias from `gOut` [N, O, OH, OW].
    static func backward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ gOut: Tensor, _ cols: Tensor?, _ w: Tensor,
                                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let NP = g.n * g.p
        let go = gOut.contiguousData(as: T.self)
        let gp = go.pointer(T.self)
        // G[O, N·P] from gOut[N, O, P].
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
            // dW[O, CKK] = G[O, NP] · cols[NP, CKK]
            GEMM.gemm(g.o, g.ckk, NP, g2p, NP, 1, cols.pointer(T.self), g.ckk, 1, r.pointer(T.self), g.ckk, accumulate: false)
            dw = r
        }
        var dx: Tensor?
        if needX {
            let dcols = Tensor(uninitialized: [NP, g.ckk], dtype: T.dtype)
            let dcp = dcols.pointer(T.self)
            // dcols[NP, CKK] = Gᵀ[NP, O] · W[O, CKK]
            GEMM.gemm(NP, g.ckk, g.o, g2p, 1, NP, w.pointer(T.self), g.ckk, 1, dcp, g.ckk, accumulate: false)
            let r = Tensor.zeros([g.n, g.c, g.h, g.w], dtype: T.dtype)
            let rp = r.pointer(T.self)
            let nt = Threads.count
            if g.n >= nt {
                Threads.parallelFor(nt) { t in
                    var s = t
                    while s < g.n {
                        col2im(g, dcp + s * g.p * g.ckk, rp + s * g.c * g.h * g.w, channels: 0..<g.c)
                        s += nt
                    }
                }
            } else {
                let parts = Swift.min(nt, g.c)
                for s in 0..<g.n {
                    Threads.parallelFor(parts) { t in
                        col2im(g, dcp + s * g.p * g.ckk, rp + s * g.c * g.h * g.w, channels: (t * g.c / parts)..<((t + 1) * g.c / parts))
                    }
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
