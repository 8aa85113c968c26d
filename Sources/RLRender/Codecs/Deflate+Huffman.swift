/// Length-limited canonical Huffman codes for DEFLATE blocks.
extension Deflate {
    /// Code lengths (0 = unused symbol) for `freqs`, no longer than `maxBits`.
    ///
    /// Builds an optimal Huffman tree with the two-queue method, then, if a code is too long,
    /// rebalances the length counts so that the Kraft sum is exactly one (the method of miniz's
    /// `tdefl_huffman_enforce_max_code_size`) and hands the shortest codes to the most frequent symbols.
    static func codeLengths(_ freqs: [Int], maxBits: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: freqs.count)
        var symbols = [Int]()
        for (s, f) in freqs.enumerated() where f > 0 { symbols.append(s) }
        if symbols.isEmpty { return lengths }
        if symbols.count == 1 {
            lengths[symbols[0]] = 1
            return lengths
        }
        // Sort by frequency, ties by symbol, for determinism.
        symbols.sort { freqs[$0] != freqs[$1] ? freqs[$0] < freqs[$1] : $0 < $1 }
        let n = symbols.count
        // Nodes: 0..<n leaves, n..<2n-1 internal.
        var weight = [Int](repeating: 0, count: 2 * n - 1)
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        for i in 0..<n { weight[i] = freqs[symbols[i]] }
        var leaf = 0, inner = n, next = n
        func take() -> Int {
            if leaf < n && (inner >= next || weight[leaf] <= weight[inner]) { leaf += 1; return leaf - 1 }
            inner += 1
            return inner - 1
        }
        while next < 2 * n - 1 {
            let a = take(), b = take()
            weight[next] = weight[a] + weight[b]
            parent[a] = next
            parent[b] = next
            next += 1
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for i in stride(from: 2 * n - 3, through: 0, by: -1) { depth[i] = depth[parent[i]] + 1 }
        var counts = [Int](repeating: 0, count: max(maxBits, n) + 1)
        for i in 0..<n { counts[min(depth[i], maxBits)] += 1 }
        // Enforce the limit: Kraft sum in units of 2^-maxBits.
        var total = 0
        for i in 1...maxBits { total += counts[i] << (maxBits - i) }
        while total > (1 << maxBits) {
            counts[maxBits] -= 1
            for i in stride(from: maxBits - 1, through: 1, by: -1) where counts[i] > 0 {
                counts[i] -= 1
                counts[i + 1] += 2
                break
            }
            total -= 1
        }
        // Longest codes to the rarest symbols (symbols[] is ascending by frequency).
        var k = 0
        for len in stride(from: maxBits, through: 1, by: -1) {
            for _ in 0..<counts[len] {
                lengths[symbols[k]] = UInt8(len)
                k += 1
            }
        }
        return lengths
    }

    /// Canonical codes (RFC 1951 §3.2.2), bit-reversed for the LSB-first bit writer.
    static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var blCount = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { blCount[Int(l)] += 1 }
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + blCount[bits - 1]) << 1
            nextCode[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (s, l) in lengths.enumerated() where l > 0 {
            let len = Int(l)
            var c = nextCode[len]
            nextCode[len] += 1
            var r = 0
            for _ in 0..<len { r = (r << 1) | (c & 1); c >>= 1 }
            codes[s] = UInt16(r)
        }
        return codes
    }
}
