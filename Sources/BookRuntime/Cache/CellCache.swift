import BookDSL
import BookMarkdown
import BookReport
import RLSupport
import RLTensor

/// The book runner's view of the cache: keys for cells, hits restored, entries stored.
///
/// A cell's key is the SHA-256 of: the cache format and rlbook's version; the cell's code; the code of
/// every earlier cell that touches (reads, writes or declares) a global this cell names, and theirs
/// in turn (so parameters reach the cells that read them through the parameters cell); the book seed
/// and device; and the states of both random generators as the cell starts (so an earlier cell that
/// draws one more random number invalidates it, and a hit leaves the generators as the cell did).
/// Prose never enters a key. Files the cell read are checked by content when the entry is used.
final class CellCache {
    let store: CacheStore
    let version: String
    let interp: Interpreter
    let cells: [Cell]
    let compiled: [Int: CompiledCell]
    let seed: Int?
    let device: String
    /// The report folder: paths inside it are stored relative to it (`@out/…`), so `--out` can change.
    let outDir: String
    /// The most bytes of written files one entry keeps (larger ones are left out: they stay on disk).
    static let writtenFilesLimit = 256 << 20
    /// Globals some cell declares (host globals are not stored; they are there in every run).
    let cellGlobals: Set<String>
    private var depHashes: [Int: String] = [:]
    /// Values bound to a cell's declarations (the parameters cell's `-p`/`--profile` values, as text):
    /// part of its key, as its code is.
    var boundValues: [Int: String] = [:]
    /// Frame size of the cell that declared each top-level name.
    private let frameSizes: [String: Int]
    /// The objects reachable before the running cell (for the entry written after it).
    private var before: ObjectPaths?

    init(store: CacheStore, version: String, interpreter: Interpreter, cells: [Cell], compiled: [Int: CompiledCell], seed: Int?, device: String, outDir: String) {
        self.outDir = outDir
        self.store = store
        self.version = version
        self.interp = interpreter
        self.cells = cells
        self.compiled = compiled
        self.seed = seed
        self.device = device
        var globals = Set<String>()
        var sizes: [String: Int] = [:]
        for c in cells {
            guard let cc = compiled[c.index] else { continue }
            globals.formUnion(cc.declaredGlobals)
            for n in cc.declaredGlobals { sizes[n] = interpreter.frameSize(of: cc) }
        }
        cellGlobals = globals
        frameSizes = sizes
    }

    // MARK: - Keys

    /// Globals of cells a cell names (reads or writes).
    func touched(_ index: Int) -> Set<String> {
        guard let cc = compiled[index] else { return [] }
        return cc.declaredGlobals.union(cc.globalReads.intersection(cellGlobals))
    }

    /// Hash of a cell's code and of the code it depends on (transitively).
    func dependencyHash(_ index: Int) -> String {
        if let h = depHashes[index] { return h }
        var h = SHA256()
        h.field("cell")
        h.field(cells.first { $0.index == index }?.source ?? "")
        if let bound = boundValues[index] { h.field(bound) }
        let names = compiled[index].map { $0.globalReads.intersection(cellGlobals) } ?? []
        var deps: [Int] = []
        if !names.isEmpty {
            for c in cells where c.index < index && c.options.eval && !touched(c.index).isDisjoint(with: names) { deps.append(c.index) }
        }
        for d in deps { h.field(dependencyHash(d)) }
        let digest = h.hexDigest()
        depHashes[index] = digest
        return digest
    }

    /// The key of a cell as it is about to run (call after any `//| seed:` reseeding).
    func key(_ index: Int) -> String {
        var h = SHA256()
        h.field("rlbook-cell-cache/\(CacheEntry.formatVersion)")
        h.field(version)
        h.field(dependencyHash(index))
        h.field(seed.map(String.init) ?? "none")
        h.field(device)
        h.field(Self.randomStates(interp).map(String.init).joined(separator: ","))
        return h.hexDigest()
    }

    // MARK: - Generators

    static func randomStates(_ interp: Interpreter) -> [UInt64] {
        var out = [interp.randomState]
        if let g = (Tensor.generator as? NumpyRandomSource)?.generator { out += g.stateWords }
        return out
    }

    static func restoreRandomStates(_ s: [UInt64], _ interp: Interpreter) {
        guard let first = s.first else { return }
        interp.randomState = first
        if s.count == 6, let g = (Tensor.generator as? NumpyRandomSource)?.generator { g.setStateWords(Array(s[1...])) }
    }

    // MARK: - Hits

    struct Hit {
        var outputs: [Output]
        var seconds: Double
    }

    /// Restores a cell from its entry: its bindings and the generators are set, its outputs returned.
    /// nil (with `warn` called when an entry existed but could not be used) means: run the cell.
    func restore(_ index: Int, key: String, warn: (String) -> Void) -> Hit? {
        let (entry, warning) = store.read(key: key, version: version)
        if let warning { warn(warning) }
        guard let entry else { return nil }
        for f in entry.files where Self.fileHash(absolute(f.path)) != f.sha256 {
            warn("'\(absolute(f.path))' changed since cell '\(entry.cellName)' was cached; the cell runs")
            return nil
        }
        do {
            let outputs = try OutputArchive.decode(entry.outputs)
            var r = ValueArchiveReader(interpreter: interp, bytes: entry.state, frameSizes: frameSizes)
            var states: [UInt64] = []
            for _ in 0..<(try r.r.count(minSize: 8)) { states.append(try r.r.u64()) }
            var bindings: [(String, Value)] = []
            for _ in 0..<(try r.r.count()) { bindings.append(try r.binding()) }
            try r.commit()
            for (name, v) in bindings { interp.setGlobal(name, v) }
            Self.restoreRandomStates(states, interp)
            for f in entry.written {
                let p = absolute(f.path)
                if (try? FileIO.read(p)) != f.bytes {
                    do { try FileIO.writeAtomically(f.bytes, to: p) } catch { warn("cannot put back '\(p)', which cell '\(entry.cellName)' wrote: \(error)") }
                }
            }
            return Hit(outputs: outputs, seconds: entry.seconds)
        } catch {
            warn("\(error) (\(store.path(forKey: key))); the cell runs")
            return nil
        }
    }

    // MARK: - Storing

    /// Call before a cell that may be stored runs: notes the objects that exist before it.
    func prepare(_ index: Int) {
        before = ObjectPaths(interpreter: interp, globals: Array(cellGlobals))
    }

    /// Stores the cell that just ran. Returns the reason when it cannot be stored.
    func store(_ index: Int, key: String, name: String, outputs: [Output], seconds: Double, filesRead: [String], filesWritten: [String], bookFile: String) -> String? {
        guard let before else { return "the cache was not prepared for this cell" }
        self.before = nil
        // A plot the live report already encoded links to an asset file named in this run only.
        for case .encoded(let m) in outputs where m.html.contains("rl-asset") {
            return "a plot was already written into the live report while the cell ran"
        }
        var w = ValueArchiveWriter(interpreter: interp, before: before)
        let states = Self.randomStates(interp)
        w.w.int(states.count)
        for s in states { w.w.u64(s) }
        let names = touched(index).sorted()
        let present = names.filter { interp.global($0) != nil }
        w.w.int(present.count)
        w.noteNetworks(in: present.map { interp.global($0)! })
        do {
            for n in present { try w.binding(n, interp.global(n)!) }
        } catch {
            return "\(error)"
        }
        // (a state that did not fit the memory budget is not stored: the cell runs every time)
        if let why = w.w.refusal { return why }
        if let why = MemoryBudget.growthRefusal(2 * w.w.bytes.count, what: "writing the cache entry (\(MemoryBudget.describe(w.w.bytes.count)) of state)") {
            return why
        }
        var files: [(String, String)] = []
        for f in Set(filesRead).sorted() { files.append((relative(f), Self.fileHash(f))) }
        var entry = CacheEntry(rlbookVersion: version, key: key, bookFile: bookFile, cellName: name, seconds: seconds,
                               files: files, outputs: OutputArchive.encode(outputs), state: w.w.bytes)
        var kept = 0
        // Folders a cell wrote into (a TensorBoard run, a callback's best-model folder): the files in them.
        var written = Set<String>()
        for f in filesWritten { if FileIO.isDirectory(f) { written.formUnion(Self.filesUnder(f)) } else { written.insert(f) } }
        for f in written.sorted() where FileIO.exists(f) && !FileIO.isDirectory(f) {
            guard let bytes = try? FileIO.read(f), kept + bytes.count <= Self.writtenFilesLimit else { continue }
            kept += bytes.count
            entry.written.append((relative(f), bytes))
        }
        do { try store.write(entry) } catch { return "cannot write the cache entry: \(error)" }
        return nil
    }

    /// The files under a folder, at most 4 levels down and 10,000 files.
    static func filesUnder(_ folder: String, depth: Int = 0) -> [String] {
        var out: [String] = []
        for name in FileIO.listDirectory(folder).sorted() where out.count < 10_000 {
            let p = folder + "/" + name
            if FileIO.isDirectory(p) { if depth < 4 { out += filesUnder(p, depth: depth + 1) } } else { out.append(p) }
        }
        return out
    }

    func relative(_ path: String) -> String {
        path.hasPrefix(outDir + "/") ? "@out/" + path.dropFirst(outDir.count + 1) : path
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("@out/") ? outDir + "/" + path.dropFirst(5) : path
    }

    /// SHA-256 of a file's contents ("missing" when it cannot be read; a folder: its listing).
    static func fileHash(_ path: String) -> String {
        if FileIO.isDirectory(path) { return "folder:" + FileIO.listDirectory(path).sorted().joined(separator: "/") }
        guard let bytes = try? FileIO.read(path) else { return "missing" }
        return SHA256.hash(bytes)
    }
}

extension CellCache {
    /// `3 cells, 1.2 MB` for the report footer; nil when the cache is empty.
    func summary(lang: String) -> String? {
        let files = store.files().filter { $0.hasSuffix(CacheEntry.fileExtension) }
        guard !files.isEmpty else { return nil }
        let size = CacheStore.sizeText(store.totalBytes)
        if lang == "zh" { return "\(files.count) 个单元，\(size)" }
        return "\(files.count) cell\(files.count == 1 ? "" : "s"), \(size)"
    }
}
