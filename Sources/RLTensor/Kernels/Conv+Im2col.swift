/// Channel-major unfolding (im2col in Caffe's order, `caffe/src/caffe/util/im2col.cpp`) for the
/// convolution forward pass: `cols[CKK, ld]`, row r = (c·kh + ki)·kw + kj holding, for every output
/// pixel p = oy·OW + ox, x[c, oy·sh − ph + ki, ox·sw − pw + kj] (0 in the padding); columns P..<ld are
/// zero, so a product over the padded width runs entirely in the SIMD kernels.
///
/// With this layout the forward product is `Y_s[O, P] = W[O, CKK] · cols_s[CKK, P]`: W is read along its
/// rows as stored and Y comes out in the output's own layout, so neither the weight nor the result is
/// transposed (each output is still one FMA chain over CKK in order, so results are unchanged).
extension ConvKernels {
    /// Unfolds one sample x [C, H, W] into `cols` [CKK, ld] (ld ≥ P).
    static func unfoldRows<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, ld: Int) {
        let kw = g.kw, kh = g.kh, W = g.w, H = g.h, hw = g.h * g.w, ow = g.ow, sw = g.sw, P = g.p
        var r = 0
        for c in 0..<g.c {
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let d = cols + r * ld
                    for oy in 0..<g.oh {
                        let iy = oy * g.sh - g.ph + ki
                        let drow = d + oy * ow
                        if iy < 0 || iy >= H { drow.update(repeating: 0, count: ow); continue }
                        let src = x + c * hw + iy * W
                        let ix0 = kj - g.pw
                        if ix0 >= 0 && (ow - 1) * sw + ix0 < W {
                            if sw == 1 { drow.update(from: src + ix0, count: ow) }
                            else { for ox in 0..<ow { drow[ox] = src[ox * sw + ix0] } }
                        } else {
                            for ox in 0..<ow {
                                let ix = ox * sw + ix0
                                drow[ox] = ix >= 0 && ix < W ? src[ix] : 0
                            }
                        }
                    }
                    if ld > P { (d + P).update(repeating: 0, count: ld - P) }
                    r += 1
                }
            }
        }
    }
}
