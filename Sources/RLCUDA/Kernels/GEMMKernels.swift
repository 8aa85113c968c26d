/// A tiled, batched, row-major GEMM kernel: the fallback when cuBLAS cannot be loaded (or
/// `RLBOOK_CUDA_GEMM=kernel`). `C[b] = op(A[b]) · op(B[b])` with 16×16 shared-memory tiles, one
/// output element per thread, grid `(⌈N/16⌉, ⌈M/16⌉, batch)`. Far slower than cuBLAS on large
/// products, adequate for rlbook's small ones, and the same code maps to HIP unchanged.
enum GEMMKernels {
    static let tile = 16

    static func source(_ t: KernelType) -> KernelSource {
        let r = t.rawValue
        let s = KernelPrelude.text(t) + """
        #define RL_TILE 16
        extern "C" __global__ void rl_gemm_\(r)(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C, int M, int N, int K,
                                            int transA, int transB, i64 strideA, i64 strideB, i64 strideC) {
            __shared__ T As[RL_TILE][RL_TILE + 1];
            __shared__ T Bs[RL_TILE][RL_TILE + 1];
            A += (i64)blockIdx.z * strideA; B += (i64)blockIdx.z * strideB; C += (i64)blockIdx.z * strideC;
            int row = blockIdx.y * RL_TILE + threadIdx.y, col = blockIdx.x * RL_TILE + threadIdx.x;
            T acc = 0;
            for (int k0 = 0; k0 < K; k0 += RL_TILE) {
                int ka = k0 + threadIdx.x, kb = k0 + threadIdx.y;
                As[threadIdx.y][threadIdx.x] = (row < M && ka < K) ? (transA ? A[(i64)ka * M + row] : A[(i64)row * K + ka]) : (T)0;
                Bs[threadIdx.y][threadIdx.x] = (kb < K && col < N) ? (transB ? B[(i64)col * K + kb] : B[(i64)kb * N + col]) : (T)0;
                __syncthreads();
                #pragma unroll
                for (int k = 0; k < RL_TILE; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
                __syncthreads();
            }
            if (row < M && col < N) C[(i64)row * N + col] = acc;
        }

        """
        return KernelSource(module: "gemm_\(r)", source: s, kernels: ["rl_gemm_\(r)"])
    }
}
