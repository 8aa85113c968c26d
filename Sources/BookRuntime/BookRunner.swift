import BookDSL
import BookMarkdown
import BookReport
import Dispatch
import RLSupport

/// Runs a tutorial: read, parse, apply parameters, check every cell, run them in order, write the report.
///
/// The report is rewritten after slow cells and always at the end, including after a failure or SIGINT,
/// so nothing is lost. Cells' printed text goes to stdout as it is produced; progress goes to stderr.
public final class BookRunner {
    public let options: RunOptions
    let interruptFlag = InterruptFlag()
    let interruptLock = NSLockLite()
    private var _onInterrupt: (() -> Void)?
    var onInterrupt: (() -> Void)? {
        get { interruptLock.withLock { _onInterrupt } }
        set { interruptLock.withLock { _onInterrupt = newValue } }
    }
    let stderrWrite: (String) -> Void
    let stdoutWrite: (String) -> Void
    /// Media and prose encoded once for all the writes of this run.
    let renderCache = ReportRenderCache()
    var reportWrites = 0
    var reportWriteSeconds = 0.0
    /// The running cell's progress line, and whether it still waits for its "ok 1.2 s".
    var progressLine = ""
    var progressLineOpen = false
    /// Seconds between rewrites of the report while the book runs.
    static let liveInterval = 3.0
    /// Processes running this book together (`mpirun -np N`); shown in the report header.
    var processCount = 1
    /// False on MPI ranks other than 0: only rank 0 writes the report (see `DistributedRun`).
    var writesReport = true
    /// Rank 0 under MPI: the report as of the running cell's start, for SIGTERM (see `PartialReport`).
    var partialReport: PartialReport?
    /// The cell that failed and its error, once the run has stopped on a failure.
    private(set) var failure: (cell: String, message: String)?

    public init(options: RunOptions,
                stdout: @escaping (String) -> Void = Platform.writeStandardOutput,
                stderr: @escaping (String) -> Void = Platform.writeStandardError) {
        self.options = options
        self.stdoutWrite = stdout
        self.stderrWrite = stderr
    }

    /// Reads the tutorial as UTF-8 text.
    /// The largest tutorial rlbook reads (a book is prose and code; data belongs in files). Parsing and
    /// checking take time and memory in proportion to the text, so this bounds both.
    static let maxTutorialBytes = 16 << 20

    static func readTutorial(_ path: String) throws(RunError) -> String {
        if !FileIO.exists(path) {
            throw .input("no such tutorial '\(path)'; check the path (tutorials live in tutorials/, e.g. tutorials/hello.md)")
        }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw .input("\(error)") }
        if bytes.count > maxTutorialBytes {
            throw .badTutorial("'\(path)' is \(bytes.count >> 20) MB; rlbook reads tutorials up to \(maxTutorialBytes >> 20) MB: keep data in files beside it and load them from a cell")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badTutorial("'\(path)' is not valid UTF-8 text (first bad byte on line \(firstInvalidUTF8Line(bytes))); save it as UTF-8")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// The 1-based line of the first byte that is not valid UTF-8 (one linear decoding pass).
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes.makeIterator()
        while case .valid(let scalar) = parser.parseScalar(from: &it) {
            if scalar.count == 1 && scalar.first == 0x0A { line += 1 }
        }
        return line
    }

    /// Runs the book and returns the process exit code.
    public func run() -> Int32 {
        do {
            try runThrowing()
            return 0
        } catch {
            stderrWrite(error.description + "\n")
            return error.exitCode
        }
    }

    /// Runs the book; throws the error that decides the exit code (the report is written before).
    public func runThrowing() throws(RunError) {
        guard options.check else { return try runBook() }
        // --check: run into a scratch folder, then compare the transcript with the committed one.
        let committed = options.resolvedOutDir + "/" + Transcript.fileName
        guard let expectedBytes = try? FileIO.read(committed) else {
            throw .usage("--check compares with the committed report, but \(committed) does not exist; run the book once without --check to write it")
        }
        var opts = options
        opts.check = false
        opts.outDir = "/tmp/rlbook-check-\(getpid())/" + RunOptions.stem(of: options.file)
        let runner = BookRunner(options: opts, stdout: stdoutWrite, stderr: stderrWrite)
        var failure: RunError?
        do { try runner.runBook() } catch { failure = error }
        let actual = (try? FileIO.read(opts.resolvedOutDir + "/" + Transcript.fileName)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let diffs = Transcript.differences(expected: String(decoding: expectedBytes, as: UTF8.self), actual: actual)
        if let failure { throw failure }
        if !diffs.isEmpty {
            throw .checkFailed("\(diffs.count) difference\(diffs.count == 1 ? "" : "s") from \(committed):\n" + diffs.joined(separator: "\n")
                               + "\nThe new report is in \(opts.resolvedOutDir); if the change is intended, run the book without --check to update the committed one.")
        }
        progress("check: the outputs match \(committed)\n")
    }

    /// Runs the book into its output folder.
    func runBook() throws(RunError) {
        let memoryLimit = options.maxMemory.map { MemoryBudget.addLimit($0) }
        defer { if let memoryLimit { MemoryBudget.removeLimit(memoryLimit) } }
        let started = Clock.monotonic()
        let startTime = Clock.utcTimestamp()
        let text = try Self.readTutorial(options.file)
        var book = BookParser.parse(text: text, file: options.file)
        let outDir = options.resolvedOutDir
        try checkOutputWritable(outDir)

        let staticBookErrors = Diagnostic.capped(book.diagnostics.filter { $0.severity == .error }).map { $0.withSource(from: text) }
        if !staticBookErrors.isEmpty {
            var report = newReport(book, startTime: startTime, device: options.device ?? book.frontMatter.device,
                                   seed: options.seed ?? book.frontMatter.seed, parameters: [])
            report.totalSeconds = Clock.monotonic() - started
            report.status = .notRun(errorCount: staticBookErrors.count)
            report.diagnostics = staticBookErrors
            try? writeReport(report, outDir)
            throw .staticErrors(staticBookErrors)
        }

        let shownParameters: [(name: String, value: String)]
        (book, shownParameters) = try Parameters.apply(to: book, profile: options.profile, overrides: options.parameters)

        let device = try DeviceProbe.resolve(options.device ?? book.frontMatter.device, note: options.device == nil || options.quiet ? nil : { [stderrWrite] s in stderrWrite(s) })
        let seed = options.seed ?? book.frontMatter.seed
        let labels = book.cells.compactMap(\.options.label)
        for (flag, label) in [("--from", options.from), ("--until", options.until)] {
            if let label, !labels.contains(label) {
                throw .usage("\(flag) \(label): no cell has that label\(DidYouMean.hint(label, from: labels))\(labels.isEmpty ? "" : "; labels: " + labels.joined(separator: ", "))")
            }
        }

        let session = RunSession(outDir: outDir, bookFile: options.file, device: device, seed: seed, echo: stdoutWrite)
        let interpreter = Interpreter()
        interpreter.hostContext = session
        session.allowedFolders = book.frontMatter.files.map { $0.hasPrefix("/") ? $0 : session.bookFolder + "/" + $0 }
        interpreter.output = { [session, stdoutWrite, weak self] s in
            self?.endProgressLine()
            stdoutWrite(s)
            session.appendText(s)
        }
        // Gymnasium's warnings appear in the cell that caused them, once per message, as Python's
        // default warning filter shows a UserWarning once.
        let shownWarnings = LockedSet()
        interpreter.warningSink = Warnings.Sink { [session, stderrWrite, weak self] message in
            guard shownWarnings.insert(message) else { return }
            self?.endProgressLine()
            let line = Warnings.line(message)
            stderrWrite(line)
            session.appendText(line)
        }
        EngineBindings.install(into: interpreter, session: session)

        // Check every cell before running anything.
        var compiled: [Int: CompiledCell] = [:]
        var diagnostics: [Diagnostic] = []
        // A cell marked `error: allow` / `error: expect` whose code does not compile is reported in
        // place and skipped; static errors in other cells stop the run before anything runs.
        var cellStaticErrors: [Int: Diagnostic] = [:]
        for cell in book.cells where cell.options.eval {
            let src = SourceText(file: options.file, text: cell.source, firstLine: cell.firstLine, columnOffset: cell.indent)
            switch interpreter.compile(src) {
            case .success(let c): compiled[cell.index] = c
            case .failure(let ds):
                if diagnostics.count >= Diagnostic.reportLimit {
                    // past the limit only count them (a book of thousands of broken cells)
                    if diagnostics[diagnostics.count - 1].notes.last?.hasPrefix("note: later cells") != true {
                        diagnostics[diagnostics.count - 1].notes.append("note: later cells have more errors, not shown; fix these first")
                    }
                    continue
                }
                let located = ds.map { $0.withSource(from: text) }
                if cell.options.error != .stop, let first = located.first { cellStaticErrors[cell.index] = first } else { diagnostics += located }
            }
        }

        var report = newReport(book, startTime: startTime, device: device, seed: seed, parameters: shownParameters)
        var cellBlock: [Int: Int] = [:]
        for (i, block) in report.blocks.enumerated() {
            if case .cell(let c) = block { cellBlock[c.index] = i }
        }
        func update(_ index: Int, _ f: (inout CellReport) -> Void) {
            guard let b = cellBlock[index], case .cell(var r) = report.blocks[b] else { return }
            f(&r)
            report.blocks[b] = .cell(r)
        }
        // An output of a finished cell replaced through a display handle.
        session.replaceFinished = { id, output, newID in
            for b in report.blocks.indices {
                guard case .cell(var r) = report.blocks[b], let k = r.outputIDs.firstIndex(of: id) else { continue }
                r.outputs[k] = output
                r.outputIDs[k] = newID
                report.blocks[b] = .cell(r)
                return true
            }
            return false
        }

        if !diagnostics.isEmpty {
            report.status = .notRun(errorCount: diagnostics.count)
            for d in diagnostics {
                if let line = d.location?.line, let cell = book.cells.last(where: { $0.firstLine - 1 <= line }) {
                    update(cell.index) { $0.outputs.append(.error(d)) }
                }
            }
            report.totalSeconds = Clock.monotonic() - started
            try? writeReport(report, outDir)
            throw .staticErrors(diagnostics)
        }

        // SIGINT: stop the running cell, write the partial report (a second Ctrl-C exits at once).
        let interrupted = interruptFlag
        onInterrupt = { [interpreter] in interpreter.interrupt() }
        let token = SignalRelay.shared.register { [weak self] in
            if interrupted.isSet { exit(130) }
            self?.interrupt()
        }
        defer { SignalRelay.shared.unregister(token); onInterrupt = nil }

        let cells = book.cells
        let fromIndex = options.from.flatMap { l in cells.firstIndex { $0.options.label == l } } ?? 0
        let untilIndex = options.until.flatMap { l in cells.firstIndex { $0.options.label == l } } ?? (cells.count - 1)
        // `--from LABEL`: the cells before LABEL are restored from the cache (those without an entry run).
        let runnable = cells.filter { $0.options.eval && $0.index <= untilIndex }
        let cellCache = CellCache(store: CacheStore(folder: options.resolvedCacheDir), version: options.cacheVersion, interpreter: interpreter,
                                  cells: cells, compiled: compiled, seed: seed, device: device, outDir: outDir)
        var lastWrite = Clock.monotonic()
        var failure: RunError?
        // The live report: rewritten while a cell runs (on its output and progress), every few seconds.
        var running: (cell: Cell, position: Int, started: Double)?
        var runningCached = false
        session.onActivity = { [session, weak self] in
            guard let self, let (cell, position, started) = running else { return }
            let now = Clock.monotonic()
            guard now - lastWrite >= Self.liveInterval else { return }
            update(cell.index) { $0.status = .running; $0.outputs = session.outputs; $0.outputIDs = session.outputIDs; $0.seconds = now - started }
            report.live = LiveState(cell: cell.name, position: position, count: runnable.count, cellSeconds: now - started,
                                    progress: session.progress, refreshSeconds: Int(Self.liveInterval.rounded(.up)), writtenAt: Clock.wallSeconds())
            report.totalSeconds = now - started
            try? self.writeReport(report, outDir)
            // A cell being cached keeps its media unencoded: the cache stores them as the cell made them.
            if !runningCached { session.compactOutputs(with: self.renderCache) }
            lastWrite = Clock.monotonic()
        }
        interpreter.periodic = { [session] in session.onActivity?() }
        defer { session.onActivity = nil; session.replaceFinished = nil; interpreter.periodic = nil }
        for (n, cell) in runnable.enumerated() {
            if interrupted.isSet { break }
            let name = cell.name
            progressLine = "[\(n + 1)/\(runnable.count)] \(name)"
            progress(progressLine + " ...")
            progressLineOpen = true
            partialReport?.record(report, cell: name, elapsed: Clock.monotonic() - started)
            if cell.options.requires == "gpu" && device != "cuda" {
                update(cell.index) { $0.status = .skipped; $0.outputs = [.note(report.lang == "zh" ? "已跳过：此单元需要 GPU，但无法加载 CUDA。" : "Skipped: this cell needs a GPU and CUDA cannot be loaded here.")] }
                progress(" skipped (needs a GPU)\n")
                continue
            }
            if let s = cell.options.seed { session.seed = s; EngineBindings.reseed(s, session: session) }
            let cached = cell.options.cacheOption ?? (book.frontMatter.cache || options.cacheAll)
            let restoring = cell.index < fromIndex || options.resume
            // Under MPI every rank would have to restore the same state: the cache is for one process.
            let key = compiled[cell.index] != nil && processCount == 1 ? cellCache.key(cell.index) : nil
            if let key, cached || restoring,
               let hit = cellCache.restore(cell.index, key: key, warn: { [weak self] m in self?.endProgressLine(); self?.stderrWrite("warning: \(m)\n") }) {
                var ids: [Int] = []
                for o in hit.outputs {
                    ids.append(session.newID())
                    if case .text(let s) = o { endProgressLine(); stdoutWrite(s) }
                }
                update(cell.index) { $0.status = .ok; $0.seconds = hit.seconds; $0.outputs = hit.outputs; $0.outputIDs = ids }
                if !progressLineOpen { progress(progressLine) }
                progress(" ok (cached, ran \(Clock.formatDuration(hit.seconds)))\n")
                progressLineOpen = false
                continue
            }
            if key != nil { cellCache.prepare(cell.index) }
            session.filesRead = []
            session.filesWritten = []
            let t0 = Clock.monotonic()
            running = (cell, n + 1, t0)
            runningCached = key != nil && (cached || restoring)
            let error = compiled[cell.index].map { interpreter.run($0, timeout: cell.options.timeout ?? options.timeout) } ?? cellStaticErrors[cell.index]
            session.endCell()
            running = nil
            report.live = nil
            let dt = Clock.monotonic() - t0
            var (outputs, outputIDs) = session.takeOutputs()
            // (a resume point copies the cell's state: skipped when a copy would not fit the memory budget)
            if let key, error == nil, !interrupted.isSet, cached || (dt >= options.resumePointSeconds && MemoryBudget.hasRoomToCopyResident) {
                // Stored: a cell marked `cache: true`, or a slow one (a resume point for `--resume`).
                if let why = cellCache.store(cell.index, key: key, name: name, outputs: outputs, seconds: dt, filesRead: session.filesRead, filesWritten: session.filesWritten, bookFile: options.file), cached {
                    outputs.append(.note((report.lang == "zh" ? "此单元无法缓存，每次都会运行：" : "This cell cannot be cached and runs every time: ") + why))
                    outputIDs.append(session.newID())
                    endProgressLine()
                    stderrWrite("note: cell '\(name)' is not cached: \(why)\n")
                }
            }
            var status: CellReport.Status = .ok
            var deferredMessage: String?
            if let error {
                let d = error.withSource(from: text)
                outputs.append(.error(d))
                outputIDs.append(session.newID())
                if interrupted.isSet {
                    status = .failed
                    deferredMessage = d.rendered + "\n"
                } else {
                    switch cell.options.error {
                    case .stop: status = .failed; failure = .cellFailed(d)
                    case .allow: status = .allowedError; deferredMessage = d.rendered + "\n"
                    case .expect: status = .expectedError
                    }
                }
            } else if cell.options.error == .expect {
                status = .unexpectedSuccess
                let d = Diagnostic(.error, "cell '\(name)' was expected to fail (`//| error: expect`) but it succeeded",
                                   at: SourceLocation(file: options.file, line: cell.firstLine - 1, column: 1)).withSource(from: text)
                outputs.append(.error(d))
                outputIDs.append(session.newID())
                failure = .cellFailed(d)
            }
            update(cell.index) { $0.status = status; $0.seconds = dt; $0.outputs = outputs; $0.outputIDs = outputIDs }
            if !progressLineOpen { progress(progressLine) }
            progress(" \(Self.progressWord(status)) \(Clock.formatDuration(dt))\n")
            progressLineOpen = false
            if let deferredMessage { stderrWrite(deferredMessage) }
            if interrupted.isSet {
                report.status = .interrupted(cell: name)
                break
            }
            if let failure, case .cellFailed(let d) = failure {
                report.status = .failed(cell: name, message: d?.message ?? "failed")
                self.failure = (name, d?.message ?? "failed")
                break
            }
            if Clock.monotonic() - lastWrite > Self.liveInterval {
                report.totalSeconds = Clock.monotonic() - started
                try? writeReport(report, outDir)
                renderCache.compact(&report)
                lastWrite = Clock.monotonic()
            }
        }
        if report.status == .running { report.status = .completed }
        partialReport?.finish()
        report.cacheSummary = cellCache.summary(lang: report.lang)
        report.totalSeconds = Clock.monotonic() - started
        do { try writeReport(report, outDir) } catch {
            throw .output("cannot write the report into '\(outDir)': \(error)")
        }
        progress("report: \(outDir)/index.html (\(Clock.formatDuration(report.totalSeconds ?? 0)))\n")
        if getenv("RLBOOK_REPORT_STATS") != nil, let total = report.totalSeconds {
            let rewrite = max(0, reportWriteSeconds - renderCache.encodeSeconds)
            let share = total > 0 ? rewrite / total * 100 : 0
            progress("report writes: \(reportWrites), \(cFormat("%.3f", reportWriteSeconds)) s; rewriting \(cFormat("%.3f", rewrite)) s (\(cFormat("%.2f", share)) % of the run), encoding \(renderCache.encodings) new media \(cFormat("%.3f", renderCache.encodeSeconds)) s\n")
        }
        if interrupted.isSet { throw .interrupted }
        if let failure { throw failure }
    }

    /// A report for the book with its header facts, prose, and cells not yet run.
    func newReport(_ book: Book, startTime: String, device: String, seed: Int?, parameters: [(name: String, value: String)]) -> Report {
        var report = Report(title: book.frontMatter.title ?? firstHeading(book) ?? RunOptions.stem(of: options.file),
                            lang: book.frontMatter.lang, sourceFile: options.file, rlbookVersion: RLBookVersion.string,
                            gitCommit: GitInfo.commit(near: options.file), parameters: parameters, profile: options.profile,
                            seed: seed, device: DistributedRun.deviceLabel(device, processes: processCount, lang: book.frontMatter.lang), startTime: startTime)
        report.blocks = proseAndCells(book)
        return report
    }

    /// The report's blocks for a book: prose as rendered, cells not yet run.
    func proseAndCells(_ book: Book) -> [Report.Block] {
        book.blocks.map { block in
            switch block {
            case .prose(let html, let headings):
                return .prose(html: html, headings: headings.map { BookHeading(level: $0.level, text: $0.text, anchor: $0.anchor) })
            case .cell(let c):
                return .cell(CellReport(index: c.index, label: c.options.label, source: c.displaySource, firstLine: c.firstLine,
                                        echo: c.options.echo, outputMode: c.options.output.rawValue,
                                        status: c.options.eval ? .notRun : .notEvaluated))
            }
        }
    }

    /// The word shown on the progress line for a finished cell.
    static func progressWord(_ s: CellReport.Status) -> String {
        switch s {
        case .ok: return "ok"
        case .failed: return "FAILED"
        case .allowedError: return "failed (allowed)"
        case .expectedError: return "failed as expected"
        case .unexpectedSuccess: return "FAILED (expected an error)"
        default: return s.rawValue
        }
    }

    /// Stops the running cell as Ctrl-C does; the runner then writes the partial report and exits with 130.
    /// Safe from any thread.
    public func interrupt() {
        interruptFlag.set()
        onInterrupt?()
    }

    func progress(_ s: String) {
        if !options.quiet { stderrWrite(s) }
    }

    /// Ends the open `[2/17] make-env ...` line before a cell's first printed line, so the two are not glued.
    func endProgressLine() {
        guard progressLineOpen else { return }
        progressLineOpen = false
        progress("\n")
    }

    func firstHeading(_ book: Book) -> String? {
        for b in book.blocks { if case .prose(_, let hs) = b, let h = hs.first { return h.text } }
        return nil
    }

    func writeReport(_ report: Report, _ outDir: String) throws {
        guard writesReport else { return }
        let t0 = Clock.monotonic()
        defer { reportWriteSeconds += Clock.monotonic() - t0; reportWrites += 1 }
        try ReportWriter(cache: renderCache).write(report, to: outDir)
        try FileIO.writeAtomically(Transcript.text(report), to: outDir + "/" + Transcript.fileName)
    }

    /// Fails early (before anything runs) when the output folder cannot be created or written.
    func checkOutputWritable(_ dir: String) throws(RunError) {
        if dir.isEmpty {
            throw .usage("--out needs a folder name (it was empty); e.g. --out outputs/my-book")
        }
        // The report must not overwrite the tutorial it comes from (`rlbook run index.html --out .`).
        let tutorial = FileIO.canonicalPath(options.file)
        for name in ["index.html", Transcript.fileName] where FileIO.canonicalPath(dir + "/" + name) == tutorial {
            throw .usage("the report would overwrite the tutorial itself (\(options.file) is \(dir)/\(name)); choose another folder with --out")
        }
        if FileIO.exists(dir) && !FileIO.isDirectory(dir) {
            throw .output("output folder '\(dir)' is a file; choose another with --out")
        }
        do { try FileIO.createDirectory(dir) } catch {
            throw .output("cannot create the output folder: \(error); choose another with --out")
        }
        let probe = dir + "/.rlbook-write-test"
        do { try FileIO.writeAtomically([], to: probe) } catch {
            throw .output("cannot write into the output folder '\(dir)' (\(error)); choose another with --out")
        }
        FileIO.remove(probe)
        // Temporary files of atomic writes that a killed run left behind (`index.html.tmp-<pid>-…`).
        for name in FileIO.listDirectory(dir) where name.hasPrefix("index.html.tmp-") || name.hasPrefix(Transcript.fileName + ".tmp-") {
            FileIO.remove(dir + "/" + name)
        }
    }
}

/// A set of strings shared by the threads of one run.
final class LockedSet: @unchecked Sendable {
    private let lock = NSLockLite()
    private var items = Set<String>()
    /// Adds `s`; false when it was there already.
    func insert(_ s: String) -> Bool { lock.withLock { items.insert(s).inserted } }
}
