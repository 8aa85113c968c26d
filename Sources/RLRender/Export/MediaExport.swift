import RLSupport

/// Errors from saving frames to a file.
public enum MediaExportError: Error, CustomStringConvertible, Sendable {
    case unsupportedExtension(path: String, supported: [String])
    case noFrames
    case pngNeedsOneFrame(count: Int)
    case frameSizeMismatch(index: Int, expected: String, got: String)
    case ffmpegNotFound(format: String)
    case ffmpegFailed(status: Int, message: String)
    case gif(GIFError)
    case write(FileError)

    public var description: String {
        switch self {
        case let .unsupportedExtension(path, supported):
            return "cannot save '\(path)': unknown file extension; supported: \(supported.map { "." + $0 }.joined(separator: ", "))"
        case .noFrames: return "there are no frames to save: pass at least one image"
        case .pngNeedsOneFrame(let n):
            return "a .png file holds one image but \(n) frames were given: save one frame (e.g. frames[0]) or use .gif, .mp4 or .webm"
        case let .frameSizeMismatch(i, e, g):
            return "frame \(i) is \(g) but the first frame is \(e): every frame of a video must have the same size"
        case .ffmpegNotFound(let f):
            return "saving .\(f) needs ffmpeg, which is not on PATH; install it (Debian/Ubuntu: `apt-get install ffmpeg`, macOS: `brew install ffmpeg`) or save as .gif"
        case let .ffmpegFailed(status, message): return "ffmpeg failed (exit status \(status)): \(message)"
        case .gif(let e): return e.description
        case .write(let e): return e.description
        }
    }
}

/// Saves frames to a file chosen by extension: `.png` (one frame), `.gif` (our encoder),
/// `.mp4` / `.webm` (through `ffmpeg`). Files appear atomically (complete or not at all).
public enum MediaExport {
    /// Extensions `save` understands, lower-case without the dot.
    public static let supportedExtensions = ["png", "gif", "mp4", "webm"]

    /// Writes `frames` to `path`; `fps` sets GIF delays and the video frame rate; `dither` applies
    /// Floyd-Steinberg dithering to GIFs whose colours do not fit one 256-colour palette.
    public static func save(frames: [RGBImage], path: String, fps: Double = 30, dither: Bool = false) throws(MediaExportError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        guard supportedExtensions.contains(ext) else {
            throw .unsupportedExtension(path: path, supported: supportedExtensions)
        }
        guard !frames.isEmpty else { throw .noFrames }
        switch ext {
        case "png":
            guard frames.count == 1 else { throw .pngNeedsOneFrame(count: frames.count) }
            try writeFile(PNGEncoder.encode(frames[0]), path)
        case "gif":
            let bytes: [UInt8]
            do { bytes = try GIFEncoder.encode(frames: frames, fps: fps, dither: dither) } catch { throw .gif(error) }
            try writeFile(bytes, path)
        default:
            try VideoExport.write(frames: frames, path: path, fps: fps, container: ext == "mp4" ? .mp4 : .webm)
        }
    }

    static func writeFile(_ bytes: [UInt8], _ path: String) throws(MediaExportError) {
        do { try FileIO.writeAtomically(bytes, to: path) } catch { throw .write(error) }
    }
}
