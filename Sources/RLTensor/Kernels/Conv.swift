import RLSupport
import RLTensorAVX512

/// Geometry of a 2-d convolution (batch, channels, sizes, kernel, stride, padding, output size).
public struct ConvGeometry: Sendable {
    public let n, c, h, w, o, kh, kw, sh, sw, ph, pw, oh, ow: Int
    var ckk: Int { c * kh * kw }
    var p: Int { oh * ow }
}

/// Raw conv2d kernels: per-sample unfolding (`Conv+Unfold.swift`) and unpacked register-blocked GEMMs
/// (`GEMM.direct`), with samples split across threads (or, for one sample, output rows).
///
/// For sample s, with `cols_s[P, CKK]` its patch-major unfolding and `G_s[O, P]` its output gradient:
/// - forward `Y_sᵀ[P, O] = cols_s · Wᵀ`, transposed (plus bias) into the output block [O, OH, OW];
/// - weight gradient `dW[O, CKK] = Σ_s G_s · cols_s`;
/// - input gradient `dcols_s[P, CKK] = G_sᵀ · W`, folded back into the input gradient by col2im.
/// Every product has O (a multiple of 16 in practice) or CKK as its column count, and A and B rows
/// contiguous, so no operand is packed: at these sizes (each B element used only P or O times) packing
/// costs about as much as the multiply itself. The per-sample loop keeps each unfolding in L2 instead of
/// streaming a batch-sized column matrix through memory (Caffe's `BaseConvolutionLayer` does the same).
enum ConvKernels {
    /// Number of sample chunks to spread over the threads, for a product of `work` multiply-adds per
    /// sample: 1 (no threads) for small batches, else up to four per thread, so a thread whose core is
    /// busy with other work holds up little (Dispatch hands chunks to whichever thread is free). The
    /// split depends only on the batch and thread count, so results are deterministic.
    static func sampleChunks(_ g: ConvGeometry, _ work: Int) -> Int {
        g.n >= 2 && g.n * work >= (1 << 20) && Threads.count > 1 ? Swift.min(4 * Threads.count, g.n) : 1
    }

    /// Samples of chunk `t` of `chunks`.
    @inline(__always)
    static func samples(_ g: ConvGeometry, _ t: Int, _ chunks: Int) -> Range<Int> { (t * g.n / chunks)..<((t + 1) * g.n / chunks) }

    /// Writes the transpose of the row-major `rows`×`cols` matrix `a` into `out` (`cols`×`rows`), in
    /// 16-column blocks so reads are whole cache lines and the written lines stay in L1 (a plain
    /// column-order loop over a row stride of 2 KiB maps every read to the same few L1 sets).
    /// Large matrices (64K+ elements: a Linear layer's batch-32 input, NatureCNN's weight layouts) are split
    /// into column ranges across the threads; every element is copied once either way.
    static func transpose<T: GemmScalar>(_ a: UnsafePointer<T>, rows: Int, cols: Int, into out: UnsafeMutablePointer<T>) {
        let blocks = (cols + 15) / 16
        let parts = rows * cols >= (1 << 16) ? Swift.min(Threads.count, blocks) : 1
        if parts <= 1 { transpose(a, rows: rows, cols: cols, columns: 0..<cols, into: out); return }
        Threads.parallelFor(parts) { t in
            transpose(a, rows: rows, cols: cols, columns: Swift.min(cols, t * blocks / parts * 16)..<Swift.min(cols, (t + 1) * blocks / parts * 16), into: out)
        }
    }

    /// The columns `columns` of `transpose` (rows `columns` of the output).
    static func transpose<T: GemmScalar>(_ a: UnsafePointer<T>, rows: Int, cols: Int, columns: Range<Int>, into out: UnsafeMutablePointer<T>) {
        // (Byte-stepped pointers with wrapping arithmetic: the indexed form kept an overflow-checked
        // multiply per element, about 4.5 cycles an element for a backward's per-sample G_sᵀ.)
        let sz = MemoryLayout<T>.stride, outStep = rows &* sz
        var c0 = columns.lowerBound
        while c0 < columns.upperBound {
            let c1 = Swift.min(columns.upperBound, c0 + 16), width = c1 - c0
            for r in 0..<rows {
                let src = UnsafeRawPointer(a + r * cols + c0)
                var dst = UnsafeMutableRawPointer(out + c0 * rows + r)
                var o = 0
                while o < width &* sz {
                    dst.storeBytes(of: src.load(fromByteOffset: o, as: T.self), as: T.self)
                    dst += outStep; o &+= sz
                }
            }
            c0 = c1
        }
    }

    /// `GEMM.direct` with its M rows split (in multiples of 6) across `threads` threads when the product is
    /// large enough (~8M multiply-adds) to pay for waking a worker on a busy machine.
    static func directRows<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int, _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                          _ b: UnsafePointer<T>, _ rsB: Int, _ c: UnsafeMutablePointer<T>, _ ldc: Int,
                                          accumulate: Bool, threads: Int) {
        let nt = M * N * K >= (1 << 23) ? Swift.min(threads, Swift.max(1, M / 12)) : 1
        if nt <= 1 { GEMM.direct(M, N, K, a, rsA, csA, b, rsB, c, ldc, accumulate); return }
        let chunk = ((M + nt - 1) / nt + 5) / 6 * 6
        Threads.parallelFor((M + chunk - 1) / chunk) { t in
            let i0 = t * chunk, m = Swift.min(chunk, M - i0)
            GEMM.direct(m, N, K, a + i0 * rsA, rsA, csA, b, rsB, c + i0 * ldc, ldc, accumulate)
        }
    }

    /// Forward: output [N, O, OH, OW] and (when `keepCols`) what backward needs for the weight gradient: the
    /// (contiguous) input itself. Backward unfolds each sample again into an L2-sized scratch buffer, which
    /// costs less than writing a batch-sized column matrix to memory and reading it back (13 MB for
    /// NatureCNN's first layer at batch 32), and keeps the saved memory at the input's size.
    ///
    /// Unpadded layers with whole SIMD vectors of output channels (NatureCNN's) read the patches straight
    /// from the input (`implicitProduct`); others unfold each sample in blocks of `pixelBlock` output
    /// pixels, so a block's columns are still in L1/L2 when the GEMM reads them. With one sample chunk
    /// (batch 1: `predict`) the pixels are split across the threads instead. Every output element is the
    /// same sum (same order) on every path.
    static func forward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepCols: Bool) -> (Tensor, Tensor?) {
        // float32 3×3 stride-1 layers with enough channels and tiles: Winograd F(2×2, 3×3) (`Conv+Winograd.swift`).
        if forwardAlgorithm(g, T.self) == .winograd { return (winogradForward(g, x, w, b), keepCols ? x : nil) }
        let ckk = g.ckk, P = g.p, O = g.o, chw = g.c * g.h * g.w
        let sz = MemoryLayout<T>.stride
        let out = Tensor(uninitialized: [g.n, O, g.oh, g.ow], dtype: T.dtype)
        let xp = x.pointer(T.self), wp = w.pointer(T.self), op = out.pointer(T.self)
        let bp = b?.pointer(T.self)
        // Wᵀ [CKK, O], so the product's B rows are contiguous; built once per weight version.
        let wtT = DerivedLayouts.layout(.convTransposed, of: w, count: ckk * O, T.self) { transpose(wp, rows: O, cols: ckk, into: $0) }
        let wt = UnsafePointer(wtT.pointer(T.self))
        let pb = pixelBlock(ckk, sz, P)
        // Polled between pixel blocks and samples (also on worker threads): Ctrl-C, a timeout or the
        // memory budget stop a large convolution within milliseconds (the cell drops the result).
        let stop = Cancellation.currentState
        // Unpadded layers read the patches straight from the input (`implicitProduct`).
        let implicit = implicitApplies(g, T.self)
        let channelFirst = implicit && !(T.self == Float.self && O % 32 == 0 && CPUFeatures.avx512)
        let offsets = [Int](unsafeUninitializedCapacity: implicit ? ckk : 0) { buf, n in
            if implicit { patchOffsets(g, into: buf.baseAddress!) }
            n = implicit ? ckk : 0
        }
        /// Y_sᵀ rows `pixels` [.., O] = cols_s[pixels, CKK] · Wᵀ[CKK, O], block by block, into `yt` (row p at p); on the
        /// AVX2 implicit kernel, only the output channels `channels` (whole SIMD vectors; nil: all).
        func product(_ s: Int, _ pixels: Range<Int>, _ cs: UnsafeMutablePointer<T>, _ yt: UnsafeMutablePointer<T>, channels: Range<Int>? = nil) {
            if implicit && pixels.count > implicitPixels {
                // a large image in pieces of whole row tiles (each pixel is the same sum either way)
                var p0 = pixels.lowerBound
                while p0 < pixels.upperBound, !Cancellation.isRequested(stop) {
                    let p1 = Swift.min(pixels.upperBound, p0 + implicitPixels)
                    product(s, p0..<p1, cs, yt, channels: channels)
                    p0 = p1
                }
                return
            }
            if implicit {
                offsets.withUnsafeBufferPointer { off in
                    if T.self == Float.self && O % 32 == 0 && CPUFeatures.avx512 {
                        AVX512Kernels.implicitProduct(UnsafeRawPointer(xp + s * chw).assumingMemoryBound(to: Float.self), off.baseAddress!, ckk,
                                                      UnsafeRawPointer(wt).assumingMemoryBound(to: Float.self), O,
                                                      UnsafeMutableRawPointer(yt).assumingMemoryBound(to: Float.self),
                                                      pixels.lowerBound, pixels.upperBound, ow: g.ow, sh: g.sh, sw: g.sw, w: g.w)
                    } else {
                        let target: (out: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?)? = channelFirst ? (op + s * O * P, bp.map { UnsafePointer($0) }) : nil
                        implicitProduct(g, xp + s * chw, off.baseAddress!, wt, yt, pixels: pixels, channels: channels, channelFirst: target)
                    }
                }
                return
            }
            var p0 = pixels.lowerBound
            while p0 < pixels.upperBound, !Cancellation.isRequested(stop) {
                let p1 = Swift.min(pixels.upperBound, p0 + pb)
                unfoldPatches(g, xp + s * chw, cs, pixels: p0..<p1)
                GEMM.direct(p1 - p0, O, ckk, cs, ckk, 1, wt, O, yt + p0 * O, O, false)
                p0 = p1
            }
        }
        /// Output block of sample s [O, P] = Y_sᵀ transposed, plus bias (the AVX2 implicit kernel writes it itself).
        func store(_ s: Int, _ yt: UnsafePointer<T>) {
            if channelFirst { return }
            let ys = op + s * O * P
            for k in 0..<O {
                let bias = bp?[k] ?? 0, row = ys + k * P
                if bp != nil { for p in 0..<P { row[p] = yt[p * O + k] + bias } }
                else { for p in 0..<P { row[p] = yt[p * O + k] } }
            }
        }
        // Where the batch is split at all, into chunks of one or a few samples (up to 16 per thread), so the last
        // thread to finish ends at most about a sample's product after the others (chunks of four samples left
        // ~2 % of a DQN batch-32 forward waiting). Unlike the backward's chunks, which group the weight gradient's
        // sums, any split gives the same outputs.
        let chunks = sampleChunks(g, O * ckk * P) > 1 ? Swift.min(g.n, 16 * Threads.count) : 1
        // One chunk: the sample's product in parts across the threads, for products of ~20 µs and more: 1M+
        // multiply-adds per sample with the AVX2 kernels (NatureCNN's layers at batch 1: predict), 4M+ with the
        // AVX-512 ones, which run those layers in about the time a worker takes to wake (one thread was as fast,
        // and steadier on a loaded machine).
        let splitWork = T.self == Float.self && CPUFeatures.avx512 ? (1 << 22) : (1 << 20)
        // The split's unit: an unfolded block of pixels, or for the implicit kernels one 6-pixel row tile, and on
        // the AVX2 implicit kernel one tile times one SIMD vector of output channels (NatureCNN's conv3 at batch 1:
        // 11 row tiles × 4 channel vectors). Up to four parts per thread, so a worker that starts late (another
        // process holds its core) still takes a share, and parts of whole channel vectors balance where row tiles
        // alone do not (conv3's 11 tiles split 5 + 6). Every output element is the same sum in any part.
        let unit = implicit ? 6 : pb
        let tiles = (P + unit - 1) / unit
        let channelBlocks = channelFirst ? O / T.Vec.scalarCount : 1
        let units = tiles * channelBlocks
        let split = chunks == 1 && Threads.count > 1 && O * ckk * P >= splitWork ? Swift.min(4 * Threads.count, units) : 1
        if split > 1 {
            let (yRaw, yCls) = BufferPool.shared.allocate((channelFirst ? 1 : O * P) * sz)
            defer { BufferPool.shared.release(yRaw, sizeClass: yCls) }
            let yt = yRaw.assumingMemoryBound(to: T.self)
            let nv = T.Vec.scalarCount
            for s in 0..<g.n where !Cancellation.isRequested(stop) {
                Threads.parallelFor(split) { t in
                    let (cRaw, cCls) = BufferPool.shared.allocate((implicit ? 1 : ckk * pb) * sz)
                    defer { BufferPool.shared.release(cRaw, sizeClass: cCls) }
                    // units u0..<u1, channel-vector major: for each channel vector, a range of row tiles
                    let u0 = t * units / split, u1 = (t + 1) * units / split
                    var u = u0
                    while u < u1 {
                        let cb = u / tiles, tEnd = Swift.min(u1, (cb + 1) * tiles) - cb * tiles, t0 = u - cb * tiles
                        let lo = Swift.min(P, t0 * unit), hi = Swift.min(P, tEnd * unit)
                        product(s, lo..<hi, cRaw.assumingMemoryBound(to: T.self), yt, channels: channelFirst ? (cb * nv)..<((cb + 1) * nv) : nil)
                        u = (cb * tiles) + tEnd
                    }
                }
                store(s, yt)
            }
        } else {
            Threads.parallelFor(chunks) { t in
                let yp = channelFirst ? 0 : O * P
                let (yRaw, yCls) = BufferPool.shared.allocate(((implicit ? 1 : ckk * pb) + yp) * sz)
                defer { BufferPool.shared.release(yRaw, sizeClass: yCls) }
                let yt = yRaw.assumingMemoryBound(to: T.self), cs = yt + yp
                for s in samples(g, t, chunks) where !Cancellation.isRequested(stop) {
                    product(s, 0..<P, cs, yt)
                    store(s, yt)
                }
            }
        }
        withExtendedLifetime(wtT) {}
        return (out, keepCols ? x : nil)
    }

    /// Output pixels unfolded and multiplied at a time: a multiple of 6 (the GEMM's row tile) whose
    /// columns take about 48 KiB (a Zen 4/5 L1, half a Haswell L2 way set), at least 6 rows.
    /// Output pixels of one implicit product between two polls of the stop flag (a multiple of 6,
    /// the row tile): NatureCNN's layers (at most 400 pixels) take one piece.
    static let implicitPixels = 6 * 1024

    static func pixelBlock(_ ckk: Int, _ sz: Int, _ P: Int) -> Int {
        let rows = Swift.max(6, (48 << 10) / Swift.max(1, ckk * sz) / 6 * 6)
        return Swift.min(rows, (P + 5) / 6 * 6)
    }

    /// Backward: gradients for input (if `needX`), weight (if `needW`, needs the `saved` input) and bias from `gOut` [N, O, OH, OW].
    static func backward<T: GemmScalar>(_: T.Type, _ g: ConvGeometry, _ gOut: Tensor, _ saved: Tensor?, _ w: Tensor,
                                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let ckk = g.ckk, P = g.p, O = g.o, chw = g.c * g.h * g.w
        let go = gOut.contiguousData(as: T.self)
        let gp = go.pointer(T.self), wp = w.pointer(T.self)
        let stop = Cancellation.currentState   // polled per sample, as in `forward`
        var db: Tensor?
        if needB {
            let r = Tensor(uninitialized: [O], dtype: T.dtype)
            let rp = r.pointer(T.self)
            // channels split across the threads for large gradients (each channel's sum is unchanged)
            let parts = O * g.n * P >= (1 << 17) ? Swift.min(Threads.count, O) : 1
            Threads.parallelFor(parts) { u in
                for k in (u * O / parts)..<((u + 1) * O / parts) {
                    var acc: T = 0
                    for s in 0..<g.n { acc += Reduce.sumRow(gp + (s * O + k) * P, P) }
                    rp[k] = acc
                }
            }
            db = r
        }
        // Winograd F(2×2, 3×3) for the input and weight gradients where it applies; the direct path does the rest.
        let winX = needX && inputGradAlgorithm(g, T.self) == .winograd
        let winW = needW && saved != nil && weightGradAlgorithm(g, T.self) == .winograd
        if winX || winW {
            let dx = winX ? winogradInputGrad(g, go, w) : nil
            let dw = winW ? winogradWeightGrad(g, saved!.contiguousData(as: Float.self), go) : nil
            let rest = needX == winX && (needW && saved != nil) == winW ? (nil, nil, nil)
                : backward(T.self, g, gOut, saved, w, needX: needX && !winX, needW: needW && !winW, needB: false)
            return (dx ?? rest.0, dw ?? rest.1, db)
        }
        let cp = needW ? saved?.pointer(T.self) : nil
        if cp == nil && !needX { return (nil, nil, db) }
        // (each sample's block is zeroed by the thread that folds into it, just before)
        let dx = needX ? Tensor(uninitialized: [g.n, g.c, g.h, g.w], dtype: T.dtype) : nil
        let dxp = dx?.pointer(T.self)
        let chunks = sampleChunks(g, O * ckk * P)
        let inner = chunks == 1 ? Threads.count : 1
        let sz = MemoryLayout<T>.stride
        // Each chunk sums its samples' dW [O, CKK] in its own buffer; they are added in order at the end.
        let (dwRaw, dwCls) = BufferPool.shared.allocate(cp != nil ? chunks * ckk * O * sz : sz)
        defer { BufferPool.shared.release(dwRaw, sizeClass: dwCls) }
        let dwt = dwRaw.assumingMemoryBound(to: T.self)
        if g.n == 0 { dwt.update(repeating: 0, count: cp != nil ? O * ckk : 1) }  // an empty batch has no chunk to fill it
        // float32, unpadded, 8-wide kernel rows (NatureCNN's first layer): dW straight from the input.
        let implicitOffsets: [Int]? = T.self == Float.self && cp != nil && implicitWeightGradApplies(g)
            ? [Int](unsafeUninitializedCapacity: ckk) { buf, n in patchOffsets(g, into: buf.baseAddress!); n = ckk } : nil
        // Other unpadded layers with whole SIMD vectors of channels (NatureCNN's conv2 and conv3), on the AVX2
        // kernels: dWᵀ [CKK, O] straight from the input (`patchWeightGrad`); the chunks' dWᵀ are transposed at the end.
        let patchOffsetsT: (off: [Int], pix: [Int])? = implicitOffsets == nil && cp != nil && patchWeightGradApplies(g, T.self)
            && !(T.self == Float.self && CPUFeatures.avx512)
            ? ([Int](unsafeUninitializedCapacity: ckk) { buf, n in patchOffsets(g, into: buf.baseAddress!); n = ckk },
               [Int](unsafeUninitializedCapacity: P) { buf, n in pixelByteOffsets(g, T.self, into: buf.baseAddress!); n = P }) : nil
        Threads.parallelFor(chunks) { t in
            // Scratch: dcols_s [P, CKK] and cols_s [P, CKK] (or G_sᵀ [P, O] for `patchWeightGrad`).
            let (sRaw, sCls) = BufferPool.shared.allocate(((ckk + Swift.max(ckk, O)) * P + foldRoom) * sz)
            defer { BufferPool.shared.release(sRaw, sizeClass: sCls) }
            let dct = sRaw.assumingMemoryBound(to: T.self), cs = dct + ckk * P
            let dwmine = dwt + t * ckk * O
            let mine = samples(g, t, chunks)
            for s in mine where !Cancellation.isRequested(stop) {
                let gs = gp + s * O * P
                if let cp, let (off, pix) = patchOffsetsT {
                    // dWᵀ[CKK, O] (+)= cols_sᵀ[CKK, P] · G_sᵀ[P, O], row tiles split across the threads for one chunk
                    transpose(gs, rows: O, cols: P, columns: 0..<P, into: cs)   // (inside a sample chunk: not split again)
                    let first = s == mine.lowerBound
                    off.withUnsafeBufferPointer { ob in
                        pix.withUnsafeBufferPointer { pb in
                            let tiles = (ckk + 5) / 6, parts = inner > 1 && O * ckk * P >= (1 << 20) ? Swift.min(inner, tiles) : 1
                            Threads.parallelFor(parts) { u in
                                let lo = u * tiles / parts * 6, hi = Swift.min(ckk, (u + 1) * tiles / parts * 6)
                                patchWeightGrad(g, cp + s * chw, ob.baseAddress!, pb.baseAddress!, cs, dwmine, rows: lo..<hi, accumulate: !first)
                            }
                        }
                    }
                } else if let cp {
                    // dW[O, CKK] (+)= G_s[O, P] · cols_s[P, CKK]
                    if let offsets = implicitOffsets {
                        offsets.withUnsafeBufferPointer { off in
                            let xs = UnsafeRawPointer(cp + s * chw).assumingMemoryBound(to: Float.self)
                            let gsf = UnsafeRawPointer(gs).assumingMemoryBound(to: Float.self)
                            let dwf = UnsafeMutableRawPointer(dwmine).assumingMemoryBound(to: Float.self)
                            if ckk % 32 == 0 && CPUFeatures.avx512 {
                                AVX512Kernels.implicitWeightGrad(xs, off.baseAddress!, ckk, gsf, O, P, dwf, accumulate: s != mine.lowerBound,
                                                                 ow: g.ow, sh: g.sh, sw: g.sw, w: g.w)
                            } else {
                                implicitWeightGrad(g, xs, off.baseAddress!, gsf, dwf, accumulate: s != mine.lowerBound)
                            }
                        }
                    } else {
                        unfoldPatches(g, cp + s * chw, cs)
                        directRows(O, ckk, P, gs, P, 1, cs, ckk, dwmine, ckk, accumulate: s != mine.lowerBound, threads: inner)
                    }
                }
                if let dxp {
                    // dcols_s[P, CKK] = G_sᵀ[P, O] · W[O, CKK], folded into dx_s. G_sᵀ is read in place (row
                    // stride 1, column stride P: each k reads 6 neighbouring pixels of one channel), not
                    // transposed first: same values in the same order.
                    directRows(P, ckk, O, gs, 1, P, wp, ckk, dct, ckk, accumulate: false, threads: inner)
                    let dxs = dxp + s * chw
                    dxs.update(repeating: 0, count: chw)
                    if inner > 1 && g.c >= inner && P * ckk >= (1 << 18) {
                        Threads.parallelFor(inner) { u in
                            foldPatches(g, dct, dxs, channels: (u * g.c / inner)..<((u + 1) * g.c / inner))
                        }
                    } else {
                        foldPatches(g, dct, dxs, channels: 0..<g.c)
                    }
                }
            }
        }
        var dw: Tensor?
        if cp != nil {
            let r = Tensor(uninitialized: [O, g.c, g.kh, g.kw], dtype: T.dtype)
            let rp = r.pointer(T.self)
            // The chunks' sums added in chunk order, element ranges split across the threads (each
            // element's sum is unchanged); the `patchWeightGrad` ones (dWᵀ) then transposed.
            let total = O * ckk
            let transposed = patchOffsetsT != nil
            let dst = transposed ? dwt : rp
            let parts = chunks > 1 && total * chunks >= (1 << 17) ? Threads.count : 1
            Threads.parallelFor(parts) { u in
                let lo = u * total / parts, hi = (u + 1) * total / parts
                if !transposed { (rp + lo).update(from: dwt + lo, count: hi - lo) }
                for t in 1..<Swift.max(1, chunks) {
                    let part = dwt + t * total
                    for i in lo..<hi { dst[i] += part[i] }
                }
            }
            if transposed { transpose(dwt, rows: ckk, cols: O, into: rp) }
            dw = r
        }
        return (dx, dw, db)
    }
}

/// 2-d convolution (cross-correlation) of x [N, C, H, W] (or [C, H, W]) with weight [O, C, kh, kw],
/// optional bias [O], like `torch.nn.functional.conv2d` with groups = 1 and dilation 1.
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: [Int] = [1, 1], padding: [Int] = [0, 0]) throws -> Tensor {
    if x.rank == 3 { return try conv2d(x.unsqueeze(0), weight, bias: bias, stride: stride, padding: padding).squeeze(0) }
    let g = try convGeometry(x, weight, bias: bias, stride: stride, padding: padding)
    var inputs = [x, weight]
    if let bias { inputs.append(bias) }
    let record = Autograd.active(inputs)
    let (out, saved) = Tensor.backend.conv2dForward(g, x, weight, bias, keepColumns: record && weight._requiresGrad)
    if record { Autograd.record(out, "ConvolutionBackward0", inputs, Rules.conv2d(g, x, weight, bias, saved)) }
    return out
}

/// The geometry of `conv2d(x, weight, ...)` for a 4-d x, with PyTorch's errors for operands that do not fit.
func convGeometry(_ x: Tensor, _ weight: Tensor, bias: Tensor?, stride: [Int], padding: [Int]) throws -> ConvGeometry {
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
    // Sizes far beyond any image (and the output they would imply) are refused before arithmetic can overflow.
    guard p.allSatisfy({ $0 >= 0 && $0 <= 1 << 20 }), s.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
        throw TensorError.invalidArgument("conv2d: padding must be in 0...1048576 and stride in 1...1048576, got padding \(p), stride \(s)")
    }
    let outCount = (x.shape[2] + 2 * p[0]) / s[0] * ((x.shape[3] + 2 * p[1]) / s[1])
    guard outCount.multipliedReportingOverflow(by: Swift.max(1, x.shape[0] * weight.shape[0])).overflow == false,
          outCount * Swift.max(1, x.shape[0] * weight.shape[0]) <= 1 << 33 else {
        throw TensorError.invalidArgument("conv2d: the output of input \(x.shape) with padding \(p) would be too large")
    }
    let oh = (x.shape[2] + 2 * p[0] - weight.shape[2]) / s[0] + 1
    let ow = (x.shape[3] + 2 * p[1] - weight.shape[3]) / s[1] + 1
    guard x.shape[2] + 2 * p[0] >= weight.shape[2], x.shape[3] + 2 * p[1] >= weight.shape[3] else {
        throw TensorError.shape("Calculated padded input size per channel: (\(x.shape[2] + 2 * p[0]) x \(x.shape[3] + 2 * p[1])). Kernel size: (\(weight.shape[2]) x \(weight.shape[3])). Kernel size can't be greater than actual input size")
    }
    if let bias, bias.count != weight.shape[0] {
        throw TensorError.shape("conv2d: bias should have \(weight.shape[0]) elements, got \(bias.count)")
    }
    return ConvGeometry(n: x.shape[0], c: x.shape[1], h: x.shape[2], w: x.shape[3], o: weight.shape[0],
                        kh: weight.shape[2], kw: weight.shape[3], sh: s[0], sw: s[1], ph: p[0], pw: p[1], oh: oh, ow: ow)
}

/// `conv2d` with the same stride and padding in both directions (`stride: 4`, `padding: 1`).
public func conv2d(_ x: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int, padding: Int = 0) throws -> Tensor {
    try conv2d(x, weight, bias: bias, stride: [stride, stride], padding: [padding, padding])
}
