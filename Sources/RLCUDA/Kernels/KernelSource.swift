/// One CUDA C++ source compiled as one module, and the `extern "C"` kernels it defines.
public struct KernelSource: Sendable {
    /// The module's name (also NVRTC's file name for messages and the on-disk cache key).
    public let module: String
    /// The CUDA C++ text.
    public let source: String
    /// The kernels it defines, which the backend looks up with cuModuleGetFunction.
    public let kernels: [String]
}

/// The element types kernels are generated for (float32 and float64; other dtypes stay on the CPU).
public enum KernelType: String, CaseIterable, Sendable {
    case f32, f64

    /// The C type.
    var c: String { self == .f32 ? "float" : "double" }
    /// A C math function for this type (`expf` for float, `exp` for double).
    func fn(_ name: String) -> String { self == .f32 ? name + "f" : name }
    /// A literal of this type.
    func lit(_ v: String) -> String { self == .f32 ? v + "f" : v }
}

/// Text shared by every module: the index type, the grid-stride loop, broadcast offsets and a block reduction.
enum KernelPrelude {
    /// `RLStrides` must match `LaunchStrides.bytes` byte for byte: 4 arrays of 8 int64, then an int32 rank (264 bytes with padding).
    static func text(_ t: KernelType) -> String {
        """
        typedef \(t.c) T;
        typedef long long i64;
        #define RL_MAX_RANK 8
        #ifndef INFINITY
        #define INFINITY __int_as_float(0x7f800000)
        #endif
        struct RLStrides { i64 shape[RL_MAX_RANK]; i64 a[RL_MAX_RANK]; i64 b[RL_MAX_RANK]; i64 c[RL_MAX_RANK]; int rank; };
        #define RL_LOOP(i, n) for (i64 i = (i64)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (i64)gridDim.x * blockDim.x)
        __device__ __forceinline__ void rl_offsets(i64 i, const RLStrides& s, i64& oa, i64& ob, i64& oc) {
            oa = 0; ob = 0; oc = 0;
            for (int d = s.rank - 1; d >= 0; --d) {
                i64 k = i % s.shape[d]; i /= s.shape[d];
                oa += k * s.a[d]; ob += k * s.b[d]; oc += k * s.c[d];
            }
        }
        __device__ __forceinline__ T rl_combine(T a, T b, int kind) {
            return kind == 0 ? a + b : kind == 1 ? (a > b || a != a ? a : b) : kind == 2 ? (a < b || a != a ? a : b) : a * b;
        }
        /* Block-wide reduction (blockDim.x a multiple of 32, at most 1024): warp shuffles, then one warp over the warps' results. */
        __device__ T rl_block_reduce(T v, int kind, T identity) {
        #ifdef RL_EMULATED
            if (blockDim.x == 1) return v;   /* CPU emulation runs one thread per block (Tests/RLCUDATests/KernelEmulation) */
        #endif
            __shared__ T warpVals[32];
            __shared__ T result;
            for (int o = 16; o > 0; o >>= 1) v = rl_combine(v, __shfl_down_sync(0xffffffffu, v, o), kind);
            int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
            if (lane == 0) warpVals[w] = v;
            __syncthreads();
            if (w == 0) {
                int nw = (blockDim.x + 31) >> 5;
                v = lane < nw ? warpVals[lane] : identity;
                for (int o = 16; o > 0; o >>= 1) v = rl_combine(v, __shfl_down_sync(0xffffffffu, v, o), kind);
                if (lane == 0) result = v;
            }
            __syncthreads();
            T r = result;
            __syncthreads();
            return r;
        }

        """
    }
}
