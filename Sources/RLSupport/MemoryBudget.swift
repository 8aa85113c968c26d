
/// The most memory one allocation sized by a cell may take: `--max-memory` (which sets
/// `RLBOOK_MAX_MEMORY`), else 80 % of the memory available when the process started (Linux's
/// `MemAvailable`, else physical memory). Allocations a cell can size (tensors, arrays, strings) are
/// checked against it before they are made, so a typo such as `Tensor.zeros([2_000_000_000])` is a
/// located error instead of a machine brought to its knees.
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

    /// Nil when `count` elements of `elementBytes` each fit the budget; otherwise the reason, for an error.
    public static func refusal(count: Int, elementBytes: Int, what: String) -> String? {
        let (total, overflow) = count.multipliedReportingOverflow(by: max(1, elementBytes))
        guard overflow || total > bytes else { return nil }
        let need = overflow ? "more than 9 EB" : describe(total)
        return "\(what) would need \(need), more than the memory budget of \(describe(bytes)) (80 % of the available memory, or --max-memory); use a smaller size"
    }

    /// `8.0 GB`.
    public static func describe(_ bytes: Int) -> String {
        let gb = Double(bytes) / 1e9
        if gb >= 1 { return "\((gb * 10).rounded() / 10) GB" }
        return "\((Double(bytes) / 1e6 * 10).rounded() / 10) MB"
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
