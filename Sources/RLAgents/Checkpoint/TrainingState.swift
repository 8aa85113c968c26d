import RLNN
import RLSupport
import RLTensor

/// Named arrays and strings that hold everything a model needs to continue training exactly where it
/// stopped, stored as one safetensors blob (numbers as tensors, so doubles and 64-bit words keep
/// every bit; strings in the header's metadata).
///
/// `BaseAlgorithm.trainingState()` fills one; `restoreTrainingState(_:)` reads it back. The cell
/// cache keeps agents this way, and `learn` checkpoints write it (see `docs/cache.md`).
public struct TrainingState {
    public private(set) var tensors: [(String, Tensor)] = []
    public private(set) var strings: [String: String] = [:]
    private var index: [String: Int] = [:]

    public init() {}

    /// Magic string in the metadata, checked on decode.
    static let format = "rlbook-training-state-1"

    public mutating func put(_ name: String, _ t: Tensor) {
        index[name] = tensors.count
        tensors.append((name, t))
    }
    public mutating func put(_ name: String, ints: [Int]) throws { put(name, try Tensor(ints.map { Int64($0) }, shape: [ints.count])) }
    public mutating func put(_ name: String, words: [UInt64]) throws { try put(name, ints: words.map { Int(Int64(bitPattern: $0)) }) }
    public mutating func put(_ name: String, doubles: [Double]) throws { put(name, try Tensor(doubles, shape: [doubles.count])) }
    public mutating func put(_ name: String, floats: [Float]) throws { put(name, try Tensor(floats, shape: [floats.count])) }
    public mutating func put(_ name: String, bytes: [UInt8]) throws { put(name, try Tensor(bytes, shape: [bytes.count])) }
    public mutating func put(_ name: String, bools: [Bool]) throws { try put(name, bytes: bools.map { $0 ? 1 : 0 }) }
    public mutating func put(_ name: String, string: String) { strings[name] = string }
    /// Tensors under a prefix (`policy.` + state-dict names).
    public mutating func put(prefix: String, _ items: [(String, Tensor)]) {
        for (n, t) in items { put(prefix + n, t.detach()) }
    }

    public func tensor(_ name: String) throws -> Tensor {
        guard let i = index[name] else { throw AgentError.file("the training state has no '\(name)' entry (written by another rlbook version?)") }
        return tensors[i].1
    }
    public func has(_ name: String) -> Bool { index[name] != nil }

    private func scalars<T: TensorElement>(_ name: String, _: T.Type) throws -> [T] {
        let t = try tensor(name)
        guard t.dtype == T.dtype else { throw AgentError.file("the training state's '\(name)' is \(t.dtype), expected \(T.dtype)") }
        return try t.contiguous().withUnsafeMutableScalars(T.self) { Array($0) }
    }
    public func ints(_ name: String) throws -> [Int] { try scalars(name, Int64.self).map { Int($0) } }
    public func words(_ name: String) throws -> [UInt64] { try scalars(name, Int64.self).map { UInt64(bitPattern: $0) } }
    public func doubles(_ name: String) throws -> [Double] { try scalars(name, Double.self) }
    public func floats(_ name: String) throws -> [Float] { try scalars(name, Float.self) }
    public func bytes(_ name: String) throws -> [UInt8] { try scalars(name, UInt8.self) }
    public func bools(_ name: String) throws -> [Bool] { try bytes(name).map { $0 != 0 } }
    public func string(_ name: String) throws -> String {
        guard let s = strings[name] else { throw AgentError.file("the training state has no '\(name)' entry") }
        return s
    }
    /// The tensors under a prefix, prefix removed.
    public func items(prefix: String) -> [(String, Tensor)] {
        tensors.filter { $0.0.hasPrefix(prefix) }.map { (String($0.0.dropFirst(prefix.count)), $0.1) }
    }

    /// One int.
    public func int(_ name: String) throws -> Int {
        guard let v = try ints(name).first else { throw AgentError.file("the training state's '\(name)' is empty") }
        return v
    }
    /// One double.
    public func double(_ name: String) throws -> Double {
        guard let v = try doubles(name).first else { throw AgentError.file("the training state's '\(name)' is empty") }
        return v
    }

    /// Byte lists of different lengths (compressed frames) as one array plus offsets.
    public mutating func put(_ name: String, chunks: [[UInt8]]) throws {
        var offsets = [0]
        offsets.reserveCapacity(chunks.count + 1)
        for c in chunks { offsets.append(offsets[offsets.count - 1] + c.count) }
        // Copied once, straight into the tensor (a replay buffer's frames can be gigabytes).
        let all = Tensor.zeros([offsets[offsets.count - 1]], dtype: .uint8)
        try all.withUnsafeMutableScalars(UInt8.self) { dst in
            for (i, c) in chunks.enumerated() where !c.isEmpty {
                c.withUnsafeBufferPointer { src in (dst.baseAddress! + offsets[i]).update(from: src.baseAddress!, count: c.count) }
            }
        }
        put(name + ".data", all)
        try put(name + ".offsets", ints: offsets)
    }
    public func chunks(_ name: String) throws -> [[UInt8]] {
        let all = try bytes(name + ".data"), offsets = try ints(name + ".offsets")
        var out: [[UInt8]] = []
        out.reserveCapacity(max(offsets.count - 1, 0))
        for i in 0..<max(offsets.count - 1, 0) {
            let a = offsets[i], b = offsets[i + 1]
            guard 0 <= a, a <= b, b <= all.count else { throw AgentError.file("the training state's '\(name)' offsets are corrupt") }
            out.append(Array(all[a..<b]))
        }
        return out
    }

    /// Rows of different lengths (an evaluation's episode returns) as one array plus row lengths.
    public mutating func put(_ name: String, rows: [[Double]]) throws {
        try put(name + ".lengths", ints: rows.map(\.count))
        try put(name, doubles: rows.flatMap { $0 })
    }
    public mutating func put(_ name: String, rows: [[Int]]) throws {
        try put(name + ".lengths", ints: rows.map(\.count))
        try put(name, ints: rows.flatMap { $0 })
    }
    public func doubleRows(_ name: String) throws -> [[Double]] { try Self.split(try doubles(name), try ints(name + ".lengths"), name) }
    public func intRows(_ name: String) throws -> [[Int]] { try Self.split(try ints(name), try ints(name + ".lengths"), name) }

    private static func split<T>(_ all: [T], _ lengths: [Int], _ name: String) throws -> [[T]] {
        guard lengths.allSatisfy({ $0 >= 0 }), lengths.reduce(0, +) == all.count else {
            throw AgentError.file("the training state's '\(name)' rows are corrupt")
        }
        var out: [[T]] = [], at = 0
        for n in lengths { out.append(Array(all[at..<(at + n)])); at += n }
        return out
    }

    /// Finished episodes (return, length, time), as the statistics window and `Monitor` keep them.
    public mutating func put(_ name: String, episodes: [EpisodeInfo]) throws {
        try put(name + ".reward", doubles: episodes.map(\.reward))
        try put(name + ".length", ints: episodes.map(\.length))
        try put(name + ".time", doubles: episodes.map(\.time))
    }
    public func episodes(_ name: String) throws -> [EpisodeInfo] {
        let r = try doubles(name + ".reward"), l = try ints(name + ".length"), t = try doubles(name + ".time")
        guard r.count == l.count, r.count == t.count else { throw AgentError.file("the training state's '\(name)' episodes are corrupt") }
        return (0..<r.count).map { EpisodeInfo(reward: r[$0], length: l[$0], time: t[$0]) }
    }

    /// The state as bytes (a safetensors file).
    public func encoded() throws -> [UInt8] { try Safetensors.encode(tensors, metadata: metadataForEncoding) }

    /// `encoded()` planned but not built: its size, and `write` to hand it piece by piece (checkpoints
    /// stream a large replay buffer to their file this way, without a copy in memory).
    public func encoding() throws -> Safetensors.Encoding { try Safetensors.Encoding(tensors, metadata: metadataForEncoding) }

    private var metadataForEncoding: [String: String] {
        var meta = strings
        meta["format"] = Self.format
        return meta
    }

    /// Reads bytes written by `encoded()`.
    public static func decode(_ bytes: [UInt8]) throws -> TrainingState {
        let d: (tensors: [(String, Tensor)], metadata: [String: String])
        do { d = try Safetensors.decode(bytes) } catch { throw AgentError.file("the training state is corrupt: \(error)") }
        guard d.metadata["format"] == format else { throw AgentError.file("not an rlbook training state (format \(d.metadata["format"] ?? "missing"))") }
        var s = TrainingState()
        for (n, t) in d.tensors { s.put(n, t) }
        s.strings = d.metadata
        s.strings["format"] = nil
        return s
    }
}
