/// Errors turning arrays into images or composing images.
public enum ImageError: Error, CustomStringConvertible, Sendable, Equatable {
    case badShape([Int])
    case countMismatch(shape: [Int], count: Int)
    case empty

    public var description: String {
        switch self {
        case .badShape(let s):
            return "cannot show an array of shape \(s) as an image: expected H×W (gray), H×W×1, H×W×3 (RGB), H×W×4 (RGBA), or C×H×W with C = 1 or 3"
        case let .countMismatch(s, c):
            let need = s.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            return "an image of shape \(s) needs \(need) values but \(c) were given"
        case .empty: return "there are no images to show"
        }
    }
}

/// How array values map to 8-bit levels.
public enum PixelScale: Sendable, Hashable {
    /// Floats in [0, 1] (clamped), as matplotlib's `imshow` reads float RGB.
    case unit
    /// Values in [0, 255] (clamped), as uint8 data.
    case byte
    /// `byte` if any value exceeds 1, else `unit`.
    case auto
}

/// Image conversions: arrays to images, channel conversion, nearest-neighbour upscaling, grids.
public enum ImageOps {
    /// An image from row-major `values` of `shape` H×W, H×W×C (C = 1, 3, 4) or C×H×W (C = 1, 3).
    /// Single-channel data is coloured with `colormap`. NaN becomes 0.
    public static func image(shape: [Int], values: [Double], scale: PixelScale = .auto, colormap: Colormap = .gray) throws(ImageError) -> RGBImage {
        guard shape.allSatisfy({ $0 > 0 }), shape.count == 2 || shape.count == 3 else { throw .badShape(shape) }
        var total = 1
        for d in shape {
            let (m, overflow) = total.multipliedReportingOverflow(by: d)
            guard !overflow else { throw .countMismatch(shape: shape, count: values.count) }
            total = m
        }
        guard total == values.count else { throw .countMismatch(shape: shape, count: values.count) }
        var h = shape[0], w = shape[1], c = shape.count == 3 ? shape[2] : 1
        var vals = values
        if shape.count == 3 && ![1, 3, 4].contains(shape[2]) {
            // Channels first (PyTorch's C×H×W).
            guard [1, 3].contains(shape[0]) else { throw .badShape(shape) }
            c = shape[0]; h = shape[1]; w = shape[2]
            vals = [Double](repeating: 0, count: values.count)
            for ch in 0..<c { for p in 0..<(h * w) { vals[p * c + ch] = values[ch * h * w + p] } }
        }
        let useBytes: Bool
        switch scale {
        case .unit: useBytes = false
        case .byte: useBytes = true
        case .auto: useBytes = vals.contains { $0 > 1 }
        }
        let factor = useBytes ? 1.0 : 255.0
        var px = [UInt8](repeating: 0, count: vals.count)
        for (i, v) in vals.enumerated() {
            let s = v * factor
            px[i] = s.isNaN ? 0 : UInt8(max(0, min(255, s.rounded())))
        }
        let im = RGBImage(width: w, height: h, channels: c, pixels: px)
        return c == 1 ? colormap.apply(im) : im
    }

    /// An image from bytes laid out H×W×C.
    public static func image(width: Int, height: Int, channels: Int, bytes: [UInt8]) throws(ImageError) -> RGBImage {
        guard width > 0, height > 0, (1...4).contains(channels) else { throw .badShape([height, width, channels]) }
        guard bytes.count == width * height * channels else { throw .countMismatch(shape: [height, width, channels], count: bytes.count) }
        return RGBImage(width: width, height: height, channels: channels, pixels: bytes)
    }

    /// The image as 3-channel RGB (gray replicated, alpha composited over white).
    public static func rgb(_ image: RGBImage) -> RGBImage {
        if image.channels == 3 { return image }
        let n = image.width * image.height
        var out = [UInt8](repeating: 0, count: n * 3)
        let c = image.channels
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                switch c {
                case 1:
                    out[i * 3] = p[i]; out[i * 3 + 1] = p[i]; out[i * 3 + 2] = p[i]
                case 2:
                    let v = over(p[i * 2], p[i * 2 + 1])
                    out[i * 3] = v; out[i * 3 + 1] = v; out[i * 3 + 2] = v
                default:
                    let a = p[i * 4 + 3]
                    out[i * 3] = over(p[i * 4], a); out[i * 3 + 1] = over(p[i * 4 + 1], a); out[i * 3 + 2] = over(p[i * 4 + 2], a)
                }
            }
        }
        return RGBImage(width: image.width, height: image.height, channels: 3, pixels: out)
    }

    @inline(__always) static func over(_ v: UInt8, _ a: UInt8) -> UInt8 {
        let ia = Int(a)
        let mixed: Int = Int(v) * ia + 255 * (255 - ia) + 127
        return UInt8(mixed / 255)
    }

    /// Nearest-neighbour upscaling by an integer factor (each pixel becomes factor×factor).
    public static func upscale(_ image: RGBImage, factor: Int) -> RGBImage {
        let f = max(1, factor)
        if f == 1 { return image }
        let c = image.channels, w = image.width * f, h = image.height * f
        var out = [UInt8](repeating: 0, count: w * h * c)
        for y in 0..<image.height {
            var row = [UInt8](repeating: 0, count: w * c)
            for x in 0..<image.width {
                let src = (y * image.width + x) * c
                for dx in 0..<f { for k in 0..<c { row[(x * f + dx) * c + k] = image.pixels[src + k] } }
            }
            for dy in 0..<f { out.replaceSubrange(((y * f + dy) * w * c)..<((y * f + dy + 1) * w * c), with: row) }
        }
        return RGBImage(width: w, height: h, channels: c, pixels: out)
    }

    /// The integer factor that brings the image's longer side to at least `target` pixels (1 if already there, at most 8).
    public static func readableScale(width: Int, height: Int, target: Int = 256) -> Int {
        let side = max(1, max(width, height))
        return max(1, min(8, (target + side - 1) / side))
    }

    /// Lays images out in rows of `columns`, separated by `gap` pixels of `background` (RGB).
    /// Images of different sizes are placed top-left in cells the size of the largest.
    public static func grid(_ images: [RGBImage], columns: Int, gap: Int = 2, background: (UInt8, UInt8, UInt8) = (255, 255, 255)) throws(ImageError) -> RGBImage {
        guard !images.isEmpty else { throw .empty }
        let cols = max(1, min(columns, images.count))
        let rows = (images.count + cols - 1) / cols
        let cw = images.map(\.width).max() ?? 0, ch = images.map(\.height).max() ?? 0
        let w = cols * cw + (cols - 1) * gap, h = rows * ch + (rows - 1) * gap
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) { out[i * 3] = background.0; out[i * 3 + 1] = background.1; out[i * 3 + 2] = background.2 }
        for (k, image) in images.enumerated() {
            let im = rgb(image)
            let ox = (k % cols) * (cw + gap), oy = (k / cols) * (ch + gap)
            for y in 0..<im.height {
                let dst = ((oy + y) * w + ox) * 3
                out.replaceSubrange(dst..<(dst + im.width * 3), with: im.pixels[(y * im.width * 3)..<((y + 1) * im.width * 3)])
            }
        }
        return RGBImage(width: w, height: h, channels: 3, pixels: out)
    }
}
