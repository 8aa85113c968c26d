/// Little-endian bit packer for DEFLATE (RFC 1951 §3.1.1: data elements are packed starting with the
/// least-significant bit of each byte; Huffman codes are therefore stored bit-reversed).
struct DeflateBitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends the low `n` bits of `bits` (n <= 32).
    @inline(__always)
    mutating func put(_ bits: UInt32, _ n: Int) {
        buffer |= UInt64(bits) << UInt64(count)
        count += n
        if count >= 32 {
            let w = UInt32(truncatingIfNeeded: buffer)
            bytes.append(UInt8(truncatingIfNeeded: w))
            bytes.append(UInt8(truncatingIfNeeded: w >> 8))
            bytes.append(UInt8(truncatingIfNeeded: w >> 16))
            bytes.append(UInt8(truncatingIfNeeded: w >> 24))
            buffer >>= 32
            count -= 32
        }
    }

    /// Pads with zero bits to a byte boundary and flushes the pending bits.
    mutating func alignToByte() {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        buffer = 0
        count = 0
    }

    /// Appends whole bytes (only valid after `alignToByte`).
    mutating func appendBytes(_ src: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: src) }
}
