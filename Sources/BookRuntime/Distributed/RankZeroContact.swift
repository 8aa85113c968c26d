import RLDistributed
import RLSupport

/// How a failing rank other than 0 has rank 0 write the partial report before the job stops.
///
/// Launchers stop a job differently when one rank calls `MPI_Abort`: Open MPI's `mpirun` sends
/// SIGTERM to the other ranks (SIGKILL seconds later), MPICH's Hydra kills them at once. So a
/// failing rank does not rely on the launcher: when rank 0 runs on the same host, it writes its
/// error to a notice file named after rank 0's pid and sends rank 0 SIGTERM itself; rank 0's
/// handler (`PartialReport`) writes the report with that error and exits with 70, which stops the
/// job. On another host (pids mean nothing there) the launcher's SIGTERM remains the only path.
struct RankZeroContact: Sendable {
    /// Rank 0's process id, and whether it runs on this host.
    let pid: pid_t
    let sameHost: Bool

    /// Rank 0 sends its pid and host to every rank (one `MPI_Bcast` of two float64s); every rank
    /// must call this at the same point.
    static func exchange(_ group: ProcessGroup) -> RankZeroContact? {
        let host = Double(hostHash())
        var buffer: [Double] = [Double(getpid()), host]
        let ok = buffer.withUnsafeMutableBytes { raw -> Bool in
            (try? group.broadcast(raw.baseAddress!, count: 2, element: .float64, root: 0)) != nil
        }
        guard ok else { return nil }
        return RankZeroContact(pid: pid_t(buffer[0]), sameHost: buffer[1] == host)
    }

    /// The notice file rank 0 with process id `pid` reads when it receives SIGTERM.
    static func noticePath(pid: pid_t) -> String { "/tmp/rlbook-stop-\(pid).txt" }

    /// Rank 0's side: the notice a failing rank left for this process (whether that rank was
    /// interrupted, and its message), removed once read.
    static func takeNotice() -> (interrupted: Bool, message: String)? {
        let path = noticePath(pid: getpid())
        guard let data = try? FileIO.read(path) else { return nil }
        unlink(path)
        let text = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" }).joined(separator: "\n")
        guard !text.isEmpty else { return nil }
        if text.hasPrefix(interruptedMark) { return (true, String(text.dropFirst(interruptedMark.count))) }
        return (false, text)
    }

    /// The first characters of a notice from a rank stopped by Ctrl-C.
    static let interruptedMark = "interrupted: "

    /// Rank 0's side, after writing the report a notice asked for: tells the failing rank.
    static func markReportWritten() {
        try? FileIO.writeAtomically([], to: writtenPath(pid: getpid()))
    }

    /// The file whose presence says rank 0 (process id `pid`) has written the partial report.
    static func writtenPath(pid: pid_t) -> String { noticePath(pid: pid) + ".written" }

    /// A failing rank's side: leaves `message` for rank 0, sends it SIGTERM and waits up to
    /// `wait` seconds for it to write the report (the caller then aborts the job). Returns false
    /// when rank 0 is on another host or already gone.
    @discardableResult
    func tellRankZero(_ message: String, wait: Double = 8) -> Bool {
        guard sameHost, pid > 0, kill(pid, 0) == 0 else { return false }
        let path = Self.noticePath(pid: pid), written = Self.writtenPath(pid: pid)
        guard (try? FileIO.writeAtomically(Array(message.utf8), to: path)) != nil else { return false }
        guard kill(pid, SIGTERM) == 0 else { unlink(path); return false }
        defer { unlink(path); unlink(written) }   // whatever rank 0 did not take
        let deadline = Clock.monotonic() + wait
        while Clock.monotonic() < deadline {
            if FileIO.exists(written) || kill(pid, 0) != 0 { return true }
            usleep(20_000)
        }
        return true
    }

    /// FNV-1a of this host's name (exact in a float64).
    static func hostHash() -> UInt32 {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        var h: UInt32 = 2_166_136_261
        for c in name where c != 0 { h = (h ^ UInt32(UInt8(bitPattern: c))) &* 16_777_619 }
        return h
    }
}
