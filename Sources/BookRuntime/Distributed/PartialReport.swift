import BookReport
import RLSupport
import Dispatch

/// Rank 0's last report state, written when `mpirun` stops the job from outside (another rank
/// called `MPI_Abort`, or the user pressed Ctrl-C): Open MPI then sends SIGTERM to every process
/// (SIGKILL a moment later), often while rank 0 waits inside a collective. The runner records the
/// report at each cell start; the SIGTERM handler marks the running cell as the one stopped, writes
/// the report and exits with 70. A failing rank on the same host sends the SIGTERM itself, with its
/// error in a notice file (`RankZeroContact`), which becomes the report's failure message.
final class PartialReport: @unchecked Sendable {
    private let lock = NSLockLite()
    private var report: Report?
    private var cell: String?
    private var started = 0.0
    private let write: (Report) -> Void
    private var source: DispatchSourceSignal?
    /// Set when the runner writes its own final report: SIGTERM then leaves that write alone.
    private var finished = false

    init(write: @escaping (Report) -> Void) { self.write = write }

    /// Called by the runner when a cell starts.
    func record(_ report: Report, cell: String, elapsed: Double) {
        lock.withLock {
            self.report = report
            self.cell = cell
            self.started = elapsed
        }
    }

    /// Installs the SIGTERM handler (once).
    func installSIGTERMHandler() {
        signal(SIGTERM, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        s.setEventHandler { [self] in
            // The runner is writing the final report itself (it failed or finished); the job stops
            // right after.
            if lock.withLock({ finished }) { return }
            let notice = RankZeroContact.takeNotice()
            writeStopped(reason: notice?.message, interrupted: notice?.interrupted ?? false)
            finish()                      // a later SIGTERM (the launcher's) leaves the report alone
            fflush(stdout); fflush(stderr)
            if notice != nil {
                // The failing rank aborts the job once the report is written, so the job's status
                // is its code: exiting first would let the launcher kill that rank (MPICH's Hydra
                // then reports the SIGKILL, exit 9).
                RankZeroContact.markReportWritten()
                usleep(10_000_000)
            }
            _exit(notice?.interrupted == true ? 130 : 70)
        }
        s.resume()
        source = s
    }

    /// The runner writes the final report from here on; SIGTERM no longer writes one.
    func finish() { lock.withLock { finished = true } }

    /// Writes the last recorded report with the running cell marked as stopped (by `reason`, or
    /// from outside when nil).
    func writeStopped(reason: String? = nil, interrupted: Bool = false) {
        let (r, c, t, done) = lock.withLock { (report, cell, started, finished) }
        guard var r, !done else { return }
        let outside = r.lang == "zh" ? "作业被另一个进程（MPI_Abort）或 mpirun 停止" : "the job was stopped by another process (MPI_Abort) or by mpirun; see the terminal for the failing rank's error"
        r.status = interrupted ? .interrupted(cell: c ?? "?") : .failed(cell: c ?? "?", message: reason ?? outside)
        r.totalSeconds = t
        write(r)
        fputs("rlbook: the job was stopped; rank 0 wrote the partial report\n", stderr)
    }
}
