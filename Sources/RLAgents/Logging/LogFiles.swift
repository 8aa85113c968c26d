import RLSupport

/// Path and folder helpers for the log outputs (POSIX; no Foundation).
enum LogFiles {
    /// `os.path.join(base, name)` for a relative `name`.
    static func join(_ base: String, _ name: String) -> String {
        if base.isEmpty { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// `os.makedirs(path, exist_ok=True)`.
    static func createDirectory(_ path: String) throws {
        do { try FileIO.createDirectory(path) } catch { throw AgentIOError.io("\(error)") }
    }

    /// SB3's default log folder when none is given: `<tempdir>/SB3-<time>` (here unix seconds and pid).
    static func temporaryFolder() -> String {
        let tmp = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return join(tmp.isEmpty ? "/tmp" : tmp, "SB3-\(Int(Clock.wallSeconds()))-\(getpid())")
    }

    /// The names in a folder (without "." and ".."), or [] when it cannot be read.
    static func listDirectory(_ path: String) -> [String] { FileIO.listDirectory(path) }
}

/// A text file written through a C stream and flushed after each write, like Python's
/// `open(path, "w")` + `file.flush()` in SB3's writers.
final class TextFile {
    let path: String
    private var file: UnsafeMutablePointer<FILE>?

    /// Opens `path` for writing, truncating it.
    init(path: String) throws {
        self.path = path
        guard let f = fopen(path, "w") else {
            throw AgentIOError.io("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        file = f
    }

    deinit { close() }

    func write(_ text: String) throws {
        guard let f = file else { throw AgentIOError.io("'\(path)' is closed") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        if written != bytes.count || fflush(f) != 0 {
            throw AgentIOError.io("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Replaces the whole content (the stream stays open for appending).
    func rewrite(_ text: String) throws {
        if let f = file { fclose(f) }
        guard let f = fopen(path, "w") else {
            file = nil
            throw AgentIOError.io("cannot rewrite '\(path)': \(String(cString: strerror(errno)))")
        }
        file = f
        try write(text)
    }

    func close() {
        if let f = file { fclose(f) }
        file = nil
    }
}
