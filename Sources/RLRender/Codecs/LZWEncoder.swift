/// GIF's variable-code-size LZW (GIF89a specification, Appendix F): codes start at
/// `minCodeSize + 1` bits, grow to 12 bits, and a clear code resets the table when it is full.
public struct LZWEncoder {
    /// Child table: `prefixCode << 8 | byte` -> code, valid when `stamp` matches the current generation.
    private var child: [UInt16]
    private var stamp: [UInt16]
    private var generation: UInt16 = 0

    public init() {
        child = [UInt16](repeating: 0, count: 4096 * 256)
        stamp = [UInt16](repeating: 0, count: 4096 * 256)
    }

    /// LZW-compressed bytes (not yet split into sub-blocks) of palette `indices`, each < 2^minCodeSize.
    public mutating func encode(_ indices: [UInt8], minCodeSize: Int) -> [UInt8] {
        let clear = 1 << minCodeSize
        let eoi = clear + 1
        var out: [UInt8] = []
        out.reserveCapacity(indices.count / 2 + 16)
        var bitBuf: UInt32 = 0
        var bitCount = 0
        var codeSize = minCodeSize + 1
        var next = clear + 2
        @inline(__always) func emit(_ code: Int) {
            bitBuf |= UInt32(code) << UInt32(bitCount)
            bitCount += codeSize
            while bitCount >= 8 {
                out.append(UInt8(truncatingIfNeeded: bitBuf))
                bitBuf >>= 8
                bitCount -= 8
            }
        }
        func reset() {
            generation &+= 1
            if generation == 0 {
                for i in 0..<stamp.count { stamp[i] = 0 }
                generation = 1
            }
            codeSize = minCodeSize + 1
            next = clear + 2
        }
        reset()
        emit(clear)
        guard !indices.isEmpty else {
            emit(eoi)
            if bitCount > 0 { out.append(UInt8(truncatingIfNeeded: bitBuf)) }
            return out
        }
        let mask = UInt8((1 << minCodeSize) - 1)
        indices.withUnsafeBufferPointer { src in
            var prefix = Int(src[0] & mask)
            var i = 1
            while i < src.count {
                let k = Int(src[i] & mask)
                let slot = prefix << 8 | k
                if stamp[slot] == generation {
                    prefix = Int(child[slot])
                } else {
                    emit(prefix)
                    if next < 4096 {
                        child[slot] = UInt16(next)
                        stamp[slot] = generation
                        next += 1
                        if next > (1 << codeSize) && codeSize < 12 { codeSize += 1 }
                    } else {
                        emit(clear)
                        reset()
                    }
                    prefix = k
                }
                i += 1
            }
            emit(prefix)
        }
        emit(eoi)
        if bitCount > 0 { out.append(UInt8(truncatingIfNeeded: bitBuf)) }
        return out
    }
}
