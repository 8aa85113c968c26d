import Testing
import RLSupport
@testable import RLTensor

/// Files and headers written to break the reader are refused with an error, never a trap.
@Suite struct HostileInputTests {
    func file(header: String, data: Int = 16) -> [UInt8] {
        let h = Array(header.utf8)
        var out: [UInt8] = []
        var n = UInt64(h.count)
        for _ in 0..<8 { out.append(UInt8(n & 0xFF)); n >>= 8 }
        return out + h + [UInt8](repeating: 0, count: data)
    }

    @Test(arguments: [
        #"{"w": {"dtype": "F32", "shape": [1e30, 1e30], "data_offsets": [0, 16]}}"#,
        #"{"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 16]}}"#,
        #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 1e300]}}"#,
        #"{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 16]}}"#,
        #"{"w": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 16]}}"#,
    ])
    func hostileShapesAndOffsetsAreErrors(_ header: String) {
        #expect(throws: TensorError.self) { _ = try Safetensors.decode(file(header: header)) }
    }

    @Test func aDeeplyNestedHeaderIsAnError() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: TensorError.self) { _ = try Safetensors.decode(file(header: "{\"w\": " + deep + "}")) }
    }

    @Test func devicesAndPipesAreNotRead() throws {
        #expect(throws: FileError.self) { _ = try FileIO.read("/dev/zero") }
        let fifo = "/tmp/rlbook-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { FileIO.remove(fifo) }
        #expect(throws: FileError.self) { _ = try FileIO.read(fifo) }   // returns at once, no writer needed
        #expect(throws: TensorError.self) { _ = try Safetensors.load("/dev/zero") }
    }
}
