import BookReport
import Dispatch
import RLDistributed
import RLSupport

/// `rlbook run` as one rank of `mpirun -np N rlbook run BOOK`.
///
/// Every rank runs every cell. Rank 0 writes the report (its header says how many processes ran)
/// and shows progress; the other ranks write no report, their printed text reaches the terminal
/// prefixed `[rank k]`, and files their cells save go to a scratch folder of their own. When a
/// rank fails, it stops the whole job with `MPI_Abort` (exit 70 for a failed cell), so no rank is
/// left waiting in a collective; a failing rank other than 0 waits a moment first so that rank 0,
/// failing in the same cell, can write its own report, then has rank 0 write the partial report
/// with its error (`RankZeroContact`).
public enum DistributedRun {
    /// Seconds a failing rank > 0 gives rank 0 before aborting the job.
    static let abortGrace = 2.0
    /// Seconds a rank gives the runner to stop after Ctrl-C before it exits by itself.
    static let interruptGrace = 1.5

    /// Runs the book in this process, as one rank when launched by MPI; returns the exit code.
    public static func run(_ options: RunOptions) -> Int32 {
        let group: ProcessGroup
        do { group = try Distributed.world() } catch {
            fputs("error: \(error)\n", stderr)
            return RunError.backendUnavailable("").exitCode
        }
        guard group.isDistributed else { return BookRunner(options: options).run() }
        if options.check {
            // Every rank would compare, and rank 0's report is not the single-process one --check knows.
            if group.rank == 0 {
                fputs(RunError.usage("--check compares a run with the committed single-process report; run it without mpirun or --np").description + "\n", stderr)
            }
            try? group.barrier()
            try? group.finalize()
            return RunError.usage("").exitCode
        }
        limitThreads(group)
        let contact = RankZeroContact.exchange(group)
        var opts = options
        let rank = group.rank
        let scratch = "/tmp/rlbook-rank\(rank)-\(getpid())"
        if rank != 0 {
            opts.quiet = true
            opts.outDir = scratch + "/" + RunOptions.stem(of: options.file)
        }
        defer { if rank != 0 { removeTree(scratch) } }
        let out = RankPrefixer(rank: rank, file: stdout)
        let err = RankPrefixer(rank: rank, file: stderr)
        let runner = BookRunner(options: opts, stdout: { out.write($0) }, stderr: { err.write($0) })
        runner.processCount = group.size
        runner.writesReport = rank == 0
        if rank == 0 {
            let outDir = opts.resolvedOutDir
            let partial = PartialReport { [runner] r in try? runner.writeReport(r, outDir) }
            partial.installSIGTERMHandler()
            runner.partialReport = partial
            Distributed.beforeAbort = { reason in partial.writeStopped(reason: reason) }
        }
        // Ctrl-C (relayed to every local rank by `--np`, or sent by hand): the runner stops the
        // cell at its next step; a rank blocked in a collective never gets there, so a rank still
        // running a moment later exits by itself (rank 0 writing the partial report first).
        let finishedRun = InterruptFlag()
        let sigint = SignalRelay.shared.register { [runner] in
            DispatchQueue.global().asyncAfter(deadline: .now() + interruptGrace) {
                if finishedRun.isSet { return }
                if rank == 0 { runner.partialReport?.writeStopped(interrupted: true) } else { removeTree(scratch) }
                fflush(stdout); fflush(stderr)
                _exit(130)
            }
        }
        let code = runner.run()
        finishedRun.set()
        SignalRelay.shared.unregister(sigint)
        out.flush(); err.flush()
        if code == 0 {
            do {
                try group.barrier()
                try group.finalize()
            } catch {
                err.write("error: \(error)\n")
                err.flush()
                group.abort(70)
            }
            return 0
        }
        if rank != 0 {
            removeTree(scratch)
            // Interrupted ranks all stop together; a short wait lets rank 0 finish its own report.
            usleep(UInt32((code == 130 ? 0.3 : abortGrace) * 1e6))
            // Rank 0 writes the partial report with this rank's error before the job stops (the
            // launcher alone may kill it without warning: MPICH's Hydra does).
            let what = code == 130 ? RankZeroContact.interruptedMark + "rank \(rank) was interrupted (Ctrl-C)"
                : runner.failure.map { "rank \(rank) failed in cell '\($0.cell)': \($0.message)" }
                ?? "rank \(rank) stopped (exit \(code)); see the terminal for its error"
            contact?.tellRankZero(what)
        }
        group.abort(code)
    }

    /// Under MPI, each rank's kernels use its share of the cores (`RLBOOK_THREADS` if set wins).
    static func limitThreads(_ group: ProcessGroup) {
        guard getenv("RLBOOK_THREADS") == nil else { return }
        let local = group.localSize
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        setenv("RLBOOK_THREADS", String(max(1, cores / max(local, 1))), 1)
    }

    /// The report header's device fact with the process count (`cpu × 2 processes (MPI)`).
    static func deviceLabel(_ device: String, processes: Int, lang: String) -> String {
        guard processes > 1 else { return device }
        return lang == "zh" ? "\(device) × \(processes) 个进程（MPI）" : "\(device) × \(processes) processes (MPI)"
    }
}

/// Writes text with `[rank k] ` at the start of every line (rank 0's text unchanged).
final class RankPrefixer: @unchecked Sendable {
    let prefix: String
    let file: UnsafeMutablePointer<FILE>
    private var atLineStart = true
    private let lock = NSLockLite()

    init(rank: Int, file: UnsafeMutablePointer<FILE>) {
        prefix = rank == 0 ? "" : "[rank \(rank)] "
        self.file = file
    }

    func write(_ s: String) {
        lock.withLock {
            fputs(Self.prefixed(s, prefix: prefix, atLineStart: &atLineStart), file)
            fflush(file)
        }
    }

    func flush() { lock.withLock { _ = fflush(file) } }

    /// `s` with `prefix` before each line start; `atLineStart` carries over between writes.
    static func prefixed(_ s: String, prefix: String, atLineStart: inout Bool) -> String {
        if prefix.isEmpty || s.isEmpty { return s }
        var out = ""
        for ch in s {
            if atLineStart { out += prefix; atLineStart = false }
            out.append(ch)
            if ch == "\n" { atLineStart = true }
        }
        return out
    }
}

extension DistributedRun {
    /// Removes a rank's scratch folder (files its cells saved) and everything in it.
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { unlink(path); return }
        for name in FileIO.listDirectory(path) {
            let child = path + "/" + name
            if lstat(child, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
        }
        rmdir(path)
    }
}
