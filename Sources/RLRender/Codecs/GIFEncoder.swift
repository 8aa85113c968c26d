import RLSupport
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
        // The palette from the frames that will be kept (those at least 2/100 s apart).
        var chosen: [Int] = []
        var lastStart: Int?
        for i in 0..<frames.count {
            guard let start = GIFStream.start(ofFrame: i, fps: fps, after: lastStart) else { continue }
            lastStart = start
            chosen.append(i)
        }
        let stream = try GIFStream(width: w, height: h, palette: Palette.build(for: chosen.map { frames[$0] }), fps: fps, dither: dither, loop: loop)
        // Ctrl-C or a cell's timeout stops a long encoding (the interpreter reports the stop).
        for f in frames where !Cancellation.isRequested { try stream.append(f) }
        return try stream.finish()
    }

    static func le16(_ out: inout [UInt8], _ v: Int) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8((v >> 8) & 0xFF))
    }
}
