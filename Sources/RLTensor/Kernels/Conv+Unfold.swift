/// Patch-major unfolding (im2col) and folding (col2im) of one sample for the per-sample convolution GEMMs.
///
/// Layout: `cols[P, CKK]`, row p = oy·OW + ox holding the receptive field of output pixel p, channel-major,
/// then kernel row, then kernel column: x[c, oy·sh − ph + ki, ox·sw − pw + kj] (0 in the padding), so each
/// kernel row is one contiguous copy and every GEMM reads `cols` along contiguous rows. (The unfolding of
/// Chellapilla et al., "High Performance Convolutional Neural Networks for Document Processing", 2006,
/// stored transposed with respect to Caffe's `im2col_cpu`.)
extension ConvKernels {
    /// Unfolds output pixels `pixels` of one sample x [C, H, W] into rows of `cols` [P, CKK].
    static func unfoldPatches<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, pixels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw
        for p in pixels {
            let oy = p / g.ow, ox = p - oy * g.ow
            var d = cols + p * ckk
            let ix0 = ox * g.sw - g.pw
            let inside = ix0 >= 0 && ix0 + kw <= g.w
            for c in 0..<g.c {
                let xc = x + c * g.h * g.w
                for ki in 0..<g.kh {
                    let iy = oy * g.sh - g.ph + ki
                    if iy < 0 || iy >= g.h {
                        for kj in 0..<kw { d[kj] = 0 }
                    } else {
                        let src = xc + iy * g.w + ix0
                        if inside {
                            if kw == 8 {
                                UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(src).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            } else if kw == 4 {
                                UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(src).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            } else {
                                for kj in 0..<kw { d[kj] = src[kj] }
                            }
                        } else {
                            for kj in 0..<kw { let ix = ix0 + kj; d[kj] = (ix >= 0 && ix < g.w) ? src[kj] : 0 }
                        }
                    }
                    d += kw
                }
            }
        }
    }

    /// Folds `cols` [P, CKK] of one sample back into its input gradient [C, H, W] (accumulating),
    /// restricted to channels `channels` so threads can split one sample safely.
    static func foldPatches<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, channels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw
        for p in 0..<g.p {
            let oy = p / g.ow, ox = p - oy * g.ow
            let ix0 = ox * g.sw - g.pw
            let inside = ix0 >= 0 && ix0 + kw <= g.w
            var s = cols + p * ckk + channels.lowerBound * g.kh * kw
            for c in channels {
                let xc = x + c * g.h * g.w
                for ki in 0..<g.kh {
                    let iy = oy * g.sh - g.ph + ki
                    if iy >= 0 && iy < g.h {
                        let dst = xc + iy * g.w + ix0
                        if inside {
                            if kw == 8 {
                                let dr = UnsafeMutableRawPointer(dst)
                                dr.storeBytes(of: dr.loadUnaligned(as: SIMD8<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            } else if kw == 4 {
                                let dr = UnsafeMutableRawPointer(dst)
                                dr.storeBytes(of: dr.loadUnaligned(as: SIMD4<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            } else {
                                for kj in 0..<kw { dst[kj] += s[kj] }
                            }
                        } else {
                            for kj in 0..<kw { let ix = ix0 + kj; if ix >= 0 && ix < g.w { dst[kj] += s[kj] } }
                        }
                    }
                    s += kw
                }
            }
        }
    }
}
