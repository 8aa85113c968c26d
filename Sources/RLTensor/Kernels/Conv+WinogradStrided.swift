/// Winograd for kernels twice their stride (NatureCNN's 8×8 stride 4 and 4×4 stride 2, any 2×2 stride 1):
/// space-to-depth turns the input into one with sh·sw times the channels and the kernel into a 2×2 one of stride 1
/// (pixel (sh·Y + dy, sw·X + dx) of channel c becomes pixel (Y, X) of channel (c·sh + dy)·sw + dx, and kernel tap
/// (sh·a + dy, sw·b + dx) tap (a, b) of that channel), and F(3×3, 2×2) computes each 3×3 output tile from a 4×4 input
/// tile with 16 multiplies per channel instead of 36 (Lavin & Gray 2015, arXiv:1509.09308; points 0, 1, −1, ∞):
///
///     Bᵀ = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]]   (F(2×2, 3×3)'s, so the input transform is shared)
///     G  = [[1, 0], [½, ½], [½, -½], [0, -1]]
///     Aᵀ = [[1, 1, 1, 0], [0, 1, -1, 0], [0, 1, 1, 1]]
///
/// In one dimension, with Bᵀd = (d0 − d2, d1 + d2, d2 − d1, d1 − d3) and Gg = (g0, ½(g0 + g1), ½(g0 − g1), −g1), the
/// products m give y0 = m0 + m1 + m2 = g0·d0 + g1·d1, y1 = m1 − m2 = g0·d1 + g1·d2, y2 = m1 + m2 + m3 = g0·d2 + g1·d3.
/// The passes are those of `Conv+Winograd.swift` with these transforms: the input gradient is B[(GgGᵀ) ⊙ (A dY Aᵀ)]Bᵀ,
/// the weight gradient Gᵀ[Σ (A dY Aᵀ) ⊙ (Bᵀ d B)]G. NatureCNN at batch 32 multiplies 2.1x fewer times in its first
/// layer (23×23 outputs in 8×8 tiles of 3) and 1.6x fewer in its second (10×10 in 4×4 tiles).
extension ConvKernels {
    /// Aᵀ applied to four values: (m0 + m1 + m2, m1 − m2, m1 + m2 + m3).
    @inline(__always)
    static func winograd3A(_ m0: WV, _ m1: WV, _ m2: WV, _ m3: WV) -> (WV, WV, WV) {
        let s = m1 + m2
        return (m0 + s, m1 - m2, s + m3)
    }

    /// A applied to three values (the output gradient's transform, A·dy·Aᵀ): (y0, y0 + y1 + y2, y0 − y1 + y2, y2).
    @inline(__always)
    static func winograd3AT(_ y0: WV, _ y1: WV, _ y2: WV) -> (WV, WV, WV, WV) {
        let s = y0 + y2
        return (y0, s + y1, s - y1, y2)
    }

    /// A dy Aᵀ of an output-gradient tile of the plan's kind (2×2 or 3×3) at `at` in a frame with rows `fw` pixels
    /// apart and `cp` channels (a multiple of 8): element ξ of channel k to `u[ξ·xs + k]`.
    @inline(__always)
    static func winogradGradTile(_ pl: WinogradPlan, _ at: UnsafePointer<Float>, fw: Int, cp: Int, _ u: UnsafeMutablePointer<Float>, xs: Int) {
        if pl.kind == .f2x3 {
            winogradGradTile(at, fw: fw, cp: cp, u, xs: xs, m: 2) { y0, y1, _ in winogradAT(y0, y1) }
        } else {
            winogradGradTile(at, fw: fw, cp: cp, u, xs: xs, m: 3) { winograd3AT($0, $1, $2) }
        }
    }

    /// Aᵀ m A of a tile's 16 products (element ξ of channel k at `m[ξ·xs + k]`) plus `bias` into the plan's output
    /// planes: the tile (2×2 or 3×3) at `out`, only `rows`×`cols` of it (see `winogradOutputTile`).
    @inline(__always)
    static func winogradOutputTile(_ pl: WinogradPlan, _ m: UnsafePointer<Float>, xs: Int, bias: UnsafePointer<Float>?, stage: UnsafeMutablePointer<Float>,
                                   _ out: UnsafeMutablePointer<Float>, plane: Int, rows: Int, cols: Int) {
        if pl.kind == .f2x3 {
            winogradOutputTile(m, xs: xs, channels: pl.o, bias: bias, stage: stage, out, plane: plane, ow: pl.ow, rows: rows, cols: cols,
                               tile: 2) { m0, m1, m2, m3 in let y = winogradA(m0, m1, m2, m3); return (y.0, y.1, y.1) }
        } else {
            winogradOutputTile(m, xs: xs, channels: pl.o, bias: bias, stage: stage, out, plane: plane, ow: pl.ow, rows: rows, cols: cols,
                               tile: 3) { winograd3A($0, $1, $2, $3) }
        }
    }

    /// The kernel transform of output channel `co`, (transformed) input channel `ci` of weight `w` [O, C, kh, kw], element
    /// ξ to `u[ξ·xs]`: G g Gᵀ of the 3×3 kernel, or of the 2×2 space-to-depth kernel.
    @inline(__always)
    static func winogradKernelTile(_ pl: WinogradPlan, _ w: UnsafePointer<Float>, _ co: Int, _ ci: Int, _ u: UnsafeMutablePointer<Float>, xs: Int) {
        if pl.kind == .f2x3 { winogradWeightTile(w + (co * pl.c + ci) * 9, u, xs: xs); return }
        let kh = 2 * pl.sh, kw = 2 * pl.sw
        let c = ci / (pl.sh * pl.sw), rem = ci - c * pl.sh * pl.sw, dy = rem / pl.sw, dx = rem - dy * pl.sw
        let k = w + ((co * pl.c + c) * kh + dy) * kw + dx
        @inline(__always) func tap(_ a: Int, _ b: Int) -> Float { k[a * pl.sh * kw + b * pl.sw] }
        @inline(__always) func gg(_ v0: Float, _ v1: Float) -> (Float, Float, Float, Float) { (v0, 0.5 * (v0 + v1), 0.5 * (v0 - v1), -v1) }
        // G g: four rows of two (column by column), then (G g) Gᵀ row by row
        let c0 = gg(tap(0, 0), tap(1, 0)), c1 = gg(tap(0, 1), tap(1, 1))
        @inline(__always) func put(_ i: Int, _ r: (Float, Float, Float, Float)) {
            u[(4 * i) * xs] = r.0; u[(4 * i + 1) * xs] = r.1; u[(4 * i + 2) * xs] = r.2; u[(4 * i + 3) * xs] = r.3
        }
        put(0, gg(c0.0, c1.0)); put(1, gg(c0.1, c1.1)); put(2, gg(c0.2, c1.2)); put(3, gg(c0.3, c1.3))
    }

    /// Gᵀ s G of a 4×4 sum (element ξ at `s[ξ·xs]`) into kernel (co, ci) of the weight gradient `dw` [O, C, kh, kw]:
    /// the 3×3 kernel, or the 2×2 space-to-depth kernel's four taps.
    @inline(__always)
    static func winogradKernelGradTile(_ pl: WinogradPlan, _ s: UnsafePointer<Float>, xs: Int, _ dw: UnsafeMutablePointer<Float>, _ co: Int, _ ci: Int) {
        if pl.kind == .f2x3 { winogradWeightGradTile(s, xs: xs, dw + (co * pl.c + ci) * 9); return }
        let kh = 2 * pl.sh, kw = 2 * pl.sw
        let c = ci / (pl.sh * pl.sw), rem = ci - c * pl.sh * pl.sw, dy = rem / pl.sw, dx = rem - dy * pl.sw
        let k = dw + ((co * pl.c + c) * kh + dy) * kw + dx
        @inline(__always) func gtT(_ v0: Float, _ v1: Float, _ v2: Float, _ v3: Float) -> (Float, Float) {
            (v0 + 0.5 * v1 + 0.5 * v2, 0.5 * v1 - 0.5 * v2 - v3)
        }
        @inline(__always) func e(_ i: Int, _ j: Int) -> Float { s[(4 * i + j) * xs] }
        // Gᵀ s: two rows of four (column by column), then (Gᵀ s) G row by row
        let c0 = gtT(e(0, 0), e(1, 0), e(2, 0), e(3, 0)), c1 = gtT(e(0, 1), e(1, 1), e(2, 1), e(3, 1))
        let c2 = gtT(e(0, 2), e(1, 2), e(2, 2), e(3, 2)), c3 = gtT(e(0, 3), e(1, 3), e(2, 3), e(3, 3))
        let r0 = gtT(c0.0, c1.0, c2.0, c3.0), r1 = gtT(c0.1, c1.1, c2.1, c3.1)
        k[0] = r0.0; k[pl.sw] = r0.1
        k[pl.sh * kw] = r1.0; k[pl.sh * kw + pl.sw] = r1.1
    }

    /// The space-to-depth frame of a sample's planes `src` [C, H, W]: a zeroed `fh`×`fw`×`cp` frame (pixel-major) whose
    /// pixel (Y, X), channel (c·sh + dy)·sw + dx is the padded input's (sh·Y + dy − ph, sw·X + dx − pw) of channel c.
    /// Input pixels past the frame (rows or columns no output reads) are left out. A run of sw pixels of a row is sw
    /// neighbouring channels of one frame pixel: copied as one 2- or 4-float vector where the runs line up.
    static func spaceToDepthFrame(_ src: UnsafePointer<Float>, _ pl: WinogradPlan, into f: UnsafeMutablePointer<Float>) {
        let sh = pl.sh, sw = pl.sw, cp = pl.cp, fw = pl.fw
        // Zero what the copies below leave: everything when there are padding channels, else the frame pixels with
        // some pixel outside the image (rows yLo..<yHi and columns xLo..<xHi are whole, the rest is zeroed).
        if cp != pl.cs {
            f.update(repeating: 0, count: pl.frameCount)
        } else {
            let yLo = Swift.min(pl.fh, (pl.ph + sh - 1) / sh), yHi = Swift.max(yLo, Swift.min(pl.fh, (pl.h + pl.ph) / sh))
            let xLo = Swift.min(fw, (pl.pw + sw - 1) / sw), xHi = Swift.max(xLo, Swift.min(fw, (pl.w + pl.pw) / sw))
            f.update(repeating: 0, count: yLo * fw * cp)
            (f + yHi * fw * cp).update(repeating: 0, count: (pl.fh - yHi) * fw * cp)
            for y in yLo..<yHi {
                (f + y * fw * cp).update(repeating: 0, count: xLo * cp)
                (f + (y * fw + xHi) * cp).update(repeating: 0, count: (fw - xHi) * cp)
            }
        }
        spaceToDepthCopy(UnsafeMutablePointer(mutating: src), f, pl, toFrame: true)
    }

    /// The inverse of `spaceToDepthFrame`: each input pixel's value in the frame back into `dst` [C, H, W] (pixels past
    /// the frame, which no output reads, get zero).
    static func spaceToDepthUnframe(_ f: UnsafePointer<Float>, _ pl: WinogradPlan, into dst: UnsafeMutablePointer<Float>) {
        spaceToDepthCopy(dst, UnsafeMutablePointer(mutating: f), pl, toFrame: false)
    }

    /// Each input pixel inside the frame between the planes [C, H, W] and its frame position, one way or the other:
    /// into the frame (`toFrame`), or back into the planes, which then get zero where no frame pixel is.
    @inline(__always)
    private static func spaceToDepthCopy(_ planes: UnsafeMutablePointer<Float>, _ f: UnsafeMutablePointer<Float>, _ pl: WinogradPlan, toFrame: Bool) {
        let sh = pl.sh, sw = pl.sw, cp = pl.cp, fw = pl.fw
        let cols = SpaceToDepthColumns(pl)
        // one run of sw floats between a planes row (`p`, stepping sw floats) and a frame pixel (`q`, stepping cp floats)
        @inline(__always) func move<V: SIMD>(_ p: UnsafeMutableRawPointer, _ q: UnsafeMutableRawPointer, _: V.Type) {
            if toFrame { q.storeBytes(of: p.loadUnaligned(as: V.self), as: V.self) } else { p.storeBytes(of: q.loadUnaligned(as: V.self), as: V.self) }
        }
        for c in 0..<pl.c {
            var Y = pl.ph / sh, dy = pl.ph - Y * sh   // row y of the input is row dy of frame row Y
            for y in 0..<pl.h {
                let row = planes + (c * pl.h + y) * pl.w
                if Y >= pl.fh {
                    if toFrame { break }
                    row.update(repeating: 0, count: pl.w)
                    continue
                }
                let base = f + Y * fw * cp + (c * sh + dy) * sw
                // byte-stepped pointers with wrapping arithmetic (indexed, the copies took ~19 instructions each)
                var p = UnsafeMutableRawPointer(row), q = UnsafeMutableRawPointer(base + cols.x0 * cp)
                if sw == 4 {
                    for _ in 0..<cols.runs { move(p, q, SIMD4<Float>.self); p += 16; q += cols.step }
                } else if sw == 2 {
                    for _ in 0..<cols.runs { move(p, q, SIMD2<Float>.self); p += 8; q += cols.step }
                }
                var X = cols.tailX, dx = cols.tailDx, x = cols.tail
                while x < cols.inside {
                    if toFrame { base[X * cp + dx] = row[x] } else { row[x] = base[X * cp + dx] }
                    x += 1; dx += 1
                    if dx == sw { dx = 0; X += 1 }
                }
                if !toFrame && cols.inside < pl.w { (row + cols.inside).update(repeating: 0, count: pl.w - cols.inside) }
                dy += 1
                if dy == sh { dy = 0; Y += 1 }
            }
        }
    }
}

/// How a row of the input maps to frame pixels (the same for every row): the columns inside the frame, the leading
/// whole runs of sw columns copied as vectors (where the padding is a multiple of sw and sw is 2 or 4), and where the
/// column-by-column tail starts (its frame pixel and channel offset).
struct SpaceToDepthColumns {
    let inside, runs, x0, step, tail, tailX, tailDx: Int
    init(_ pl: WinogradPlan) {
        let sw = pl.sw
        inside = Swift.max(0, Swift.min(pl.w, pl.fw * sw - pl.pw))
        runs = pl.pw % sw == 0 && (sw == 2 || sw == 4) ? inside / sw : 0
        x0 = pl.pw / sw
        step = pl.cp &* 4
        tail = sw * runs
        let xx = tail + pl.pw
        tailX = xx / sw; tailDx = xx - tailX * sw
    }
}
