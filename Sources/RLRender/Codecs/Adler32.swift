/// Adler-32 checksum (RFC 1950 §8), the trailer of a zlib stream.
public struct Adler32: Sendable {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    public init() {}

    /// The current checksum.
    public var value: UInt32 { (b << 16) | a }

    /// Feeds raw bytes; sums are reduced every 5552 bytes (the largest run that cannot overflow 32 bits).
    public mutating func update(buffer: UnsafeRawBufferPointer) {
        var i = 0
        let n = buffer.count
        while i < n {
            let end = min(n, i + 5552)
            while i < end {
                a &+= UInt32(buffer[i])
                b &+= a
                i += 1
            }
            a %= 65521
            b %= 65521
        }
    }

    /// Feeds bytes.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Bool? = bytes.withContiguousStorageIfAvailable { buf in update(buffer: UnsafeRawBufferPointer(buf)); return true }
        if done == nil { let a = Array(bytes); a.withUnsafeBytes { update(buffer: $0) } }
    }

    /// Adler-32 of a whole byte sequence.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var c = Adler32()
        c.update(bytes)
        return c.value
    }
}
