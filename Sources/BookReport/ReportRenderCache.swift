import RLSupport

/// What a report rewritten during a run keeps between writes, so each rewrite costs what changed:
/// the HTML of every medium (by output id) and of every prose block, encoded once; the asset files
/// (standalone `.svg`s) named once and written once.
///
/// `ReportWriter(cache:)` uses it; `compact(_:)` then swaps each encoded medium in the report for its
/// HTML, so the pixels of images and animations are not held for the rest of the run.
public final class ReportRenderCache: @unchecked Sendable {
    /// Asset names are unique for the whole run.
    public let assets = ReportAssets()
    /// Number of `assets.files` already on disk.
    var writtenAssets = 0
    var media: [Int: EncodedMedia] = [:]
    /// Asset files made while encoding each output id (removed from disk when the output is replaced).
    var assetsOf: [Int: [String]] = [:]
    /// Asset files of outputs no longer in the report, to delete at the next write.
    var staleAssets: [String] = []
    var prose: [Int: String] = [:]
    /// Media encoded so far (each at most once per output id); for tests and the benchmark.
    public private(set) var encodings = 0
    /// Seconds spent encoding media (each once): the part of report writing that is new work, not rewriting.
    public private(set) var encodeSeconds = 0.0
    /// Bytes of asset files written so far.
    public private(set) var assetBytesWritten = 0

    public init() {}

    /// The encoded HTML for output `id`, made by `encode` the first time only.
    func encoded(id: Int, _ encode: () -> EncodedMedia) -> EncodedMedia {
        if let m = media[id] { return m }
        let before = assets.files.count
        let t0 = Clock.monotonic()
        let m = encode()
        encodeSeconds += Clock.monotonic() - t0
        encodings += 1
        media[id] = m
        if assets.files.count > before { assetsOf[id] = assets.files[before...].map(\.name) }
        return m
    }

    func proseHTML(block: Int, _ render: () -> String) -> String {
        if let h = prose[block] { return h }
        let h = render()
        prose[block] = h
        return h
    }

    /// Highlighted cell sources by cell index, with the source and first line they were made from.
    var sources: [Int: (source: String, firstLine: Int, html: String)] = [:]

    /// The highlighted source of cell `index`, made by `render` again only when its source changed.
    func sourceHTML(cell index: Int, source: String, firstLine: Int, _ render: () -> String) -> String {
        if let s = sources[index], s.firstLine == firstLine, s.source == source { return s.html }
        let h = render()
        sources[index] = (source, firstLine, h)
        return h
    }

    /// Writes the asset files added since the last call.
    func writeNewAssets(to directory: String) throws {
        for name in staleAssets { FileIO.remove(directory + "/" + name) }
        staleAssets = []
        let files = assets.files
        while writtenAssets < files.count {
            let f = files[writtenAssets]
            try FileIO.writeAtomically(f.bytes, to: directory + "/" + f.name)
            assetBytesWritten += f.bytes.count
            writtenAssets += 1
        }
        assets.dropBytes(upTo: writtenAssets)
    }

    /// Replaces each medium of `report` that has been encoded by its `.encoded` HTML (frees its pixels).
    public func compact(_ report: inout Report) {
        for b in report.blocks.indices {
            guard case .cell(var cell) = report.blocks[b], compact(&cell.outputs, ids: cell.outputIDs) else { continue }
            report.blocks[b] = .cell(cell)
        }
    }

    /// The same for one cell's outputs (`ids` parallel to them); whether any output changed.
    @discardableResult
    public func compact(_ outputs: inout [Output], ids: [Int]) -> Bool {
        guard ids.count == outputs.count else { return false }
        var changed = false
        for i in outputs.indices {
            switch outputs[i] {
            case .plot, .image, .animation:
                if let m = media[ids[i]] { outputs[i] = .encoded(m); changed = true }
            default: break
            }
        }
        return changed
    }

    /// Forgets the HTML of outputs that are no longer in the report (replaced or cleared).
    public func retain(only report: Report) {
        var live = Set<Int>()
        for block in report.blocks { if case .cell(let c) = block { live.formUnion(c.outputIDs) } }
        for id in media.keys where !live.contains(id) {
            media[id] = nil
            if let names = assetsOf.removeValue(forKey: id) {
                staleAssets += names
                for n in names { assets.release(n) }
            }
        }
    }
}
