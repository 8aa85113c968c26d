import RLSupport
import Synchronization

/// float32 3×3 stride-1 convolutions by Winograd's minimal filtering algorithm F(2×2, 3×3) (Lavin & Gray 2015,
/// "Fast Algorithms for Convolutional Neural Networks"): each 2×2 output tile takes 16 multiplies per input channel
/// instead of 36, the channel sums done as 16 GEMMs, one per element ξ of the 4×4 transformed tile
/// (transforms in `Conv+WinogradTransforms.swift`):
/// - forward: M_ξ[tiles, O] = V_ξ[tiles, C] · U_ξ[C, O], with V = Bᵀ d B of each input tile and U = G g Gᵀ of each
///   kernel; Y = Aᵀ M A (plus bias) per tile;
/// - input gradient, transposed: E_ξ[tiles, C] = (A dY Aᵀ)_ξ[tiles, O] · U_ξ[O, C], and each tile adds B E Bᵀ to
///   its 4×4 input window;
/// - weight gradient: S_ξ[O, C] = Σ_tiles (A dY Aᵀ)_ξ[tile, O]ᵀ · V_ξ[tile, C], then dW = Gᵀ S G per kernel.
///
/// Tiles (over the batch, sample-major, row-major within a sample) go through in blocks of a few dozen so a
/// block's transformed tiles and products stay in L2; the GEMMs are `GEMM.direct`. Input channels are padded with
/// zero channels to whole 8-wide vectors (the transforms' SIMD width), which adds exact zeros to the sums.
///
/// Determinism: the forward computes every output from its own tile, and the input gradient adds a sample's
/// tiles in order, the same sums in the same order however the work is split across threads. The weight
/// gradient sums the tiles of each thread part in its own buffer (tile order) and adds the parts in part order,
/// so, as for the direct path's sample chunks, the grouping depends on the thread count (`RLBOOK_THREADS`),
/// never on timing: a given machine and thread count gives the same bits on every run.
///
/// Results differ from the direct path's by rounding (the transforms add and scale before multiplying): about
/// 1e-6 of the output's scale in float32. float64 keeps the direct path (exact gradient checks).
struct WinogradPlan {
    /// The algorithm: F(2×2, 3×3) for 3×3 stride-1 kernels, or F(3×3, 2×2) (`Conv+WinogradStrided.swift`) on the
    /// space-to-depth input of a kernel twice its stride (2×2 stride 1, 4×4 stride 2, NatureCNN's 8×8 stride 4).
    /// Both transform 4×4 input tiles, so both take 16 products; they differ in the output tile (2×2 or 3×3),
    /// the kernel and output transforms, and how the input frame is laid out.
    enum Kind: Sendable { case f2x3, f3x2 }
    let kind: Kind
    let n, c, h, w, o, ph, pw, oh, ow: Int
    /// Space-to-depth factors (the convolution's strides for `f3x2`, 1 for `f2x3`): frame pixel (Y, X), channel
    /// (c·sh + dy)·sw + dx holds the padded input's pixel (sh·Y + dy, sw·X + dx) of channel c.
    let sh, sw: Int
    /// Channels of the transformed input: c·sh·sw.
    let cs: Int
    /// Output tile size (2 or 3) and the kernel size the transforms see (3 or 2).
    let m, r: Int
    /// Output tiles per sample, down and across (a ragged last tile where the output size is not a multiple of m).
    let tilesY, tilesX: Int
    /// Input (space-to-depth) and output channels rounded up to whole 8-wide vectors.
    let cp, op: Int
    /// The zero-padded input frame: rows and columns of (space-to-depth) pixels (every input tile of every output tile inside).
    let fh, fw: Int

    init(_ g: ConvGeometry) {
        n = g.n; c = g.c; h = g.h; w = g.w; o = g.o; ph = g.ph; pw = g.pw; oh = g.oh; ow = g.ow
        if g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 {
            kind = .f2x3; sh = 1; sw = 1; m = 2; r = 3
        } else {
            kind = .f3x2; sh = g.sh; sw = g.sw; m = 3; r = 2
        }
        cs = c * sh * sw
        tilesY = (oh + m - 1) / m; tilesX = (ow + m - 1) / m
        cp = (cs + 7) / 8 * 8; op = (o + 7) / 8 * 8
        fh = m * tilesY + r - 1; fw = m * tilesX + r - 1
    }

    var tilesPerSample: Int { tilesY * tilesX }
    /// Floats in one input frame.
    var frameCount: Int { fh * fw * cp }
    /// The output-gradient frame of a backward pass: whole m×m tiles (a ragged last one zero-filled), `op` channels.
    var gradFrameWidth: Int { m * tilesX }
    var gradFrameCount: Int { m * tilesY * gradFrameWidth * op }
    /// Floats of a backward pass's per-thread scratch: the input frame, the output-gradient frame, then a block's
    /// (`tilesPerBlock` tiles) transformed input and output-gradient tiles.
    func backwardScratchCount(_ tilesPerBlock: Int) -> Int { frameCount + gradFrameCount + 16 * tilesPerBlock * (cp + op) }
    var tiles: Int { n * tilesPerSample }
    /// Tiles per block of the weight gradient: the block is the K of its products (S_ξ += D_ξᵀ·V_ξ), whose [O, C] tiles
    /// are loaded and stored once per block. F(3×3, 2×2) takes twice `block` (~300 KiB of transformed tiles, still in
    /// L2): NatureCNN's first two layers at batch 32 ran 5 % and 9 % fewer instructions than with `block` (four times:
    /// 8 % and 14 %, past L2). F(2×2, 3×3) keeps `block` (twice as long was ~5 % slower for NatureCNN's third layer).
    var weightGradBlock: Int { kind == .f3x2 ? Swift.min(2 * block, (tiles + 5) / 6 * 6) : block }
    /// Tiles per block: a block's 16 transformed tiles and 16 products about 96 KiB each (L2), whole 6-row GEMM tiles.
    var block: Int {
        let t = Swift.max(6, (96 << 10) / (64 * Swift.max(cp, op)) / 6 * 6)
        return Swift.min(t, (tiles + 5) / 6 * 6)
    }
    /// Offset (in floats) of tile (ty, tx)'s top-left pixel in a frame `width` pixels wide with `channels` channels.
    @inline(__always)
    func tileOffset(_ ty: Int, _ tx: Int, width: Int, channels: Int) -> Int { m * (ty * width + tx) * channels }

    /// The input frame of sample `x` (its planes [C, H, W]).
    @inline(__always)
    func frame(_ x: UnsafePointer<Float>, into f: UnsafeMutablePointer<Float>) {
        if kind == .f2x3 {
            ConvKernels.winogradFrame(x, channels: c, h: h, w: w, cp: cp, fh: fh, fw: fw, ph: ph, pw: pw, into: f)
        } else {
            ConvKernels.spaceToDepthFrame(x, self, into: f)
        }
    }

    /// The inverse of `frame`: a frame's pixels back into a sample's planes [C, H, W].
    @inline(__always)
    func unframe(_ f: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>) {
        if kind == .f2x3 {
            ConvKernels.winogradUnframe(f, channels: c, h: h, w: w, cp: cp, fw: fw, ph: ph, pw: pw, into: x)
        } else {
            ConvKernels.spaceToDepthUnframe(f, self, into: x)
        }
    }

    /// A sample's output gradient [O, OH, OW] as a frame of whole tiles.
    @inline(__always)
    func gradFrame(_ gs: UnsafePointer<Float>, into f: UnsafeMutablePointer<Float>) {
        ConvKernels.winogradFrame(gs, channels: o, h: oh, w: ow, cp: op, fh: m * tilesY, fw: gradFrameWidth, ph: 0, pw: 0, into: f)
    }
}

/// Which algorithm a float32 or float64 convolution pass runs.
enum ConvAlgorithm: Sendable { case direct, winograd }

extension ConvKernels {
    /// Winograd passes run so far (forward, input gradient and weight gradient each count one): lets tests see
    /// that the dispatch takes the path.
    static let winogradRuns = Atomic<Int>(0)

    /// For comparisons: `RLBOOK_WINOGRAD=0` keeps every convolution on the direct path, `RLBOOK_WINOGRAD=3x3` takes
    /// only 3×3 stride-1 layers through Winograd (kernels twice their stride stay direct).
    static let winogradSetting: String? = getenv("RLBOOK_WINOGRAD").map { String(cString: $0) }
    static let winogradEnabled = winogradSetting != "0"
    static let stridedWinogradEnabled = winogradEnabled && winogradSetting != "3x3"

    /// The Winograd shapes: float32, and 3×3 stride 1 (F(2×2, 3×3)) or a kernel twice its stride in both directions
    /// (F(3×3, 2×2) after space-to-depth: 2×2 stride 1, 4×4 stride 2, 8×8 stride 4, 6×4 stride (3, 2), ...).
    static func winogradShape<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> Bool {
        guard winogradEnabled && T.self == Float.self && g.n > 0 && g.c > 0 && g.o > 0 && g.oh > 0 && g.ow > 0 else { return false }
        return (g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1) || (stridedWinogradEnabled && g.sh > 0 && g.sw > 0 && g.kh == 2 * g.sh && g.kw == 2 * g.sw)
    }

    /// Whether the transforms pay for themselves: enough channels on both sides (each transformed tile feeds
    /// a C×O product) and enough tiles in a sample (the 16 products have the tiles as rows; counted per sample, so
    /// a sample alone takes the path it takes in a batch and gives the same bits). Measured on a 2-core Zen 3
    /// (AVX2), one thread, forward and forward + backward in ms, direct → Winograd: 64→64 channels on 10×10
    /// inputs (NatureCNN's conv3) batch 32 1.65 → 0.96 and 5.6 → 3.3, batch 1 0.05-0.07 → 0.03; 32→32 at
    /// batch 32 0.43 → 0.31 and 1.57 → 1.05; 16→16 at batch 32 0.119 → 0.123 and 0.48 → 0.41; 64→64 on
    /// 18×18 with padding 1 at batch 8 3.0 → 1.2 and 9.4 → 4.3. 8→8 lost. Frames (a sample in pixel-major
    /// order, one per thread part) over 8 MiB take the direct path, whose scratch does not grow with the image.
    /// Kernels twice their stride (space-to-depth, F(3×3, 2×2)) also need their 16 transformed kernels (16·C·sh·sw·O
    /// floats) within 256 KiB, half a Zen 3 core's L2: the input gradient reads them all for every block of tiles, and
    /// the weight gradient's per-part sums are as large. NatureCNN's first layer on 96×96 frames (98 KiB) at batch 32,
    /// two threads, direct → Winograd: forward 1.74-1.82 → 1.24-1.25 ms, forward + weight gradient 3.0-3.4 → 2.85-2.89 ms
    /// (callgrind, one thread: −27 % and −8 % instructions). Its second layer (32 → 128 channels after space-to-depth,
    /// 512 KiB) ran fewer instructions (forward −7 %, gradients −14 %) but slower on two threads (forward + backward
    /// 3.96-5.16 → 5.4-5.8 ms), so it keeps the direct path.
    static func winogradPays(_ g: ConvGeometry) -> Bool {
        let pl = WinogradPlan(g)
        return pl.cs >= 16 && g.o >= 16 && pl.tilesPerSample >= 16 && pl.fh * pl.fw * Swift.max(pl.cp, pl.op) <= 2 << 20
            && (pl.kind == .f2x3 || 64 * pl.cp * pl.op <= 256 << 10)
    }

    static func forwardAlgorithm<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> ConvAlgorithm {
        winogradShape(g, T.self) && winogradPays(g) ? .winograd : .direct
    }

    static func inputGradAlgorithm<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> ConvAlgorithm { forwardAlgorithm(g, T.self) }

    static func weightGradAlgorithm<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> ConvAlgorithm { forwardAlgorithm(g, T.self) }

    /// U = G g Gᵀ of every kernel, as 16 matrices [cp, O] (zero rows for the padding channels).
    static func winogradForwardWeights(_ w: UnsafePointer<Float>, _ pl: WinogradPlan, into u: UnsafeMutablePointer<Float>) {
        u.update(repeating: 0, count: 16 * pl.cp * pl.o)
        forEachKernel(pl) { co, ci in winogradKernelTile(pl, w, co, ci, u + ci * pl.o + co, xs: pl.cp * pl.o) }
    }

    /// The input gradient's U: G g Gᵀ of every kernel as 16 matrices [op, cp] (U_ξ[o, c]; zero padding rows and columns).
    static func winogradInputGradWeights(_ w: UnsafePointer<Float>, _ pl: WinogradPlan, into u: UnsafeMutablePointer<Float>) {
        u.update(repeating: 0, count: 16 * pl.op * pl.cp)
        forEachKernel(pl) { co, ci in winogradKernelTile(pl, w, co, ci, u + co * pl.cp + ci, xs: pl.op * pl.cp) }
    }

    /// `body(co, ci)` for every kernel (3×3, or 2×2 of a space-to-depth input channel: a weight transform, or the weight
    /// gradient's inverse one), output
    /// channels split across the threads from 1,024 kernels (NatureCNN's conv3 has 4,096): every kernel is
    /// independent, and these ran on the calling thread while the other waited (~1 % of a DQN step, redone
    /// after every optimizer step).
    static func forEachKernel(_ pl: WinogradPlan, _ body: (_ co: Int, _ ci: Int) -> Void) {
        let parts = pl.o * pl.cs >= 1024 ? Swift.min(Threads.count, pl.o) : 1
        Threads.parallelFor(parts) { t in
            for co in (t * pl.o / parts)..<((t + 1) * pl.o / parts) {
                for ci in 0..<pl.cs { body(co, ci) }
            }
        }
    }

    /// Forward through Winograd: output [N, O, OH, OW] (plus bias).
    static func winogradForward(_ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?) -> Tensor {
        winogradRuns.add(1, ordering: .relaxed)
        let pl = WinogradPlan(g)
        let out = Tensor(uninitialized: [g.n, g.o, g.oh, g.ow], dtype: .float32)
        let u = DerivedLayouts.layout(.winogradForward, of: w, count: 16 * pl.cp * pl.o, Float.self) {
            winogradForwardWeights(w.pointer(Float.self), pl, into: $0)
        }
        let bias: [Float]? = b.map { bt in
            let bp = bt.pointer(Float.self)
            return (0..<pl.op).map { $0 < pl.o ? bp[$0] : 0 }
        }
        withExtendedLifetime(u) {
            if let bias {
                bias.withUnsafeBufferPointer { winogradProduct(pl, x.pointer(Float.self), u.pointer(Float.self), bias: $0.baseAddress, out.pointer(Float.self)) }
            } else {
                winogradProduct(pl, x.pointer(Float.self), u.pointer(Float.self), bias: nil, out.pointer(Float.self))
            }
        }
        return out
    }

    /// Input gradient [N, C, H, W] of output gradient `gOut` (contiguous float32) through the transposed algorithm:
    /// with E_ξ[tiles, C] = (A dY Aᵀ)_ξ[tiles, O] · U_ξ[O, C], each tile adds B E Bᵀ to its 4×4 input window (windows
    /// overlap by 2). The same 16 tiles a sample's forward has (the full correlation of dY with turned kernels took
    /// 25 for NatureCNN's 8×8 outputs), and any padding. Parts take whole samples, adding tiles in order, so every
    /// input-gradient element is the same sum however the samples are split.
    static func winogradInputGrad(_ g: ConvGeometry, _ gOut: Tensor, _ w: Tensor) -> Tensor {
        winogradRuns.add(1, ordering: .relaxed)
        let pl = WinogradPlan(g)
        let dx = Tensor(uninitialized: [g.n, g.c, g.h, g.w], dtype: .float32)
        let u = DerivedLayouts.layout(.winogradInputGrad, of: w, count: 16 * pl.op * pl.cp, Float.self) {
            winogradInputGradWeights(w.pointer(Float.self), pl, into: $0)
        }
        let up = UnsafePointer(u.pointer(Float.self)), gp = UnsafePointer(gOut.pointer(Float.self)), dxp = dx.pointer(Float.self)
        let TB = pl.block, tps = pl.tilesPerSample
        let cp = pl.cp, op = pl.op, O = pl.o, P = pl.oh * pl.ow, chw = pl.c * pl.h * pl.w
        let gfw = pl.gradFrameWidth
        let parts = winogradParts(16 * pl.tiles * cp * O, g.n)
        let stop = Cancellation.currentState
        Threads.parallelFor(parts) { part in
            let (raw, cls) = BufferPool.shared.allocate(pl.backwardScratchCount(TB) * 4)
            defer { BufferPool.shared.release(raw, sizeClass: cls) }
            let frame = raw.assumingMemoryBound(to: Float.self), gframe = frame + pl.frameCount
            let db = gframe + pl.gradFrameCount, eb = db + 16 * TB * op
            var t = part * g.n / parts * tps
            let tEnd = (part + 1) * g.n / parts * tps
            var gcur = -1, xcur = -1
            @inline(__always) func flush(_ s: Int) { pl.unframe(frame, into: dxp + s * chw) }
            while t < tEnd {
                if Cancellation.isRequested(stop) { return }
                let rows = Swift.min(TB, tEnd - t)
                for r in 0..<rows {
                    let tt = t + r, s = tt / tps, q = tt - s * tps, ty = q / pl.tilesX, tx = q - ty * pl.tilesX
                    if s != gcur {
                        pl.gradFrame(gp + s * O * P, into: gframe)
                        gcur = s
                    }
                    winogradGradTile(pl, gframe + pl.tileOffset(ty, tx, width: gfw, channels: op), fw: gfw, cp: op, db + r * op, xs: TB * op)
                }
                // E_ξ[rows, cp] = D_ξ[rows, O] · U_ξ[O, cp]
                for xi in 0..<16 {
                    GEMM.direct(rows, cp, O, db + xi * TB * op, op, 1, up + xi * op * cp, cp, eb + xi * TB * cp, cp, false)
                }
                for r in 0..<rows {
                    let tt = t + r, s = tt / tps, q = tt - s * tps, ty = q / pl.tilesX, tx = q - ty * pl.tilesX
                    if s != xcur {
                        if xcur >= 0 { flush(xcur) }
                        frame.update(repeating: 0, count: pl.frameCount)
                        xcur = s
                    }
                    winogradScatterTile(eb + r * cp, xs: TB * cp, cp: cp, frame + pl.tileOffset(ty, tx, width: pl.fw, channels: cp), fw: pl.fw)
                }
                t += rows
            }
            if xcur >= 0 { flush(xcur) }
        }
        withExtendedLifetime(u) {}
        return dx
    }

    /// Splits a pass of `work` multiply-adds over `blocks` tile blocks: up to four parts per thread (a worker
    /// that starts late on a busy machine still takes a share), none below ~1M multiply-adds.
    static func winogradParts(_ work: Int, _ blocks: Int, perThread: Int = 4) -> Int {
        Threads.count > 1 && work >= (1 << 20) ? Swift.max(1, Swift.min(perThread * Threads.count, blocks, work >> 19)) : 1
    }

    /// out [N, O, OH, OW] = the correlation of `x` [N, C, H, W] with the kernels whose transforms are `u` (16 × [cp, O]),
    /// plus `bias` (padded to `op`, or nil), for the plan's geometry.
    static func winogradProduct(_ pl: WinogradPlan, _ x: UnsafePointer<Float>, _ u: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                _ out: UnsafeMutablePointer<Float>) {
        let T = pl.tiles, TB = pl.block, blocks = (T + TB - 1) / TB
        let cp = pl.cp, op = pl.op, O = pl.o, P = pl.oh * pl.ow, chw = pl.c * pl.h * pl.w, tps = pl.tilesPerSample
        let frameCount = pl.frameCount
        let parts = winogradParts(16 * T * cp * O, blocks)
        let stop = Cancellation.currentState
        Threads.parallelFor(parts) { part in
            let (raw, cls) = BufferPool.shared.allocate((frameCount + 16 * TB * (cp + op) + pl.m * pl.m * op) * 4)
            defer { BufferPool.shared.release(raw, sizeClass: cls) }
            let frame = raw.assumingMemoryBound(to: Float.self), vb = frame + frameCount, mb = vb + 16 * TB * cp, stage = mb + 16 * TB * op
            // the products' padding columns (never written by the GEMMs) transformed as zeros
            if op != O { mb.update(repeating: 0, count: 16 * TB * op) }
            var current = -1
            for blk in (part * blocks / parts)..<((part + 1) * blocks / parts) {
                if Cancellation.isRequested(stop) { return }
                let t0 = blk * TB, rows = Swift.min(TB, T - t0)
                for r in 0..<rows {
                    let t = t0 + r, s = t / tps, q = t - s * tps, ty = q / pl.tilesX, tx = q - ty * pl.tilesX
                    if s != current {
                        pl.frame(x + s * chw, into: frame)
                        current = s
                    }
                    winogradInputTile(frame + pl.tileOffset(ty, tx, width: pl.fw, channels: cp), fw: pl.fw, cp: cp, vb + r * cp, xs: TB * cp)
                }
                for xi in 0..<16 {
                    GEMM.direct(rows, O, cp, vb + xi * TB * cp, cp, 1, u + xi * cp * O, O, mb + xi * TB * op, op, false)
                }
                for r in 0..<rows {
                    let t = t0 + r, s = t / tps, q = t - s * tps, ty = q / pl.tilesX, tx = q - ty * pl.tilesX
                    let at = out + s * O * P + pl.m * (ty * pl.ow + tx), rs = Swift.min(pl.m, pl.oh - pl.m * ty), cs = Swift.min(pl.m, pl.ow - pl.m * tx)
                    winogradOutputTile(pl, mb + r * op, xs: TB * op, bias: bias, stage: stage, at, plane: P, rows: rs, cols: cs)
                }
            }
        }
    }

    /// Weight gradient [O, C, kh, kw] from the saved input `x` and the output gradient `gOut` (contiguous float32).
    static func winogradWeightGrad(_ g: ConvGeometry, _ x: Tensor, _ gOut: Tensor) -> Tensor {
        winogradRuns.add(1, ordering: .relaxed)
        let pl = WinogradPlan(g)
        let dw = Tensor(uninitialized: [g.o, g.c, g.kh, g.kw], dtype: .float32)
        let xp = UnsafePointer(x.pointer(Float.self)), gp = UnsafePointer(gOut.pointer(Float.self)), dwp = dw.pointer(Float.self)
        // Each block's products are added to the part's sums S [16, O, cp] (block length: `weightGradBlock`).
        let T = pl.tiles, TB = pl.weightGradBlock, blocks = (T + TB - 1) / TB
        let cp = pl.cp, op = pl.op, O = pl.o, P = pl.oh * pl.ow, chw = pl.c * pl.h * pl.w, tps = pl.tilesPerSample
        let gfw = pl.gradFrameWidth
        let sCount = 16 * O * cp
        let parts = winogradParts(16 * T * cp * O, blocks, perThread: 2)
        let (accRaw, accCls) = BufferPool.shared.allocate(parts * sCount * 4)
        defer { BufferPool.shared.release(accRaw, sizeClass: accCls) }
        let acc = accRaw.assumingMemoryBound(to: Float.self)
        let stop = Cancellation.currentState
        Threads.parallelFor(parts) { part in
            let (raw, cls) = BufferPool.shared.allocate(pl.backwardScratchCount(TB) * 4)
            defer { BufferPool.shared.release(raw, sizeClass: cls) }
            let frame = raw.assumingMemoryBound(to: Float.self), gframe = frame + pl.frameCount
            let vb = gframe + pl.gradFrameCount, db = vb + 16 * TB * cp
            let mine = acc + part * sCount
            let range = (part * blocks / parts)..<((part + 1) * blocks / parts)
            if range.isEmpty { mine.update(repeating: 0, count: sCount) }
            var current = -1
            for blk in range {
                if Cancellation.isRequested(stop) { return }
                let t0 = blk * TB, rows = Swift.min(TB, T - t0)
                for r in 0..<rows {
                    let t = t0 + r, s = t / tps, q = t - s * tps, ty = q / pl.tilesX, tx = q - ty * pl.tilesX
                    if s != current {
                        pl.frame(xp + s * chw, into: frame)
                        pl.gradFrame(gp + s * O * P, into: gframe)
                        current = s
                    }
                    winogradInputTile(frame + pl.tileOffset(ty, tx, width: pl.fw, channels: cp), fw: pl.fw, cp: cp, vb + r * cp, xs: TB * cp)
                    winogradGradTile(pl, gframe + pl.tileOffset(ty, tx, width: gfw, channels: op), fw: gfw, cp: op, db + r * op, xs: TB * op)
                }
                // S_ξ[O, cp] (+)= D_ξ[rows, O]ᵀ · V_ξ[rows, cp]
                for xi in 0..<16 {
                    GEMM.direct(O, cp, rows, db + xi * TB * op, 1, op, vb + xi * TB * cp, cp, mine + xi * O * cp, cp, blk != range.lowerBound)
                }
            }
        }
        // The parts' sums added in part order (element ranges split across the threads: each element's sum is unchanged).
        if parts > 1 {
            let split = Swift.min(Threads.count, 8)
            Threads.parallelFor(split) { u in
                let lo = u * sCount / split, hi = (u + 1) * sCount / split
                for p in 1..<parts {
                    let part = acc + p * sCount
                    for i in lo..<hi { acc[i] += part[i] }
                }
            }
        }
        forEachKernel(pl) { co, ci in winogradKernelGradTile(pl, acc + co * cp + ci, xs: O * cp, dwp, co, ci) }
        return dw
    }
}
