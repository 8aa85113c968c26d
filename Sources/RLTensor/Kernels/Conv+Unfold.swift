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
    /// Pixel by pixel, so each row of `cols` is written sequentially: pixels whose receptive field lies
    /// inside the input copy C·kh kernel-row runs with the run length specialised (8, 4, 3); pixels that
    /// touch the padding take a checked loop.
    /// With `pixels`, only rows p in that range, written from the start of `cols` (row p at p − lowerBound).
    static func unfoldPatches<T: GemmScalar>(_ g: ConvGeometry, _ x: UnsafePointer<T>, _ cols: UnsafeMutablePointer<T>, pixels: Range<Int>? = nil) {
        let ckk = g.ckk, kw = g.kw, kh = g.kh, W = g.w, hw = g.h * g.w
        let range = pixels ?? 0..<g.p
        if range.isEmpty { return }
        let oyFirst = range.lowerBound / g.ow, oyLast = (range.upperBound - 1) / g.ow
        for oy in oyFirst...oyLast {
            let iy0 = oy * g.sh - g.ph
            let rowsInside = iy0 >= 0 && iy0 + kh <= g.h
            let oxLo = oy == oyFirst ? range.lowerBound - oy * g.ow : 0
            let oxHi = oy == oyLast ? range.upperBound - oy * g.ow : g.ow
            for ox in oxLo..<oxHi {
                let ix0 = ox * g.sw - g.pw
                var d = cols + (oy * g.ow + ox - range.lowerBound) * ckk
                if !(rowsInside && ix0 >= 0 && ix0 + kw <= W) {
                    for c in 0..<g.c {
                        for ki in 0..<kh {
                            let iy = iy0 + ki
                            for kj in 0..<kw {
                                let ix = ix0 + kj
                                d[kj] = iy >= 0 && iy < g.h && ix >= 0 && ix < W ? x[c * hw + iy * W + ix] : 0
                            }
                            d += kw
                        }
                    }
                    continue
                }
                let base = x + iy0 * W + ix0
                switch kw {
                case 8:
                    for c in 0..<g.c {
                        var s = base + c * hw
                        for _ in 0..<kh {
                            UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(s).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            d += 8; s += W
                        }
                    }
                case 4:
                    for c in 0..<g.c {
                        var s = base + c * hw
                        for _ in 0..<kh {
                            UnsafeMutableRawPointer(d).storeBytes(of: UnsafeRawPointer(s).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            d += 4; s += W
                        }
                    }
                case 3:
                    for c in 0..<g.c {
                        var s = base + c * hw
                        for _ in 0..<kh {
                            d[0] = s[0]; d[1] = s[1]; d[2] = s[2]
                            d += 3; s += W
                        }
                    }
                default:
                    for c in 0..<g.c {
                        var s = base + c * hw
                        for _ in 0..<kh {
                            d.update(from: s, count: kw)
                            d += kw; s += W
                        }
                    }
                }
            }
        }
    }

    /// Folds `cols` [P, CKK] of one sample back into its input gradient [C, H, W] (accumulating),
    /// restricted to channels `channels` so threads can split one sample safely. Pixel by pixel like
    /// `unfoldPatches`, so `cols` is read sequentially (the runs of neighbouring pixels that overlap in
    /// x are C·kh updates apart, so vector read-modify-writes never wait on a partially overlapping store).
    /// Elements `foldPatches` may read past the end of `cols` (its 4-wide reads of 3-wide runs): a caller's
    /// `cols` buffer must have this many more.
    static let foldRoom = 4

    static func foldPatches<T: GemmScalar>(_ g: ConvGeometry, _ cols: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, channels: Range<Int>) {
        let ckk = g.ckk, kw = g.kw, kh = g.kh, W = g.w, hw = g.h * g.w
        let c0 = channels.lowerBound
        for oy in 0..<g.oh {
            let iy0 = oy * g.sh - g.ph
            let rowsInside = iy0 >= 0 && iy0 + kh <= g.h
            for ox in 0..<g.ow {
                let ix0 = ox * g.sw - g.pw
                var s = cols + (oy * g.ow + ox) * ckk + c0 * kh * kw
                if !(rowsInside && ix0 >= 0 && ix0 + kw <= W) {
                    for c in channels {
                        for ki in 0..<kh {
                            let iy = iy0 + ki
                            if iy >= 0 && iy < g.h {
                                for kj in 0..<kw {
                                    let ix = ix0 + kj
                                    if ix >= 0 && ix < W { x[c * hw + iy * W + ix] += s[kj] }
                                }
                            }
                            s += kw
                        }
                    }
                    continue
                }
                let base = x + iy0 * W + ix0
                switch kw {
                case 8:
                    for c in channels {
                        var d = base + c * hw
                        for _ in 0..<kh {
                            let dr = UnsafeMutableRawPointer(d)
                            dr.storeBytes(of: dr.loadUnaligned(as: SIMD8<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD8<T>.self), as: SIMD8<T>.self)
                            s += 8; d += W
                        }
                    }
                case 4:
                    for c in channels {
                        var d = base + c * hw
                        for _ in 0..<kh {
                            let dr = UnsafeMutableRawPointer(d)
                            dr.storeBytes(of: dr.loadUnaligned(as: SIMD4<T>.self) + UnsafeRawPointer(s).loadUnaligned(as: SIMD4<T>.self), as: SIMD4<T>.self)
                            s += 4; d += W
                        }
                    }
                case 3 where ix0 + 4 <= W:
                    // One 4-wide read-modify-write per run: the fourth lane adds −0.0, which leaves every
                    // value (−0.0 included) unchanged, and stays in the same row (ix0 + 3 < W). The fourth
                    // value read from `cols` is the next run's first (or, for the last run, one element
                    // past this sample's block: `cols` has room for it, see `foldRoom`).
                    let keep: SIMDMask<SIMD4<T>.MaskStorage> = [false, false, false, true]
                    for c in channels {
                        var d = base + c * hw
                        for _ in 0..<kh {
                            let dr = UnsafeMutableRawPointer(d)
                            let add = UnsafeRawPointer(s).loadUnaligned(as: SIMD4<T>.self).replacing(with: -0.0, where: keep)
                            dr.storeBytes(of: dr.loadUnaligned(as: SIMD4<T>.self) + add, as: SIMD4<T>.self)
                            s += 3; d += W
                        }
                    }
                case 3:
                    for c in channels {
                        var d = base + c * hw
                        for _ in 0..<kh {
                            d[0] += s[0]; d[1] += s[1]; d[2] += s[2]
                            s += 3; d += W
                        }
                    }
                default:
                    for c in channels {
                        var d = base + c * hw
                        for _ in 0..<kh {
                            for kj in 0..<kw { d[kj] += s[kj] }
                            s += kw; d += W
                        }
                    }
                }
            }
        }
    }
}
