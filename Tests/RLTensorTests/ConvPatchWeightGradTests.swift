import Testing
import TestSupport
@testable import RLTensor

/// `patchWeightGrad` (dWᵀ straight from the input) against the path it replaces, unfolding each sample and
/// multiplying with `GEMM.direct`: bit for bit (see below), summed over two samples, for odd shapes (CKK not a multiple
/// of the 6-row tile, odd pixel counts, strides 1-3, 16 to 48 channels), in one call and with the rows split
/// in two at a tile boundary as two threads split them.
@Test(.usesTheTensorGenerator, arguments: [(5, 11, 16, 3, 1), (3, 13, 32, 4, 2), (2, 17, 48, 5, 3), (7, 9, 16, 2, 1)])
func patchWeightGradMatchesUnfoldedProduct(_ shape: (Int, Int, Int, Int, Int)) throws {
    let (c, h, o, k, s) = shape
    manualSeed(c * 100 + h)
    let oh = (h - k) / s + 1
    let g = ConvGeometry(n: 2, c: c, h: h, w: h, o: o, kh: k, kw: k, sh: s, sw: s, ph: 0, pw: 0, oh: oh, ow: oh)
    #expect(ConvKernels.patchWeightGradApplies(g, Float.self))
    let ckk = g.ckk, P = g.p, chw = c * h * h
    let x = Tensor.randn([2, c, h, h]).scalars.map { Float($0) }
    // Signed zeros among the gradients, so a sum that starts differently would show.
    var gOut = Tensor.randn([2, o, P]).scalars.map { Float($0) }
    for i in stride(from: 0, to: gOut.count, by: 7) { gOut[i] = -0.0 }
    var want = [Float](repeating: 0, count: o * ckk)
    var cols = [Float](repeating: 0, count: P * ckk)
    for smp in 0..<2 {
        x.withUnsafeBufferPointer { xp in ConvKernels.unfoldPatches(g, xp.baseAddress! + smp * chw, &cols) }
        gOut.withUnsafeBufferPointer { gp in
            GEMM.direct(o, ckk, P, gp.baseAddress! + smp * o * P, P, 1, cols, ckk, &want, ckk, smp > 0)
        }
    }
    var off = [Int](repeating: 0, count: ckk), pix = [Int](repeating: 0, count: P)
    ConvKernels.patchOffsets(g, into: &off)
    ConvKernels.pixelByteOffsets(g, Float.self, into: &pix)
    for split in [false, true] {
        var dwt = [Float](repeating: .nan, count: ckk * o)
        var gt = [Float](repeating: 0, count: P * o)
        for smp in 0..<2 {
            gOut.withUnsafeBufferPointer { gp in ConvKernels.transpose(gp.baseAddress! + smp * o * P, rows: o, cols: P, into: &gt) }
            let cut = split ? (ckk / 6 / 2) * 6 : ckk
            x.withUnsafeBufferPointer { xp in
                for rows in [0..<cut, cut..<ckk] {
                    ConvKernels.patchWeightGrad(g, xp.baseAddress! + smp * chw, off, pix, gt, &dwt, rows: rows, accumulate: smp > 0)
                }
            }
        }
        // Bit for bit where the unfolded product multiplies with FMAs (its columns in whole 8-wide vectors:
        // all of NatureCNN's); its last CKK mod 8 columns round each product before adding it, so there the
        // FMA sums here may differ in the last bits.
        var same = true, err: Float = 0
        for q in 0..<o {
            for kk in 0..<ckk {
                let a = dwt[kk * o + q], b = want[q * ckk + kk]
                if kk < ckk / 8 * 8 { if a.bitPattern != b.bitPattern { same = false } } else { err = max(err, abs(a - b) / max(1, abs(b))) }
            }
        }
        #expect(same, "\(shape) split \(split)")
        #expect(err < 1e-5, "\(shape) split \(split): tail columns \(err)")
    }
}

/// `foldPatches`' 4-wide read-modify-writes of 3-wide kernel rows against plain scalar adds, bit for bit,
/// with signed zeros in both operands (the fourth lane adds −0.0, which must leave −0.0 as it is).
@Test(.usesTheTensorGenerator, arguments: [(3, 9, 1), (2, 12, 2), (4, 7, 1)])
func foldOfThreeWideRowsMatchesScalarAdds(_ shape: (Int, Int, Int)) throws {
    let (c, h, s) = shape
    manualSeed(c * 10 + h)
    for p in [0, 1] {
        let oh = (h + 2 * p - 3) / s + 1
        let g = ConvGeometry(n: 1, c: c, h: h, w: h, o: 1, kh: 3, kw: 3, sh: s, sw: s, ph: p, pw: p, oh: oh, ow: oh)
        var cols = Tensor.randn([g.p * g.ckk]).scalars.map { Float($0) }
        for i in stride(from: 0, to: cols.count, by: 5) { cols[i] = -0.0 }
        var start = Tensor.randn([c * h * h]).scalars.map { Float($0) }
        for i in stride(from: 0, to: start.count, by: 3) { start[i] = -0.0 }
        var want = start
        for oy in 0..<oh { for ox in 0..<oh { for ch in 0..<c { for ki in 0..<3 { for kj in 0..<3 {
            let iy = oy * s - p + ki, ix = ox * s - p + kj
            if iy >= 0 && iy < h && ix >= 0 && ix < h {
                want[(ch * h + iy) * h + ix] += cols[(oy * oh + ox) * g.ckk + (ch * 3 + ki) * 3 + kj]
            }
        } } } } }
        var got = start
        cols += [Float](repeating: 1, count: ConvKernels.foldRoom)
        ConvKernels.foldPatches(g, cols, &got, channels: 0..<c)
        #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "\(shape) padding \(p)")
    }
}
