/// The process's resident size (what the kernel counts against the machine, and what a peak such as
/// `/proc/self/status`'s VmHWM measures), read from Linux's `/proc/self/statm` with one `pread`: a
/// few microseconds. Nil where there is no such file.
public enum ResidentMemory {
    private static let fd: Int32 = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    private static let pageSize = max(1, sysconf(Int32(_SC_PAGESIZE)))

    /// Resident bytes now.
    public static func current() -> Int? {
        guard fd >= 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buf -> Int? in
            let n = pread(fd, buf.baseAddress, buf.count, 0)
            guard n > 0 else { return nil }
            // "size resident shared text lib data dt", in pages: the second field
            var i = 0
            while i < n && buf[i] != 0x20 { i += 1 }
            i += 1
            var pages = 0, digits = 0
            while i < n, buf[i] >= 0x30, buf[i] <= 0x39 {
                pages = pages * 10 + Int(buf[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits > 0 ? pages * pageSize : nil
        }
    }
}

/// Stops running cells when the process outgrows its memory budget in steps too small to check one
/// by one (many medium tensors kept in an array, a list appended in a loop): a thread samples the
/// resident size every 2 ms while a cell runs (10 ms far below the limit, 0.25 ms close to it) and, past `MemoryBudget.workingBytes` (after letting
/// the caches give memory back), sets the cells' cancellation flags to `memoryExceeded`. The
/// interpreter then stops the cell at its next check with `MemoryWatchdog.message`, located at the
/// statement or call it was running, and the runner writes the partial report in the headroom the
/// budget keeps.
///
/// Outside cells (reading the tutorial, compiling the cells, writing the report) the runner watches
/// a flag of its own (`watch(_:limit:)` with `.working`), polled between stages and cells, and sets
/// a last resort (`setLastResort`): past the budget itself less a margin (`hardLimit`), whatever
/// the process is doing, the watchdog calls it, and it ends the process with a clear error and the
/// documented exit code instead of letting the kernel kill it.
public enum MemoryWatchdog {
    /// How far the process may grow before the watchdog sets a watched flag.
    public enum Limit: Sendable {
        /// `MemoryBudget.workingBytes`: the budget less the headroom kept for the report (cells,
        /// reading and compiling a book).
        case working
        /// `hardLimit`: the budget less a small margin (what runs in the headroom: the report).
        case full
    }

    private static let lock = NSLockLite()
    nonisolated(unsafe) private static var watched: [Int: (state: UnsafeMutablePointer<Int>, limit: Limit)] = [:]
    nonisolated(unsafe) private static var lastResort: (@Sendable (Int) -> Void)?
    nonisolated(unsafe) private static var lastResortUsers = 0
    nonisolated(unsafe) private static var nextToken = 0
    nonisolated(unsafe) private static var started = false
    nonisolated(unsafe) private static var trippedAt = 0
    nonisolated(unsafe) private static var refusedRequest = 0
    /// Microseconds between two samples while a cell runs.
    static let interval: UInt32 = 2_000
    /// Microseconds between two samples once the process is past half its working limit: the
    /// growth a late sample misses is what overshoots the budget.
    static let closeInterval: UInt32 = 250
    /// Microseconds between two samples while the process is far below its limit (under a quarter of
    /// it, and more than 2 GB from it: more than memory bandwidth can fill between two samples). A
    /// sample every 2 ms woke this thread 500 times a second, ~0.7 % of a 2-core machine's CPU in a
    /// DQN CarRacing run, each wake-up taking a core from a kernel's worker.
    static let farInterval: UInt32 = 10_000

    /// The pause before the next sample at `resident` bytes, against a working limit of `working` bytes.
    static func pause(resident: Int, working: Int) -> UInt32 {
        if resident > working / 2 { return closeInterval }
        if resident < working / 4 && working - resident > 2 << 30 { return farInterval }
        return interval
    }

    /// Watches `state` (a running cell's stop flag, or a run's flag outside cells) until `unwatch`:
    /// the watchdog sets it to `memoryExceeded` once the process is past `limit`. Starts the sampling
    /// thread on first use.
    public static func watch(_ state: UnsafeMutablePointer<Int>, limit: Limit = .working) -> Int {
        let (token, start): (Int, Bool) = lock.withLock {
            nextToken += 1
            watched[nextToken] = (state, limit)
            defer { started = true }
            return (nextToken, !started)
        }
        if start && !Platform.startDetachedThread(sample) { lock.withLock { started = false } }
        return token
    }

    /// Stops watching; after it returns the watchdog no longer touches the flag.
    public static func unwatch(_ token: Int) { lock.withLock { _ = watched.removeValue(forKey: token) } }

    /// The resident size past which the process is ended (`setLastResort`): the budget less a
    /// quarter of its headroom, at least 16 MB (what the process can grow between two samples: a
    /// growing array's new buffer is filled in one go, and on a loaded machine the sampling thread
    /// waits its turn; 8 MB let a 64M run of a huge cell peak at 71 MB under CI's load).
    public static var hardLimit: Int {
        let b = MemoryBudget.bytes
        return b == Int.max ? b : b - max(MemoryBudget.headroom(b) / 4, 16 << 20)
    }

    /// Sets what the watchdog calls (on its own thread, with the resident size) when the process
    /// passes `hardLimit` while a flag is watched: the runner prints the error, keeps the report it
    /// can and exits (it must not return). The last one set is used; `clearLastResort` removes it.
    public static func setLastResort(_ body: @escaping @Sendable (Int) -> Void) {
        lock.withLock { lastResort = body; lastResortUsers += 1 }
    }

    /// Undoes one `setLastResort` (the handler goes when its last user does).
    public static func clearLastResort() {
        lock.withLock {
            lastResortUsers = max(0, lastResortUsers - 1)
            if lastResortUsers == 0 { lastResort = nil }
        }
    }

    /// Why a cell stopped with `memoryExceeded`: what the process used (and what it asked for, when
    /// an engine allocation was refused), against which budget, and what to do.
    public static var message: String {
        let (seen, request) = lock.withLock { (trippedAt, refusedRequest) }
        let budget = MemoryBudget.bytes
        let used = MemoryBudget.describe(max(seen, ResidentMemory.current() ?? 0))
        let what = request > 0 ? "a result of \(MemoryBudget.describe(request)) does not fit beside the \(used) the process uses within"
                               : "the process uses \(used) of"
        return "memory budget exceeded: \(what) \(MemoryBudget.budgetDescription), "
            + "which keeps \(MemoryBudget.describe(MemoryBudget.headroom(budget))) free for the report; keep fewer or smaller tensors, "
            + "arrays and strings alive (reassign the variables that hold what you no longer need), use smaller sizes or raise --max-memory"
    }

    /// Records an engine allocation of `bytes` the budget refused with `resident` bytes in use (for `message`).
    public static func noteRefusal(_ bytes: Int, resident: Int) {
        lock.withLock { refusedRequest = bytes; trippedAt = resident }
    }

    /// Sets every watched flag that is not already set and whose limit `resident` passed.
    static func trip(_ resident: Int) {
        let full = resident > hardLimit
        lock.withLock {
            for w in watched.values where w.state.pointee == CancellationFlag.none && (full || w.limit == .working) {
                w.state.pointee = CancellationFlag.memoryExceeded
                trippedAt = resident
                refusedRequest = 0
            }
        }
    }

    private static func sample() {
        while true {
            let busy = lock.withLock { !watched.isEmpty }
            if !busy { usleep(20_000); continue }
            let resident = ResidentMemory.current()
            if let resident, resident > MemoryBudget.workingBytes {
                MemoryBudget.relieve()
                if let after = ResidentMemory.current(), after > MemoryBudget.workingBytes {
                    trip(after)
                    if after > hardLimit, let last = lock.withLock({ lastResort }) {
                        lock.withLock { trippedAt = after; refusedRequest = 0 }
                        last(after)
                    }
                }
            }
            usleep(pause(resident: resident ?? 0, working: MemoryBudget.workingBytes))
        }
    }
}
