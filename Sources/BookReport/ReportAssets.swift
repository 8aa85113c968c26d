/// Files written beside `index.html` (standalone `.svg` plots, `.png` frames, `.gif`s).
///
/// Renderers add assets while producing HTML; `ReportWriter` writes them atomically with the page.
public final class ReportAssets: @unchecked Sendable {
    public private(set) var files: [(name: String, bytes: [UInt8])] = []
    private var used: Set<String> = []

    public init() {}

    /// Adds a file and returns its name relative to the report folder (made unique: `plot-2.svg`).
    @discardableResult
    public func add(name: String, bytes: [UInt8]) -> String {
        var candidate = name
        if used.contains(candidate) {
            let dot = name.lastIndex(of: ".")
            let stem = dot.map { String(name[..<$0]) } ?? name
            let ext = dot.map { String(name[$0...]) } ?? ""
            var n = 2
            while used.contains("\(stem)-\(n)\(ext)") { n += 1 }
            candidate = "\(stem)-\(n)\(ext)"
        }
        used.insert(candidate)
        files.append((candidate, bytes))
        return candidate
    }

    /// Makes `name` available again (its file was deleted with the output that made it).
    func release(_ name: String) { used.remove(name) }

    /// Releases the bytes of the first `count` files once they are on disk (their names stay taken).
    func dropBytes(upTo count: Int) {
        for i in 0..<min(count, files.count) where !files[i].bytes.isEmpty { files[i].bytes = [] }
    }
}
