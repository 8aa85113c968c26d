/// A raster of packed 32-bit pixels (bytes R, G, B, unused) for fast drawing: spans are filled with
/// word stores. Draw with the shared `CanvasRaster` methods, then read it out with `rgbImage()` or
/// `boxDownsampled(factor:)`.
public struct Canvas32: CanvasRaster, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major pixels, `r | g << 8 | b << 16`.
    public var pixels: [UInt32]

    public init(width: Int, height: Int, background: RGBColor = .black) {
        self.width = max(0, width); self.height = max(0, height)
        pixels = [UInt32](repeating: Canvas32.pack(background), count: self.width * self.height)
    }

    @inline(__always) public static func pack(_ c: RGBColor) -> UInt32 {
        UInt32(c.r) | UInt32(c.g) << 8 | UInt32(c.b) << 16
    }

    /// Fills every pixel with one colour.
    public mutating func fill(_ color: RGBColor) {
        let v = Canvas32.pack(color)
        pixels.withUnsafeMutableBufferPointer { p in p.update(repeating: v) }
    }

    @inline(__always)
    public mutating func horizontalLine(_ x0: Int, _ x1: Int, y: Int, _ color: RGBColor) {
        guard y >= 0, y < height else { return }
        let a = max(min(x0, x1), 0), b = min(max(x0, x1), width - 1)
        guard a <= b else { return }
        let v = Canvas32.pack(color)
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            (p.baseAddress! + (y * w + a)).update(repeating: v, count: b - a + 1)
        }
    }

    public mutating func setPixel(x: Int, y: Int, _ color: RGBColor) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        pixels[y * width + x] = Canvas32.pack(color)
    }

    public mutating func blendPixel(x: Int, y: Int, _ color: RGBColor, alpha: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let a = max(0, min(255, alpha))
        let d = pixels[y * width + x]
        func mix(_ dd: UInt32, _ s: UInt8) -> UInt32 {
            let di = Int(dd & 0xFF)
            return UInt32(max(0, min(255, di + (((Int(s) - di) * a) >> 8))))
        }
        pixels[y * width + x] = mix(d, color.r) | mix(d >> 8, color.g) << 8 | mix(d >> 16, color.b) << 16
    }

    /// The pixels as an RGB8 image.
    public func rgbImage() -> RGBImage {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            let v = pixels[i]
            out[3 * i] = UInt8(v & 0xFF); out[3 * i + 1] = UInt8((v >> 8) & 0xFF); out[3 * i + 2] = UInt8((v >> 16) & 0xFF)
        }
        return RGBImage(width: width, height: height, channels: 3, pixels: out)
    }

    /// Averages `factor` x `factor` blocks (rounded) into an RGB8 image of size width/factor x height/factor;
    /// `lut`, if given (256 entries), maps each averaged channel value.
    public func boxDownsampled(factor k: Int, lut: [UInt8]? = nil) -> RGBImage {
        boxDownsampled(factor: k, table: Canvas32.downsampleTable(factor: k, lut: lut))
    }

    /// The table `boxDownsampled(factor:table:)` uses: block sum (0...255·k²) → output byte.
    public static func downsampleTable(factor k: Int, lut: [UInt8]? = nil) -> [UInt8] {
        let kk = max(1, min(k, 16))
        let area = kk * kk
        let map: [UInt8] = (lut?.count == 256) ? lut! : (0...255).map { UInt8($0) }
        return (0...(255 * area)).map { map[min(255, ($0 + area / 2) / area)] }
    }

    /// `boxDownsampled(factor:lut:)` with a table from `downsampleTable(factor:lut:)` (cache it for speed).
    public func boxDownsampled(factor k: Int, table: [UInt8]) -> RGBImage {
        let kk = max(1, min(k, 16))
        let ow = width / kk, oh = height / kk
        let out = [UInt8](unsafeUninitializedCapacity: ow * oh * 3) { buf, n in
            boxDownsample(factor: k, table: table, into: buf.baseAddress!)
            n = ow * oh * 3
        }
        return RGBImage(width: ow, height: oh, channels: 3, pixels: out)
    }

    /// The box filter of `boxDownsampled(factor:table:)` written straight into `dst`, which holds
    /// (width / k) × (height / k) RGB pixels: an env draws its observation into the array it hands out.
    public func boxDownsample(factor k: Int, table: [UInt8], into dst: UnsafeMutablePointer<UInt8>) {
        let kk = max(1, min(k, 16))
        let ow = width / kk, oh = height / kk
        guard table.count >= 255 * kk * kk + 1 else { dst.update(repeating: 0, count: ow * oh * 3); return }
        // Column sums with the three channels spread into 16-bit lanes of a UInt64 (no overflow: ≤ 16·16·255).
        var col = [UInt64](repeating: 0, count: ow * kk)
        let w = width
        pixels.withUnsafeBufferPointer { src in
            col.withUnsafeMutableBufferPointer { cs in
                table.withUnsafeBufferPointer { t in
                    let cw = ow * kk
                    for oy in 0..<oh {
                        for x in 0..<cw { cs[x] = 0 }
                        for dy in 0..<kk {
                            let row = src.baseAddress! + (oy * kk + dy) * w
                            for x in 0..<cw {
                                let v = UInt64(row[x])
                                cs[x] &+= (v & 0xFF) | ((v & 0xFF00) << 8) | ((v & 0xFF_0000) << 16)
                            }
                        }
                        var d = oy * ow * 3
                        var x = 0
                        for _ in 0..<ow {
                            var sum: UInt64 = 0
                            for _ in 0..<kk { sum &+= cs[x]; x += 1 }
                            dst[d] = t[Int(sum & 0xFFFF)]
                            dst[d + 1] = t[Int((sum >> 16) & 0xFFFF)]
                            dst[d + 2] = t[Int((sum >> 32) & 0xFFFF)]
                            d += 3
                        }
                    }
                }
            }
        }
    }
}
