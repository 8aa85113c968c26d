import BookDSL
import BookMarkdown
import BookReport
import RLSupport

/// What the run stage leaves for the report stage.
struct RunOutcome {
    /// The error that ends the run (a failed cell), if any.
    var failure: RunError?
    /// `2 cells, 1.2 MB` for the report footer; nil when nothing is cached.
    var cacheSummary: String?
}

extension BookRunner {
    /// Stage 4, run: runs the cells from `--from` to `--until` in order (restoring cached ones),
    /// rewriting the report every few seconds while a cell runs and after slow cells. Stops at the
    /// first failing cell (unless it allows errors) or at SIGINT.
    func run(_ parsed: ParsedBook, _ plan: ParameterisedBook, _ checked: CheckedBook) -> RunOutcome {
        let (session, interpreter, compiled, state) = (checked.session, checked.interpreter, checked.compiled, checked.report)
        let (book, device, seed, outDir, text) = (plan.book, plan.device, plan.seed, parsed.outDir, parsed.text)
        let interrupted = interruptFlag
        let cells = book.cells
        let fromIndex = options.from.flatMap { l in cells.firstIndex { $0.options.label == l } } ?? 0
        let untilIndex = options.until.flatMap { l in cells.firstIndex { $0.options.label == l } } ?? (cells.count - 1)
        // `--from LABEL`: the cells before LABEL are restored from the cache (those without an entry run).
        let runnable = cells.filter { $0.options.eval && $0.index <= untilIndex }
        let cellCache = CellCache(store: CacheStore(folder: options.resolvedCacheDir), version: options.cacheVersion, interpreter: interpreter,
                                  cells: cells, compiled: compiled, seed: seed, device: device, outDir: outDir)
        if let p = plan.parameterCell, !plan.boundValuesKey.isEmpty { cellCache.boundValues[p] = plan.boundValuesKey }
        state.lastWrite = Clock.monotonic()
        var failure: RunError?
        // The live report: rewritten while a cell runs (on its output and progress), every few seconds.
        var running: (cell: Cell, position: Int, started: Double)?
        var runningCached = false
        session.onActivity = { [session, state, weak self] in
            guard let self, let (cell, position, started) = running else { return }
            let now = Clock.monotonic()
            guard now - state.lastWrite >= Self.liveInterval else { return }
            state.update(cell.index) { $0.status = .running; $0.outputs = session.outputs; $0.outputIDs = session.outputIDs; $0.seconds = now - started }
            state.report.live = LiveState(cell: cell.name, position: position, count: runnable.count, cellSeconds: now - started,
                                          progress: session.progress, refreshSeconds: Int(Self.liveInterval.rounded(.up)), writtenAt: Clock.wallSeconds())
            state.report.totalSeconds = now - started
            try? self.writeReport(state.report, outDir)
            // A cell being cached keeps its media unencoded: the cache stores them as the cell made them.
            if !runningCached { session.compactOutputs(with: self.renderCache) }
            state.lastWrite = Clock.monotonic()
        }
        interpreter.periodic = { [session] in session.onActivity?() }
        defer { session.onActivity = nil; session.replaceFinished = nil; interpreter.periodic = nil }
        for (n, cell) in runnable.enumerated() {
            if interrupted.isSet { break }
            let name = cell.name
            progressLine = "[\(n + 1)/\(runnable.count)] \(name)"
            memoryGuard?.enter("running cell '\(name)'")
            progress(progressLine + " ...")
            progressLineOpen = true
            partialReport?.record(state.report, cell: name, elapsed: Clock.monotonic() - parsed.started)
            if cell.options.requires == "gpu" && device != "cuda" {
                state.update(cell.index) { $0.status = .skipped; $0.outputs = [.note(state.report.lang == "zh" ? "已跳过：此单元需要 GPU，但无法加载 CUDA。" : "Skipped: this cell needs a GPU and CUDA cannot be loaded here.")] }
                progress(" skipped (needs a GPU)\n")
                continue
            }
            if let s = cell.options.seed { session.seed = s; EngineBindings.reseed(s, session: session) }
            let cached = cell.options.cacheOption ?? (book.frontMatter.cache || options.cacheAll)
            let restoring = cell.index < fromIndex || options.resume
            // Under MPI every rank would have to restore the same state: the cache is for one process.
            let key = compiled[cell.index] != nil && processCount == 1 ? cellCache.key(cell.index) : nil
            if let key, cached || restoring, restoreCached(cell, key: key, cellCache, session, state) { continue }
            if key != nil { cellCache.prepare(cell.index) }
            session.learnCheckpoints = key.map { LearnCheckpointPlan(folder: options.resolvedCacheDir, cellKey: $0, interval: options.checkpointSeconds, resume: options.resume) }
            session.filesRead = []
            session.filesWritten = []
            let t0 = Clock.monotonic()
            running = (cell, n + 1, t0)
            runningCached = key != nil && (cached || restoring)
            let error = compiled[cell.index].map { interpreter.run($0, timeout: cell.options.timeout ?? options.timeout) } ?? checked.cellStaticErrors[cell.index]
            session.endCell()
            // A finished training cell's checkpoints are spent (its cache entry or resume point follows).
            if let key, error == nil, !interrupted.isSet {
                for f in LearnCheckpointFile.files(folder: options.resolvedCacheDir, cellKey: key) { FileIO.remove(f) }
            }
            session.learnCheckpoints = nil
            running = nil
            state.report.live = nil
            let dt = Clock.monotonic() - t0
            var (outputs, outputIDs) = session.takeOutputs()
            // (a resume point copies the cell's state: skipped when a copy would not fit the memory budget)
            if let key, error == nil, !interrupted.isSet, cached || (dt >= options.resumePointSeconds && MemoryBudget.hasRoomToCopyResident) {
                // Stored: a cell marked `cache: true`, or a slow one (a resume point for `--resume`).
                if let why = cellCache.store(cell.index, key: key, name: name, outputs: outputs, seconds: dt, filesRead: session.filesRead, filesWritten: session.filesWritten, bookFile: options.file), cached {
                    outputs.append(.note((state.report.lang == "zh" ? "此单元无法缓存，每次都会运行：" : "This cell cannot be cached and runs every time: ") + why))
                    outputIDs.append(session.newID())
                    endProgressLine()
                    stderrWrite("note: cell '\(name)' is not cached: \(why)\n")
                }
            }
            let (status, deferredMessage) = judge(cell, error: error, text: text, &outputs, &outputIDs, session, &failure)
            state.update(cell.index) { $0.status = status; $0.seconds = dt; $0.outputs = outputs; $0.outputIDs = outputIDs }
            if !progressLineOpen { progress(progressLine) }
            progress(" \(Self.progressWord(status)) \(Clock.formatDuration(dt))\n")
            progressLineOpen = false
            if let deferredMessage { stderrWrite(deferredMessage) }
            if interrupted.isSet {
                state.report.status = .interrupted(cell: name)
                break
            }
            if let failure, case .cellFailed(let d) = failure {
                state.report.status = .failed(cell: name, message: d?.message ?? "failed")
                self.failure = (name, d?.message ?? "failed")
                break
            }
            if Clock.monotonic() - state.lastWrite > Self.liveInterval {
                state.report.totalSeconds = Clock.monotonic() - parsed.started
                try? writeReport(state.report, outDir)
                renderCache.compact(&state.report)
                state.lastWrite = Clock.monotonic()
            }
        }
        return RunOutcome(failure: failure, cacheSummary: cellCache.summary(lang: state.report.lang))
    }

    /// Restores a cell from its cache entry (outputs echoed, report updated); false when it must run.
    private func restoreCached(_ cell: Cell, key: String, _ cellCache: CellCache, _ session: RunSession, _ state: ReportInProgress) -> Bool {
        guard let hit = cellCache.restore(cell.index, key: key, warn: { [weak self] m in self?.endProgressLine(); self?.stderrWrite("warning: \(m)\n") }) else {
            return false
        }
        var ids: [Int] = []
        for o in hit.outputs {
            ids.append(session.newID())
            if case .text(let s) = o { endProgressLine(); stdoutWrite(s) }
        }
        state.update(cell.index) { $0.status = .ok; $0.seconds = hit.seconds; $0.outputs = hit.outputs; $0.outputIDs = ids }
        if !progressLineOpen { progress(progressLine) }
        progress(" ok (cached, ran \(Clock.formatDuration(hit.seconds)))\n")
        progressLineOpen = false
        return true
    }

    /// A finished cell's status from its error (or success) and its `error:` option; adds the error to
    /// its outputs, sets `failure` when the run must stop, and returns what to print on stderr after
    /// the progress line.
    private func judge(_ cell: Cell, error: Diagnostic?, text: String, _ outputs: inout [Output], _ outputIDs: inout [Int],
                       _ session: RunSession, _ failure: inout RunError?) -> (CellReport.Status, String?) {
        if let error {
            let d = error.withSource(from: text)
            outputs.append(.error(d))
            outputIDs.append(session.newID())
            if interruptFlag.isSet { return (.failed, d.rendered + "\n") }
            switch cell.options.error {
            case .stop: failure = .cellFailed(d); return (.failed, nil)
            case .allow: return (.allowedError, d.rendered + "\n")
            case .expect: return (.expectedError, nil)
            }
        } else if cell.options.error == .expect {
            let d = Diagnostic(.error, "cell '\(cell.name)' was expected to fail (`//| error: expect`) but it succeeded",
                               at: SourceLocation(file: options.file, line: cell.firstLine - 1, column: 1)).withSource(from: text)
            outputs.append(.error(d))
            outputIDs.append(session.newID())
            failure = .cellFailed(d)
            return (.unexpectedSuccess, nil)
        }
        return (.ok, nil)
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
}
