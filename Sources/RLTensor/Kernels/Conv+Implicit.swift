/// The forward product of an unpadded convolution without unfolding ("implicit GEMM"): the GEMM's A
/// operand, cols_s[p, k], is read straight from the input as x_s[base(p) + off(k)], with
/// base(p) = oy·sh·W + ox·sw for p = oy·OW + ox and off(k) = c·H·W + ki·W + kj for k = (c, ki, kj).
///
/// Same register tile as `GEMM.direct6x16` (6 pixels × one SIMD vector of output channels), the same
/// sums in the same order (zero, then one FMA per k, k ascending), so the values are those of
/// unfolding then multiplying, without writing and re-reading the column matrix (the unfold was ~12 %
/// of a NatureCNN training step, and the column block for 96×96 frames is 400 KB a sample).
extension ConvKernels {
    /// Whether `implicitProduct` handles this geometry: no padding, and whole SIMD vectors of output channels.
    static func implicitApplies<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> Bool {
        g.ph == 0 && g.pw == 0 && g.o % T.Vec.scalarCount == 0 && g.o > 0 && g.ckk > 0
    }

    /// off(k) for k in 0..<C·kh·kw (see above), in `out`.
    static func patchOffsets(_ g: ConvGeometry, into out: UnsafeMutablePointer<Int>) {
        var k = 0
        for c in 0..<g.c { for ki in 0..<g.kh { for kj in 0..<g.kw { out[k] = c * g.h * g.w + ki * g.w + kj; k += 1 } } }
    }

    /// yt[p, channels] = Σ_k x[base(p) + off[k]] · wt[k, channels] for p in `pixels` (yt row p at p), with wt = Wᵀ [CKK, O]
    /// and `channels` whole SIMD vectors of output channels (all O when nil).
    ///
    /// With `channelFirst` (the sample's output block [O, P] and the bias, or nil), each tile is written
    /// there instead, transposed, plus the bias: out[o, p] = sum + bias[o], the value the forward's
    /// transposing store computes from yt, without the strided pass over a whole [P, O] matrix (the store
    /// was ~7 % of a batch-1 forward's instructions).
    static func implicitProduct<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ off: UnsafePointer<Int>,
                                               _ wt: UnsafePointer<T>, _ yt: UnsafeMutablePointer<T>, pixels: Range<Int>, channels: Range<Int>? = nil,
                                               channelFirst: (out: UnsafeMutablePointer<T>, bias: UnsafePointer<T>?)? = nil) {
        typealias V = T.Vec
        let NV = V.scalarCount, O = g.o, K = g.ckk
        let sz = MemoryLayout<T>.stride
        let rowBytes = O * sz
        @inline(__always)
        func base(_ q: Int) -> UnsafePointer<T> {
            let oy = q / g.ow, ox = q - oy * g.ow
            return x + oy * g.sh * g.w + ox * g.sw
        }
        var j = channels?.lowerBound ?? 0
        let jEnd = channels?.upperBound ?? O
        while j < jEnd {
            let braw = UnsafeRawPointer(wt + j)
            var p = pixels.lowerBound
            while p < pixels.upperBound {
                // A ragged last tile repeats its last pixel (computed, not stored).
                let last = pixels.upperBound - 1
                let x0 = base(p), x1 = base(Swift.min(p + 1, last)), x2 = base(Swift.min(p + 2, last))
                let x3 = base(Swift.min(p + 3, last)), x4 = base(Swift.min(p + 4, last)), x5 = base(Swift.min(p + 5, last))
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var bo = 0
                for k in 0..<K {
                    let o = off[k]
                    let bv = braw.loadUnaligned(fromByteOffset: bo, as: V.self)
                    c0 = c0.addingProduct(V(repeating: x0[o]), bv)
                    c1 = c1.addingProduct(V(repeating: x1[o]), bv)
                    c2 = c2.addingProduct(V(repeating: x2[o]), bv)
                    c3 = c3.addingProduct(V(repeating: x3[o]), bv)
                    c4 = c4.addingProduct(V(repeating: x4[o]), bv)
                    c5 = c5.addingProduct(V(repeating: x5[o]), bv)
                    bo &+= rowBytes
                }
                let rows = Swift.min(6, pixels.upperBound - p)
                if let (out, bias) = channelFirst {
                    // The tile [6 pixels, NV channels] through a stack buffer into out[j + ch, p + r] (+ bias).
                    withUnsafeTemporaryAllocation(of: V.self, capacity: 6) { tb in
                        let t = tb.baseAddress!
                        t[0] = c0; t[1] = c1; t[2] = c2; t[3] = c3; t[4] = c4; t[5] = c5
                        let ts = UnsafeRawPointer(t).assumingMemoryBound(to: T.self)
                        let P = g.p
                        for ch in 0..<NV {
                            let row = out + (j + ch) * P + p
                            if let bias {
                                let bv = bias[j + ch]
                                for r in 0..<rows { row[r] = ts[r * NV + ch] + bv }
                            } else {
                                for r in 0..<rows { row[r] = ts[r * NV + ch] }
                            }
                        }
                    }
                    p += 6
                    continue
                }
                let dst = UnsafeMutableRawPointer(yt + p * O + j)
                dst.storeBytes(of: c0, as: V.self)
                if rows > 1 { (dst + rowBytes).storeBytes(of: c1, as: V.self) }
                if rows > 2 { (dst + 2 * rowBytes).storeBytes(of: c2, as: V.self) }
                if rows > 3 { (dst + 3 * rowBytes).storeBytes(of: c3, as: V.self) }
                if rows > 4 { (dst + 4 * rowBytes).storeBytes(of: c4, as: V.self) }
                if rows > 5 { (dst + 5 * rowBytes).storeBytes(of: c5, as: V.self) }
                p += 6
            }
            j += NV
        }
    }
}

/// The weight gradient of an unpadded float32 convolution whose kernel rows are 8 wide (NatureCNN's
/// first layer) without unfolding: dW[O, CKK] (+)= G_s[O, P] · cols_s[P, CKK], with a strip of up to three
/// 8-float runs of cols_s row p read straight from the input, x_s[base(p) + off(j + 8r)].
/// Each dW element is the sum `GEMM.direct` on the unfolded columns computes (zero, one FMA per p
/// ascending, then added to dW when accumulating), so the values are those of unfolding then
/// multiplying, and those of the AVX-512 kernel.
///
/// Tiles of 4 rows × 24 columns (twelve 8-float accumulators): 3 loads and 4 broadcasts per 12 FMAs,
/// and O = 32 splits into whole tiles (the 6×16 tile it replaced loaded 2 + 6 per 12 FMAs and computed
/// 36 rows for 32; with the pixel offsets precomputed and pointer arithmetic, NatureCNN's conv1 weight
/// gradient runs 1.7x faster, 44 → 78 GFLOP/s on one Zen 3 core).
extension ConvKernels {
    static func implicitWeightGradApplies(_ g: ConvGeometry) -> Bool {
        g.ph == 0 && g.pw == 0 && g.kw % 8 == 0 && g.ckk % 16 == 0 && g.o > 0
    }

    static func implicitWeightGrad(_ g: ConvGeometry, _ x: UnsafePointer<Float>, _ off: UnsafePointer<Int>, _ gs: UnsafePointer<Float>,
                                   _ dw: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let P = g.p, K = g.ckk
        // Byte offset of each output pixel's receptive field, base(p) = oy·sh·W + ox·sw.
        let (pixRaw, pixCls) = BufferPool.shared.allocate(P * MemoryLayout<Int>.stride)
        defer { BufferPool.shared.release(pixRaw, sizeClass: pixCls) }
        let pix = pixRaw.assumingMemoryBound(to: Int.self)
        for p in 0..<P {
            let oy = p / g.ow, ox = p - oy * g.ow
            pix[p] = (oy * g.sh * g.w + ox * g.sw) * MemoryLayout<Float>.stride
        }
        var j = 0
        while j < K {
            let runs = Swift.min(3, (K - j) / 8)
            switch runs {
            case 3: weightGradStrip(g, x, off, gs, dw, pix, j, accumulate: accumulate, runs: 3)
            case 2: weightGradStrip(g, x, off, gs, dw, pix, j, accumulate: accumulate, runs: 2)
            default: weightGradStrip(g, x, off, gs, dw, pix, j, accumulate: accumulate, runs: 1)
            }
            j += 8 * runs
        }
    }

    /// dW columns j..<j + 8·runs, all rows, in tiles of 4 rows (a ragged last tile repeats its last row,
    /// computed, not stored).
    @inline(__always)
    static func weightGradStrip(_ g: ConvGeometry, _ x: UnsafePointer<Float>, _ off: UnsafePointer<Int>, _ gs: UnsafePointer<Float>,
                                _ dw: UnsafeMutablePointer<Float>, _ pix: UnsafePointer<Int>, _ j: Int, accumulate: Bool, runs: Int) {
        typealias H = SIMD8<Float>
        let O = g.o, P = g.p, K = g.ckk
        let xr = UnsafeRawPointer(x)
        let x0 = xr + off[j] * 4
        let x1 = runs > 1 ? xr + off[j + 8] * 4 : x0, x2 = runs > 2 ? xr + off[j + 16] * 4 : x0
        var i = 0
        while i < O {
            let last = O - 1
            let a0 = UnsafeRawPointer(gs + i * P), a1 = UnsafeRawPointer(gs + Swift.min(i + 1, last) * P)
            let a2 = UnsafeRawPointer(gs + Swift.min(i + 2, last) * P), a3 = UnsafeRawPointer(gs + Swift.min(i + 3, last) * P)
            var c00 = H(), c01 = H(), c02 = H(), c10 = H(), c11 = H(), c12 = H()
            var c20 = H(), c21 = H(), c22 = H(), c30 = H(), c31 = H(), c32 = H()
            var q = 0
            while q < P {
                let b = pix[q], qo = q &* 4
                let b0 = x0.loadUnaligned(fromByteOffset: b, as: H.self)
                let b1 = runs > 1 ? x1.loadUnaligned(fromByteOffset: b, as: H.self) : H()
                let b2 = runs > 2 ? x2.loadUnaligned(fromByteOffset: b, as: H.self) : H()
                var av = H(repeating: a0.load(fromByteOffset: qo, as: Float.self))
                c00 = c00.addingProduct(av, b0)
                if runs > 1 { c01 = c01.addingProduct(av, b1) }
                if runs > 2 { c02 = c02.addingProduct(av, b2) }
                av = H(repeating: a1.load(fromByteOffset: qo, as: Float.self))
                c10 = c10.addingProduct(av, b0)
                if runs > 1 { c11 = c11.addingProduct(av, b1) }
                if runs > 2 { c12 = c12.addingProduct(av, b2) }
                av = H(repeating: a2.load(fromByteOffset: qo, as: Float.self))
                c20 = c20.addingProduct(av, b0)
                if runs > 1 { c21 = c21.addingProduct(av, b1) }
                if runs > 2 { c22 = c22.addingProduct(av, b2) }
                av = H(repeating: a3.load(fromByteOffset: qo, as: Float.self))
                c30 = c30.addingProduct(av, b0)
                if runs > 1 { c31 = c31.addingProduct(av, b1) }
                if runs > 2 { c32 = c32.addingProduct(av, b2) }
                q &+= 1
            }
            let rows = Swift.min(4, O - i)
            @inline(__always)
            func put(_ r: Int, _ v0: H, _ v1: H, _ v2: H) {
                let d = UnsafeMutableRawPointer(dw + (i + r) * K + j)
                @inline(__always)
                func one(_ at: Int, _ v: H) {
                    if accumulate { d.storeBytes(of: d.loadUnaligned(fromByteOffset: at, as: H.self) + v, toByteOffset: at, as: H.self) }
                    else { d.storeBytes(of: v, toByteOffset: at, as: H.self) }
                }
                one(0, v0)
                if runs > 1 { one(32, v1) }
                if runs > 2 { one(64, v2) }
            }
            put(0, c00, c01, c02)
            if rows > 1 { put(1, c10, c11, c12) }
            if rows > 2 { put(2, c20, c21, c22) }
            if rows > 3 { put(3, c30, c31, c32) }
            i += 4
        }
    }
}
