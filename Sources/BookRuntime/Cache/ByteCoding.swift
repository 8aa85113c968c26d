import RLSupport

/// Little-endian binary writing and bounds-checked reading for cache entries.
struct ByteWriter {
    var bytes: [UInt8] = []
    /// Checks each growth of `bytes` against the memory budget (a cell's state for the cache): once
    /// it would not fit, `refusal` says why and nothing more is written (the entry is not stored).
    var budgeted = false
    private(set) var refusal: String?

    /// Whether `n` more bytes may be written: always, unless budgeted and the grown buffer (and a
    /// second copy of it, for the entry written to disk) would not fit the budget.
    @inline(__always)
    private mutating func fits(_ n: Int) -> Bool {
        if refusal != nil { return false }
        if !budgeted || bytes.count + n <= bytes.capacity { return true }
        return grows(n)
    }

    private mutating func grows(_ n: Int) -> Bool {
        let needed = bytes.count + n
        let grown = Swift.max(needed, 2 * bytes.capacity)
        if let why = MemoryBudget.growthRefusal(grown + needed, what: "a copy of the cell's state for the cache (\(MemoryBudget.describe(needed)) so far)") {
            refusal = why
            return false
        }
        return true
    }

    mutating func u8(_ v: UInt8) { if fits(1) { bytes.append(v) } }
    mutating func u32(_ v: UInt32) { if fits(4) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (UInt32(i) * 8))) } } }
    mutating func u64(_ v: UInt64) { if fits(8) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (UInt64(i) * 8))) } } }
    mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    mutating func double(_ v: Double) { u64(v.bitPattern) }
    mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }
    mutating func string(_ s: String) {
        int(s.utf8.count)
        if fits(s.utf8.count) { bytes.append(contentsOf: s.utf8) }
    }
    mutating func blob(_ b: [UInt8]) {
        int(b.count)
        if fits(b.count) { bytes.append(contentsOf: b) }
    }
    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
}

/// Reads what `ByteWriter` wrote; every read checks the bounds (a truncated or foreign entry throws).
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var atEnd: Bool { offset >= bytes.count }

    mutating func need(_ n: Int) throws(CacheError) {
        guard n >= 0, offset <= bytes.count - n else { throw .corrupt("truncated at byte \(offset) (needs \(n) more)") }
    }
    mutating func u8() throws(CacheError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func u32() throws(CacheError) -> UInt32 {
        try need(4)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (UInt32(i) * 8) }
        offset += 4
        return v
    }
    mutating func u64() throws(CacheError) -> UInt64 {
        try need(8)
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (UInt64(i) * 8) }
        offset += 8
        return v
    }
    mutating func int() throws(CacheError) -> Int { Int(Int64(bitPattern: try u64())) }
    /// A count of things that follow (each at least `minSize` bytes): refuses counts the entry cannot hold.
    mutating func count(minSize: Int = 1) throws(CacheError) -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - offset) / max(1, minSize) else { throw .corrupt("impossible count \(n) at byte \(offset)") }
        return n
    }
    mutating func double() throws(CacheError) -> Double { Double(bitPattern: try u64()) }
    mutating func bool() throws(CacheError) -> Bool {
        let b = try u8()
        guard b <= 1 else { throw .corrupt("bad flag \(b) at byte \(offset - 1)") }
        return b == 1
    }
    mutating func string() throws(CacheError) -> String {
        let n = try count()
        let s = String(decoding: bytes[offset..<offset + n], as: UTF8.self)
        offset += n
        return s
    }
    mutating func blob() throws(CacheError) -> [UInt8] {
        let n = try count()
        let b = Array(bytes[offset..<offset + n])
        offset += n
        return b
    }
    mutating func optionalString() throws(CacheError) -> String? { try bool() ? try string() : nil }
}
