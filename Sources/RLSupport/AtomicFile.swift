
/// Errors from file-system helpers, with the path and the system's reason.
public enum FileError: Error, CustomStringConvertible, Sendable {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotCreateDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotRead(let p, let r): return "cannot read '\(p)': \(r)"
        case .cannotWrite(let p, let r): return "cannot write '\(p)': \(r)"
        case .cannotCreateDirectory(let p, let r): return "cannot create folder '\(p)': \(r)"
        }
    }
}

/// Small POSIX file helpers: whole-file reads, atomic writes (temp file + fsync + rename), `mkdir -p`.
public enum FileIO {
    static func reason() -> String { String(cString: strerror(errno)) }

    /// Reads a whole file as bytes.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        // O_NONBLOCK so that a FIFO cannot block the open; anything but a regular file is refused
        // (`/dev/zero` would never end, a FIFO may never be written).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw .cannotRead(path: path, reason: reason()) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw .cannotRead(path: path, reason: "it is a folder") }
            if (st.st_mode & S_IFMT) != S_IFREG { throw .cannotRead(path: path, reason: "it is not a regular file (a device, pipe or socket)") }
            if let why = MemoryBudget.refusal(count: Int(st.st_size), elementBytes: 1, what: "reading it") {
                throw .cannotRead(path: path, reason: why)
            }
        }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Platform.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .cannotRead(path: path, reason: reason()) }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            // Ctrl-C or a cell's timeout stops a long read; the caller reports the stop.
            if Cancellation.isRequested { throw .cannotRead(path: path, reason: "the read was stopped") }
        }
        return out
    }

    /// Whether a path exists (file or folder).
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The size of a file in bytes; nil when it does not exist.
    public static func size(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    /// Cuts a file back to its first `size` bytes.
    public static func truncate(_ path: String, to size: Int) throws(FileError) {
        if Platform.truncate(path, size) != 0 { throw .cannotWrite(path: path, reason: reason()) }
    }

    /// Whether a path is a folder.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates a folder and its parents (like `mkdir -p`).
    public static func createDirectory(_ path: String) throws(FileError) {
        if path.isEmpty || isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += part
            if !isDirectory(prefix) {
                if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                    throw .cannotCreateDirectory(path: prefix, reason: reason())
                }
            }
            prefix += "/"
        }
    }

    /// Writes bytes atomically: a temp file beside `path`, fsync, then `rename` over `path`.
    /// Readers see the old file or the complete new one, never a half-written one.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileError) {
        do {
            try writeAtomically(to: path) { emit in try bytes.withUnsafeBytes { try emit($0) } }
        } catch let e as FileError {
            throw e
        } catch {
            // (the producer above throws only what `emit` throws: a FileError)
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// Writes a file atomically from pieces that `produce` hands to its `emit` argument in order, without
    /// gathering them in memory first (a training checkpoint with a large replay buffer is gigabytes):
    /// a temp file beside `path`, fsync, then `rename` over `path`. Small pieces are staged in a 1 MiB
    /// buffer; large ones go straight to the file. If `produce` throws, or a write fails, the temp file
    /// is removed, `path` is left as it was, and the error is rethrown (a write failure as `FileError`).
    public static func writeAtomically(to path: String, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let dir = parentDirectory(of: path)
        if !dir.isEmpty { try createDirectory(dir) }
        let tmp = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw FileError.cannotWrite(path: path, reason: reason()) }
        let stageSize = 1 << 20
        let stage = UnsafeMutableRawPointer.allocate(byteCount: stageSize, alignment: 16)
        var staged = 0
        defer { stage.deallocate() }
        func put(_ p: UnsafeRawPointer, _ count: Int) throws {
            var offset = 0
            while offset < count {
                let n = Platform.write(fd, p + offset, count - offset)
                if n < 0 { if errno == EINTR { continue }; throw FileError.cannotWrite(path: path, reason: reason()) }
                offset += n
            }
        }
        func flush() throws { if staged > 0 { try put(stage, staged); staged = 0 } }
        do {
            try produce { piece in
                guard let base = piece.baseAddress, piece.count > 0 else { return }
                if piece.count > stageSize / 4 {
                    try flush()
                    try put(base, piece.count)
                } else {
                    if staged + piece.count > stageSize { try flush() }
                    (stage + staged).copyMemory(from: base, byteCount: piece.count)
                    staged += piece.count
                }
            }
            try flush()
            if fsync(fd) != 0 { throw FileError.cannotWrite(path: path, reason: reason()) }
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        if rename(tmp, path) != 0 {
            let why = reason()
            unlink(tmp)
            throw FileError.cannotWrite(path: path, reason: why)
        }
    }

    /// Writes a UTF-8 string atomically.
    public static func writeAtomically(_ text: String, to path: String) throws(FileError) {
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// The folder part of a path (`a/b/c.txt` -> `a/b`), or "" for a bare name.
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Removes a file if it exists.
    public static func remove(_ path: String) { unlink(path) }

    /// The names in a folder (without "." and ".."), unsorted, or [] when it cannot be read.
    public static func listDirectory(_ path: String) -> [String] {
        guard let d = opendir(path.isEmpty ? "." : path) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

