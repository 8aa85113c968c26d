import RLAgents
import RLRender
import RLSupport

/// One cached cell: what it showed, the bindings it left, the generators' states after it, and the
/// files it read (with their hashes, checked before the entry is used).
///
/// File layout (little endian): the magic `RLBOOKCACHE\n`, a format version (UInt32), then the
/// header (rlbook version, key, book file, cell name, seconds the cell ran, files read), the outputs,
/// the state and the files the cell wrote (each DEFLATE-compressed, after its uncompressed size), and
/// a SHA-256 of everything before it. A file with another magic, format version or
/// rlbook version is foreign; a wrong checksum or a short file is corrupt. Either is ignored with a
/// warning and the cell runs.
struct CacheEntry {
    static let magic = Array("RLBOOKCACHE\n".utf8)
    static let formatVersion: UInt32 = 2
    static let fileExtension = ".rlcache"

    var rlbookVersion: String
    var key: String
    var bookFile: String
    var cellName: String
    /// How long the cell ran when the entry was made (shown as the cell's time on a hit).
    var seconds: Double
    /// Files the cell read (the paths it named) and the SHA-256 of their contents then.
    var files: [(path: String, sha256: String)]
    var outputs: [UInt8]
    var state: [UInt8]
    /// Files the cell wrote (saved models, GIFs), put back on a hit when they are missing or differ.
    var written: [(path: String, bytes: [UInt8])] = []

    func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.bytes = Self.magic
        w.u32(Self.formatVersion)
        w.string(rlbookVersion)
        w.string(key)
        w.string(bookFile)
        w.string(cellName)
        w.double(seconds)
        w.int(files.count)
        for f in files { w.string(f.path); w.string(f.sha256) }
        Self.packed(outputs, &w)
        Self.packed(state, &w)
        w.int(written.count)
        for f in written { w.string(f.path); Self.packed(f.bytes, &w) }
        var h = SHA256()
        h.update(w.bytes)
        w.bytes += h.finish()
        return w.bytes
    }

    /// Reads an entry; `header` stops after the header (for listings).
    static func decode(_ bytes: [UInt8], headerOnly: Bool = false) throws(CacheError) -> CacheEntry {
        guard bytes.count >= magic.count + 4, Array(bytes[0..<magic.count]) == magic else {
            throw .foreign("not an rlbook cache entry")
        }
        var r = ByteReader(bytes, offset: magic.count)
        let format = try r.u32()
        guard format == formatVersion else { throw .foreign("cache format \(format), this rlbook reads format \(formatVersion)") }
        if !headerOnly {
            guard bytes.count >= r.offset + 32 else { throw .corrupt("too short") }
            var h = SHA256()
            h.update(bytes[0..<(bytes.count - 32)])
            guard h.finish() == Array(bytes[(bytes.count - 32)...]) else { throw .corrupt("checksum mismatch (the file was damaged or cut short)") }
        }
        let version = try r.string()
        let key = try r.string()
        let book = try r.string()
        let cell = try r.string()
        let seconds = try r.double()
        var files: [(String, String)] = []
        for _ in 0..<(try r.count()) { files.append((try r.string(), try r.string())) }
        var e = CacheEntry(rlbookVersion: version, key: key, bookFile: book, cellName: cell, seconds: seconds, files: files, outputs: [], state: [])
        if headerOnly { return e }
        e.outputs = try unpacked(&r)
        e.state = try unpacked(&r)
        for _ in 0..<(try r.count()) { e.written.append((try r.string(), try unpacked(&r))) }
        return e
    }

    /// Frames of CarRacing and most outputs compress well; level 1 keeps writing fast.
    static func packed(_ bytes: [UInt8], _ w: inout ByteWriter) {
        w.int(bytes.count)
        w.blob(Deflate.compress(bytes, level: 1))
    }

    static func unpacked(_ r: inout ByteReader) throws(CacheError) -> [UInt8] {
        let size = try r.int()
        let packed = try r.blob()
        guard size >= 0, size <= MemoryBudget.bytes else { throw .corrupt("a section claims \(size) bytes") }
        do {
            let out = try RawInflate.decompress(packed, limit: size)
            guard out.count == size else { throw CacheError.corrupt("a section inflates to \(out.count) bytes, not \(size)") }
            return out
        } catch let e as CacheError { throw e } catch { throw .corrupt("a compressed section is damaged (\(error))") }
    }
}
