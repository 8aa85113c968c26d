/// CRC-32 (ISO 3309 / ITU-T V.42, polynomial 0xEDB88320 reflected), as used by PNG chunks and gzip.
///
/// Table-driven, slicing-by-4. Reference: PNG specification, Annex D "Sample CRC implementation".
public struct CRC32: Sendable {
    /// The running value (pre/post-conditioned as PNG requires); start at `CRC32()`.
    public private(set) var value: UInt32 = 0

    public init() {}

    static let tables: [[UInt32]] = {
        var t0 = [UInt32](repeating: 0, count: 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t0[n] = c
        }
        var tables = [t0]
        for k in 1..<4 {
            var t = [UInt32](repeating: 0, count: 256)
            for n in 0..<256 { t[n] = (tables[k - 1][n] >> 8) ^ t0[Int(tables[k - 1][n] & 0xFF)] }
            tables.append(t)
        }
        return tables
    }()

    /// Feeds bytes.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Bool? = bytes.withContiguousStorageIfAvailable { buf in update(buffer: UnsafeRawBufferPointer(buf)); return true }
        if done == nil { let a = Array(bytes); a.withUnsafeBytes { update(buffer: $0) } }
    }

    /// Feeds raw bytes.
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        var c = ~value
        let t = CRC32.tables
        t[0].withUnsafeBufferPointer { t0 in t[1].withUnsafeBufferPointer { t1 in
        t[2].withUnsafeBufferPointer { t2 in t[3].withUnsafeBufferPointer { t3 in
            var i = 0
            let n = buffer.count
            while i + 4 <= n {
                c ^= UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16 | UInt32(buffer[i + 3]) << 24
                c = t3[Int(c & 0xFF)] ^ t2[Int((c >> 8) & 0xFF)] ^ t1[Int((c >> 16) & 0xFF)] ^ t0[Int(c >> 24)]
                i += 4
            }
            while i < n {
                c = t0[Int((c ^ UInt32(buffer[i])) & 0xFF)] ^ (c >> 8)
                i += 1
            }
        } } } }
        value = ~c
    }

    /// CRC-32 of a whole byte sequence.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var c = CRC32()
        c.update(bytes)
        return c.value
    }
}
