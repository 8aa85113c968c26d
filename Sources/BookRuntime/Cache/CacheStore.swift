import RLSupport

/// The cache folder of a book (`outputs/<book>/.cache/`, or `--cache-dir`): one file per entry,
/// named by its key, written atomically (a temporary file renamed into place).
public struct CacheStore {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// A row of `rlbook cache list`.
    public struct Listing: Sendable {
        public var file: String
        public var cellName: String
        public var bytes: Int
        public var seconds: Double
        public var problem: String?
    }

    func path(forKey key: String) -> String { folder + "/" + key + CacheEntry.fileExtension }

    /// The entry for `key`: nil when there is none; a warning when one exists but cannot be used.
    func read(key: String, version: String) -> (entry: CacheEntry?, warning: String?) {
        let p = path(forKey: key)
        guard FileIO.exists(p) else { return (nil, nil) }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(p) } catch { return (nil, "cannot read cache entry \(p): \(error); the cell runs") }
        do {
            let e = try CacheEntry.decode(bytes)
            guard e.rlbookVersion == version else { return (nil, "cache entry \(p) was written by rlbook \(e.rlbookVersion), this is \(version); the cell runs") }
            guard e.key == key else { return (nil, "cache entry \(p) holds key \(e.key.prefix(12))…, not its file name's; the cell runs") }
            return (e, nil)
        } catch {
            return (nil, "\(error) in \(p); the entry is ignored and the cell runs (rlbook cache clear removes it)")
        }
    }

    func write(_ entry: CacheEntry) throws(FileError) {
        try FileIO.createDirectory(folder)
        try FileIO.writeAtomically(entry.encoded(), to: path(forKey: entry.key))
    }

    /// Entry files (and leftover temporary files of interrupted writes).
    func files() -> [String] {
        FileIO.listDirectory(folder).filter {
            $0.hasSuffix(CacheEntry.fileExtension) || $0.contains(CacheEntry.fileExtension + ".tmp-")
                || $0.hasSuffix(LearnCheckpointFile.fileExtension) || $0.contains(LearnCheckpointFile.fileExtension + ".tmp-")
        }.sorted()
    }

    public func list() -> [Listing] {
        files().map { name in
            let p = folder + "/" + name
            let size = Self.fileSize(p)
            if name.hasSuffix(LearnCheckpointFile.fileExtension) {
                return Listing(file: name, cellName: "(training checkpoint)", bytes: size, seconds: 0, problem: nil)
            }
            guard name.hasSuffix(CacheEntry.fileExtension) else {
                return Listing(file: name, cellName: "-", bytes: size, seconds: 0, problem: "unfinished write")
            }
            do {
                let e = try CacheEntry.decode(try FileIO.read(p))
                return Listing(file: name, cellName: e.cellName, bytes: size, seconds: e.seconds, problem: nil)
            } catch {
                return Listing(file: name, cellName: "?", bytes: size, seconds: 0, problem: "\(error)")
            }
        }
    }

    /// Total size of the entries, in bytes.
    public var totalBytes: Int { files().reduce(0) { $0 + Self.fileSize(folder + "/" + $1) } }

    /// Removes every entry; returns how many files and bytes.
    @discardableResult
    public func clear() -> (files: Int, bytes: Int) {
        var n = 0, bytes = 0
        for name in files() {
            bytes += Self.fileSize(folder + "/" + name)
            FileIO.remove(folder + "/" + name)
            n += 1
        }
        return (n, bytes)
    }

    static func fileSize(_ path: String) -> Int { FileIO.size(path) ?? 0 }

    /// `12.3 MB`.
    public static func sizeText(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return cFormat("%.1f kB", Double(bytes) / 1e3) }
        if bytes < 1_000_000_000 { return cFormat("%.1f MB", Double(bytes) / 1e6) }
        return cFormat("%.2f GB", Double(bytes) / 1e9)
    }
}
