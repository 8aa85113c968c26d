/// Patch-major unfolding (im2col) and folding (col2im) of one sample for the per-sample convolution GEMMs.
///
/// Layout: `cols[P, CKK]`, row p = oy·OW + ox holding the receptive field of output pixel p, channel-major,
/// then kernel row, then kernel column: x[c, oy·sh − ph + ki, ox·sw − pw + kj] (0 in the padding), so each
/// kernel row is one contiguous copy and every GEMM reads `cols` along contiguous rows. (The unfolding of
/// Chellapilla et al., "High Performance Convolutional Neural Networks for Document Processing", 2006,
/// stored transposed with respect to Caffe's `im2col_cpu`.)
extension ConvKernels {
    /// Unfolds one sample x [C, H, W] into `cols` [P, CKK].
    ///
    /// Loops run output row, then (channel, kernel row), then output column, so the innermost loop copies
    /// one kernel-row run per output pixel from a single input row, with the run length specialised
    /// (8, 4, 3) and the bounds checks hoisted out of it.
    static func unfoldPatches<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>) {
        let ckk = g.ckk, kw = g.kw, ow = g.ow, sw = g.sw
        // Output columns whose whole kernel row lies inside the input; the others take the checked path.
        let lo = Swift.min(ow, (g.pw + sw - 1) / sw)
        let hiRaw = g.w + g.pw - kw
        let hi = hiRaw < 0 ? lo : Swift.max(lo, Swift.min(ow, hiRaw / sw + 1))
        for oy in 0..<g.oh {
            let rowBase = cols + oy * ow * ckk
            for c in 0..<g.c {
                for ki in 0..<g.kh {
                    let d0 = rowBase + (c * g.kh + ki) * kw
                    let iy = oy * g.sh - g.ph + ki
                    if iy < 0 || iy >= g.h {
                        for ox in 0..<ow { (d0 + ox * ckk).update(repeating: 0, count: kw) }
                        continue
                    }
                    let src = x + (c * g.h + iy) * g.w - g.pw
                    if lo > 0 || hi < ow {
                        for ox in 0..<ow where ox < lo || ox >= hi {
                            let d = d0 + ox * ckk
                            for kj in 0..<kw { let ix = ox * sw + kj - g.pw; d[kj] = ix >= 0 && ix < g.w ? src[ox * sw + kj] : 0 }
                        }
                    }
                    switch kw {
                    case 8:
                        for ox in lo..<hi {
                            UnsafeMutableRawPointer(d0 + ox * ckk).storeBytes(of: UnsafeRawPointer(src + ox * sw).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                        }
                    case 4:
                        for ox in lo..<hi {
                            UnsafeMutableRawPointer(d0 + ox * ckk).storeBytes(of: UnsafeRawPointer(src + ox * sw).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                        }
                    case 3:
                        for ox in lo..<hi {
                            let d = d0 + ox * ckk, s = src + ox * sw
                            d[0] = s[0]; d[1] = s[1]; d[2] = s[2]
                        }
                    default:
                        for ox in lo..<hi { (d0 + ox * ckk).update(from: src + ox * sw, count: kw) }
                    }
                }
            }
        }
    }

    /// Folds `cols` [P, CKK] of one sample back into its input gradient [C, H, W] (accumulating),
    /// restricted to channels `channels` so threads can split one sample safely. Same loop order and
    /// run-length specialisation as `unfoldPatches`.
    static func foldPatches<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, channels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw, ow = g.ow, sw = g.sw
        let lo = Swift.min(ow, (g.pw + sw - 1) / sw)
        let hiRaw = g.w + g.pw - kw
        let hi = hiRaw < 0 ? lo : Swift.max(lo, Swift.min(ow, hiRaw / sw + 1))
        // Vector read-modify-writes of neighbouring output columns overlap when sw < kw; visiting every
        // `phases`-th column per pass keeps a load from partially overlapping the previous store (which
        // would defeat store-to-load forwarding).
        let phases = (kw + sw - 1) / sw
        for oy in 0..<g.oh {
            let rowBase = cols + oy * ow * ckk
            for c in channels {
                for ki in 0..<g.kh {
                    let iy = oy * g.sh - g.ph + ki
                    if iy < 0 || iy >= g.h { continue }
                    let s0 = rowBase + (c * g.kh + ki) * kw
                    let dst = x + (c * g.h + iy) * g.w - g.pw
                    if lo > 0 || hi < ow {
                        for ox in 0..<ow where ox < lo || ox >= hi {
                            let s = s0 + ox * ckk
                            for kj in 0..<kw { let ix = ox * sw + kj - g.pw; if ix >= 0 && ix < g.w { dst[ox * sw + kj] += s[kj] } }
                        }
                    }
                    switch kw {
                    case 8:
                        for phase in 0..<phases {
                            for ox in Swift.stride(from: lo + phase, to: hi, by: phases) {
                                let d = UnsafeMutableRawPointer(dst + ox * sw)
                                d.storeBytes(of: d.loadUnaligned(as: SIMD8<T>.self) + UnsafeRawPointer(s0 + ox * ckk).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            }
                        }
                    case 4:
                        for phase in 0..<phases {
                            for ox in Swift.stride(from: lo + phase, to: hi, by: phases) {
                                let d = UnsafeMutableRawPointer(dst + ox * sw)
                                d.storeBytes(of: d.loadUnaligned(as: SIMD4<T>.self) + UnsafeRawPointer(s0 + ox * ckk).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            }
                        }
                    case 3:
                        for ox in lo..<hi {
                            let d = dst + ox * sw, s = s0 + ox * ckk
                            d[0] += s[0]; d[1] += s[1]; d[2] += s[2]
                        }
                    default:
                        for ox in lo..<hi {
                            let d = dst + ox * sw, s = s0 + ox * ckk
                            for kj in 0..<kw { d[kj] += s[kj] }
                        }
                    }
                }
            }
        }
    }
}
