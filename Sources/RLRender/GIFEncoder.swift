/// Errors from the GIF encoder.
public enum GIFError: Error, CustomStringConvertible, Sendable, Equatable {
    case noFrames
    case frameSizeMismatch(index: Int, expected: String, got: String)
    case tooLarge(width: Int, height: Int)

    public var description: String {
        switch self {
        case .noFrames: return "cannot write a GIF with no frames: pass at least one image"
        case let .frameSizeMismatch(i, e, g):
            return "frame \(i) is \(g) but the first frame is \(e): every frame of an animation must have the same size"
        case let .tooLarge(w, h): return "a GIF is at most 65535x65535 pixels; this frame is \(w)x\(h)"
        }
    }
}

/// An animated GIF89a encoder: one global palette for the whole animation (`Palette.build`),
/// our own LZW, frame delays from the frame rate, NETSCAPE2.0 loop-forever extension, identical
/// consecutive frames merged into one longer frame, and only the changed rectangle of each frame stored.
public enum GIFEncoder {
    /// GIF file bytes. `fps` sets the delays (rounded to GIF's 1/100 s; frames closer than 2/100 s
    /// apart are dropped, since browsers slow such frames to 1/10 s). `loop` repeats forever.
    public static func encode(frames: [RGBImage], fps: Double = 30, dither: Bool = false, loop: Bool = true) throws(GIFError) -> [UInt8] {
        guard let first = frames.first else { throw .noFrames }
        let w = first.width, h = first.height
        guard w <= 65535, h <= 65535, w > 0, h > 0 else { throw .tooLarge(width: w, height: h) }
        for (i, f) in frames.enumerated() where f.width != w || f.height != h {
            throw .frameSizeMismatch(index: i, expected: "\(w)x\(h)", got: "\(f.width)x\(f.height)")
        }
        let fps = fps.isFinite && fps > 0 ? fps : 30
        // Choose frames and their start times in centiseconds.
        var chosen: [(index: Int, start: Int)] = []
        for i in 0..<frames.count {
            let start = Int((Double(i) * 100 / fps).rounded())
            if let last = chosen.last, start - last.start < 2 { continue }
            chosen.append((i, start))
        }
        let endTime = max(Int((Double(frames.count) * 100 / fps).rounded()), (chosen.last?.start ?? 0) + 2)

        let palette = Palette.build(for: chosen.map { frames[$0.index] })
        let mapper = PaletteMapper(palette)
        var bits = 1
        while (1 << bits) < palette.count { bits += 1 }
        let minCodeSize = max(2, bits)

        var out: [UInt8] = Array("GIF89a".utf8)
        le16(&out, w); le16(&out, h)
        out.append(0x80 | UInt8((bits - 1) << 4) | UInt8(bits - 1)) // global table, colour resolution, size
        out += [0, 0]
        var table = palette.rgb
        table += [UInt8](repeating: 0, count: (3 << bits) - table.count)
        out += table
        if loop && chosen.count > 1 {
            out += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01, 0x00, 0x00, 0x00]
        }
        // Index frames, merging identical consecutive ones.
        var merged: [(indices: [UInt8], start: Int)] = []
        for c in chosen {
            let idx = mapper.map(frames[c.index], dither: dither)
            if let last = merged.last, last.indices == idx { continue }
            merged.append((idx, c.start))
        }
        var lzw = LZWEncoder()
        var previous: [UInt8]? = nil
        for (k, frame) in merged.enumerated() {
            let stop = k + 1 < merged.count ? merged[k + 1].start : endTime
            let delay = min(65535, max(2, stop - frame.start))
            // Changed rectangle against the previous frame (whole frame for the first).
            var x0 = 0, y0 = 0, x1 = w - 1, y1 = h - 1
            if let prev = previous {
                x0 = w; y0 = h; x1 = -1; y1 = -1
                for y in 0..<h {
                    for x in 0..<w where prev[y * w + x] != frame.indices[y * w + x] {
                        x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
                    }
                }
                if x1 < 0 { x0 = 0; y0 = 0; x1 = 0; y1 = 0 }
            }
            // Graphic control extension: disposal 1 (leave in place), delay.
            out += [0x21, 0xF9, 0x04, 0x04]
            le16(&out, delay)
            out += [0x00, 0x00]
            // Image descriptor (no local table, not interlaced).
            out.append(0x2C)
            le16(&out, x0); le16(&out, y0); le16(&out, x1 - x0 + 1); le16(&out, y1 - y0 + 1)
            out.append(0)
            var sub: [UInt8] = []
            sub.reserveCapacity((x1 - x0 + 1) * (y1 - y0 + 1))
            for y in y0...y1 { sub += frame.indices[(y * w + x0)...(y * w + x1)] }
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
            previous = frame.indices
        }
        out.append(0x3B)
        return out
    }

    static func le16(_ out: inout [UInt8], _ v: Int) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF))
    }
}
