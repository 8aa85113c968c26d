/// Geometry of a 2-d convolution (batch, channels, sizes, kernel, stride, padding, output size).
public struct ConvGeometry: Sendable {
    public let n, c, h, w, o, kh, kw, sh, sw, ph, pw, oh, ow: Int
    var ckk: Int { c * kh * kw }
    var p: Int { oh * ow }
}

/// Raw conv2d kernels: per-sample unfolding (`Conv+Unfold.swift`) and GEMMs, with samples split across threads.
///
/// For sample s, with `cols_s[CKK, P]` its channel-major unfolding and `G_s[O, P]` its output gradient:
/// forward `Y_s[O, P] = W[O, CKK] · cols_s (+ bias)`, written straight into the output [N, O, OH, OW];
/// backward `dW = Σ_s G_s · cols_sᵀ`, `db = Σ_s G_s · 1`, and `dcols_s[CKK, P] = Wᵀ · G_s` folded back
/// into the input gradient by col2im (the approach of Caffe's `BaseConvolutionLayer`, which keeps each
/// sample's unfolding in L2 instead of streaming a batch-sized column matrix through memory).
enum ConvKernels {
    /// Threads to split `n` samples across, for a product of `work` multiply-adds per sample.
    static func sampleThreads(_ g: ConvGeometry, _ work: Int) -> Int {
        g.n >= 2 && g.n * work >= (1 << 20) ? Swift.min(Threads.count, g.n) : 1
    }

    /// Forward: output [N, O, OH, OW] and (when `keepCols`) every sample's unfolding [N, CKK, P] for backward.
    static func forward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepCols: Bool) -> (Tensor, Tensor?) {
        let ckk = g.ckk, P = g.p, chw = g.c * g.h * g.w
        let cols = keepCols ? Tensor(uninitialized: [g.n, ckk, P], dtype: T.dtype) : nil
        let out = Tensor(uninitialized: [g.n, g.o, g.oh, g.ow], dtype: T.dtype)
        let xp = x.pointer(T.self), wp = w.pointer(T.self), op = out.pointer(T.self)
        let bp = b?.pointer(T.self), cp = cols?.pointer(T.self)
        let nt = sampleThreads(g, g.o * ckk * P)
        Threads.parallelFor(nt) { t in
            var scratch: (UnsafeMutableRawPointer, Int)?
            if cp == nil { scratch = BufferPool.shared.allocate(ckk * P * MemoryLayout<T>.stride) }
            defer { if let (p, cls) = scratch { BufferPool.shared.release(p, sizeClass: cls) } }
            var s = t
            while s < g.n {
                let cs = cp.map { $0 + s * ckk * P } ?? scratch!.0.assumingMemoryBound(to: T.self)
                unfold(g, xp + s * chw, cs)
                let ys = op + s * g.o * P
                if let bp { for k in 0..<g.o { (ys + k * P).update(repeating: bp[k], count: P) } }
                GEMM.gemm(g.o, P, ckk, wp, ckk, 1, cs, P, 1, ys, P, accumulate: bp != nil, parallel: nt == 1)
                s += nt
            }
        }
        return (out, cols)
    }

    /// Backward: gradients for input (if `needX`), weight (if `needW`, needs `cols`) and bias from `gOut` [N, O, OH, OW].
    static func backward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ gOut: Tensor, _ cols: Tensor?, _ w: Tensor,
                                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let ckk = g.ckk, P = g.p, O = g.o, chw = g.c * g.h * g.w
        let go = gOut.contiguousData(as: T.self)
        let gp = go.pointer(T.self), wp = w.pointer(T.self)
        var db: Tensor?
        if needB {
            let r = Tensor(uninitialized: [O], dtype: T.dtype)
            let rp = r.pointer(T.self)
            for k in 0..<O {
                var acc: T = 0
                for s in 0..<g.n { acc += Reduce.sumRow(gp + (s * O + k) * P, P) }
                rp[k] = acc
            }
            db = r
        }
        let cp = needW ? cols?.pointer(T.self) : nil
        if cp == nil && !needX { return (nil, nil, db) }
        let dw = cp != nil ? Tensor(uninitialized: [O, g.c, g.kh, g.kw], dtype: T.dtype) : nil
        let dx = needX ? Tensor.zeros([g.n, g.c, g.h, g.w], dtype: T.dtype) : nil
        let dwp = dw?.pointer(T.self), dxp = dx?.pointer(T.self)
        let nt = sampleThreads(g, O * ckk * P)
        let sz = MemoryLayout<T>.stride
        // Thread t > 0 sums its samples' weight gradients in a private buffer, added in at the end.
        var partials: [(UnsafeMutableRawPointer, Int)] = []
        if dwp != nil { for _ in 1..<Swift.max(nt, 1) { partials.append(BufferPool.shared.allocate(O * ckk * sz)) } }
        defer { for (p, cls) in partials { BufferPool.shared.release(p, sizeClass: cls) } }
        let partialPointers = partials.map { $0.0.assumingMemoryBound(to: T.self) }
        Threads.parallelFor(nt) { t in
            var scratch: (UnsafeMutableRawPointer, Int)?
            if dxp != nil { scratch = BufferPool.shared.allocate(ckk * P * sz) }
            defer { if let (p, cls) = scratch { BufferPool.shared.release(p, sizeClass: cls) } }
            let dwt = t == 0 ? dwp : partialPointers[t - 1]
            var s = t
            while s < g.n {
                let gs = gp + s * O * P
                if let cp, let dwt {
                    // dW[O, CKK] (+)= G_s[O, P] · cols_sᵀ[P, CKK]
                    GEMM.gemm(O, ckk, P, gs, P, 1, cp + s * ckk * P, 1, P, dwt, ckk, accumulate: s != t, parallel: nt == 1)
                }
                if let dxp, let (buf, _) = scratch {
                    // dcols_s[CKK, P] = Wᵀ[CKK, O] · G_s[O, P], folded into dx_s.
                    let dc = buf.assumingMemoryBound(to: T.self)
                    GEMM.gemm(ckk, P, O, wp, 1, ckk, gs, P, 1, dc, P, accumulate: false, parallel: nt == 1)
                    fold(g, dc, dxp + s * chw)
                }
                s += nt
            }
        }
        if let dwp {
            for part in partialPointers { for i in 0..<(O * ckk) { dwp[i] += part[i] } }
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
