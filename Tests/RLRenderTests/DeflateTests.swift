import Testing
@testable import RLRender

/// Deterministic pseudo-random bytes (xorshift64*).
func randomBytes(_ n: Int, seed: UInt64) -> [UInt8] {
    var s = seed | 1
    return (0..<n).map { _ in
        s ^= s >> 12; s ^= s << 25; s ^= s >> 27
        return UInt8(truncatingIfNeeded: (s &* 2_685_821_657_736_338_717) >> 40)
    }
}

@Test func crcAndAdlerMatchKnownValues() {
    let text = Array("The quick brown fox jumps over the lazy dog".utf8)
    #expect(CRC32.checksum(text) == 0x414F_A339)
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    let big = randomBytes(100_000, seed: 7)
    #expect(CRC32.checksum(big) == slowCRC32(big))
}

@Test(arguments: [0, 1, 2, 3, 100, 5000, 70_000])
func deflateRoundTripsRandomAndRepetitiveData(n: Int) throws {
    let random = randomBytes(n, seed: UInt64(n + 1))
    #expect(try TestInflate.zlib(Deflate.zlib(random)) == random)
    let small = random.map { $0 % 4 }
    #expect(try TestInflate.zlib(Deflate.zlib(small)) == small)
    let text = Array(String(repeating: "abracadabra, ", count: n / 13 + 1).utf8.prefix(n))
    let z = Deflate.zlib(text)
    #expect(try TestInflate.zlib(z) == text)
    if n >= 5000 { #expect(z.count < n / 20) }
}

@Test func deflateRoundTripsLongRunsAndAllLevels() throws {
    var data = [UInt8](repeating: 0, count: 300_000)
    for i in stride(from: 0, to: data.count, by: 997) { data[i] = UInt8(i % 251) }
    for level in [1, 6, 9] {
        let z = Deflate.zlib(data, level: level)
        #expect(try TestInflate.zlib(z) == data)
        #expect(z.count < 6000)
    }
    // Incompressible data falls back to stored blocks: barely bigger than the input.
    let random = randomBytes(200_000, seed: 3)
    let z = Deflate.zlib(random)
    #expect(z.count < random.count + 100)
}

@Test func huffmanLengthsRespectTheLimitAndKraft() {
    // Fibonacci frequencies force a deep optimal tree.
    var f = [1, 1]
    while f.count < 30 { f.append(f[f.count - 1] + f[f.count - 2]) }
    let lengths = Deflate.codeLengths(f, maxBits: 15)
    #expect(lengths.allSatisfy { $0 >= 1 && $0 <= 15 })
    var kraft = 0.0
    for l in lengths { kraft += 1.0 / Double(1 << Int(l)) }
    #expect(abs(kraft - 1) < 1e-12)
    let seven = Deflate.codeLengths(Array(f.prefix(19)), maxBits: 7)
    #expect(seven.allSatisfy { $0 >= 1 && $0 <= 7 })
}
