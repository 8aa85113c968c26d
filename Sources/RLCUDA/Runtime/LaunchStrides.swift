/// The broadcast index math shared by the elementwise kernels (`rl_offsets` in `KernelPrelude`) and
/// their launch parameters: the output shape, and for up to three operands their element strides
/// aligned to it (0 on broadcast dimensions), with adjacent dimensions merged where every operand
/// allows, so most launches have rank 1 or 2.
public struct LaunchStrides: Equatable, Sendable {
    public static let maxRank = 8
    public private(set) var shape: [Int]
    /// Strides of operands a, b, c (unused operands have all-zero strides).
    public private(set) var strides: [[Int]]

    /// Aligns operands (shape, strides) to the broadcast `outShape`; nil when the rank (after merging)
    /// exceeds `maxRank` or a shape does not broadcast (callers fall back to the CPU).
    public init?(outShape: [Int], operands: [(shape: [Int], strides: [Int])]) {
        guard operands.count <= 3 else { return nil }
        let r = outShape.count
        var st: [[Int]] = []
        for op in operands {
            guard op.shape.count <= r, op.shape.count == op.strides.count else { return nil }
            var s = [Int](repeating: 0, count: r)
            for i in 0..<op.shape.count {
                let d = r - op.shape.count + i
                if op.shape[i] == outShape[d] { s[d] = outShape[d] == 1 ? 0 : op.strides[i] }
                else if op.shape[i] == 1 { s[d] = 0 }
                else { return nil }
            }
            st.append(s)
        }
        while st.count < 3 { st.append([Int](repeating: 0, count: r)) }
        // Drop size-1 dimensions, then merge dimension d into d+1 when every operand is contiguous across them.
        var shape: [Int] = [], merged: [[Int]] = [[], [], []]
        for d in 0..<r where outShape[d] != 1 {
            if let last = shape.indices.last,
               (0..<3).allSatisfy({ merged[$0][last] == st[$0][d] * outShape[d] }) {
                shape[last] *= outShape[d]
                for k in 0..<3 { merged[k][last] = st[k][d] }
            } else {
                shape.append(outShape[d])
                for k in 0..<3 { merged[k].append(st[k][d]) }
            }
        }
        guard shape.count <= Self.maxRank else { return nil }
        self.shape = shape
        self.strides = merged
    }

    /// The rank passed to the kernel.
    public var rank: Int { shape.count }

    /// Element offsets of output element `i` in operands a, b, c — the same loop as the kernels' `rl_offsets`.
    public func offsets(_ i: Int) -> (Int, Int, Int) {
        var i = i, a = 0, b = 0, c = 0
        var d = shape.count - 1
        while d >= 0 {
            let k = i % shape[d]
            i /= shape[d]
            a += k * strides[0][d]; b += k * strides[1][d]; c += k * strides[2][d]
            d -= 1
        }
        return (a, b, c)
    }

    /// The bytes of the kernels' `struct RLStrides` (4 × 8 int64, int32 rank, padded to 264 bytes).
    public var bytes: [UInt8] {
        var words = [Int64](repeating: 0, count: 4 * Self.maxRank)
        for d in 0..<rank {
            words[d] = Int64(shape[d])
            for k in 0..<3 { words[(k + 1) * Self.maxRank + d] = Int64(strides[k][d]) }
        }
        var out = [UInt8](repeating: 0, count: 264)
        out.withUnsafeMutableBytes { raw in
            for (i, w) in words.enumerated() { raw.storeBytes(of: w.littleEndian, toByteOffset: i * 8, as: Int64.self) }
            raw.storeBytes(of: Int32(rank).littleEndian, toByteOffset: 256, as: Int32.self)
        }
        return out
    }
}
