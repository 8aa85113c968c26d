/// Maps RGB pixels to palette indices: exactly (hash lookup) for exact palettes, otherwise to the
/// nearest colour (squared RGB distance) through a lazily filled 6-bit-per-channel cache, with
/// optional Floyd-Steinberg error diffusion.
public final class PaletteMapper {
    public let palette: Palette
    private var exact = ColorHashTable()
    private var cache: [Int16]

    public init(_ palette: Palette) {
        self.palette = palette
        cache = [Int16](repeating: -1, count: 1 << 18)
        if palette.isExact {
            for i in 0..<palette.count {
                let key = UInt32(palette.rgb[i * 3]) << 16 | UInt32(palette.rgb[i * 3 + 1]) << 8 | UInt32(palette.rgb[i * 3 + 2])
                exact.insert(key, UInt8(i))
            }
        }
    }

    /// Index of the palette colour nearest to (r, g, b).
    @inline(__always)
    public func nearest(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        if palette.isExact, let i = exact.find(UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)) { return i }
        let key = (r >> 2) << 12 | (g >> 2) << 6 | (b >> 2)
        let c = cache[key]
        if c >= 0 { return UInt8(c) }
        // Search with the bin centre so the cache is independent of which pixel came first.
        let cr = (r & ~3) + 2, cg = (g & ~3) + 2, cb = (b & ~3) + 2
        var best = 0, bestD = Int.max
        palette.rgb.withUnsafeBufferPointer { p in
            for i in 0..<(p.count / 3) {
                let dr = Int(p[i * 3]) - cr, dg = Int(p[i * 3 + 1]) - cg, db = Int(p[i * 3 + 2]) - cb
                let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
                if d < bestD { bestD = d; best = i }
            }
        }
        cache[key] = Int16(best)
        return UInt8(best)
    }

    /// Palette indices for an image, one byte per pixel.
    public func map(_ image: RGBImage, dither: Bool = false) -> [UInt8] {
        let im = ImageOps.rgb(image)
        let n = im.width * im.height
        var out = [UInt8](repeating: 0, count: n)
        if !dither || palette.isExact {
            im.pixels.withUnsafeBufferPointer { p in
                for i in 0..<n { out[i] = nearest(Int(p[i * 3]), Int(p[i * 3 + 1]), Int(p[i * 3 + 2])) }
            }
            return out
        }
        // Floyd-Steinberg: 7/16 right, 3/16 down-left, 5/16 down, 1/16 down-right.
        let w = im.width
        var err = [Int](repeating: 0, count: (w + 2) * 2 * 3)
        for y in 0..<im.height {
            let cur = (y & 1) * (w + 2) * 3, nxt = ((y + 1) & 1) * (w + 2) * 3
            for i in 0..<((w + 2) * 3) { err[nxt + i] = 0 }
            for x in 0..<w {
                let pi = (y * w + x) * 3
                var c = [0, 0, 0]
                for k in 0..<3 { c[k] = max(0, min(255, Int(im.pixels[pi + k]) + err[cur + (x + 1) * 3 + k] / 16)) }
                let idx = nearest(c[0], c[1], c[2])
                out[y * w + x] = idx
                for k in 0..<3 {
                    let e = c[k] - Int(palette.rgb[Int(idx) * 3 + k])
                    err[cur + (x + 2) * 3 + k] += e * 7
                    err[nxt + x * 3 + k] += e * 3
                    err[nxt + (x + 1) * 3 + k] += e * 5
                    err[nxt + (x + 2) * 3 + k] += e
                }
            }
        }
        return out
    }
}
