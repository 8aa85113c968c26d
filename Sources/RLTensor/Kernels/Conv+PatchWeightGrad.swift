/// The weight gradient of an unpadded convolution with whole SIMD vectors of output channels, without
/// unfolding the input, computed transposed: dWᵀ[CKK, O] (+)= cols_sᵀ[CKK, P] · G_sᵀ[P, O], where
/// cols_s[p, k] = x_s[base(p) + off(k)] is read straight from the input (as `implicitProduct` reads it)
/// and G_sᵀ is the sample's output gradient transposed (P×O, a few KiB, in L1 while every row tile uses it).
///
/// Tiles of 6 rows of dWᵀ (patch elements k) × one SIMD vector of channels: per output pixel p one vector
/// load of G_sᵀ row p, six broadcasts x_s[off(k + r) + base(p)] and twelve FMAs (the 6×16 tile of
/// `GEMM.direct6x16`). Each element is the sum the unfold-then-multiply path computes (zero, one FMA per p
/// ascending, then stored or added to the chunk's sum), so results are bit-identical (except in the last
/// CKK mod 8 columns, which that path's scalar tail summed without fusing each multiply-add); what goes is writing
/// and re-reading the unfolded columns (P × CKK per sample: 147 KB for NatureCNN's conv3 on CarRacing
/// frames), about a tenth of a 3×3 or 4×4 layer's backward.
extension ConvKernels {
    /// Whether `patchWeightGrad` handles this geometry (that of `implicitProduct`).
    static func patchWeightGradApplies<T: GemmScalar>(_ g: ConvGeometry, _: T.Type) -> Bool { implicitApplies(g, T.self) }

    /// Byte offset of each output pixel's receptive field, base(p) = (oy·sh·W + ox·sw) elements, for p in 0..<P.
    static func pixelByteOffsets<T>(_ g: ConvGeometry, _: T.Type, into pix: UnsafeMutablePointer<Int>) {
        for p in 0..<g.p {
            let oy = p / g.ow, ox = p - oy * g.ow
            pix[p] = (oy * g.sh * g.w + ox * g.sw) * MemoryLayout<T>.stride
        }
    }

    /// Rows `rows` of dWᵀ [CKK, O] (row k at dwt + k·O) = (or += when `accumulate`) Σ_p x[off(k) + base(p)] · gt[p, 0..<O],
    /// with `pix` from `pixelByteOffsets` and `off` from `patchOffsets`. A ragged last tile repeats its last
    /// row (computed, not stored).
    static func patchWeightGrad<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ off: UnsafePointer<Int>, _ pix: UnsafePointer<Int>,
                                               _ gt: UnsafePointer<T>, _ dwt: UnsafeMutablePointer<T>, rows: Range<Int>, accumulate: Bool) {
        typealias V = T.Vec
        let NV = V.scalarCount, O = g.o, P = g.p
        let rowBytes = O * MemoryLayout<T>.stride
        if rows.isEmpty { return }
        let last = rows.upperBound - 1
        var j = 0
        while j < O {
            let braw = UnsafeRawPointer(gt + j)
            var k = rows.lowerBound
            while k < rows.upperBound {
                let x0 = UnsafeRawPointer(x + off[k]), x1 = UnsafeRawPointer(x + off[Swift.min(k + 1, last)])
                let x2 = UnsafeRawPointer(x + off[Swift.min(k + 2, last)]), x3 = UnsafeRawPointer(x + off[Swift.min(k + 3, last)])
                let x4 = UnsafeRawPointer(x + off[Swift.min(k + 4, last)]), x5 = UnsafeRawPointer(x + off[Swift.min(k + 5, last)])
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var bo = 0
                for p in 0..<P {
                    let b = pix[p]
                    let bv = braw.loadUnaligned(fromByteOffset: bo, as: V.self)
                    c0 = c0.addingProduct(V(repeating: x0.load(fromByteOffset: b, as: T.self)), bv)
                    c1 = c1.addingProduct(V(repeating: x1.load(fromByteOffset: b, as: T.self)), bv)
                    c2 = c2.addingProduct(V(repeating: x2.load(fromByteOffset: b, as: T.self)), bv)
                    c3 = c3.addingProduct(V(repeating: x3.load(fromByteOffset: b, as: T.self)), bv)
                    c4 = c4.addingProduct(V(repeating: x4.load(fromByteOffset: b, as: T.self)), bv)
                    c5 = c5.addingProduct(V(repeating: x5.load(fromByteOffset: b, as: T.self)), bv)
                    bo &+= rowBytes
                }
                let n = Swift.min(6, rows.upperBound - k)
                @inline(__always)
                func put(_ r: Int, _ v: V) {
                    let d = UnsafeMutableRawPointer(dwt + (k + r) * O + j)
                    if accumulate { d.storeBytes(of: d.loadUnaligned(as: V.self) + v, as: V.self) } else { d.storeBytes(of: v, as: V.self) }
                }
                put(0, c0)
                if n > 1 { put(1, c1) }
                if n > 2 { put(2, c2) }
                if n > 3 { put(3, c3) }
                if n > 4 { put(4, c4) }
                if n > 5 { put(5, c5) }
                k += 6
            }
            j += NV
        }
    }
}
