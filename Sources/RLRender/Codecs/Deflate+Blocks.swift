/// One DEFLATE block's worth of LZ77 symbols, and the code that writes it as the cheapest of a
/// stored, fixed-Huffman or dynamic-Huffman block (RFC 1951 §3.2.3-§3.2.7).
struct DeflateBlock {
    static let capacity = 1 << 15
    /// Literal (0-255) or 256 + (length - 3) for a match.
    var litLen: [UInt16] = []
    /// Distance - 1 for matches (unused for literals).
    var dists: [UInt16] = []
    var litFreq = [Int](repeating: 0, count: 286)
    var distFreq = [Int](repeating: 0, count: 30)

    init(expected: Int = DeflateBlock.capacity) {
        litLen.reserveCapacity(min(DeflateBlock.capacity, expected + 1))
        dists.reserveCapacity(min(DeflateBlock.capacity, expected + 1))
    }

    var isFull: Bool { litLen.count >= DeflateBlock.capacity }

    @inline(__always)
    mutating func addLiteral(_ b: UInt8) {
        litLen.append(UInt16(b))
        dists.append(0)
        litFreq[Int(b)] += 1
    }

    @inline(__always)
    mutating func addMatch(length: Int, distance: Int) {
        litLen.append(UInt16(256 + length - 3))
        dists.append(UInt16(distance - 1))
        litFreq[257 + Int(DeflateTables.lengthCode[length - 3])] += 1
        distFreq[Int(DeflateTables.distCode[distance - 1])] += 1
    }

    /// Writes the collected symbols (covering input[blockStart..<end]) and resets.
    mutating func flush(input: UnsafeBufferPointer<UInt8>, blockStart: Int, end: Int, final: Bool, _ w: inout DeflateBitWriter) {
        litFreq[256] = 1
        let litLengths = Deflate.codeLengths(litFreq, maxBits: 15)
        var distLengths = Deflate.codeLengths(distFreq, maxBits: 15)
        // A distance tree needs at least one code; two avoid old inflaters' single-code quirk.
        let usedDist = distLengths.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        if usedDist < 2 {
            if distLengths[0] == 0 { distLengths[0] = 1 }
            if distLengths[1] == 0 { distLengths[1] = 1 }
        }
        // Header for the dynamic block.
        var hlit = 286
        while hlit > 257 && litLengths[hlit - 1] == 0 { hlit -= 1 }
        var hdist = 30
        while hdist > 1 && distLengths[hdist - 1] == 0 { hdist -= 1 }
        let all = Array(litLengths[0..<hlit]) + Array(distLengths[0..<hdist])
        let rle = DeflateBlock.runLengthEncode(all)
        var clFreq = [Int](repeating: 0, count: 19)
        for (sym, _) in rle { clFreq[Int(sym)] += 1 }
        var clLengths = Deflate.codeLengths(clFreq, maxBits: 7)
        // zlib's inflate rejects an incomplete code-length code: give a lone code a partner.
        if clLengths.reduce(0, { $0 + ($1 > 0 ? 1 : 0) }) == 1 {
            let partner = clLengths[0] == 0 ? 0 : 1
            clLengths[partner] = 1
        }
        var hclen = 19
        while hclen > 4 && clLengths[Int(DeflateTables.codeLengthOrder[hclen - 1])] == 0 { hclen -= 1 }

        // Costs in bits.
        var extraBits = 0
        for c in 0..<29 { extraBits += litFreq[257 + c] * Int(DeflateTables.lengthExtra[c]) }
        for c in 0..<30 { extraBits += distFreq[c] * Int(DeflateTables.distExtra[c]) }
        var dynamicBits = 3 + 14 + 3 * hclen + extraBits
        for (sym, _) in rle {
            dynamicBits += Int(clLengths[Int(sym)]) + (sym == 16 ? 2 : sym == 17 ? 3 : sym == 18 ? 7 : 0)
        }
        for s in 0..<286 { dynamicBits += litFreq[s] * Int(litLengths[s]) }
        for s in 0..<30 { dynamicBits += distFreq[s] * Int(distLengths[s]) }
        var fixedBits = 3 + extraBits
        for s in 0..<286 { fixedBits += litFreq[s] * Int(DeflateTables.fixedLitLengths[s]) }
        for s in 0..<30 { fixedBits += distFreq[s] * 5 }
        let raw = end - blockStart
        let storedBits = 3 + 7 + (raw / 65535 + 1) * 32 + raw * 8

        if storedBits < min(fixedBits, dynamicBits) {
            writeStored(input: input, start: blockStart, end: end, final: final, &w)
        } else if fixedBits <= dynamicBits {
            w.put(final ? 1 : 0, 1)
            w.put(1, 2)
            writeSymbols(litLengths: DeflateTables.fixedLitLengths, distLengths: [UInt8](repeating: 5, count: 30), &w)
        } else {
            w.put(final ? 1 : 0, 1)
            w.put(2, 2)
            w.put(UInt32(hlit - 257), 5)
            w.put(UInt32(hdist - 1), 5)
            w.put(UInt32(hclen - 4), 4)
            for i in 0..<hclen { w.put(UInt32(clLengths[Int(DeflateTables.codeLengthOrder[i])]), 3) }
            let clCodes = Deflate.canonicalCodes(clLengths)
            for (sym, extra) in rle {
                w.put(UInt32(clCodes[Int(sym)]), Int(clLengths[Int(sym)]))
                switch sym {
                case 16: w.put(UInt32(extra), 2)
                case 17: w.put(UInt32(extra), 3)
                case 18: w.put(UInt32(extra), 7)
                default: break
                }
            }
            writeSymbols(litLengths: litLengths, distLengths: distLengths, &w)
        }
        litLen.removeAll(keepingCapacity: true)
        dists.removeAll(keepingCapacity: true)
        for i in 0..<litFreq.count { litFreq[i] = 0 }
        for i in 0..<distFreq.count { distFreq[i] = 0 }
    }

    private func writeStored(input: UnsafeBufferPointer<UInt8>, start: Int, end: Int, final: Bool, _ w: inout DeflateBitWriter) {
        var p = start
        repeat {
            let len = min(65535, end - p)
            let last = final && p + len == end
            w.put(last ? 1 : 0, 1)
            w.put(0, 2)
            w.alignToByte()
            w.put(UInt32(len), 16)
            w.put(UInt32(~UInt16(len)), 16)
            w.appendBytes(UnsafeBufferPointer(rebasing: input[p..<(p + len)]))
            p += len
        } while p < end
    }

    private func writeSymbols(litLengths: [UInt8], distLengths: [UInt8], _ w: inout DeflateBitWriter) {
        let litCodes = Deflate.canonicalCodes(litLengths)
        let distCodes = Deflate.canonicalCodes(distLengths)
        litCodes.withUnsafeBufferPointer { lc in litLengths.withUnsafeBufferPointer { ll in
        distCodes.withUnsafeBufferPointer { dc in distLengths.withUnsafeBufferPointer { dl in
        litLen.withUnsafeBufferPointer { syms in dists.withUnsafeBufferPointer { ds in
            for i in 0..<syms.count {
                let s = Int(syms[i])
                if s < 256 {
                    w.put(UInt32(lc[s]), Int(ll[s]))
                } else {
                    let lm3 = s - 256
                    let code = Int(DeflateTables.lengthCode[lm3])
                    w.put(UInt32(lc[257 + code]), Int(ll[257 + code]))
                    let eb = Int(DeflateTables.lengthExtra[code])
                    if eb > 0 { w.put(UInt32(lm3 + 3 - Int(DeflateTables.lengthBase[code])), eb) }
                    let d = Int(ds[i])
                    let dcode = Int(DeflateTables.distCode[d])
                    w.put(UInt32(dc[dcode]), Int(dl[dcode]))
                    let deb = Int(DeflateTables.distExtra[dcode])
                    if deb > 0 { w.put(UInt32(d + 1 - Int(DeflateTables.distBase[dcode])), deb) }
                }
            }
        } } } } } }
        w.put(UInt32(litCodes[256]), Int(litLengths[256]))
    }

    /// Code-length alphabet run-length coding (symbols 0-15, 16 = repeat previous 3-6, 17 = zeros 3-10, 18 = zeros 11-138).
    static func runLengthEncode(_ lengths: [UInt8]) -> [(UInt8, UInt8)] {
        var out: [(UInt8, UInt8)] = []
        var i = 0
        while i < lengths.count {
            let l = lengths[i]
            var run = 1
            while i + run < lengths.count && lengths[i + run] == l { run += 1 }
            i += run
            if l == 0 {
                while run >= 11 { let r = min(run, 138); out.append((18, UInt8(r - 11))); run -= r }
                if run >= 3 { out.append((17, UInt8(run - 3))); run = 0 }
                while run > 0 { out.append((0, 0)); run -= 1 }
            } else {
                out.append((l, 0))
                run -= 1
                while run >= 3 { let r = min(run, 6); out.append((16, UInt8(r - 3))); run -= r }
                while run > 0 { out.append((l, 0)); run -= 1 }
            }
        }
        return out
    }
}

/// Static DEFLATE tables (RFC 1951 §3.2.5).
enum DeflateTables {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                       67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                     1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder: [UInt8] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length code index (0-28) for length - 3.
    static let lengthCode: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for code in 0..<29 {
            let lo = Int(lengthBase[code]) - 3
            let hi = code == 28 ? 255 : min(255, lo + (1 << Int(lengthExtra[code])) - 1)
            for l in lo...hi { t[l] = UInt8(code) }
        }
        t[255] = 28
        return t
    }()

    /// Distance code (0-29) for distance - 1.
    static let distCode: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 32768)
        for code in 0..<30 {
            let lo = Int(distBase[code]) - 1
            let hi = lo + (1 << Int(distExtra[code])) - 1
            for d in lo...hi { t[d] = UInt8(code) }
        }
        return t
    }()

    static let fixedLitLengths: [UInt8] = (0..<288).map { s in s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8 }
}
