extension ImageOps {
    /// `image` shrunk to `width`×`height` by area averaging (each output pixel is the mean of the
    /// source pixels it covers, with fractional edges weighted); growing axes use the nearest pixel.
    public static func resized(_ image: RGBImage, width dw: Int, height dh: Int) -> RGBImage {
        let sw = image.width, sh = image.height, c = image.channels
        guard dw > 0, dh > 0, sw > 0, sh > 0 else { return RGBImage(width: max(dw, 0), height: max(dh, 0), channels: c) }
        if dw == sw && dh == sh { return image }
        // Per axis: for each output index, (first source index, weights of the covered source pixels).
        func spans(_ n: Int, _ m: Int) -> [(start: Int, weights: [Double])] {
            let ratio = Double(n) / Double(m)
            return (0..<m).map { o in
                if ratio <= 1 { return (min(n - 1, Int(Double(o) * ratio)), [1]) }
                let a = Double(o) * ratio, b = Double(o + 1) * ratio
                let first = Int(a), last = min(n - 1, Int((b - 1e-9).rounded(.down)))
                var w: [Double] = []
                for i in first...max(first, last) {
                    w.append(min(b, Double(i + 1)) - max(a, Double(i)))
                }
                let total = w.reduce(0, +)
                return (first, w.map { $0 / total })
            }
        }
        let xs = spans(sw, dw), ys = spans(sh, dh)
        var out = RGBImage(width: dw, height: dh, channels: c)
        image.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                var acc = [Double](repeating: 0, count: c)
                for oy in 0..<dh {
                    let (y0, wy) = ys[oy]
                    for ox in 0..<dw {
                        let (x0, wx) = xs[ox]
                        for k in 0..<c { acc[k] = 0 }
                        for (j, fy) in wy.enumerated() {
                            let row = (y0 + j) * sw
                            for (i, fx) in wx.enumerated() {
                                let p = (row + x0 + i) * c, f = fy * fx
                                for k in 0..<c { acc[k] += Double(src[p + k]) * f }
                            }
                        }
                        let q = (oy * dw + ox) * c
                        for k in 0..<c { dst[q + k] = UInt8(min(255, max(0, acc[k].rounded()))) }
                    }
                }
            }
        }
        return out
    }
}
