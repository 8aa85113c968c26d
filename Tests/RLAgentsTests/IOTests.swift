import XCTest
import RLSupport
@testable import RLAgents

/// Zip (with inflate), NPY/NPZ, CRC-32C and TensorBoard event files. Fixtures were written by
/// Python's `zipfile` and NumPy 2.4 (see the comments at each literal for the code that made them).
final class IOTests: XCTestCase {
    // MARK: zip

    func testZipRoundTripIsExactAndDeterministic() throws {
        let entries: [(name: String, bytes: [UInt8])] = [
            ("data", Array("{\"policy\": 1}".utf8)), ("empty.bin", []),
            ("dir/all-bytes.bin", (0..<1024).map { UInt8($0 & 0xFF) }), ("ünï.txt", Array("UTF-8 name".utf8)),
        ]
        let archive = try ZipArchive.write(entries)
        let back = try ZipArchive.read(archive)
        XCTAssertEqual(back.map(\.name), entries.map(\.name))
        for (a, b) in zip(back, entries) { XCTAssertEqual(a.bytes, b.bytes, a.name) }
        XCTAssertEqual(try ZipArchive.write(entries), archive, "same entries, same bytes")
        // Local header: signature, version 20, flags 0, method 0 (stored), time 00:00, date 1980-01-01.
        XCTAssertEqual(Array(archive[0..<14]), [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0])
        // Sizes: per entry 30 + name + data (local) and 46 + name (central), plus the 22-byte end record.
        let names = entries.reduce(0) { $0 + $1.name.utf8.count }
        let data = entries.reduce(0) { $0 + $1.bytes.count }
        XCTAssertEqual(archive.count, 76 * entries.count + 2 * names + data + 22)
        XCTAssertEqual(try ZipArchive.read(try ZipArchive.write([])).count, 0)
    }

    func testReadsPythonDeflatedZip() throws {
        let entries = try ZipArchive.read(base64(IOTests.pythonDeflateZip))
        XCTAssertEqual(entries.map(\.name), ["notes/text.txt", "random.bin", "short.txt"])
        let text = (0..<100).map { "line \($0): the quick brown fox jumps over the lazy dog \($0 * $0 % 97)\n" }.joined()
        XCTAssertEqual(entries[0].bytes, Array(text.utf8)) // dynamic Huffman blocks
        XCTAssertEqual(entries[1].bytes, IOTests.lcgBytes(300, seed: 2024)) // a stored block inside deflate
        XCTAssertEqual(entries[2].bytes, Array("hello, hello, hello!".utf8)) // a fixed Huffman block
    }

    /// A fixed-Huffman stream made here (RFC 1951 3.2.6 tables written out again, independently of
    /// the decoder) that uses every length 3...258 and both ends of every distance code, with
    /// overlapping copies; the expected output is the LZ77 copy done by hand.
    func testInflateDecodesEveryLengthAndDistanceCode() throws {
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                        3073, 4097, 6145, 8193, 12289, 16385, 24577, 32769]
        var bits: [Bool] = []
        func put(_ value: Int, _ n: Int) { for i in 0..<n { bits.append((value >> i) & 1 == 1) } }      // LSB first
        func code(_ value: Int, _ n: Int) { for i in (0..<n).reversed() { bits.append((value >> i) & 1 == 1) } } // MSB first
        func literalOrLength(_ sym: Int) {
            switch sym {
            case 0..<144: code(0x30 + sym, 8)
            case 144..<256: code(0x190 + sym - 144, 9)
            case 256..<280: code(sym - 256, 7)
            default: code(0xC0 + sym - 280, 8)
            }
        }
        var expected = IOTests.lcgBytes(33000, seed: 7)
        put(1, 1); put(1, 2) // final block, fixed Huffman
        for b in expected { literalOrLength(Int(b)) }
        var distances: [Int] = []
        for i in 0..<30 { distances += [distBase[i], distBase[i + 1] - 1] }
        var matches = (3...258).enumerated().map { (length: $1, distance: distances[$0 % distances.count]) }
        matches += [(258, 1), (100, 3), (5, 4)] // overlapping copies
        for (length, distance) in matches {
            let l = length == 258 ? 28 : lengthBase.lastIndex(where: { $0 <= length }) ?? 0
            literalOrLength(257 + l)
            if l < 28 { put(length - lengthBase[l], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5][l]) }
            let d = distBase.lastIndex(where: { $0 <= distance }) ?? 0
            code(d, 5)
            put(distance - distBase[d], max(0, d / 2 - 1))
            let start = expected.count - distance
            for i in 0..<length { expected.append(expected[start + i]) }
        }
        literalOrLength(256)
        var stream = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (i, bit) in bits.enumerated() where bit { stream[i / 8] |= 1 << (i % 8) }
        XCTAssertEqual(try Inflate.decompress(stream), expected)
        XCTAssertThrowsError(try Inflate.decompress(stream, limit: expected.count - 1))
        XCTAssertThrowsError(try Inflate.decompress(Array(stream.dropLast(2))))
    }

    func testCorruptZipsThrowClearErrors() throws {
        let good = try ZipArchive.write([("a.txt", Array("hello zip".utf8)), ("b.bin", [1, 2, 3])])
        var flipped = good
        flipped[30 + 5 + 2] ^= 0x01 // a data byte of a.txt
        XCTAssertThrowsError(try ZipArchive.read(flipped)) { XCTAssertTrue("\($0)".contains("CRC"), "\($0)") }
        XCTAssertThrowsError(try ZipArchive.read(Array(good.dropLast(3)))) { XCTAssertTrue("\($0)".contains("end-of-central-directory"), "\($0)") }
        XCTAssertThrowsError(try ZipArchive.read(Array("not a zip at all, just some text".utf8)))
        XCTAssertThrowsError(try ZipArchive.read([]))
        // Every truncation of a Python-written deflated zip is an error, never a crash.
        let python = base64(IOTests.pythonDeflateZip)
        for n in 0..<python.count {
            XCTAssertThrowsError(try ZipArchive.read(Array(python[0..<n])), "prefix of \(n) bytes")
        }
        // Damage inside the deflate stream of notes/text.txt: caught by inflate or by the CRC.
        var damaged = python
        for i in stride(from: 60, to: 500, by: 7) { damaged[i] ^= 0x5A }
        XCTAssertThrowsError(try ZipArchive.read(damaged)) { error in
            guard case AgentIOError.corrupt(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("notes/text.txt"), why)
        }
        // Random single-byte damage anywhere: either still readable or an AgentIOError.
        var seed: UInt64 = 99
        for _ in 0..<2000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            var copy = python
            copy[Int(seed >> 33) % copy.count] ^= UInt8(truncatingIfNeeded: seed >> 20) | 1
            do { _ = try ZipArchive.read(copy) } catch { XCTAssertTrue(error is AgentIOError, "\(error)") }
        }
    }

    // MARK: NPY / NPZ

    func testNpyEncodeMatchesNumpyByteForByte() throws {
        let values = [0.5, -1.25, 3.0, 1e-300, 1152921504606846976.0, -0.0]
        XCTAssertEqual(Npy.encode(float64: values, shape: [2, 3]), hex(IOTests.numpyF8))
        let decoded = try Npy.decode(hex(IOTests.numpyF8))
        XCTAssertEqual(decoded.shape, [2, 3])
        XCTAssertEqual(decoded.float64.map(\.bitPattern), values.map(\.bitPattern))
        // np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype='<f4')): read back in C order.
        let fortran = try Npy.decode(hex(IOTests.numpyF4Fortran))
        XCTAssertEqual(fortran.shape, [2, 3])
        XCTAssertEqual(fortran.float64, [1, 2, 3, 4, 5, 6])
        let int32 = try Npy.decode(hex(IOTests.numpyI4))
        XCTAssertEqual(int32.shape, [3])
        XCTAssertEqual(int32.float64, [7, -8, 2147483647])
    }

    func testNpyRoundTripAndHeaders() throws {
        for shape in [[], [0], [5], [2, 3], [1, 2, 3, 4], [123456789012, 0]] {
            let count = shape.reduce(1, *)
            let ints = (0..<count).map { $0 * 3 - 7 }
            let file = Npy.encode(int64: ints, shape: shape)
            let headerLength = Int(file[8]) | Int(file[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0, "\(shape)")
            XCTAssertEqual(file[10 + headerLength - 1], UInt8(ascii: "\n"))
            let back = try Npy.decode(file)
            XCTAssertEqual(back.shape, shape)
            XCTAssertEqual(back.float64, ints.map(Double.init))
        }
        let scalar = try Npy.decode(Npy.encode(float64: [42.5], shape: []))
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(scalar.float64, [42.5])
    }

    func testNpyRejectsBadFiles() {
        let good = Npy.encode(float64: [1, 2, 3], shape: [3])
        XCTAssertThrowsError(try Npy.decode(Array(good.dropLast()))) { XCTAssertTrue("\($0)".contains("data bytes"), "\($0)") }
        var magic = good
        magic[1] = 0
        XCTAssertThrowsError(try Npy.decode(magic)) { XCTAssertTrue("\($0)".contains("magic"), "\($0)") }
        var dtype = good
        dtype[22] = UInt8(ascii: "c") // '<f8' -> '<c8'
        XCTAssertThrowsError(try Npy.decode(dtype)) { XCTAssertTrue("\($0)".contains("dtype"), "\($0)") }
        XCTAssertThrowsError(try Npy.decode(Array(good[0..<40])))
    }

    func testNpzIsAZipOfNpyEntries() throws {
        let npz = try Npy.npz([("timesteps", Npy.encode(int64: [100, 200], shape: [2])),
                               ("results", Npy.encode(float64: [1, 2, 3, 4], shape: [2, 2]))])
        let entries = try ZipArchive.read(npz)
        XCTAssertEqual(entries.map(\.name), ["timesteps.npy", "results.npy"])
        XCTAssertEqual(try Npy.decode(entries[1].bytes).float64, [1, 2, 3, 4])
    }

    // MARK: CRC-32C and TensorBoard

    func testCRC32CKnownVectors() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([]), 0)
        // RFC 3720 (iSCSI) appendix B.4.
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        // TensorBoard's own crc32c / masked_crc32c (tensorboard.compat.tensorflow_stub.pywrap_tensorflow).
        XCTAssertEqual(CRC32C.checksum(Array((0..<1280).map { UInt8($0 & 0xFF) })), 0x23B6_2C98)
        XCTAssertEqual(CRC32C.masked(Array("123456789".utf8)), 0xC78A_B0E5)
        // The slicing-by-8 path agrees with the bit-at-a-time definition at every alignment and tail.
        for n in 0..<70 {
            let bytes = IOTests.lcgBytes(n, seed: UInt64(n))
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            }
            XCTAssertEqual(CRC32C.checksum(bytes), ~c, "\(n) bytes")
        }
    }

    func testTensorBoardWriteThenReadScalars() throws {
        let dir = try ioTemporaryDirectory() + "/run/DQN_1"
        let writer = try TensorBoardWriter(logDir: dir) // creates the folders
        let name = writer.path.split(separator: "/").last.map(String.init) ?? ""
        XCTAssertTrue(name.hasPrefix("events.out.tfevents."), name)
        XCTAssertTrue(name.hasSuffix(".\(getpid()).0"), name)
        writer.addScalar("rollout/ep_rew_mean", 21.25, step: 100, wallTime: 1_700_000_000.5)
        writer.addScalar("train/loss", 0.1, step: 0, wallTime: 1_700_000_001)
        writer.addScalar("train/loss", -3.5e10, step: -1, wallTime: 1_700_000_002)
        writer.addScalar("time/fps", 1234, step: 1 << 40)
        try writer.flush()
        let scalars = try TensorBoardWriter.readScalars(path: writer.path)
        XCTAssertEqual(scalars.map(\.tag), ["rollout/ep_rew_mean", "train/loss", "train/loss", "time/fps"])
        XCTAssertEqual(scalars.map(\.step), [100, 0, -1, 1 << 40])
        XCTAssertEqual(scalars.map(\.value), [21.25, Double(Float(0.1)), Double(Float(-3.5e10)), 1234])
        XCTAssertEqual(scalars[0].wallTime, 1_700_000_000.5)
        XCTAssertGreaterThan(scalars[3].wallTime, 1_600_000_000)
        // The first record is the file-version event.
        let bytes = try FileIO.read(writer.path)
        let firstLength = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertTrue(String(decoding: bytes[12..<(12 + firstLength)], as: UTF8.self).contains("brain.Event:2"))
        writer.close()
        XCTAssertEqual(TensorBoardWriter.eventFiles(in: dir), [writer.path])
        XCTAssertEqual(TensorBoardWriter.eventFiles(in: dir + "/missing"), [])
    }

    func testTensorBoardBuffersUntil64KiB() throws {
        let writer = try TensorBoardWriter(logDir: try ioTemporaryDirectory())
        let start = try FileIO.read(writer.path).count
        for i in 0..<100 { writer.addScalar("a/b", Double(i), step: i) }
        XCTAssertEqual(try FileIO.read(writer.path).count, start, "small writes wait in memory")
        for i in 0..<3000 { writer.addScalar("a/b", Double(i), step: i) }
        XCTAssertGreaterThan(try FileIO.read(writer.path).count, 64 * 1024, "more than 64 KiB waiting: flushed")
        writer.close()
        XCTAssertEqual(try TensorBoardWriter.readScalars(path: writer.path).count, 3100)
    }

    func testTensorBoardReaderRejectsDamage() throws {
        let writer = try TensorBoardWriter(logDir: try ioTemporaryDirectory())
        writer.addScalar("x", 1, step: 1)
        writer.close()
        let good = try FileIO.read(writer.path)
        var damaged = good
        damaged[damaged.count - 10] ^= 0x40
        try FileIO.writeAtomically(damaged, to: writer.path)
        XCTAssertThrowsError(try TensorBoardWriter.readScalars(path: writer.path)) { XCTAssertTrue("\($0)".contains("CRC"), "\($0)") }
        try FileIO.writeAtomically(Array(good.dropLast(2)), to: writer.path)
        XCTAssertThrowsError(try TensorBoardWriter.readScalars(path: writer.path)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
        XCTAssertThrowsError(try TensorBoardWriter.readScalars(path: writer.path + ".missing"))
    }

    // MARK: helpers and fixtures

    /// `len(text)`-style deterministic bytes: x = (x * 1103515245 + 12345) mod 2^31, byte = x >> 16.
    static func lcgBytes(_ n: Int, seed: UInt64) -> [UInt8] {
        var x = seed
        return (0..<n).map { _ in
            x = (x &* 1_103_515_245 &+ 12345) % (1 << 31)
            return UInt8((x >> 16) & 0xFF)
        }
    }

    func hex(_ s: String) -> [UInt8] {
        let digits = Array(s.utf8).filter { !($0 == 10 || $0 == 32) }.map { $0 <= 57 ? $0 - 48 : ($0 | 0x20) - 87 }
        return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    func base64(_ s: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var value = [UInt8: UInt32]()
        for (i, c) in alphabet.enumerated() { value[c] = UInt32(i) }
        var out: [UInt8] = [], acc: UInt32 = 0, bits = 0
        for c in s.utf8 {
            guard let v = value[c] else { continue } // newlines, spaces, '=' padding
            acc = acc << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }

    /// Python: zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) with writestr("notes/text.txt", text),
    /// writestr("random.bin", lcgBytes(300, seed: 2024)), writestr("short.txt", b"hello, hello, hello!").
    static let pythonDeflateZip = """
        UEsDBBQAAAAIADN6hl1MLAt2CgIAAMQVAAAOAAAAbm90ZXMvdGV4dC50eHSV2NlRAzEQhOF3R6EQrFsiGw4DBuMFG3NFT8F2B/A/
        u7q02vl2NPJhf9yF7VV4f9yFt8v+9jncnJbPY7hfvsLT5eX1HJaP3en/58P1z3e4Wx7CdnP4S0WWimsqsVRZU5ml5poq8AnbGqss
        luoaayyWtVqHL0R7GyzW9CIniw1VLUIiWTFoJOkpI1XSlYNOelIOSnEMSsl+m5BK83rQypTMCLFklw9q6eoMCWqJ2l+CXKqeM0Eu
        U59eglyKeCbIZbr3QS/F+4Nepp8TeqmuH/QyFINcmnhmyCXpa8+Qy9BzZsil+hCCXJJYZ8hlqMVnyKWJWaYnkesAuUSvR7no88vU
        i3IFeimqe4FesupXoJfo9aAXb492F3WJArkMlb1ALt3TFeTSvR7k0r0/ehopVyEXP2eFXPxeKuTiOlQ65Hp/0IunXMjFqivtLvqK
        Kh10vR6ddL0/Ouoq1+jwoi7YaHfxtQFycZdvkItPlUZnXdWvQS8+NRv04lO6QS+eChr14jpQL7q+QS6esTrk4pmu06uRukSn3UXM
        OuTiGblDLp7JO+TiO0Cnw4tYd3oauX6Qi+9UA3rxHW5AL74zDujFd9RBh13FIBffwAe9GulrH5CL/2EYkIurR0ddv0066vrvGjrq
        qslPehjp65tQi//7mlCL/2qbdNZVjGpRDGJR8Sa0og4xoRWvBqmUzS9QSwMEFAAAAAgAM3qGXeFqk8ExAQAALAEAAAoAAAByYW5k
        b20uYmluASwB0/7ccCDBzTZFSWElmGGnOaI57xGYEgR+7LApza991NWtfSy/R/ZEmA7bFZgk/D0wU/B61eq+5Y9cTu5AlpIbtSNz
        gG4Cfv0tQ0s6QWSxY49tq6RlzQlk//PWQdWsjM6qP/oOVUrxsE5bsgj4TRfRsGmEpZk4izgmKWFYZOgFpQ14KhBNFukUUc4ot5Xa
        xz/qvZG1SiTdG1x3B2zFQpNYNEcavCxf/OOQFcR/8ABZZZbk6gxPh5fE+VXgttGzzp95I+NLzBzD1GKnn5jiuWX7ClSp4X9cUepW
        OgNsXjJQMTOFnfUERtWeH/zQOUH9grmgheRutJmiR8meicdGuK/Iu+Nf86zUy/sfjXGc58NJVq/vs+rGNiORrPqK/2A8gxtnuEJ7
        nL49obvSmPerA1FQSwMEFAAAAAgAM3qGXae70v4MAAAAFAAAAAkAAABzaG9ydC50eHTLSM3JyddRyECiFAFQSwECFAMUAAAACAAz
        eoZdTCwLdgoCAADEFQAADgAAAAAAAAAAAAAAgAEAAAAAbm90ZXMvdGV4dC50eHRQSwECFAMUAAAACAAzeoZd4WqTwTEBAAAsAQAA
        CgAAAAAAAAAAAAAAgAE2AgAAcmFuZG9tLmJpblBLAQIUAxQAAAAIADN6hl2nu9L+DAAAABQAAAAJAAAAAAAAAAAAAACAAY8DAABz
        aG9ydC50eHRQSwUGAAAAAAMAAwCrAAAAwgMAAAAA
        """

    /// numpy.save(np.array([[0.5, -1.25, 3.0], [1e-300, 2.0**60, -0.0]]))
    static let numpyF8 = """
        934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73652c
        20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020
        2020202020202020202020202020202020202020202020202020200a000000000000e03f000000000000f4bf000000000000
        084059f3f8c21f6ea501000000000000b0430000000000000080
        """

    /// numpy.save(np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype='<f4')))
    static let numpyF4Fortran = """
        934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a20547275652c20
        277368617065273a2028322c2033292c207d2020202020202020202020202020202020202020202020202020202020202020
        2020202020202020202020202020202020202020202020202020200a0000803f00008040000000400000a040000040400000
        c040
        """

    /// numpy.save(np.array([7, -8, 2**31 - 1], dtype='<i4'))
    static let numpyI4 = """
        934e554d5059010076007b276465736372273a20273c6934272c2027666f727472616e5f6f72646572273a2046616c73652c
        20277368617065273a2028332c292c207d202020202020202020202020202020202020202020202020202020202020202020
        2020202020202020202020202020202020202020202020202020200a07000000f8ffffffffffff7f
        """
}

extension XCTestCase {
    /// A fresh folder under /tmp, removed with its content when the test ends.
    func ioTemporaryDirectory() throws -> String {
        var template = Array("/tmp/rlagents-io-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw AgentIOError.io("mkdtemp failed") }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        addTeardownBlock { removeTree(path) }
        return path
    }
}

/// Removes a folder and everything below it (test clean-up).
private func removeTree(_ path: String) {
    if FileIO.isDirectory(path) {
        for name in LogFiles.listDirectory(path) { removeTree(path + "/" + name) }
        rmdir(path)
    } else {
        unlink(path)
    }
}
