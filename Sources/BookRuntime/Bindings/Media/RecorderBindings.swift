import BookDSL
import BookReport
import RLEnv
import RLRender
import RLSupport

/// `Recorder`: an animation recorded frame by frame, for long episodes (CELLS.md, "Report").
///
/// ```swift
/// let video = Recorder(fps: 50, caption: "Random actions", save: ["videos/random.gif", "videos/random.mp4"])
/// while !done { ...; video.append(env.render()) }
/// animate(video)            // the player; the files are written here (or when the cell ends)
/// ```
///
/// Each frame is encoded as it comes, for the player (within `maxBytes`, default 4 MB, scaled by
/// `scale`) and for each file in `save` (a GIF with the first frame's palette, or MP4/WebM through
/// ffmpeg), so memory stays bounded by one frame and the encoders' output, not by the episode.
enum RecorderBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {
        interpreter.defineFunction("Recorder", signature: Signature("fps?, caption?, maxBytes?, scale?, save?, cmap?")) { args in
            let fps = try MediaBindings.fps(args)
            let caption = try args.value("caption").map { _ in try args.string("caption") }
            let (maxBytes, scale) = try budget(args)
            var paths: [String] = []
            if let s = args.value("save") {
                if let p = s.asString { paths = [p] } else if let a = s.asArray {
                    paths = try a.map { v in
                        guard let p = v.asString else { throw BindingError("save: takes a path or an array of paths, e.g. save: [\"videos/run.gif\", \"videos/run.mp4\"]") }
                        return p
                    }
                } else { throw BindingError("save: takes a path or an array of paths, e.g. save: \"videos/run.gif\"") }
            }
            for p in paths {
                let ext = p.split(separator: ".").last.map { $0.lowercased() } ?? ""
                guard ["gif", "mp4", "webm"].contains(ext) else {
                    throw BindingError("a Recorder saves .gif, .mp4 or .webm files; '\(p)' has another extension (save single images with save(image, \"x.png\"))")
                }
                if ext != "gif" && VideoExport.findFFmpeg() == nil {
                    throw BindingError("saving '\(p)' needs ffmpeg, which is not on PATH; install it (e.g. apt-get install ffmpeg) or save a .gif (check ffmpegAvailable in the cell)")
                }
            }
            let recorder = RecorderObject(FrameRecorder(fps: fps, caption: caption, maxBytes: maxBytes, scale: scale), paths: paths,
                                          cmap: try args.string("cmap", default: "gray"), session: session)
            session.atCellEnd { [weak recorder] in recorder?.finishFiles() }
            return .native(recorder)
        }
    }
}

extension RecorderBindings {
    /// `maxBytes:` and `scale:` of `Recorder`, `animate` and `RecordVideo`, checked.
    static func budget(_ args: Arguments) throws -> (maxBytes: Int, scale: Double) {
        let maxBytes = try args.int("maxBytes", default: FrameRecorder.defaultMaxBytes)
        guard maxBytes >= 10_000 else { throw BindingError("maxBytes must be at least 10_000 (bytes of encoded frames in the report), got \(maxBytes)") }
        let scale = try args.double("scale", default: 1)
        guard scale > 0, scale <= 1 else { throw BindingError("scale must be in (0, 1] (0.5 halves each side), got \(scale)") }
        return (maxBytes, scale)
    }
}

/// A `Recorder` as cells see it.
final class RecorderObject: NativeObject {
    let recorder: FrameRecorder
    let paths: [String]
    let cmap: String
    unowned let session: RunSession
    private var gifs: [(path: String, stream: GIFStream)] = []
    private var videos: [VideoStream] = []
    private var filesDone = false
    private var started = false

    init(_ recorder: FrameRecorder, paths: [String], cmap: String, session: RunSession) {
        self.recorder = recorder
        self.paths = paths
        self.cmap = cmap
        self.session = session
    }

    var typeName: String { "Recorder" }
    var description: String { "<Recorder \(recorder.frameCount) frames>" }
    var memberNames: [String] { ["append", "frameCount", "count", "finish", "encodedBytes"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "frameCount", "count": return .int(recorder.frameCount)
        case "encodedBytes": return .int(recorder.encodedBytes)
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        switch name {
        case "append":
            guard args.positional.count == 1 else { throw BindingError("append takes one frame: video.append(env.render())") }
            try append(MediaBindings.image(args.positional[0], cmap: cmap))
            return .void
        case "finish":
            try finish()
            return .void
        default: return nil
        }
    }

    func append(_ frame: RGBImage) throws {
        guard !filesDone else { throw BindingError("this Recorder is finished (its files are written); make a new one for another episode") }
        do { try recorder.append(frame) } catch { throw BindingError(error.description) }
        if !started {
            started = true
            for p in paths {
                let full = try session.resolve(p)
                if p.lowercased().hasSuffix(".gif") {
                    do {
                        let dir = FileIO.parentDirectory(of: full)
                        if !dir.isEmpty { try FileIO.createDirectory(dir) }
                        gifs.append((full, try GIFStream(width: frame.width, height: frame.height, palette: Palette.build(for: [frame]), fps: recorder.fps)))
                    } catch { throw BindingError("cannot record '\(p)': \(error)") }
                } else {
                    do {
                        videos.append(try VideoStream(path: full, width: frame.width, height: frame.height, fps: recorder.fps,
                                                      container: p.lowercased().hasSuffix(".mp4") ? .mp4 : .webm))
                    } catch { throw BindingError("cannot record '\(p)': \(error.description)") }
                }
            }
        }
        do {
            for g in gifs { try g.stream.append(frame) }
            for v in videos { try v.append(frame) }
        } catch { throw BindingError("\(error)") }
    }

    /// Writes the files (once) and shows where they went.
    func finish() throws {
        guard !filesDone else { return }
        filesDone = true
        var problems: [String] = []
        for g in gifs {
            do { try FileIO.writeAtomically(try g.stream.finish(), to: g.path) } catch { problems.append("\(g.path): \(error)") }
        }
        for v in videos {
            do { try v.finish() } catch { problems.append("\(v.path): \(error.description)") }
        }
        gifs = []
        videos = []
        if started, let size = recorder.sourceSize {
            for p in paths where !problems.contains(where: { $0.hasPrefix(((try? session.resolve(p)) ?? p) + ":") }) {
                MediaBindings.showSaved(path: p, width: size.width, height: size.height, session: session)
            }
        }
        if !problems.isEmpty { throw BindingError("the recording could not be saved: " + problems.joined(separator: "; ")) }
    }

    /// At the end of the cell: files not yet written are written, problems shown as notes.
    func finishFiles() {
        do { try finish() } catch { session.emit(.note("\(error)")) }
    }
}

/// Where `RecordVideo(env, videoFolder: "videos")` sends each recorded episode: a file per video
/// (`videos/rl-video-episode-0.gif`, or `.mp4`/`.webm` with `format:` through ffmpeg) written as the
/// frames come, and (unless `show: false`) a player in the report, added when the video ends.
final class ReportVideoSink: VideoSink {
    let folder: String
    let format: String
    let show: Bool
    let maxBytes: Int
    let scale: Double
    unowned let session: RunSession
    private var current: RecorderObject?
    private var currentName = ""
    private var currentFPS = 30
    private var parts = 0

    init(folder: String, args: Arguments, session: RunSession) throws {
        self.folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        format = try args.string("format", default: "gif").lowercased()
        guard ["gif", "mp4", "webm"].contains(format) else {
            throw BindingError("format must be \"gif\", \"mp4\" or \"webm\"\(DidYouMean.hint(format, from: ["gif", "mp4", "webm"]))")
        }
        if format != "gif" && VideoExport.findFFmpeg() == nil {
            throw BindingError("format: \"\(format)\" needs ffmpeg, which is not on PATH; install it (e.g. apt-get install ffmpeg) or use format: \"gif\"")
        }
        show = try args.bool("show", default: true)
        (maxBytes, scale) = try RecorderBindings.budget(args)
        self.session = session
    }

    func beginVideo(name: String, fps: Int) throws {
        endVideo()
        currentName = name
        currentFPS = fps
        parts = 1
        current = makeRecorder(name)
    }

    private func makeRecorder(_ name: String) -> RecorderObject {
        let rec = RecorderObject(FrameRecorder(fps: Double(currentFPS), caption: name, maxBytes: maxBytes, scale: scale),
                                 paths: ["\(folder)/\(name).\(format)"], cmap: "gray", session: session)
        // A video still open when the cell ends is finished with the cell; later frames start a new part.
        session.atCellEnd { [weak self, weak rec] in
            guard let self, let rec, self.current === rec else { return }
            self.endVideo()
        }
        return rec
    }

    func appendFrame(_ frame: RGBImage) throws {
        if current == nil {
            parts += 1
            current = makeRecorder("\(currentName)-part-\(parts)")
        }
        try current?.append(frame)
    }

    func endVideo() {
        guard let rec = current else { return }
        current = nil
        rec.finishFiles()
        if show && rec.recorder.frameCount > 0 { session.emit(.encoded(rec.recorder.encoded())) }
    }
}
