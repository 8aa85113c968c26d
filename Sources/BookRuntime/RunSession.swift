import BookReport
import RLSupport

/// State shared by the runner and the engine bindings while a book runs.
///
/// Bindings add outputs with `emit` (tables, plots, images, animations); `print` appends text. Each
/// output gets a run-wide id, so the report encodes it once and a display handle can replace it.
public final class RunSession: @unchecked Sendable {
    /// Outputs of the cell now running.
    public var outputs: [Output] {
        flushText()
        return _outputs
    }
    /// The id of each output in `outputs`.
    public var outputIDs: [Int] {
        flushText()
        return _outputIDs
    }
    private var _outputs: [Output] = []
    private var _outputIDs: [Int] = []
    /// Printed text not yet in `_outputs` (appended in place, so printing N lines costs O(N), not O(N²)).
    private var pendingText = ""
    private var pendingTextID: Int?
    private var nextID = 1
    /// Where the report and files saved by cells go.
    public let outDir: String
    /// The folder of the tutorial file (relative paths in cells are resolved against the working directory).
    public let bookFile: String
    /// `cpu` or `cuda`.
    public let device: String
    /// The book seed, if any.
    public var seed: Int?
    /// Writes text to the terminal as it is produced.
    public var echo: (String) -> Void
    /// Called whenever the running cell produces something (text, an output, progress); the runner
    /// rewrites the live report from here, at most every few seconds.
    public var onActivity: (() -> Void)?
    /// Replaces output `id` of a cell that already ended with `output` under `newID`; false when no
    /// cell has it (set by the runner, which owns the finished cells' outputs).
    public var replaceFinished: ((_ id: Int, _ output: Output, _ newID: Int) -> Bool)?
    /// Work to finish when the running cell ends (recordings write their files).
    private var cellEndHooks: [() -> Void] = []

    /// Runs `hook` when the running cell ends (whether it succeeded or failed).
    public func atCellEnd(_ hook: @escaping () -> Void) { cellEndHooks.append(hook) }

    /// Runs and forgets the hooks of the cell that just ended.
    public func endCell() {
        let hooks = cellEndHooks
        cellEndHooks = []
        for h in hooks { h() }
    }

    /// The latest training progress of the running cell (for the live banner).
    public var progress: LiveState.Progress?

    public init(outDir: String, bookFile: String, device: String, seed: Int?, echo: @escaping (String) -> Void) {
        self.outDir = outDir
        self.bookFile = bookFile
        self.device = device
        self.seed = seed
        self.echo = echo
    }

    func newID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Appends printed text, merging with the previous text output.
    public func appendText(_ s: String) {
        if pendingTextID == nil {
            if case .text(let prev)? = _outputs.last {
                // Continue the last text output in the buffer.
                pendingText = prev
                pendingTextID = _outputIDs.removeLast()
                _outputs.removeLast()
            } else {
                pendingTextID = newID()
            }
        }
        pendingText += s
        onActivity?()
    }

    /// Moves the buffered text into the outputs.
    private func flushText() {
        guard let id = pendingTextID else { return }
        _outputs.append(.text(pendingText))
        _outputIDs.append(id)
        pendingText = ""
        pendingTextID = nil
    }

    /// Adds an output to the running cell and returns its id.
    @discardableResult
    public func emit(_ output: Output) -> Int {
        flushText()
        let id = newID()
        _outputs.append(output)
        _outputIDs.append(id)
        onActivity?()
        return id
    }

    /// Replaces output `id` (of the running cell, or of one that ended) with `output`; returns the id
    /// it has now (a new one, so the report encodes the new content), or nil when it no longer exists.
    public func replace(id: Int, with output: Output) -> Int? {
        flushText()
        let fresh = newID()
        if let k = _outputIDs.firstIndex(of: id) {
            _outputs[k] = output
            _outputIDs[k] = fresh
        } else if replaceFinished?(id, output, fresh) != true {
            return nil
        }
        onActivity?()
        return fresh
    }

    /// Removes output `id` of the running cell and returns it (nil when it is not there).
    public func remove(id: Int) -> Output? {
        flushText()
        guard let k = _outputIDs.firstIndex(of: id) else { return nil }
        _outputIDs.remove(at: k)
        return _outputs.remove(at: k)
    }

    /// Clears the running cell's outputs (Jupyter's `clear_output`).
    public func clearOutputs() {
        pendingText = ""
        pendingTextID = nil
        _outputs = []
        _outputIDs = []
        onActivity?()
    }

    /// Reports training progress of the running cell.
    public func reportProgress(_ p: LiveState.Progress) {
        progress = p
        onActivity?()
    }

    /// The first (time, done) reported by the running cell's own loop, for its rate.
    private var progressStart: (time: Double, done: Int)?

    /// Starts measuring the rate afresh (an agent's `learn` does at its start).
    public func restartProgressClock() { progressStart = nil }

    /// Progress reported by a cell's loop (`reportProgress(step, total: maxSteps)`) or an agent's
    /// `learn`: the rate is measured from the first report since the cell (or the `learn`) started.
    public func reportProgress(done: Int, total: Int, unit: String = "steps") {
        let now = Clock.monotonic()
        guard let start = progressStart else {
            progressStart = (now, done)
            reportProgress(LiveState.Progress(done: done, total: total, perSecond: 0, eta: nil, unit: unit))
            return
        }
        let rate = now > start.time ? Double(done - start.done) / (now - start.time) : 0
        reportProgress(LiveState.Progress(done: done, total: total, perSecond: rate,
                                          eta: rate > 0 ? Double(max(0, total - done)) / rate : nil, unit: unit))
    }

    /// Swaps each output the report has already encoded for its HTML (frees pixels held by the cell).
    func compactOutputs(with cache: ReportRenderCache) {
        flushText()
        cache.compact(&_outputs, ids: _outputIDs)
    }

    /// Training checkpoints of the running cell (`LearnCheckpointFile`); set by the runner for each cell.
    var learnCheckpoints: LearnCheckpointPlan?

    /// Folders besides the book's and the report's where cells may read and write (front matter `files:`).
    public var allowedFolders: [String] = []

    public enum FileAccess { case read, write }

    /// Files the running cell named for reading (the cell cache checks their contents; see `CellCache`).
    public internal(set) var filesRead: [String] = []
    /// Files (or folders) the running cell named for writing (a cache hit puts them back).
    public internal(set) var filesWritten: [String] = []

    /// The file a cell names, checked: a relative path is in the report folder (for reading, in the
    /// report folder if it is there, else in the book's folder), and the file must be inside the
    /// book's folder, the report folder or a folder the front matter allows (`files:`), symbolic links
    /// followed. One rule for every path a cell names (`save`, `model.save`/`load`, `net.save`/`load`,
    /// callbacks' folders, TensorBoard logs, recordings).
    public func path(_ path: String, for access: FileAccess) throws -> String {
        guard !path.isEmpty else { throw BindingError("the path is empty; name a file, e.g. \"videos/run.gif\"") }
        guard !path.utf8.contains(0) else { throw BindingError("the path contains a NUL character") }
        var full = path.hasPrefix("/") ? path : outDir + "/" + path
        if access == .read && !path.hasPrefix("/") && !FileIO.exists(full) && !FileIO.exists(full + ".zip") {
            let inBook = bookFolder + "/" + path
            if FileIO.exists(inBook) || FileIO.exists(inBook + ".zip") { full = inBook }
        }
        let canonical = FileIO.canonicalPath(full)
        if access == .read { filesRead.append(full) } else { filesWritten.append(full) }
        let roots = [outDir, bookFolder] + allowedFolders
        if roots.contains(where: { FileIO.isInside(canonical, FileIO.canonicalPath($0)) }) { return full }
        throw BindingError("'\(path)' is outside the book's folder (\(FileIO.canonicalPath(bookFolder))) and its report folder (\(FileIO.canonicalPath(outDir))), "
                           + "where cells \(access == .write ? "write" : "read") files; to use another folder, list it in the front matter: files: [\(FileIO.parentDirectory(of: canonical))]")
    }

    /// The folder of the tutorial file.
    public var bookFolder: String {
        let dir = FileIO.parentDirectory(of: bookFile)
        return dir.isEmpty ? "." : dir
    }

    /// A path for writing (see `path(_:for:)`).
    public func resolve(_ path: String) throws -> String { try self.path(path, for: .write) }

    /// Takes the outputs collected so far (for the cell that just ended).
    public func takeOutputs() -> (outputs: [Output], ids: [Int]) {
        flushText()
        defer { _outputs = []; _outputIDs = []; progress = nil; progressStart = nil }
        return (_outputs, _outputIDs)
    }
}
