/// Channel-major unfolding (im2col) and folding (col2im) of one sample for the per-sample convolution GEMMs.
///
/// Layout (Caffe's `im2col_cpu`, caffe/src/caffe/util/im2col.cpp): `cols[CKK, P]`, row
/// `(c·kh + ki)·kw + kj` holding, for every output pixel p = oy·OW + ox, the input value
/// x[c, oy·sh − ph + ki, ox·sw − pw + kj] (0 in the padding). Rows are contiguous in p, so
/// `W[O, CKK] · cols` lands directly in the sample's [O, OH, OW] output block.
extension ConvKernels {
    /// Output columns `ox` whose input column `ox·sw − pw + kj` lies inside [0, W).
    @inline(__always)
    static func validColumns(_ g: ConvGeometry, _ kj: Int) -> Range<Int> {
        // ox·sw ≥ pw − kj  and  ox·sw ≤ W − 1 + pw − kj.
        let lo = Swift.max(0, (g.pw - kj + g.sw - 1) / g.sw)
        let top = g.w - 1 + g.pw - kj
        let hi = top < 0 ? 0 : Swift.min(g.ow, top / g.sw + 1)
        return lo..<Swift.max(lo, hi)
    }

    /// Unfolds one sample x [C, H, W] into `cols` [CKK, P].
    static func unfold<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>) {
        let P = g.p, ow = g.ow, sw = g.sw
        var row = cols
        for c in 0..<g.c {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let valid = validColumns(g, kj)
                    for oy in 0..<g.oh {
                        let d = row + oy * ow
                        let iy = oy * g.sh - g.ph + ki
                        if iy < 0 || iy >= g.h || valid.isEmpty {
                            d.update(repeating: 0, count: ow)
                            continue
                        }
                        if valid.lowerBound > 0 { d.update(repeating: 0, count: valid.lowerBound) }
                        if valid.upperBound < ow { (d + valid.upperBound).update(repeating: 0, count: ow - valid.upperBound) }
                        let src = xc + iy * g.w - g.pw + kj
                        if sw == 1 {
                            (d + valid.lowerBound).update(from: src + valid.lowerBound, count: valid.count)
                        } else {
                            for ox in valid { d[ox] = src[ox * sw] }
                        }
                    }
                    row += P
                }
            }
        }
    }

    /// Folds `cols` [CKK, P] of one sample back into its input gradient [C, H, W], accumulating.
    static func fold<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>) {
        let P = g.p, ow = g.ow, sw = g.sw
        var row = cols
        for c in 0..<g.c {
            let xc = x + c * g.h * g.w
            for ki in 0..<g.kh {
                for kj in 0..<g.kw {
                    let valid = validColumns(g, kj)
                    if !valid.isEmpty {
                        for oy in 0..<g.oh {
                            let iy = oy * g.sh - g.ph + ki
                            if iy < 0 || iy >= g.h { continue }
                            let s = row + oy * ow
                            let dst = xc + iy * g.w - g.pw + kj
                            if sw == 1 {
                                for ox in valid { dst[ox] += s[ox] }
                            } else {
                                for ox in valid { dst[ox * sw] += s[ox] }
                            }
                        }
                    }
                    row += P
                }
            }
        }
    }
}
