/// Appends little-endian integer fields to a byte array (zip headers, NPY, TFRecord framing).
struct LittleEndianWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ v: UInt16) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * i))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) } }
}

/// Bounds-checked little-endian field reads: a read outside the data is `AgentIOError.corrupt`, never a trap.
struct LittleEndianReader {
    let data: [UInt8]
    /// What the data is ("zip", "event file"), for error messages.
    let what: String

    init(_ data: [UInt8], what: String) {
        self.data = data
        self.what = what
    }

    func check(_ offset: Int, _ count: Int) throws {
        guard offset >= 0, count >= 0, offset <= data.count - count else {
            throw AgentIOError.corrupt("\(what): \(count) bytes at offset \(offset) lie outside the \(data.count)-byte data (truncated?)")
        }
    }

    func u16(_ o: Int) throws -> Int {
        try check(o, 2)
        return Int(data[o]) | Int(data[o + 1]) << 8
    }

    func u32(_ o: Int) throws -> Int {
        try check(o, 4)
        return Int(data[o]) | Int(data[o + 1]) << 8 | Int(data[o + 2]) << 16 | Int(data[o + 3]) << 24
    }

    func u64(_ o: Int) throws -> UInt64 {
        try check(o, 8)
        var v: UInt64 = 0
        for i in (0..<8).reversed() { v = v << 8 | UInt64(data[o + i]) }
        return v
    }

    func bytes(_ o: Int, _ n: Int) throws -> [UInt8] {
        try check(o, n)
        return Array(data[o..<(o + n)])
    }
}
