/// An RGB colour with 8-bit channels.
public struct RGBColor: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// Builds a colour from integer channels, clamping each to 0...255 (never traps).
    public init(clamping r: Int, _ g: Int, _ b: Int) {
        self.r = UInt8(clamping: r); self.g = UInt8(clamping: g); self.b = UInt8(clamping: b)
    }

    public static let black = RGBColor(0, 0, 0)
    public static let white = RGBColor(255, 255, 255)
}

/// A point in canvas (pixel) coordinates: x grows to the right, y grows downwards.
public struct Point2D: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// A software rasteriser over an RGB8 image that reproduces pygame's drawing rules.
///
/// The pixel rules follow pygame 2.6 so that environments drawn with it match Gymnasium's frames:
/// `fillPolygon(_:color:rule: .gfxdraw)` is `pygame.gfxdraw.filled_polygon` (SDL_gfx),
/// `.draw` is `pygame.draw.polygon`, `drawAAPolygon` is `pygame.gfxdraw.aapolygon`,
/// `smoothscaled(width:height:)` is `pygame.transform.smoothscale`.
/// All drawing clips to the canvas; no call traps on out-of-range coordinates.
public struct Canvas: Sendable {
    /// The pixels (3 channels, row-major, top row first).
    public var image: RGBImage

    public var width: Int { image.width }
    public var height: Int { image.height }

    /// A canvas of the given size filled with `background`.
    public init(width: Int, height: Int, background: RGBColor = .black) {
        image = RGBImage(width: max(0, width), height: max(0, height), channels: 3)
        if background != .black { fill(background) }
    }

    /// Wraps an existing image; images with other than 3 channels are converted to RGB.
    public init(image: RGBImage) {
        if image.channels == 3 { self.image = image; return }
        var rgb = RGBImage(width: image.width, height: image.height, channels: 3)
        let c = image.channels
        for i in 0..<(image.width * image.height) {
            let v = image.pixels[i * c]
            rgb.pixels[i * 3] = v
            rgb.pixels[i * 3 + 1] = c >= 3 ? image.pixels[i * c + 1] : v
            rgb.pixels[i * 3 + 2] = c >= 3 ? image.pixels[i * c + 2] : v
        }
        self.image = rgb
    }

    /// Fills the whole canvas with one colour.
    public mutating func fill(_ color: RGBColor) {
        let n = width * height
        image.pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < n {
                p[3 * i] = color.r; p[3 * i + 1] = color.g; p[3 * i + 2] = color.b
                i += 1
            }
        }
    }

    /// The colour at (x, y), or nil outside the canvas.
    public func pixel(x: Int, y: Int) -> RGBColor? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let o = (y * width + x) * 3
        return RGBColor(image.pixels[o], image.pixels[o + 1], image.pixels[o + 2])
    }

    /// Sets one pixel; ignored outside the canvas.
    public mutating func setPixel(x: Int, y: Int, _ color: RGBColor) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let o = (y * width + x) * 3
        image.pixels[o] = color.r; image.pixels[o + 1] = color.g; image.pixels[o + 2] = color.b
    }

    /// Blends `color` over one pixel with `alpha` in 0...255 (`dst + (src - dst) * alpha >> 8`, SDL_gfx).
    public mutating func blendPixel(x: Int, y: Int, _ color: RGBColor, alpha: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let o = (y * width + x) * 3
        if alpha >= 255 {
            image.pixels[o] = color.r; image.pixels[o + 1] = color.g; image.pixels[o + 2] = color.b
            return
        }
        let a = max(0, alpha)
        func mix(_ d: UInt8, _ s: UInt8) -> UInt8 {
            let dd = Int(d)
            return UInt8(clamping: dd + (((Int(s) - dd) * a) >> 8))
        }
        image.pixels[o] = mix(image.pixels[o], color.r)
        image.pixels[o + 1] = mix(image.pixels[o + 1], color.g)
        image.pixels[o + 2] = mix(image.pixels[o + 2], color.b)
    }

    /// Fills the inclusive horizontal span x0...x1 on row y, clipped to the canvas.
    @inline(__always)
    public mutating func horizontalLine(_ x0: Int, _ x1: Int, y: Int, _ color: RGBColor) {
        guard y >= 0, y < height else { return }
        let a = max(min(x0, x1), 0), b = min(max(x0, x1), width - 1)
        guard a <= b else { return }
        let w = width
        image.pixels.withUnsafeMutableBufferPointer { p in
            let start = p.baseAddress! + (y * w + a) * 3
            let total = (b - a + 1) * 3
            start[0] = color.r; start[1] = color.g; start[2] = color.b
            // double the filled prefix until the span is full (memcpy-speed for long spans)
            var filled = 3
            while filled < total {
                let n = min(filled, total - filled)
                (start + filled).update(from: start, count: n)
                filled += n
            }
        }
    }

    /// Mirrors the canvas top to bottom (`pygame.transform.flip(surface, False, True)`).
    public mutating func flipVertically() {
        let rowBytes = width * 3
        let h = height
        guard rowBytes > 0, h > 1 else { return }
        var tmp = [UInt8](repeating: 0, count: rowBytes)
        image.pixels.withUnsafeMutableBufferPointer { p in
            tmp.withUnsafeMutableBufferPointer { t in
                let base = p.baseAddress!, tb = t.baseAddress!
                var top = 0, bottom = h - 1
                while top < bottom {
                    let a = base + top * rowBytes, b = base + bottom * rowBytes
                    tb.update(from: a, count: rowBytes)
                    a.update(from: b, count: rowBytes)
                    b.update(from: tb, count: rowBytes)
                    top += 1; bottom -= 1
                }
            }
        }
    }
}
