/// The tile transforms of Winograd's minimal filtering algorithm F(2×2, 3×3) (Lavin & Gray 2015, "Fast
/// Algorithms for Convolutional Neural Networks", arXiv:1509.09308), with
///
///     Bᵀ = [[1, 0, -1, 0], [0, 1, 1, 0], [0, -1, 1, 0], [0, 1, 0, -1]]
///     G  = [[1, 0, 0], [½, ½, ½], [½, -½, ½], [0, 0, 1]]
///     Aᵀ = [[1, 1, 1, 0], [0, 1, -1, -1]]
///
/// so a 2×2 output tile of a 3×3 correlation is Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A for its 4×4 input tile d.
/// The activation transforms work on SIMD vectors of 8 channels, from frames in pixel-major (HWC) order,
/// so each of the 16 tile elements is one vector load; element ξ = 4i + j of a transformed tile goes to
/// matrix ξ of the 16 that the channel sums (GEMMs) multiply.
extension ConvKernels {
    typealias WV = SIMD8<Float>

    /// Bᵀ applied to the four rows (or, on their results, columns) of a tile: (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
    @inline(__always)
    static func winogradB(_ d0: WV, _ d1: WV, _ d2: WV, _ d3: WV) -> (WV, WV, WV, WV) { (d0 - d2, d1 + d2, d2 - d1, d1 - d3) }

    /// B applied to four values (the input gradient's transform, B e Bᵀ): (e0, e1 − e2 + e3, e1 + e2 − e0, −e3).
    @inline(__always)
    static func winogradBB(_ e0: WV, _ e1: WV, _ e2: WV, _ e3: WV) -> (WV, WV, WV, WV) { (e0, e1 - e2 + e3, e1 + e2 - e0, WV() - e3) }

    /// Aᵀ applied to four values: (m0 + m1 + m2, m1 − m2 − m3).
    @inline(__always)
    static func winogradA(_ m0: WV, _ m1: WV, _ m2: WV, _ m3: WV) -> (WV, WV) { (m0 + m1 + m2, m1 - m2 - m3) }

    /// A applied to two values (the output gradient's transform, A·dy·Aᵀ): (y0, y0 + y1, y0 − y1, −y1).
    @inline(__always)
    static func winogradAT(_ y0: WV, _ y1: WV) -> (WV, WV, WV, WV) { (y0, y0 + y1, y0 - y1, WV() - y1) }

    /// The 8×8 transpose of rows r0...r7: three perfect unshuffles of the 64 elements (each rotates the 6-bit
    /// index right by one, so three swap the row and column bits).
    @inline(__always)
    static func transpose8(_ r0: WV, _ r1: WV, _ r2: WV, _ r3: WV, _ r4: WV, _ r5: WV, _ r6: WV, _ r7: WV)
        -> (WV, WV, WV, WV, WV, WV, WV, WV) {
        @inline(__always) func round(_ v: (WV, WV, WV, WV, WV, WV, WV, WV)) -> (WV, WV, WV, WV, WV, WV, WV, WV) {
            let p0 = SIMD16(lowHalf: v.0, highHalf: v.1), p1 = SIMD16(lowHalf: v.2, highHalf: v.3)
            let p2 = SIMD16(lowHalf: v.4, highHalf: v.5), p3 = SIMD16(lowHalf: v.6, highHalf: v.7)
            return (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf, p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
        }
        return round(round(round((r0, r1, r2, r3, r4, r5, r6, r7))))
    }

    /// Copies `channels` planes of `h`×`w` pixels (row-major, plane stride h·w) into a zeroed frame of `fh`×`fw`
    /// pixels × `cp` channels (pixel-major, channel fastest), at row `ph`, column `pw`: the zero padding, the
    /// channels up to `cp` and the pixels a ragged last tile reads beyond the image all read zero.
    static func winogradFrame(_ src: UnsafePointer<Float>, channels: Int, h: Int, w: Int, cp: Int, fh: Int, fw: Int, ph: Int, pw: Int,
                              into f: UnsafeMutablePointer<Float>) {
        if cp != channels {
            f.update(repeating: 0, count: fh * fw * cp)
        } else {
            // every pixel inside the image is written below: zero only the border
            f.update(repeating: 0, count: ph * fw * cp)
            (f + (ph + h) * fw * cp).update(repeating: 0, count: (fh - ph - h) * fw * cp)
            for y in ph..<(ph + h) {
                (f + y * fw * cp).update(repeating: 0, count: pw * cp)
                (f + (y * fw + pw + w) * cp).update(repeating: 0, count: (fw - pw - w) * cp)
            }
        }
        let plane = h &* w &* 4, px = cp &* 4
        for y in 0..<h {
            transposedRow(from: UnsafeRawPointer(src + y * w), channelStride: plane, pixelStride: 4,
                          to: UnsafeMutableRawPointer(f + ((y + ph) * fw + pw) * cp), channelStride: 4, pixelStride: px,
                          channels: channels, pixels: w)
        }
    }

    /// Bᵀ d B of the 4×4 tile whose top-left pixel is `at` in a frame with rows `fw` pixels apart and `cp` channels
    /// (a multiple of 8), for all channels: element ξ of channel k to `u[ξ·xs + k]`.
    @inline(__always)
    static func winogradInputTile(_ at: UnsafePointer<Float>, fw: Int, cp: Int, _ u: UnsafeMutablePointer<Float>, xs: Int) {
        let src = UnsafeRawPointer(at), dst = UnsafeMutableRawPointer(u)
        let px = cp &* 4, rs = fw &* px, xb = xs &* 4
        var cv = 0
        while cv < cp {
            let o = cv &* 4
            @inline(__always) func ld(_ i: Int, _ j: Int) -> WV { src.loadUnaligned(fromByteOffset: o &+ i &* rs &+ j &* px, as: WV.self) }
            @inline(__always) func st(_ x: Int, _ v: WV) { dst.storeBytes(of: v, toByteOffset: o &+ x &* xb, as: WV.self) }
            // rows: Bᵀ d, column by column
            let c0 = winogradB(ld(0, 0), ld(1, 0), ld(2, 0), ld(3, 0))
            let c1 = winogradB(ld(0, 1), ld(1, 1), ld(2, 1), ld(3, 1))
            let c2 = winogradB(ld(0, 2), ld(1, 2), ld(2, 2), ld(3, 2))
            let c3 = winogradB(ld(0, 3), ld(1, 3), ld(2, 3), ld(3, 3))
            // columns: (Bᵀ d) B, row by row
            var r = winogradB(c0.0, c1.0, c2.0, c3.0); st(0, r.0); st(1, r.1); st(2, r.2); st(3, r.3)
            r = winogradB(c0.1, c1.1, c2.1, c3.1); st(4, r.0); st(5, r.1); st(6, r.2); st(7, r.3)
            r = winogradB(c0.2, c1.2, c2.2, c3.2); st(8, r.0); st(9, r.1); st(10, r.2); st(11, r.3)
            r = winogradB(c0.3, c1.3, c2.3, c3.3); st(12, r.0); st(13, r.1); st(14, r.2); st(15, r.3)
            cv &+= 8
        }
    }

    /// A dy Aᵀ of the m×m (2×2 or 3×3) output-gradient tile whose top-left pixel is `at` in a frame with rows `fw` pixels
    /// apart and `cp` channels (a multiple of 8), with `a` applying A to a column or row of m values (the third is zero
    /// when m is 2): element ξ of channel k to `u[ξ·xs + k]`.
    @inline(__always)
    static func winogradGradTile(_ at: UnsafePointer<Float>, fw: Int, cp: Int, _ u: UnsafeMutablePointer<Float>, xs: Int, m: Int,
                                 _ a: (WV, WV, WV) -> (WV, WV, WV, WV)) {
        let src = UnsafeRawPointer(at), dst = UnsafeMutableRawPointer(u)
        let px = cp &* 4, rs = fw &* px, xb = xs &* 4
        var cv = 0
        while cv < cp {
            let o = cv &* 4
            @inline(__always) func ld(_ i: Int, _ j: Int) -> WV { i < m && j < m ? src.loadUnaligned(fromByteOffset: o &+ i &* rs &+ j &* px, as: WV.self) : WV() }
            @inline(__always) func st(_ x: Int, _ v: WV) { dst.storeBytes(of: v, toByteOffset: o &+ x &* xb, as: WV.self) }
            // A dy, column by column, then (A dy) Aᵀ row by row
            let c0 = a(ld(0, 0), ld(1, 0), ld(2, 0)), c1 = a(ld(0, 1), ld(1, 1), ld(2, 1)), c2 = a(ld(0, 2), ld(1, 2), ld(2, 2))
            var r = a(c0.0, c1.0, c2.0); st(0, r.0); st(1, r.1); st(2, r.2); st(3, r.3)
            r = a(c0.1, c1.1, c2.1); st(4, r.0); st(5, r.1); st(6, r.2); st(7, r.3)
            r = a(c0.2, c1.2, c2.2); st(8, r.0); st(9, r.1); st(10, r.2); st(11, r.3)
            r = a(c0.3, c1.3, c2.3); st(12, r.0); st(13, r.1); st(14, r.2); st(15, r.3)
            cv &+= 8
        }
    }

    /// Aᵀ m A of a tile's 16 products (element ξ of channel k at `m[ξ·xs + k]`, channels padded to whole vectors),
    /// plus `bias` (padded likewise, or nil), into the output planes: channel k's n×n tile (2×2 or 3×3) at
    /// `out + k·plane`, row stride `ow`, only `rows`×`cols` of it (a ragged last tile), channels 0..<`channels`, with
    /// `a` applying Aᵀ to four values (its third result unused when n is 2). The outputs of every channel go through
    /// `stage` (n² × the channels padded to 8) as whole vectors, then to the planes one by one (taken lane by lane
    /// from the vectors, the compiler turned the whole transform scalar: 8x the work).
    @inline(__always)
    static func winogradOutputTile(_ m: UnsafePointer<Float>, xs: Int, channels: Int, bias: UnsafePointer<Float>?, stage: UnsafeMutablePointer<Float>,
                                   _ out: UnsafeMutablePointer<Float>, plane: Int, ow: Int, rows: Int, cols: Int, tile n: Int,
                                   _ a: (WV, WV, WV, WV) -> (WV, WV, WV)) {
        let src = UnsafeRawPointer(m), xb = xs &* 4, st = UnsafeMutableRawPointer(stage)
        let cpad = (channels + 7) / 8 * 8, sb = cpad &* 4
        var cv = 0
        while cv < channels {
            let o = cv &* 4
            @inline(__always) func ld(_ x: Int) -> WV { src.loadUnaligned(fromByteOffset: o &+ x &* xb, as: WV.self) }
            let b = bias.map { UnsafeRawPointer($0).loadUnaligned(fromByteOffset: o, as: WV.self) }
            @inline(__always) func put(_ e: Int, _ v: WV) { st.storeBytes(of: b.map { v + $0 } ?? v, toByteOffset: o &+ e &* sb, as: WV.self) }
            // Aᵀ m (n rows of four, column by column), then (Aᵀ m) A row by row
            let c0 = a(ld(0), ld(4), ld(8), ld(12)), c1 = a(ld(1), ld(5), ld(9), ld(13))
            let c2 = a(ld(2), ld(6), ld(10), ld(14)), c3 = a(ld(3), ld(7), ld(11), ld(15))
            var y = a(c0.0, c1.0, c2.0, c3.0); put(0, y.0); put(1, y.1); if n == 3 { put(2, y.2) }
            y = a(c0.1, c1.1, c2.1, c3.1); put(n, y.0); put(n + 1, y.1); if n == 3 { put(5, y.2) }
            if n == 3 { y = a(c0.2, c1.2, c2.2, c3.2); put(6, y.0); put(7, y.1); put(8, y.2) }
            cv &+= 8
        }
        let s = UnsafePointer(stage)
        var d = out
        if rows == n && cols == n {
            for k in 0..<channels {
                for i in 0..<n { for j in 0..<n { d[i * ow + j] = s[(n * i + j) * cpad + k] } }
                d += plane
            }
        } else {
            for k in 0..<channels {
                for i in 0..<rows { for j in 0..<cols { d[i * ow + j] = s[(n * i + j) * cpad + k] } }
                d += plane
            }
        }
    }

    /// B e Bᵀ of a tile's 16 input-gradient sums (element ξ of channel k at `e[ξ·xs + k]`, `cp` channels, a multiple
    /// of 8), added to the 4×4 window of a frame (rows `fw` pixels apart, `cp` channels) whose top-left pixel is `at`.
    @inline(__always)
    static func winogradScatterTile(_ e: UnsafePointer<Float>, xs: Int, cp: Int, _ at: UnsafeMutablePointer<Float>, fw: Int) {
        let src = UnsafeRawPointer(e), dst = UnsafeMutableRawPointer(at)
        let px = cp &* 4, rs = fw &* px, xb = xs &* 4
        var cv = 0
        while cv < cp {
            let o = cv &* 4
            @inline(__always) func ld(_ x: Int) -> WV { src.loadUnaligned(fromByteOffset: o &+ x &* xb, as: WV.self) }
            @inline(__always) func add(_ i: Int, _ j: Int, _ v: WV) {
                let b = o &+ i &* rs &+ j &* px
                dst.storeBytes(of: dst.loadUnaligned(fromByteOffset: b, as: WV.self) + v, toByteOffset: b, as: WV.self)
            }
            // B e, column by column, then (B e) Bᵀ row by row
            let c0 = winogradBB(ld(0), ld(4), ld(8), ld(12)), c1 = winogradBB(ld(1), ld(5), ld(9), ld(13))
            let c2 = winogradBB(ld(2), ld(6), ld(10), ld(14)), c3 = winogradBB(ld(3), ld(7), ld(11), ld(15))
            var r = winogradBB(c0.0, c1.0, c2.0, c3.0); add(0, 0, r.0); add(0, 1, r.1); add(0, 2, r.2); add(0, 3, r.3)
            r = winogradBB(c0.1, c1.1, c2.1, c3.1); add(1, 0, r.0); add(1, 1, r.1); add(1, 2, r.2); add(1, 3, r.3)
            r = winogradBB(c0.2, c1.2, c2.2, c3.2); add(2, 0, r.0); add(2, 1, r.1); add(2, 2, r.2); add(2, 3, r.3)
            r = winogradBB(c0.3, c1.3, c2.3, c3.3); add(3, 0, r.0); add(3, 1, r.1); add(3, 2, r.2); add(3, 3, r.3)
            cv &+= 8
        }
    }

    /// The inverse of `winogradFrame`: the `h`×`w` pixels at row `ph`, column `pw` of a frame (`fw` pixels a row, `cp`
    /// channels) back into `channels` planes (row-major, plane stride h·w), 8×8 blocks transposed in registers.
    static func winogradUnframe(_ f: UnsafePointer<Float>, channels: Int, h: Int, w: Int, cp: Int, fw: Int, ph: Int, pw: Int,
                                into dst: UnsafeMutablePointer<Float>) {
        let plane = h &* w &* 4, px = cp &* 4
        for y in 0..<h {
            transposedRow(from: UnsafeRawPointer(f + ((y + ph) * fw + pw) * cp), channelStride: 4, pixelStride: px,
                          to: UnsafeMutableRawPointer(dst + y * w), channelStride: plane, pixelStride: 4,
                          channels: channels, pixels: w)
        }
    }

    /// One image row between the planar layout (channel stride h·w·4 bytes, pixel stride 4) and the frame's
    /// pixel-major one (channel stride 4, pixel stride cp·4), either way: element (channel c, pixel x) goes from byte
    /// `c·srcChannel + x·srcPixel` to byte `c·dstChannel + x·dstPixel`. Blocks of 8 channels × 8 pixels are
    /// transposed in registers (scalar copies, one strided store or load per element, took about half the forward's
    /// transform time); the rest go element by element.
    @inline(__always)
    static func transposedRow(from s: UnsafeRawPointer, channelStride srcChannel: Int, pixelStride srcPixel: Int,
                              to d: UnsafeMutableRawPointer, channelStride dstChannel: Int, pixelStride dstPixel: Int,
                              channels: Int, pixels w: Int) {
        let c8 = channels / 8 * 8, w8 = w / 8 * 8
        // The 8 vectors are loaded along whichever axis is contiguous in the source and stored along the other.
        let loadStep = srcPixel == 4 ? srcChannel : srcPixel, storeStep = dstPixel == 4 ? dstChannel : dstPixel
        var x = 0
        while x < w8 {
            var ch = 0
            while ch < c8 {
                let a = s + (ch &* srcChannel &+ x &* srcPixel)
                @inline(__always) func ld(_ i: Int) -> WV { a.loadUnaligned(fromByteOffset: i &* loadStep, as: WV.self) }
                let t = transpose8(ld(0), ld(1), ld(2), ld(3), ld(4), ld(5), ld(6), ld(7))
                let o = ch &* dstChannel &+ x &* dstPixel
                d.storeBytes(of: t.0, toByteOffset: o, as: WV.self); d.storeBytes(of: t.1, toByteOffset: o &+ storeStep, as: WV.self)
                d.storeBytes(of: t.2, toByteOffset: o &+ 2 &* storeStep, as: WV.self); d.storeBytes(of: t.3, toByteOffset: o &+ 3 &* storeStep, as: WV.self)
                d.storeBytes(of: t.4, toByteOffset: o &+ 4 &* storeStep, as: WV.self); d.storeBytes(of: t.5, toByteOffset: o &+ 5 &* storeStep, as: WV.self)
                d.storeBytes(of: t.6, toByteOffset: o &+ 6 &* storeStep, as: WV.self); d.storeBytes(of: t.7, toByteOffset: o &+ 7 &* storeStep, as: WV.self)
                ch &+= 8
            }
            x &+= 8
        }
        for xx in 0..<w {
            let ch0 = xx < w8 ? c8 : 0
            if ch0 == channels { continue }
            for ch in ch0..<channels {
                d.storeBytes(of: s.load(fromByteOffset: ch &* srcChannel &+ xx &* srcPixel, as: Float.self),
                             toByteOffset: ch &* dstChannel &+ xx &* dstPixel, as: Float.self)
            }
        }
    }

    /// G g Gᵀ of the 3×3 kernel `g` (element (a, b) at g[a·3 + b]), element ξ to `u[ξ·xs]`.
    static func winogradWeightTile(_ g: UnsafePointer<Float>, _ u: UnsafeMutablePointer<Float>, xs: Int) {
        @inline(__always) func k(_ a: Int, _ b: Int) -> Float { g[a * 3 + b] }
        @inline(__always) func gt(_ v0: Float, _ v1: Float, _ v2: Float) -> (Float, Float, Float, Float) {
            (v0, 0.5 * (v0 + v1 + v2), 0.5 * (v0 - v1 + v2), v2)
        }
        // G g: four rows of three (computed column by column), then (G g) Gᵀ row by row
        let c0 = gt(k(0, 0), k(1, 0), k(2, 0)), c1 = gt(k(0, 1), k(1, 1), k(2, 1)), c2 = gt(k(0, 2), k(1, 2), k(2, 2))
        @inline(__always) func put(_ i: Int, _ r: (Float, Float, Float, Float)) {
            u[(4 * i) * xs] = r.0; u[(4 * i + 1) * xs] = r.1; u[(4 * i + 2) * xs] = r.2; u[(4 * i + 3) * xs] = r.3
        }
        put(0, gt(c0.0, c1.0, c2.0)); put(1, gt(c0.1, c1.1, c2.1)); put(2, gt(c0.2, c1.2, c2.2)); put(3, gt(c0.3, c1.3, c2.3))
    }

    /// Gᵀ s G of a 4×4 sum (element ξ at `s[ξ·xs]`) into the 3×3 kernel gradient `dw` (row-major).
    static func winogradWeightGradTile(_ s: UnsafePointer<Float>, xs: Int, _ dw: UnsafeMutablePointer<Float>) {
        @inline(__always) func gtT(_ v0: Float, _ v1: Float, _ v2: Float, _ v3: Float) -> (Float, Float, Float) {
            (v0 + 0.5 * v1 + 0.5 * v2, 0.5 * v1 - 0.5 * v2, 0.5 * v1 + 0.5 * v2 + v3)
        }
        @inline(__always) func e(_ i: Int, _ j: Int) -> Float { s[(4 * i + j) * xs] }
        // Gᵀ s: three rows of four (column by column), then (Gᵀ s) G row by row
        let c0 = gtT(e(0, 0), e(1, 0), e(2, 0), e(3, 0)), c1 = gtT(e(0, 1), e(1, 1), e(2, 1), e(3, 1))
        let c2 = gtT(e(0, 2), e(1, 2), e(2, 2), e(3, 2)), c3 = gtT(e(0, 3), e(1, 3), e(2, 3), e(3, 3))
        let r0 = gtT(c0.0, c1.0, c2.0, c3.0), r1 = gtT(c0.1, c1.1, c2.1, c3.1), r2 = gtT(c0.2, c1.2, c2.2, c3.2)
        dw[0] = r0.0; dw[1] = r0.1; dw[2] = r0.2
        dw[3] = r1.0; dw[4] = r1.1; dw[5] = r1.2
        dw[6] = r2.0; dw[7] = r2.1; dw[8] = r2.2
    }
}
