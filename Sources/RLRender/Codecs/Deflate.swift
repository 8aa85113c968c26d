/// A DEFLATE (RFC 1951) and zlib (RFC 1950) compressor: LZ77 with hash chains and lazy matching,
/// then dynamic Huffman blocks with length-limited codes (stored or fixed blocks when smaller).
///
/// The match search follows zlib's `deflate_slow` (lazy evaluation, `max_chain`, `good_length`,
/// `nice_length`, `max_lazy` per level; see zlib's deflate.c `configuration_table`); the code is our own.
public enum Deflate {
    /// Match-search effort (zlib's configuration table).
    public struct Level: Sendable, Hashable {
        public var goodLength: Int
        public var maxLazy: Int
        public var niceLength: Int
        public var maxChain: Int
        public init(goodLength: Int, maxLazy: Int, niceLength: Int, maxChain: Int) {
            self.goodLength = goodLength
            self.maxLazy = maxLazy
            self.niceLength = niceLength
            self.maxChain = maxChain
        }
        /// zlib level 1-9 parameters (levels below 4 use lazy matching here too).
        public static func zlib(_ level: Int) -> Level {
            switch max(1, min(9, level)) {
            case 1: return Level(goodLength: 4, maxLazy: 4, niceLength: 8, maxChain: 4)
            case 2: return Level(goodLength: 4, maxLazy: 5, niceLength: 16, maxChain: 8)
            case 3: return Level(goodLength: 4, maxLazy: 6, niceLength: 32, maxChain: 32)
            case 4: return Level(goodLength: 4, maxLazy: 4, niceLength: 16, maxChain: 16)
            case 5: return Level(goodLength: 8, maxLazy: 16, niceLength: 32, maxChain: 32)
            case 6: return Level(goodLength: 8, maxLazy: 16, niceLength: 128, maxChain: 128)
            case 7: return Level(goodLength: 8, maxLazy: 32, niceLength: 128, maxChain: 256)
            case 8: return Level(goodLength: 32, maxLazy: 128, niceLength: 258, maxChain: 1024)
            default: return Level(goodLength: 32, maxLazy: 258, niceLength: 258, maxChain: 4096)
            }
        }
    }

    /// Raw DEFLATE stream of `data`.
    public static func compress(_ data: [UInt8], level: Int = 6) -> [UInt8] {
        var w = DeflateBitWriter(capacity: data.count / 4 + 64)
        data.withUnsafeBufferPointer { src in
            var encoder = DeflateEncoder(input: src, level: Level.zlib(level))
            encoder.run(&w)
        }
        w.alignToByte()
        return w.bytes
    }

    /// zlib stream (2-byte header, DEFLATE data, Adler-32 trailer), as PNG's IDAT and Python's `zlib.decompress` expect.
    public static func zlib(_ data: [UInt8], level: Int = 6) -> [UInt8] {
        let flevel: UInt8 = level <= 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3
        let cmf: UInt8 = 0x78 // CM 8, CINFO 7 (32K window)
        var flg: UInt8 = flevel << 6
        flg += UInt8(31 - (Int(cmf) * 256 + Int(flg)) % 31)
        var out: [UInt8] = [cmf, flg]
        out.append(contentsOf: compress(data, level: level))
        let a = Adler32.checksum(data)
        out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        return out
    }
}

/// The LZ77 stage: finds matches and hands symbols to the block writer in batches.
struct DeflateEncoder {
    static let windowSize = 32768
    static let hashBits = 15
    static let minMatch = 3
    static let maxMatch = 258
    static let tooFar = 4096

    let input: UnsafeBufferPointer<UInt8>
    let level: Deflate.Level
    var head: [Int32]
    var prev: [Int32]
    var block: DeflateBlock

    /// Hash-table bits and chain-table size, smaller for small inputs (a 96×96 frame needs far less
    /// than 32K entries, and clearing the tables per frame would otherwise dominate).
    let bits: Int
    let wmask: Int

    init(input: UnsafeBufferPointer<UInt8>, level: Deflate.Level) {
        self.input = input
        self.level = level
        var b = 9
        while b < DeflateEncoder.hashBits && (1 << b) < input.count { b += 1 }
        bits = b
        var w = 1 << 9
        while w < DeflateEncoder.windowSize && w < input.count { w <<= 1 }
        wmask = w - 1
        head = [Int32](repeating: -1, count: 1 << b)
        prev = [Int32](repeating: -1, count: w)
        block = DeflateBlock(expected: input.count)
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ bits: Int) -> Int {
        let v = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16
        return Int((v &* 2_654_435_761) >> UInt32(32 - bits))
    }

    mutating func run(_ w: inout DeflateBitWriter) {
        let n = input.count
        guard n > 0, let base = input.baseAddress else {
            block.flush(input: input, blockStart: 0, end: 0, final: true, &w)
            return
        }
        let maxChain = level.maxChain, goodLength = level.goodLength
        let niceLength = level.niceLength, maxLazy = level.maxLazy
        let wmask = self.wmask, bits = self.bits
        var blockStart = 0
        head.withUnsafeMutableBufferPointer { head in
        prev.withUnsafeMutableBufferPointer { prev in
            @inline(__always) func insert(_ pos: Int) -> Int {
                let h = DeflateEncoder.hash(base + pos, bits)
                let cand = Int(head[h])
                prev[pos & wmask] = Int32(cand)
                head[h] = Int32(pos)
                return cand
            }
            /// Longest match at `pos` against the chain starting at `cand`.
            @inline(__always) func longest(_ pos: Int, _ firstCand: Int, _ prevLen: Int) -> (Int, Int) {
                let limit = min(DeflateEncoder.maxMatch, n - pos)
                var bestLen = prevLen
                var bestDist = 0
                var chain = prevLen >= goodLength ? maxChain >> 2 : maxChain
                var cand = firstCand
                let minPos = pos - DeflateEncoder.windowSize
                let scan = base + pos
                let nice = min(niceLength, limit)
                while cand >= 0 && cand > minPos && chain > 0 {
                    let m = base + cand
                    if bestLen < limit && m[bestLen] == scan[bestLen] && m[0] == scan[0] && m[1] == scan[1] {
                        var len = 2
                        while len + 8 <= limit {
                            let a = UnsafeRawPointer(m + len).loadUnaligned(as: UInt64.self)
                            let b = UnsafeRawPointer(scan + len).loadUnaligned(as: UInt64.self)
                            if a != b {
                                len += (a ^ b).trailingZeroBitCount >> 3
                                break
                            }
                            len += 8
                        }
                        if len + 8 > limit { while len < limit && m[len] == scan[len] { len += 1 } }
                        len = min(len, limit)
                        if len > bestLen {
                            bestLen = len
                            bestDist = pos - cand
                            if len >= nice { break }
                        }
                    }
                    let p = Int(prev[cand & wmask])
                    if p >= cand { break }
                    cand = p
                    chain -= 1
                }
                return (bestLen, bestDist)
            }

            var pos = 0
            var matchLen = DeflateEncoder.minMatch - 1
            var matchDist = 0
            var matchAvailable = false
            while pos < n {
                var cand = -1
                if pos + DeflateEncoder.minMatch <= n { cand = insert(pos) }
                let prevLen = matchLen, prevDist = matchDist
                matchLen = DeflateEncoder.minMatch - 1
                if cand >= 0 && prevLen < maxLazy && pos - cand <= DeflateEncoder.windowSize {
                    let (l, d) = longest(pos, cand, prevLen)
                    if d > 0 {
                        matchLen = l
                        matchDist = d
                        if matchLen == DeflateEncoder.minMatch && matchDist > DeflateEncoder.tooFar {
                            matchLen = DeflateEncoder.minMatch - 1
                        }
                    }
                }
                if prevLen >= DeflateEncoder.minMatch && matchLen <= prevLen {
                    // Emit the previous match, which started at pos - 1.
                    block.addMatch(length: prevLen, distance: prevDist)
                    let end = pos - 1 + prevLen
                    var p = pos + 1
                    while p < end {
                        if p + DeflateEncoder.minMatch <= n { _ = insert(p) }
                        p += 1
                    }
                    pos = end
                    matchAvailable = false
                    matchLen = DeflateEncoder.minMatch - 1
                } else if matchAvailable {
                    block.addLiteral(base[pos - 1])
                    pos += 1
                } else {
                    matchAvailable = true
                    pos += 1
                }
                if block.isFull {
                    let end = matchAvailable ? pos - 1 : pos
                    block.flush(input: input, blockStart: blockStart, end: end, final: false, &w)
                    blockStart = end
                }
            }
            if matchAvailable { block.addLiteral(base[n - 1]) }
            block.flush(input: input, blockStart: blockStart, end: n, final: true, &w)
        } }
    }
}
