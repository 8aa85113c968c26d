/// A row-major matrix product `C[M, N] = op(A) · op(B)` expressed as the column-major cuBLAS call.
///
/// cuBLAS reads a row-major `[r, c]` matrix as the column-major `[c, r]` matrix, i.e. its transpose.
/// Since `Cᵀ = op(B)ᵀ · op(A)ᵀ`, the row-major product is the column-major product with the operands
/// swapped (`B` first), `m` and `n` swapped, each operand keeping its own transpose flag, and the
/// leading dimensions being the row-major row lengths (`N` for C, the stored row length for A and B).
/// Nothing is copied or transposed in memory.
public struct GEMMPlan: Equatable, Sendable {
    /// cublasOperation_t: CUBLAS_OP_N = 0, CUBLAS_OP_T = 1.
    public let transFirst: Int32, transSecond: Int32
    /// Column-major sizes of the call: m rows of the result, n columns, k the shared dimension.
    public let m: Int, n: Int, k: Int
    /// Leading dimensions of the first operand (B), the second (A), and the result.
    public let ldFirst: Int, ldSecond: Int, ldResult: Int

    /// `A` is `[M, K]` (`[K, M]` stored when `transA`), `B` is `[K, N]` (`[N, K]` stored when `transB`).
    public init(M: Int, N: Int, K: Int, transA: Bool, transB: Bool) {
        transFirst = transB ? 1 : 0
        transSecond = transA ? 1 : 0
        m = N; n = M; k = K
        ldFirst = max(1, transB ? K : N)
        ldSecond = max(1, transA ? M : K)
        ldResult = max(1, N)
    }

    /// Reference column-major GEMM with cuBLAS's semantics (`C = op(X)·op(Y)`, β = 0), for tests.
    public static func columnMajorReference(transX: Int32, transY: Int32, m: Int, n: Int, k: Int,
                                            x: [Double], ldx: Int, y: [Double], ldy: Int, ldc: Int) -> [Double] {
        var c = [Double](repeating: 0, count: ldc * n)
        for j in 0..<n {
            for i in 0..<m {
                var s = 0.0
                for p in 0..<k {
                    let xv = transX == 0 ? x[i + p * ldx] : x[p + i * ldx]
                    let yv = transY == 0 ? y[p + j * ldy] : y[j + p * ldy]
                    s += xv * yv
                }
                c[i + j * ldc] = s
            }
        }
        return c
    }
}
