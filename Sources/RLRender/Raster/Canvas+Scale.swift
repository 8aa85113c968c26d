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

    /// The fixed-point schedule of pygame's shrink filter along one axis: for output k, the source
    /// indices added whole (`fullStart..<emit`), the index split between k and k+1 (`emit`), its weight
    /// for k (`counter`) and the remainder weight carried to k+1 (`frac`).
    struct ShrinkPlan {
        var fullStart: [Int] = [], emit: [Int] = [], counter: [Int] = [], frac: [Int] = []
        var recip = 0
        init(source: Int, destination: Int) {
            let space = 0x10000 * source / destination
            recip = space != 0 ? Int(0x1_0000_0000 / Int64(space)) : 0
            var c = space
            var start = 0
            for x in 0..<source where emit.count < destination {
                if c > 0x10000 {
                    c -= 0x10000
                } else {
                    fullStart.append(start); emit.append(x); counter.append(c)
                    let f = 0x10000 - c
                    frac.append(f)
                    c = space - f
                    start = x + 1
                }
            }
        }
    }

    /// `filter_shrink_X_ONLYC`, scheduled: the same integer arithmetic without per-pixel branches.
    static func shrinkX(_ src: [UInt8], _ sw: Int, _ h: Int, _ dw: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: dw * h * 3)
        let plan = ShrinkPlan(source: sw, destination: dw)
        let outs = plan.emit.count
        // per output: first whole pixel, split pixel (byte offsets), its weight, remainder weight
        var sched = [Int](repeating: 0, count: outs * 4)
        for k in 0..<outs {
            sched[4 * k] = plan.fullStart[k] * 3; sched[4 * k + 1] = plan.emit[k] * 3
            sched[4 * k + 2] = plan.counter[k]; sched[4 * k + 3] = plan.frac[k]
        }
        let recip = plan.recip
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                sched.withUnsafeBufferPointer { sc in
                    for y in 0..<h {
                        let row = s.baseAddress! + y * sw * 3
                        let out = d.baseAddress! + y * dw * 3
                        var r0 = 0, r1 = 0, r2 = 0   // remainders carried from the previous output
                        var q = 0
                        for k in 0..<outs {
                            var a0 = r0, a1 = r1, a2 = r2
                            var i = sc[q]
                            let e = sc[q + 1], c = sc[q + 2], f = sc[q + 3]
                            q += 4
                            while i < e { a0 += Int(row[i]); a1 += Int(row[i + 1]); a2 += Int(row[i + 2]); i += 3 }
                            let p0 = Int(row[e]), p1 = Int(row[e + 1]), p2 = Int(row[e + 2])
                            out[3 * k] = UInt8(truncatingIfNeeded: (((a0 & 0xFFFF) + ((p0 * c) >> 16)) * recip) >> 16)
                            out[3 * k + 1] = UInt8(truncatingIfNeeded: (((a1 & 0xFFFF) + ((p1 * c) >> 16)) * recip) >> 16)
                            out[3 * k + 2] = UInt8(truncatingIfNeeded: (((a2 & 0xFFFF) + ((p2 * c) >> 16)) * recip) >> 16)
                            r0 = (p0 * f) >> 16; r1 = (p1 * f) >> 16; r2 = (p2 * f) >> 16
                        }
                    }
                }
            }
        }
        return dst
    }

    /// `filter_shrink_Y_ONLYC`, scheduled row by row (whole rows summed into 32-bit accumulators).
    static func shrinkY(_ src: [UInt8], _ w: Int, _ sh: Int, _ dh: Int) -> [UInt8] {
        var dst = [UInt8](repeating: 0, count: w * dh * 3)
        let plan = ShrinkPlan(source: sh, destination: dh)
        let n = w * 3
        var acc = [Int32](repeating: 0, count: n)
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                acc.withUnsafeMutableBufferPointer { a in
                    let recip = Int32(truncatingIfNeeded: plan.recip)
                    for k in 0..<plan.emit.count {
                        var r = plan.fullStart[k]
                        while r < plan.emit[k] {
                            let row = s.baseAddress! + r * n
                            for i in 0..<n { a[i] &+= Int32(row[i]) }
                            r += 1
                        }
                        let row = s.baseAddress! + plan.emit[k] * n
                        let out = d.baseAddress! + k * n
                        let c = Int32(plan.counter[k]), f = Int32(plan.frac[k])
                        for i in 0..<n {
                            let p = Int32(row[i])
                            let v = ((a[i] & 0xFFFF) &+ ((p &* c) >> 16)) &* recip
                            out[i] = UInt8(truncatingIfNeeded: v >> 16)
                            a[i] = (p &* f) >> 16
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
