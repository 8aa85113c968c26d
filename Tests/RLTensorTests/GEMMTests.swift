import Testing
import TestSupport
@testable import RLTensor

/// Every GEMM path (tiny, narrow, direct, packed/blocked, threaded) against a naive triple loop,
/// with plain and transposed operands, accumulate on and off.
@Test(.usesTheTensorGenerator, arguments: [(1, 7, 5), (64, 4, 64), (64, 64, 4), (100, 3, 50), (9, 40, 33), (130, 70, 300), (97, 260, 129), (300, 257, 70), (40, 300, 700), (17, 1000, 300)])
func gemmPathsMatchNaive(_ shape: (Int, Int, Int)) throws {
    let (M, N, K) = shape
    manualSeed(M * 1000 + N)
    for transA in [false, true] {
        for transB in [false, true] {
            let a = transA ? try Tensor.randn([K, M], dtype: .float64).t() : Tensor.randn([M, K], dtype: .float64)
            let b = transB ? try Tensor.randn([N, K], dtype: .float64).t() : Tensor.randn([K, N], dtype: .float64)
            let av = a.scalars, bv = b.scalars
            var want = [Double](repeating: 0, count: M * N)
            for i in 0..<M { for j in 0..<N { var s = 0.0; for k in 0..<K { s += av[i * K + k] * bv[k * N + j] }; want[i * N + j] = s } }
            let got64 = try a.matmul(b).scalars
            let got32 = try a.float().matmul(b.float()).scalars
            var e64 = 0.0, e32 = 0.0
            for i in 0..<(M * N) { e64 = max(e64, abs(got64[i] - want[i])); e32 = max(e32, abs(got32[i] - want[i])) }
            #expect(e64 < 1e-10 * Double(K), "float64 \(shape) tA=\(transA) tB=\(transB): \(e64)")
            #expect(e32 < 2e-5 * Double(K), "float32 \(shape) tA=\(transA) tB=\(transB): \(e32)")
        }
    }
}

/// The few-row product over Wᵀ (a Linear layer at batch 1) takes columns in pairs and the last odd one
/// alone; with every column of B the same vector, each output must be the same sum, bit for bit, on
/// both paths (K = 300: the 32-wide blocks, an 8-wide one and a scalar tail).
@Test(.usesTheTensorGenerator) func gemvColumnPairsSumLikeSingleColumns() throws {
    manualSeed(5)
    for dtype in [DType.float32, .float64] {
        let x = Tensor.randn([1, 300], dtype: dtype)
        let row = Tensor.randn([1, 300], dtype: dtype)
        let w = try cat(Array(repeating: row, count: 9), dim: 0)    // [9, 300], nine equal rows
        let y = try x.matmul(w.t()).scalars
        #expect(y.count == 9)
        #expect(Set(y).count == 1, "\(dtype): \(y)")
    }
}

/// One partial register tile (M ≤ 6, N ≤ 8: a Linear head at batch 1) skips the packed path but must
/// give its bits: the same FMA chains per K block, stored or added the same way (K = 700: three
/// blocks, the last ragged; with and without accumulating; plain and transposed B).
@Test func partialTileMatchesBlockedBitForBit() throws {
    manualSeed(11)
    for (M, N) in [(1, 5), (1, 1), (3, 8), (6, 7), (2, 2)] {
        for K in [40, 256, 700] {
            for transB in [false, true] {
                for accumulate in [false, true] {
                    let a = Tensor.randn([M, K]).scalars.map { Float($0) }
                    let b = Tensor.randn([K, N]).scalars.map { Float($0) }
                    let c0 = Tensor.randn([M, N]).scalars.map { Float($0) }
                    // B as stored: [K, N] (rsB = N) or its transpose [N, K] (csB = K)
                    let bs = transB ? (0..<(N * K)).map { b[($0 % K) * N + $0 / K] } : b
                    let rsB = transB ? 1 : N, csB = transB ? K : 1
                    var want = c0, got = c0
                    a.withUnsafeBufferPointer { ap in
                        bs.withUnsafeBufferPointer { bp in
                            want.withUnsafeMutableBufferPointer { GEMM.blocked(M, N, K, ap.baseAddress!, K, 1, bp.baseAddress!, rsB, csB, $0.baseAddress!, N, accumulate) }
                            got.withUnsafeMutableBufferPointer { GEMM.partialTile(M, N, K, ap.baseAddress!, K, 1, bp.baseAddress!, rsB, csB, $0.baseAddress!, N, accumulate) }
                        }
                    }
                    #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "M \(M) N \(N) K \(K) transB \(transB) accumulate \(accumulate)")
                }
            }
        }
    }
}

/// The blocked transpose, on one thread (small) and split into column ranges across the threads (64K+
/// elements), with column counts that are not multiples of its 16-column blocks: every element lands once.
@Test(arguments: [(3, 5), (17, 33), (32, 4096), (37, 2001), (4096, 17)])
func blockedTransposeMatchesNaive(_ shape: (Int, Int)) {
    let (rows, cols) = shape
    let a = (0..<(rows * cols)).map { Float($0 % 9973) + 0.25 }
    var out = [Float](repeating: -1, count: rows * cols)
    a.withUnsafeBufferPointer { ap in out.withUnsafeMutableBufferPointer { ConvKernels.transpose(ap.baseAddress!, rows: rows, cols: cols, into: $0.baseAddress!) } }
    var want = [Float](repeating: 0, count: rows * cols)
    for r in 0..<rows { for c in 0..<cols { want[c * rows + r] = a[r * cols + c] } }
    #expect(out == want)
}
