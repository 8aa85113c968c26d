import BookDSL
import BookMarkdown
import BookReport
import RLSupport

/// What the check stage made: the session and interpreter the cells run in, every cell compiled,
/// and the report with the cells not yet run.
struct CheckedBook {
    let session: RunSession
    let interpreter: Interpreter
    let compiled: [Int: CompiledCell]
    /// Cells marked `error: allow` / `error: expect` whose code does not compile: reported in place.
    let cellStaticErrors: [Int: Diagnostic]
    let report: ReportInProgress
}

extension BookRunner {
    /// Stage 3, check: sets up the session and the interpreter (the engine's bindings, output and
    /// warnings to the terminal and the report) and compiles every cell before anything runs, the
    /// parameters cell with its bound values. Static errors stop the run here with a report.
    func check(_ parsed: ParsedBook, _ plan: ParameterisedBook) throws(RunError) -> CheckedBook {
        let book = plan.book, text = parsed.text
        let session = RunSession(outDir: parsed.outDir, bookFile: options.file, device: plan.device, seed: plan.seed, echo: stdoutWrite)
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

        var compiled: [Int: CompiledCell] = [:]
        var diagnostics: [Diagnostic] = []
        // A cell marked `error: allow` / `error: expect` whose code does not compile is reported in
        // place and skipped; static errors in other cells stop the run before anything runs.
        var cellStaticErrors: [Int: Diagnostic] = [:]
        for cell in book.cells where cell.options.eval {
            memoryGuard?.enter("compiling cell \(cell.index + 1)")
            do { try memoryGuard?.check() } catch { writeMemoryReport(error, parsed); throw error }
            let src = SourceText(file: options.file, text: cell.source, firstLine: cell.firstLine, columnOffset: cell.indent)
            switch interpreter.compile(src, binding: cell.index == plan.parameterCell ? plan.boundValues : [:]) {
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

        let state = ReportInProgress(newReport(book, startTime: parsed.startTime, device: plan.device, seed: plan.seed, parameters: plan.shownParameters),
                                     lastWrite: Clock.monotonic())
        // An output of a finished cell replaced through a display handle.
        session.replaceFinished = { [state] id, output, newID in state.replaceFinished(id, output, newID) }

        if !diagnostics.isEmpty {
            state.report.status = .notRun(errorCount: diagnostics.count)
            for d in diagnostics {
                if let line = d.location?.line, let cell = book.cells.last(where: { $0.firstLine - 1 <= line }) {
                    state.update(cell.index) { $0.outputs.append(.error(d)) }
                }
            }
            state.report.totalSeconds = Clock.monotonic() - parsed.started
            try? writeReport(state.report, parsed.outDir)
            throw .staticErrors(diagnostics)
        }
        return CheckedBook(session: session, interpreter: interpreter, compiled: compiled, cellStaticErrors: cellStaticErrors, report: state)
    }
}

/// A set of strings shared by the threads of one run.
final class LockedSet: @unchecked Sendable {
    private let lock = NSLockLite()
    private var items = Set<String>()
    /// Adds `s`; false when it was there already.
    func insert(_ s: String) -> Bool { lock.withLock { items.insert(s).inserted } }
}
