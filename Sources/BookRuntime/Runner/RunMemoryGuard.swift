import BookReport
import RLSupport

/// The memory budget for a whole run, not only while cells run (issue 14): reading and parsing the
/// tutorial, compiling its cells and writing the report are watched too.
///
/// - Before cells run, the run's own flag is watched at the working budget (as a cell's is) and
///   checked after parsing and before each cell is compiled (`check`): past the budget the run stops
///   with `RunError.memoryExceeded` (exit 70) and a short report saying so.
/// - Where nothing can be checked (inside one huge cell's compilation, the Markdown of one prose
///   run, the report's HTML), the last resort: once the process passes `MemoryWatchdog.hardLimit`,
///   the watchdog thread prints the error naming the stage, keeps the report this run last wrote
///   (or writes a short one when there is none) and ends the process with exit 70, instead of the
///   kernel killing it. Only a run that owns its process does this (`RunOptions.endsProcessOverBudget`,
///   set by the `rlbook` command; tests run books side by side in one process).
final class RunMemoryGuard: @unchecked Sendable {
    let flag = CancellationFlag()
    private let lock = NSLockLite()
    private var stage = "reading the tutorial"
    private var watchToken: Int?
    private var reportWritten = false
    private let endsProcess: Bool
    private let file: String
    private let outDir: String
    private let stderrWrite: (String) -> Void

    init(options: RunOptions, stderr: @escaping (String) -> Void) {
        file = options.file
        outDir = options.resolvedOutDir
        endsProcess = options.endsProcessOverBudget
        stderrWrite = stderr
        watchToken = MemoryWatchdog.watch(flag.state)
        if endsProcess { MemoryWatchdog.setLastResort { [self] resident in lastResort(resident) } }
    }

    /// Names what the run does now (for the error message).
    func enter(_ stage: String) { lock.withLock { self.stage = stage } }

    /// The runner wrote a report of this run (the last resort keeps it).
    func noteReportWritten() { lock.withLock { reportWritten = true } }

    /// Throws `memoryExceeded` once the watchdog found the process past the working budget while
    /// the run's flag was watched.
    func check() throws(RunError) {
        guard flag.state.pointee == CancellationFlag.memoryExceeded else { return }
        throw .memoryExceeded(message(resident: ResidentMemory.current() ?? 0))
    }

    /// Cells watch their own flags from here on: the run's flag is watched at the budget itself
    /// (it is no longer checked, but the watchdog keeps sampling between cells and while the
    /// report is written, so the last resort can act there).
    func stopWatchingFlag() {
        if let t = watchToken { MemoryWatchdog.unwatch(t) }
        watchToken = MemoryWatchdog.watch(flag.state, limit: .full)
    }

    /// The run ended.
    func end() {
        if let t = watchToken { MemoryWatchdog.unwatch(t) }
        watchToken = nil
        if endsProcess { MemoryWatchdog.clearLastResort() }
    }

    /// `memory budget exceeded while compiling the cells of book.md: ...`.
    func message(resident: Int) -> String {
        let stage = lock.withLock { self.stage }
        return "memory budget exceeded while \(stage) of \(file): the process uses \(MemoryBudget.describe(resident)) of "
            + "\(MemoryBudget.budgetDescription); rlbook stopped there. Split the tutorial into smaller books, shorten its "
            + "longest lines (or the longest cells), keep fewer large values alive, or raise --max-memory"
    }

    /// On the watchdog's thread: the process passed the budget where nothing polls; ends it.
    private func lastResort(_ resident: Int) {
        let text = message(resident: resident)
        stderrWrite("\nerror: " + text + "\n")
        if !lock.withLock({ reportWritten }) {
            // a short page, so the folder has a report of this run (the book's own never got written)
            let page = "<!doctype html><meta charset=\"utf-8\"><title>rlbook: stopped</title><h1>rlbook stopped</h1><p>"
                + HTML.escape(text) + "</p>\n"
            try? FileIO.createDirectory(outDir)
            Self.writeWithoutSync(page, to: outDir + "/index.html")
        }
        fflush(stdout)
        fflush(stderr)
        _exit(RunError.memoryExceeded("").exitCode)
    }

    /// Writes `text` to `path` through a temporary file and a rename, as `FileIO.writeAtomically`
    /// does, but without its `fsync`: the stage that outgrew the budget goes on allocating on its
    /// own thread until `_exit`, and on a machine busy writing to disk an `fsync` waited long enough
    /// for a 64M run to peak at 77 MB. The page reaches the file system either way; only a crash of
    /// the machine itself could lose it.
    private static func writeWithoutSync(_ text: String, to path: String) {
        let tmp = "\(path).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Platform.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        close(fd)
        if offset == bytes.count { rename(tmp, path) } else { unlink(tmp) }
    }
}
