/// An animated GIF written frame by frame, for recordings too long to hold in memory: the state is
/// one pending frame (its delay is known when the next one comes), the previous frame's palette
/// indices (for the changed rectangle) and the bytes written so far.
///
/// The palette is fixed up front (`GIFEncoder.encode` builds it from all frames; a recording builds
/// it from its first frame, which suits environments whose colours do not change within an episode).
/// Timing, merging of identical frames and changed rectangles are as `GIFEncoder.encode` describes.
public final class GIFStream {
    public let width: Int
    public let height: Int
    public let fps: Double
    private let mapper: PaletteMapper
    private let dither: Bool
    private let minCodeSize: Int
    private var lzw = LZWEncoder()
    private var out: [UInt8] = []
    private var previous: [UInt8]?
    private var pending: (indices: [UInt8], start: Int)?
    /// Frames offered so far (the frame clock), and the start time of the last frame kept.
    public private(set) var framesOffered = 0
    private var lastStart: Int?
    private let loop: Bool
    private var headerWritten = false

    public init(width: Int, height: Int, palette: Palette, fps: Double = 30, dither: Bool = false, loop: Bool = true) throws(GIFError) {
        guard width <= 65535, height <= 65535, width > 0, height > 0 else { throw .tooLarge(width: width, height: height) }
        self.width = width
        self.height = height
        self.fps = fps.isFinite && fps > 0 ? fps : 30
        self.mapper = PaletteMapper(palette)
        self.dither = dither
        self.loop = loop
        var bits = 1
        while (1 << bits) < palette.count { bits += 1 }
        minCodeSize = max(2, bits)
        out = Array("GIF89a".utf8)
        Self.le16(&out, width); Self.le16(&out, height)
        out.append(0x80 | UInt8((bits - 1) << 4) | UInt8(bits - 1)) // global table, colour resolution, size
        out += [0, 0]
        var table = palette.rgb
        table += [UInt8](repeating: 0, count: (3 << bits) - table.count)
        out += table
    }

    /// Adds the next frame (dropped when it would start within 2/100 s of the last one kept).
    public func append(_ frame: RGBImage) throws(GIFError) {
        guard frame.width == width, frame.height == height else {
            throw .frameSizeMismatch(index: framesOffered, expected: "\(width)x\(height)", got: "\(frame.width)x\(frame.height)")
        }
        let i = framesOffered
        framesOffered += 1
        guard let start = Self.start(ofFrame: i, fps: fps, after: lastStart) else { return }
        lastStart = start
        let indices = mapper.map(frame, dither: dither)
        if let p = pending, p.indices == indices { return } // identical: the pending frame lasts longer
        if let p = pending { writeFrame(p.indices, delay: start - p.start, more: true) }
        pending = (indices, start)
    }

    /// Frame `i`'s start in 1/100 s, or nil when it is dropped for starting within 2/100 s of the
    /// last frame kept (`lastStart`): browsers slow frames that short to 1/10 s.
    static func start(ofFrame i: Int, fps: Double, after lastStart: Int?) -> Int? {
        let start = Int((Double(i) * 100 / fps).rounded())
        if let last = lastStart, start - last < 2 { return nil }
        return start
    }

    /// The finished GIF (the stream cannot be appended to afterwards).
    public func finish() throws(GIFError) -> [UInt8] {
        guard let p = pending else { throw .noFrames }
        let endTime = max(Int((Double(framesOffered) * 100 / fps).rounded()), p.start + 2)
        writeFrame(p.indices, delay: endTime - p.start, more: false)
        pending = nil
        out.append(0x3B)
        return out
    }

    private func writeFrame(_ indices: [UInt8], delay rawDelay: Int, more: Bool) {
        if !headerWritten {
            headerWritten = true
            if loop && more {
                out += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01, 0x00, 0x00, 0x00]
            }
        }
        let w = width, h = height
        let delay = min(65535, max(2, rawDelay))
        // Changed rectangle against the previous frame (whole frame for the first).
        var x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1
        if let prev = previous {
            x0 = w; y0 = h; x1 = -1; y1 = -1
            for y in 0..<h {
                for x in 0..<w where prev[y * w + x] != indices[y * w + x] {
                    x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
                }
            }
            if x1 < 0 { x0 = 0; y0 = 0; x1 = 0; y1 = 0 }
        }
        // Graphic control extension: disposal 1 (leave in place), delay.
        out += [0x21, 0xF9, 0x04, 0x04]
        Self.le16(&out, delay)
        out += [0x00, 0x00]
        // Image descriptor (no local table, not interlaced).
        out.append(0x2C)
        Self.le16(&out, x0); Self.le16(&out, y0); Self.le16(&out, x1 - x0 + 1); Self.le16(&out, y1 - y0 + 1)
        out.append(0)
        var sub: [UInt8] = []
        sub.reserveCapacity((x1 - x0 + 1) * (y1 - y0 + 1))
        for y in y0...y1 { sub += indices[(y * w + x0)...(y * w + x1)] }
        out.append(UInt8(minCodeSize))
        let data = lzw.encode(sub, minCodeSize: minCodeSize)
        var p = 0
        while p < data.count {
            let n = min(255, data.count - p)
            out.append(UInt8(n))
            out += data[p..<(p + n)]
            p += n
        }
        out.append(0)
        previous = indices
    }

    static func le16(_ out: inout [UInt8], _ v: Int) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF))
    }
}
