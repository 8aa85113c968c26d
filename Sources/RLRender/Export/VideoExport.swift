import RLSupport

/// Writes `.mp4` / `.webm` videos by piping raw RGB frames into `ffmpeg` (found on `PATH`).
///
/// `ffmpeg` is started with `posix_spawn`; frames go through a socket (so a crashed `ffmpeg` gives
/// an error, not SIGPIPE) and the video is written to a temporary file renamed into place when done.
public enum VideoExport {
    /// Containers this exporter writes.
    public enum Container: String, Sendable, CaseIterable {
        case mp4, webm
    }

    /// The `ffmpeg` executable on `PATH`, if any.
    public static func findFFmpeg(path: String? = nil) -> String? {
        let searchPath = path ?? (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin")
        for dir in searchPath.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/ffmpeg"
            if access(candidate, X_OK) == 0 && !FileIO.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// The arguments for `ffmpeg` (after the executable name).
    static func arguments(width: Int, height: Int, fps: Double, container: Container, output: String) -> [String] {
        var args = ["-hide_banner", "-loglevel", "error", "-y",
                    "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)", "-r", "\(fps)", "-i", "pipe:0", "-an",
                    // yuv420p needs even sizes.
                    "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"]
        switch container {
        case .mp4: args += ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"]
        case .webm: args += ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32", "-pix_fmt", "yuv420p", "-f", "webm"]
        }
        return args + [output]
    }

    /// Encodes `frames` (all the same size) to `path` with `ffmpeg` (`ffmpeg` overrides the `PATH` search).
    public static func write(frames: [RGBImage], path: String, fps: Double, container: Container, ffmpeg: String? = nil) throws(MediaExportError) {
        guard let first = frames.first else { throw .noFrames }
        for (i, f) in frames.enumerated() where f.width != first.width || f.height != first.height {
            throw .frameSizeMismatch(index: i, expected: "\(first.width)x\(first.height)", got: "\(f.width)x\(f.height)")
        }
        let stream = try VideoStream(path: path, width: first.width, height: first.height, fps: fps, container: container, ffmpeg: ffmpeg)
        // Ctrl-C or a cell's timeout stops a long encoding (the interpreter reports the stop).
        for f in frames where !Cancellation.isRequested { try stream.append(f) }
        try stream.finish()
    }
}

/// A video written frame by frame: `ffmpeg` reads raw RGB frames from a socket as they come and
/// writes a temporary file, renamed to `path` by `finish()` (nothing is left behind on failure).
public final class VideoStream {
    public let path: String
    public let width: Int
    public let height: Int
    private let tmp: String
    private let errPath: String
    private var socket: Int32
    private let pid: pid_t
    private var failed = false
    private var finished = false
    private var frames = 0

    public init(path: String, width: Int, height: Int, fps: Double, container: VideoExport.Container, ffmpeg: String? = nil) throws(MediaExportError) {
        guard let exe = ffmpeg ?? VideoExport.findFFmpeg() else { throw .ffmpegNotFound(format: container.rawValue) }
        self.path = path
        self.width = width
        self.height = height
        let dir = FileIO.parentDirectory(of: path)
        if !dir.isEmpty {
            do { try FileIO.createDirectory(dir) } catch { throw .write(error) }
        }
        tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        errPath = "\(tmp).log"
        let argv = [exe] + VideoExport.arguments(width: width, height: height, fps: fps > 0 && fps.isFinite ? fps : 30,
                                                 container: container, output: tmp)
        var fds: [Int32] = [0, 0]
        #if canImport(Darwin)
        let sockType = SOCK_STREAM
        #else
        let sockType = Int32(SOCK_STREAM.rawValue)
        #endif
        guard socketpair(AF_UNIX, sockType, 0, &fds) == 0 else { throw .ffmpegFailed(status: -1, message: "cannot create a socket: \(String(cString: strerror(errno)))") }
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fds[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        var child = pid_t()
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        let rc = posix_spawn(&child, exe, &actions, nil, cArgs, environ)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            FileIO.remove(errPath)
            throw .ffmpegFailed(status: -1, message: "cannot start '\(exe)': \(String(cString: strerror(rc)))")
        }
        socket = fds[0]
        pid = child
    }

    deinit {
        if !finished { try? finish() }
    }

    /// Sends the next frame to ffmpeg (errors surface at `finish`, with ffmpeg's own message).
    public func append(_ frame: RGBImage) throws(MediaExportError) {
        guard frame.width == width, frame.height == height else {
            throw .frameSizeMismatch(index: frames, expected: "\(width)x\(height)", got: "\(frame.width)x\(frame.height)")
        }
        frames += 1
        guard !failed, !finished else { return }
        #if canImport(Darwin)
        let flags: Int32 = 0
        #else
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        let rgb = ImageOps.rgb(frame)
        let sock = socket
        var bad = false
        rgb.pixels.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = send(sock, raw.baseAddress! + off, raw.count - off, flags)
                if n < 0 { if errno == EINTR { continue }; bad = true; return }
                off += n
            }
        }
        if bad { failed = true }
    }

    /// Waits for ffmpeg and moves the video into place.
    public func finish() throws(MediaExportError) {
        guard !finished else { return }
        finished = true
        close(socket)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let log = (try? FileIO.read(errPath)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        FileIO.remove(errPath)
        let exited = (status & 0x7F) == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        if failed || code != 0 {
            FileIO.remove(tmp)
            let tail = String(log.suffix(600)).trimmingCharacters(in: " \n")
            throw .ffmpegFailed(status: Int(code), message: tail.isEmpty ? "ffmpeg stopped before reading every frame" : tail)
        }
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            FileIO.remove(tmp)
            throw .write(.cannotWrite(path: path, reason: reason))
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
