
/// The most memory the whole process may take: `--max-memory` (which sets `RLBOOK_MAX_MEMORY`),
/// else 80 % of the memory available when the process started (Linux's `MemAvailable`, else
/// physical memory). Allocations a cell can size (tensors, arrays, strings) are checked before they
/// are made against what the process already uses (its resident size, `ResidentMemory`) plus the
/// request, so a typo such as `Tensor.zeros([2_000_000_000])` is a located error instead of a
/// machine brought to its knees; growth in many small steps is caught by `MemoryWatchdog`, which
/// stops the running cell. Both keep `headroom` free for writing the partial report, so the
/// process's peak stays under the budget.
public enum MemoryBudget {
    /// The budget in bytes: the limit set by the runner (`--max-memory`), else `RLBOOK_MAX_MEMORY`,
    /// else 80 % of the memory available when first asked.
    public static var bytes: Int {
        if let l = lock.withLock({ limits.values.min() }) { return l }
        return defaultBytes
    }

    /// Sets (or, with nil, clears) the one limit of this process; `rlbook run --max-memory 4G` does this.
    public static func setLimit(_ bytes: Int?) {
        lock.withLock { limits[0] = bytes }
    }

    /// Adds a limit for as long as a run lasts (books run side by side in one process, as the tests
    /// do, each add their own; the smallest applies); returns the token for `removeLimit`.
    public static func addLimit(_ bytes: Int) -> Int {
        lock.withLock {
            nextToken += 1
            limits[nextToken] = bytes
            return nextToken
        }
    }

    /// Removes a limit `addLimit` added.
    public static func removeLimit(_ token: Int) { lock.withLock { _ = limits.removeValue(forKey: token) } }

    private static let lock = NSLockLite()
    nonisolated(unsafe) private static var limits: [Int: Int] = [:]
    nonisolated(unsafe) private static var nextToken = 0

    private static let defaultBytes: Int = {
        if let v = getenv("RLBOOK_MAX_MEMORY"), let b = parse(String(cString: v)) { return b }
        if let available = availableMemory() { return available / 5 * 4 }
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size / 5 * 4 : Int.max
    }()

    /// `4G`, `512M`, `100000` (bytes); nil when malformed.
    public static func parse(_ text: String) -> Int? {
        var t = String(text.filter { $0 != " " && $0 != "\t" && $0 != "_" }).uppercased()
        var scale = 1
        if t.hasSuffix("B") { t.removeLast() }
        switch t.last {
        case "K": scale = 1 << 10
        case "M": scale = 1 << 20
        case "G": scale = 1 << 30
        case "T": scale = 1 << 40
        default: break
        }
        if scale > 1 { t.removeLast() }
        guard let v = Double(t), v > 0, v.isFinite, v * Double(scale) < 9e18 else { return nil }
        return Int(v * Double(scale))
    }

    /// The smallest `--max-memory` rlbook accepts: the binary, its libraries, the runtime's threads
    /// and the report writer take 14 MB (release) to 19 MB (debug) resident for a small book.
    public static let minimum = 64 << 20

    /// Memory kept free under the budget for what runs after a cell is stopped (the partial report)
    /// and for growth between two of the watchdog's samples: an eighth of the budget, 16 to 128 MB.
    public static func headroom(_ budget: Int) -> Int { min(max(budget / 8, 16 << 20), 128 << 20) }

    /// What cells may use in all: the budget less its headroom.
    public static var workingBytes: Int {
        let b = bytes
        return b == Int.max ? b : b - headroom(b)
    }

    /// Whether the budget came from `--max-memory` (or `RLBOOK_MAX_MEMORY`) rather than the default.
    public static var isExplicit: Bool {
        lock.withLock { !limits.isEmpty } || getenv("RLBOOK_MAX_MEMORY") != nil
    }

    /// `the memory budget of 512 MB (--max-memory)`.
    public static var budgetDescription: String {
        "the memory budget of \(describe(bytes)) (\(isExplicit ? "--max-memory" : "80 % of the available memory; --max-memory sets it"))"
    }

    /// Requests below this size are not checked against the resident size one by one (the watchdog
    /// sees them add up); at or above it one read of `/proc/self/statm` is small next to the work.
    public static let checkedSize = 1 << 20

    /// Nil when `count` elements of `elementBytes` each fit the budget, counting what the process
    /// already holds; otherwise the reason, for an error.
    public static func refusal(count: Int, elementBytes: Int, what: String) -> String? {
        let (total, overflow) = count.multipliedReportingOverflow(by: max(1, elementBytes))
        if !overflow && total <= bytes {
            guard let resident = residentAfterRelief(adding: total) else { return nil }
            return "\(what) would need \(describe(total)), but the process already uses \(describe(resident)) of \(budgetDescription), "
                + "which keeps \(describe(headroom(bytes))) free for the report; drop tensors and arrays you no longer need "
                + "(reassign the variables that hold them), use a smaller size, or raise --max-memory"
        }
        let need = overflow ? "more than 9 EB" : describe(total)
        return "\(what) would need \(need), more than \(budgetDescription); use a smaller size"
    }

    /// Nil when `bytes` more fit under the working budget; else the resident size that leaves no
    /// room, after asking the caches to let go of what they hold (`relieve`).
    public static func residentAfterRelief(adding bytes: Int) -> Int? {
        guard bytes >= checkedSize, let resident = ResidentMemory.current() else { return nil }
        let limit = workingBytes
        if resident + bytes <= limit { return nil }
        relieve()
        guard let after = ResidentMemory.current(), after + bytes > limit else { return nil }
        return after
    }

    /// Whether the process could hold a second copy of what it holds now (a snapshot of a cell's
    /// state for the cache) within the working budget; true where the resident size is unknown.
    public static var hasRoomToCopyResident: Bool {
        guard let resident = ResidentMemory.current() else { return true }
        return residentAfterRelief(adding: resident) == nil
    }

    /// Nil when `bytes` more fit the budget (see `residentAfterRelief`); else the error message.
    public static func growthRefusal(_ bytes: Int, what: @autoclosure () -> String) -> String? {
        guard bytes >= checkedSize else { return nil }
        return refusal(count: bytes, elementBytes: 1, what: what())
    }

    /// Adds a way to give memory back under pressure (the tensor buffer pool empties its free lists).
    public static func addRelief(_ body: @escaping @Sendable () -> Void) {
        lock.withLock { reliefs.append(body) }
    }

    /// Empties the caches that registered with `addRelief` and returns the heap's free pages to the
    /// system; at most every 50 ms (each call walks the heap).
    public static func relieve() {
        let now = Clock.monotonic()
        let hooks: [@Sendable () -> Void]? = lock.withLock {
            if now - lastRelief < 0.05 { return nil }
            lastRelief = now
            return reliefs
        }
        guard let hooks else { return }
        for h in hooks { h() }
        Platform.releaseFreeHeapMemory()
    }

    nonisolated(unsafe) private static var reliefs: [@Sendable () -> Void] = []
    nonisolated(unsafe) private static var lastRelief = -1.0

    /// `8.0 GB`, `512 MB` (binary units, as `--max-memory 512M` means 512 × 2^20 bytes).
    public static func describe(_ bytes: Int) -> String {
        let gb = Double(bytes) / Double(1 << 30)
        if gb >= 1 { return "\((gb * 10).rounded() / 10) GB" }
        let mb = (Double(bytes) / Double(1 << 20) * 10).rounded() / 10
        return mb == mb.rounded() ? "\(Int(mb)) MB" : "\(mb) MB"
    }

    /// Linux's MemAvailable in bytes.
    static func availableMemory() -> Int? {
        // Read directly: FileIO.read checks sizes against this budget, which is being computed.
        let fd = open("/proc/meminfo", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += buf[0..<n]
        }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let digits = line.filter { $0.isNumber }
            if let kb = Int(digits) { return kb * 1024 }
        }
        return nil
    }
}
