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

    /// yt[p, 0..<O] = Σ_k x[base(p) + off[k]] · wt[k, 0..<O] for p in `pixels` (yt row p at p), with wt = Wᵀ [CKK, O].
    static func implicitProduct<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ off: UnsafePointer<Int>,
                                               _ wt: UnsafePointer<T>, _ yt: UnsafeMutablePointer<T>, pixels: Range<Int>) {
        typealias V = T.Vec
        let NV = V.scalarCount, O = g.o, K = g.ckk
        let sz = MemoryLayout<T>.stride
        let rowBytes = O * sz
        @inline(__always)
        func base(_ q: Int) -> UnsafePointer<T> {
            let oy = q / g.ow, ox = q - oy * g.ow
            return x + oy * g.sh * g.w + ox * g.sw
        }
        var j = 0
        while j < O {
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
                    bo += rowBytes
                }
                let rows = Swift.min(6, pixels.upperBound - p)
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
/// first layer) without unfolding: dW[O, CKK] (+)= G_s[O, P] · cols_s[P, CKK], with a 16-column strip of
/// cols_s row p read as two 8-float runs of the input, x_s[base(p) + off(j)] and x_s[base(p) + off(j + 8)].
/// Same tile, sums and order as `GEMM.direct` on the unfolded columns (zero, one FMA per p ascending,
/// then added to dW when accumulating), so the values are those of unfolding then multiplying.
extension ConvKernels {
    static func implicitWeightGradApplies(_ g: ConvGeometry) -> Bool {
        g.ph == 0 && g.pw == 0 && g.kw % 8 == 0 && g.ckk % 16 == 0 && g.o > 0
    }

    static func implicitWeightGrad(_ g: ConvGeometry, _ x: UnsafePointer<Float>, _ off: UnsafePointer<Int>, _ gs: UnsafePointer<Float>,
                                   _ dw: UnsafeMutablePointer<Float>, accumulate: Bool) {
        typealias V = SIMD16<Float>
        typealias H = SIMD8<Float>
        let O = g.o, P = g.p, K = g.ckk
        let xr = UnsafeRawPointer(x)
        let sz = MemoryLayout<Float>.stride
        var j = 0
        while j < K {
            let o0 = off[j] * sz, o1 = off[j + 8] * sz
            var i = 0
            while i < O {
                // A ragged last tile repeats its last row (computed, not stored).
                let last = O - 1
                let a0 = gs + i * P, a1 = gs + Swift.min(i + 1, last) * P, a2 = gs + Swift.min(i + 2, last) * P
                let a3 = gs + Swift.min(i + 3, last) * P, a4 = gs + Swift.min(i + 4, last) * P, a5 = gs + Swift.min(i + 5, last) * P
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var oy = 0, ox = 0
                for p in 0..<P {
                    let b = (oy * g.sh * g.w + ox * g.sw) * sz
                    let bv = V(lowHalf: xr.loadUnaligned(fromByteOffset: b + o0, as: H.self),
                               highHalf: xr.loadUnaligned(fromByteOffset: b + o1, as: H.self))
                    c0 = c0.addingProduct(V(repeating: a0[p]), bv)
                    c1 = c1.addingProduct(V(repeating: a1[p]), bv)
                    c2 = c2.addingProduct(V(repeating: a2[p]), bv)
                    c3 = c3.addingProduct(V(repeating: a3[p]), bv)
                    c4 = c4.addingProduct(V(repeating: a4[p]), bv)
                    c5 = c5.addingProduct(V(repeating: a5[p]), bv)
                    ox += 1
                    if ox == g.ow { ox = 0; oy += 1 }
                }
                let rows = Swift.min(6, O - i)
                @inline(__always)
                func put(_ r: Int, _ v: V) {
                    let d = UnsafeMutableRawPointer(dw + (i + r) * K + j)
                    if accumulate { d.storeBytes(of: d.loadUnaligned(as: V.self) + v, as: V.self) } else { d.storeBytes(of: v, as: V.self) }
                }
                put(0, c0)
                if rows > 1 { put(1, c1) }
                if rows > 2 { put(2, c2) }
                if rows > 3 { put(3, c3) }
                if rows > 4 { put(4, c4) }
                if rows > 5 { put(5, c5) }
                i += 6
            }
            j += 16
        }
    }
}
