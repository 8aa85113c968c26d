// Area-averaging downscale: a port of pygame's `smoothscale` shrink filters
// (src_c/transform.c `filter_shrink_X_ONLYC` / `filter_shrink_Y_ONLYC`, X pass first, then Y),
// 16.16 fixed point, 16-bit accumulators.

extension Canvas {
    /// The canvas scaled to `width`x`height` like `pygame.transform.smoothscale` (shrinking axes
    /// are area-averaged; growing axes use nearest-neighbour here, which rlbook never needs for parity).
    public func smoothscaled(width dw: Int, height dh: Int) -> RGBImage {
        let sw = width, sh = height
        guard dw > 0, dh > 0, sw > 0, sh > 0 else { return RGBImage(width: max(dw, 0), height: max(dh, 0)) }
        // X pass
        var tmp: [UInt8]
        if dw < sw {
            tmp = Canvas.shrinkX(image.pixels, sw, sh, dw)
        } else if dw == sw {
            tmp = image.pixels
        } else {
            tmp = Canvas.nearestX(image.pixels, sw, sh, dw)
        }
        if dh < sh {
            tmp = Canvas.shrinkY(tmp, dw, sh, dh)
        } else if dh > sh {
            tmp = Canvas.nearestY(tmp, dw, sh, dh)
        }
        return RGBImage(width: dw, height: dh, channels: 3, pixels: tmp)
    }

    static func shrinkX(_ src: [UInt8], _ sw: Int, _ h: Int, _ dw: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: dw * h * 3)
        let xspace = 0x10000 * sw / dw
        let xrecip = xspace != 0 ? Int(0x1_0000_0000 / Int64(xspace)) : 0
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                for y in 0..<h {
                    var a0 = 0, a1 = 0, a2 = 0
                    var xcounter = xspace
                    var si = y * sw * 3
                    var di = y * dw * 3
                    let dend = di + dw * 3
                    for _ in 0..<sw {
                        if xcounter > 0x10000 {
                            a0 += Int(s[si]); a1 += Int(s[si + 1]); a2 += Int(s[si + 2])
                            xcounter -= 0x10000
                        } else {
                            let xfrac = 0x10000 - xcounter
                            if di < dend {
                                d[di] = UInt8(truncatingIfNeeded: (((a0 & 0xFFFF) + ((Int(s[si]) * xcounter) >> 16)) * xrecip) >> 16)
                                d[di + 1] = UInt8(truncatingIfNeeded: (((a1 & 0xFFFF) + ((Int(s[si + 1]) * xcounter) >> 16)) * xrecip) >> 16)
                                d[di + 2] = UInt8(truncatingIfNeeded: (((a2 & 0xFFFF) + ((Int(s[si + 2]) * xcounter) >> 16)) * xrecip) >> 16)
                                di += 3
                            }
                            a0 = (Int(s[si]) * xfrac) >> 16
                            a1 = (Int(s[si + 1]) * xfrac) >> 16
                            a2 = (Int(s[si + 2]) * xfrac) >> 16
                            xcounter = xspace - xfrac
                        }
                        si += 3
                    }
                }
            }
        }
        return dst
    }

    static func shrinkY(_ src: [UInt8], _ w: Int, _ sh: Int, _ dh: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: w * dh * 3)
        let yspace = 0x10000 * sh / dh
        let yrecip = yspace != 0 ? Int(0x1_0000_0000 / Int64(yspace)) : 0
        var acc = [Int](repeating: 0, count: w * 3)
        var ycounter = yspace
        var drow = 0
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                acc.withUnsafeMutableBufferPointer { a in
                    for y in 0..<sh {
                        let so = y * w * 3
                        if ycounter > 0x10000 {
                            for i in 0..<(w * 3) { a[i] = (a[i] + Int(s[so + i])) & 0xFFFF }
                            ycounter -= 0x10000
                        } else {
                            let yfrac = 0x10000 - ycounter
                            if drow < dh {
                                let dof = drow * w * 3
                                for i in 0..<(w * 3) {
                                    d[dof + i] = UInt8(truncatingIfNeeded: ((a[i] + ((Int(s[so + i]) * ycounter) >> 16)) * yrecip) >> 16)
                                }
                                drow += 1
                            }
                            for i in 0..<(w * 3) { a[i] = (Int(s[so + i]) * yfrac) >> 16 }
                            ycounter = yspace - yfrac
                        }
                    }
                }
            }
        }
        return dst
    }

    static func nearestX(_ src: [UInt8], _ sw: Int, _ h: Int, _ dw: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: dw * h * 3)
        for y in 0..<h { for x in 0..<dw {
            let sx = x * sw / dw
            for c in 0..<3 { dst[(y * dw + x) * 3 + c] = src[(y * sw + sx) * 3 + c] }
        } }
        return dst
    }

    static func nearestY(_ src: [UInt8], _ w: Int, _ sh: Int, _ dh: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: w * dh * 3)
        for y in 0..<dh {
            let sy = y * sh / dh
            for i in 0..<(w * 3) { dst[y * w * 3 + i] = src[sy * w * 3 + i] }
        }
        return dst
    }
}

extension Canvas {
    /// What `smoothscaled` does to a uniformly coloured image, per channel value: pygame's fixed-point
    /// shrink filters lose up to one level per pass. Used to match its bias when averaging differently.
    public static func smoothscaleConstantResponse(sourceWidth sw: Int, sourceHeight sh: Int,
                                                   width dw: Int, height dh: Int) -> [UInt8] {
        (0...255).map { c -> UInt8 in
            var v = UInt8(c)
            if dw < sw {
                let row = shrinkX([UInt8](repeating: v, count: sw * 3), sw, 1, dw)
                v = row[(dw / 2) * 3]
            }
            if dh < sh {
                let col = shrinkY([UInt8](repeating: v, count: sh * 3), 1, sh, dh)
                v = col[(dh / 2) * 3]
            }
            return v
        }
    }
}
