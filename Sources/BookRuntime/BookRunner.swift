import BookDSL
import BookReport
import Dispatch
import RLSupport

/// Runs a tutorial in five stages: parse (read the tutorial, parse the book), parameterise (bind
/// `-p`/`--profile` values, resolve device and seed), check (compile every cell), run (the cells in
/// order), report (the final report and exit code). Each stage is a method in `Runner/`.
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
    var failure: (cell: String, message: String)?
    /// The memory budget outside cells, while a run lasts.
    var memoryGuard: RunMemoryGuard?

    public init(options: RunOptions,
                stdout: @escaping (String) -> Void = Platform.writeStandardOutput,
                stderr: @escaping (String) -> Void = Platform.writeStandardError) {
        self.options = options
        self.stdoutWrite = stdout
        self.stderrWrite = stderr
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
        try runAndCompareWithCommittedReport()
    }

    /// Runs the book into its output folder: the stages in order (see `Runner/`), each of which may
    /// stop the run with the report written so far.
    func runBook() throws(RunError) {
        let memoryLimit = options.maxMemory.map { MemoryBudget.addLimit($0) }
        defer { if let memoryLimit { MemoryBudget.removeLimit(memoryLimit) } }
        // the budget holds outside cells too (see `RunMemoryGuard`)
        let memory = RunMemoryGuard(options: options, stderr: stderrWrite)
        memoryGuard = memory
        defer { memory.end(); memoryGuard = nil }
        let parsed = try parse()
        do { try memory.check() } catch { writeMemoryReport(error, parsed); throw error }
        let plan = try parameterise(parsed)
        let checked = try check(parsed, plan)
        memory.stopWatchingFlag()
        try relayingInterrupts(to: checked.interpreter) { () throws(RunError) in
            let outcome = run(parsed, plan, checked)
            memory.enter("writing the report")
            try report(parsed, checked, outcome)
        }
    }

    /// A short report for a run the memory budget stopped before any cell ran: the header and the
    /// error (the book's prose and cells are left out: they are what did not fit).
    func writeMemoryReport(_ error: RunError, _ parsed: ParsedBook) {
        var report = Report(title: RunOptions.stem(of: options.file), sourceFile: options.file, rlbookVersion: RLBookVersion.string,
                            startTime: parsed.startTime)
        report.status = .notRun(errorCount: 1)
        report.diagnostics = [Diagnostic(.error, error.description.hasPrefix("error: ") ? String(error.description.dropFirst(7)) : error.description,
                                         at: SourceLocation(file: options.file, line: 1))]
        report.totalSeconds = Clock.monotonic() - parsed.started
        try? writeReport(report, parsed.outDir)
    }

    /// Runs `body` with SIGINT stopping the running cell; the report is then written as far as it got
    /// (a second Ctrl-C exits at once).
    func relayingInterrupts(to interpreter: Interpreter, _ body: () throws(RunError) -> Void) throws(RunError) {
        let interrupted = interruptFlag
        onInterrupt = { [interpreter] in interpreter.interrupt() }
        let token = SignalRelay.shared.register { [weak self] in
            if interrupted.isSet { exit(130) }
            self?.interrupt()
        }
        defer { SignalRelay.shared.unregister(token); onInterrupt = nil }
        try body()
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
}
