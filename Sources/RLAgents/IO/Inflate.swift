/// A DEFLATE (RFC 1951) decoder for zip entries: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// The encoder lives in RLRender (`Deflate`); this is the reader that `ZipArchive.read` needs for
/// archives written by Python's `zipfile` with `ZIP_DEFLATED` (and `numpy.savez_compressed`).
/// Structure after RFC 1951 section 3.2; the code-validity rules (over-subscribed and incomplete
/// codes, the length/distance symbol limits) follow zlib's `inftrees.c` / `inflate.c`, so a stream
/// zlib rejects is rejected here too. Huffman codes are decoded with one flat lookup table per code,
/// indexed by the next `maxLength` bits of the (LSB-first) stream.
enum Inflate {
    /// Decompresses a raw DEFLATE stream (no zlib or gzip wrapper).
    /// - Parameter limit: the most output bytes accepted (the declared size of a zip entry);
    ///   more is reported as corrupt rather than filling memory.
    static func decompress(_ input: [UInt8], limit: Int = Int.max) throws -> [UInt8] {
        var decoder = InflateDecoder(input: input, limit: limit)
        try decoder.run()
        return decoder.out
    }
}

/// A canonical Huffman code as a flat table: entry = symbol << 4 | code length; 0 = no such code.
struct InflateHuffman {
    var table: [UInt16]
    var tableBits: Int

    /// Builds the decoding table from code lengths (RFC 1951 3.2.2).
    /// - Parameter allowIncomplete: literal/length and distance codes may be incomplete only when they
    ///   consist of a single 1-bit code (zlib's rule); the code-length code must be complete.
    init(lengths: [Int], what: String, allowIncomplete: Bool = true) throws {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths {
            guard l >= 0 && l <= 15 else { throw AgentIOError.corrupt("deflate: \(what) code length \(l) out of range") }
            count[l] += 1
        }
        count[0] = 0
        let maxLength = (1...15).last(where: { count[$0] > 0 }) ?? 0
        if maxLength == 0 {
            // No symbols at all (allowed for a distance code of a literal-only block): every lookup fails.
            self = InflateHuffman(empty: ())
            return
        }
        var left = 1
        for len in 1...15 {
            left <<= 1
            left -= count[len]
            if left < 0 { throw AgentIOError.corrupt("deflate: over-subscribed \(what) code") }
        }
        if left > 0 && (!allowIncomplete || maxLength != 1) {
            throw AgentIOError.corrupt("deflate: incomplete \(what) code")
        }
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for len in 1...15 {
            code = (code + count[len - 1]) << 1
            nextCode[len] = code
        }
        tableBits = maxLength
        let size = 1 << maxLength
        var t = [UInt16](repeating: 0, count: size)
        for (symbol, len) in lengths.enumerated() where len > 0 {
            let c = nextCode[len]
            nextCode[len] += 1
            // Huffman codes are packed starting with the most significant bit: reverse for LSB-first lookup.
            var reversed = 0
            for i in 0..<len where (c >> i) & 1 != 0 { reversed |= 1 << (len - 1 - i) }
            let entry = UInt16(symbol << 4 | len)
            var i = reversed
            while i < size {
                t[i] = entry
                i += 1 << len
            }
        }
        table = t
    }

    /// The fixed literal/length code (RFC 1951 3.2.6); 288 symbols so the table is complete.
    static let fixedLiteral: InflateHuffman = {
        var lengths = [Int](repeating: 8, count: 288)
        for s in 144..<256 { lengths[s] = 9 }
        for s in 256..<280 { lengths[s] = 7 }
        // The lengths above form a complete code, so construction cannot fail.
        return (try? InflateHuffman(lengths: lengths, what: "fixed literal")) ?? InflateHuffman(empty: ())
    }()

    /// The fixed distance code: 32 five-bit codes (symbols 30 and 31 are invalid when decoded).
    static let fixedDistance: InflateHuffman = {
        (try? InflateHuffman(lengths: [Int](repeating: 5, count: 32), what: "fixed distance")) ?? InflateHuffman(empty: ())
    }()

    private init(empty: ()) {
        table = [0, 0]
        tableBits = 1
    }
}

/// The decoder state: an LSB-first bit buffer over the input and the output window (all output).
struct InflateDecoder {
    let input: [UInt8]
    let limit: Int
    var pos = 0            // next input byte to load (may run past the end: zero padding)
    var bitBuf: UInt64 = 0
    var bitCount = 0
    var out: [UInt8] = []

    init(input: [UInt8], limit: Int) {
        self.input = input
        self.limit = limit
        out.reserveCapacity(min(limit, max(input.count * 4, 1 << 16), 1 << 26)) // a declared size is a hint, not trusted
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                           2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Bits taken from the input so far.
    var consumedBits: Int { pos * 8 - bitCount }

    /// Tops the bit buffer up to at least 57 bits, padding with zero bytes past the end of the input.
    /// More than 8 padding bytes means the decoder certainly read past the end: a truncated stream.
    @inline(__always)
    mutating func refill() throws {
        while bitCount <= 56 {
            let byte: UInt64 = pos < input.count ? UInt64(input[pos]) : 0
            bitBuf |= byte << UInt64(bitCount)
            bitCount += 8
            pos += 1
        }
        if pos > input.count + 8 { throw AgentIOError.corrupt("deflate: stream ends early (truncated data)") }
    }

    @inline(__always)
    mutating func bits(_ n: Int) throws -> Int {
        if n == 0 { return 0 }
        if bitCount < n { try refill() }
        let v = Int(bitBuf & ((1 << UInt64(n)) - 1))
        bitBuf >>= UInt64(n)
        bitCount -= n
        return v
    }

    @inline(__always)
    mutating func decode(_ h: InflateHuffman, _ what: String) throws -> Int {
        if bitCount < 15 { try refill() }
        let entry = Int(h.table[Int(bitBuf & UInt64((1 << h.tableBits) - 1))])
        let len = entry & 15
        if len == 0 { throw AgentIOError.corrupt("deflate: invalid \(what) code") }
        bitBuf >>= UInt64(len)
        bitCount -= len
        return entry >> 4
    }

    mutating func run() throws {
        var final = false
        while !final {
            final = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codes(InflateHuffman.fixedLiteral, InflateHuffman.fixedDistance)
            case 2: try dynamicBlock()
            default: throw AgentIOError.corrupt("deflate: invalid block type 3")
            }
        }
        if consumedBits > input.count * 8 { throw AgentIOError.corrupt("deflate: stream ends early (truncated data)") }
    }

    mutating func storedBlock() throws {
        _ = try bits(bitCount % 8) // to a byte boundary
        let len = try bits(16)
        let nlen = try bits(16)
        if len != (~nlen & 0xFFFF) { throw AgentIOError.corrupt("deflate: stored block length \(len) does not match its complement") }
        if out.count + len > limit { throw AgentIOError.corrupt("deflate: output exceeds the declared size \(limit)") }
        var remaining = len
        while remaining > 0 && bitCount >= 8 {
            out.append(UInt8(truncatingIfNeeded: bitBuf))
            bitBuf >>= 8
            bitCount -= 8
            remaining -= 1
        }
        // Once the bit buffer is drained (bitCount == 0), `pos` is the next unread input byte.
        if consumedBits > input.count * 8 || (remaining > 0 && pos + remaining > input.count) {
            throw AgentIOError.corrupt("deflate: stored block ends early (truncated data)")
        }
        if remaining > 0 {
            out.append(contentsOf: input[pos..<(pos + remaining)])
            pos += remaining
        }
    }

    mutating func dynamicBlock() throws {
        let nlen = try bits(5) + 257
        let ndist = try bits(5) + 1
        let ncode = try bits(4) + 4
        if nlen > 286 || ndist > 30 { throw AgentIOError.corrupt("deflate: too many length or distance symbols") }
        var clLengths = [Int](repeating: 0, count: 19)
        for i in 0..<ncode { clLengths[InflateDecoder.codeLengthOrder[i]] = try bits(3) }
        let clCode = try InflateHuffman(lengths: clLengths, what: "code-length", allowIncomplete: false)
        var lengths = [Int]()
        lengths.reserveCapacity(nlen + ndist)
        while lengths.count < nlen + ndist {
            let sym = try decode(clCode, "code-length")
            switch sym {
            case 0...15:
                lengths.append(sym)
            case 16:
                guard let previous = lengths.last else { throw AgentIOError.corrupt("deflate: repeat with no previous length") }
                let n = 3 + (try bits(2))
                lengths.append(contentsOf: repeatElement(previous, count: n))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
            default:
                lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
            }
        }
        if lengths.count > nlen + ndist { throw AgentIOError.corrupt("deflate: code lengths repeat past the end") }
        if lengths[256] == 0 { throw AgentIOError.corrupt("deflate: no end-of-block code") }
        let lit = try InflateHuffman(lengths: Array(lengths[0..<nlen]), what: "literal/length")
        let dist = try InflateHuffman(lengths: Array(lengths[nlen...]), what: "distance")
        try codes(lit, dist)
    }

    mutating func codes(_ lit: InflateHuffman, _ dist: InflateHuffman) throws {
        while true {
            let sym = try decode(lit, "literal/length")
            if sym < 256 {
                if out.count >= limit { throw AgentIOError.corrupt("deflate: output exceeds the declared size \(limit)") }
                out.append(UInt8(sym))
                continue
            }
            if sym == 256 { return }
            let li = sym - 257
            guard li < 29 else { throw AgentIOError.corrupt("deflate: invalid length symbol \(sym)") }
            let length = InflateDecoder.lengthBase[li] + (try bits(InflateDecoder.lengthExtra[li]))
            let ds = try decode(dist, "distance")
            guard ds < 30 else { throw AgentIOError.corrupt("deflate: invalid distance symbol \(ds)") }
            let distance = InflateDecoder.distBase[ds] + (try bits(InflateDecoder.distExtra[ds]))
            guard distance <= out.count else {
                throw AgentIOError.corrupt("deflate: distance \(distance) reaches before the start of the data")
            }
            if out.count + length > limit { throw AgentIOError.corrupt("deflate: output exceeds the declared size \(limit)") }
            // Byte by byte: the source may overlap the bytes being written (distance < length), and
            // appending a slice of `out` to itself would copy the whole array.
            let start = out.count - distance
            for i in 0..<length { out.append(out[start + i]) }
        }
    }
}
