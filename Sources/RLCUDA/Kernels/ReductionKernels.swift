import RLTensor

/// Reductions along one dimension, softmax / log-softmax, and gather / index_select / scatter-add.
///
/// A tensor reduced along `dim` is viewed as `[outer, len, inner]` (contiguous): element `(o, k, j)` is
/// at `(o * len + k) * inner + j`. Rows with `inner == 1` use one block per row (block reduction);
/// otherwise one thread per output walks its column (consecutive threads read consecutive `j`: coalesced).
enum ReductionKernels {
    static let kinds: [(ReductionKind, Int, String, String)] = [
        (.sum, 0, "sum", "0"), (.max, 1, "max", "-INFINITY"), (.min, 2, "min", "INFINITY"), (.prod, 3, "prod", "1"),
    ]

    static func rowsKernel(_ k: ReductionKind, _ t: KernelType) -> String { "rl_reduce_rows_\(kindName(k))_\(t.rawValue)" }
    static func columnsKernel(_ k: ReductionKind, _ t: KernelType) -> String { "rl_reduce_cols_\(kindName(k))_\(t.rawValue)" }
    static func kindName(_ k: ReductionKind) -> String { kinds.first { $0.0 == k }!.2 }

    static func source(_ t: KernelType) -> KernelSource {
        var s = KernelPrelude.text(t)
        var names: [String] = []
        for (kind, code, _, identity) in kinds {
            let rows = rowsKernel(kind, t), cols = columnsKernel(kind, t)
            s += """
            extern "C" __global__ void \(rows)(const T* __restrict__ X, T* __restrict__ Y, i64 outer, i64 len) {
                for (i64 o = blockIdx.x; o < outer; o += gridDim.x) {
                    const T* x = X + o * len;
                    T v = (T)(\(identity));
                    for (i64 k = threadIdx.x; k < len; k += blockDim.x) v = rl_combine(v, x[k], \(code));
                    v = rl_block_reduce(v, \(code), (T)(\(identity)));
                    if (threadIdx.x == 0) Y[o] = v;
                }
            }
            extern "C" __global__ void \(cols)(const T* __restrict__ X, T* __restrict__ Y, i64 outer, i64 len, i64 inner) {
                RL_LOOP(i, outer * inner) {
                    i64 o = i / inner, j = i % inner;
                    const T* x = X + o * len * inner + j;
                    T v = (T)(\(identity));
                    for (i64 k = 0; k < len; ++k) v = rl_combine(v, x[k * inner], \(code));
                    Y[i] = v;
                }
            }

            """
            names += [rows, cols]
        }
        let r = t.rawValue
        s += """
        /* (log-)softmax: one block per (o, j) row of length len, stride inner. Max, then sum of exp(x - max). */
        extern "C" __global__ void rl_softmax_\(r)(const T* __restrict__ X, T* __restrict__ Y, i64 outer, i64 len, i64 inner, int logMode) {
            for (i64 row = blockIdx.x; row < outer * inner; row += gridDim.x) {
                i64 o = row / inner, j = row % inner;
                const T* x = X + o * len * inner + j;
                T* y = Y + o * len * inner + j;
                T m = (T)(-INFINITY);
                for (i64 k = threadIdx.x; k < len; k += blockDim.x) m = rl_combine(m, x[k * inner], 1);
                m = rl_block_reduce(m, 1, (T)(-INFINITY));
                T sum = 0;
                for (i64 k = threadIdx.x; k < len; k += blockDim.x) sum += \(t.fn("exp"))(x[k * inner] - m);
                sum = rl_block_reduce(sum, 0, (T)0);
                T logSum = \(t.fn("log"))(sum);
                for (i64 k = threadIdx.x; k < len; k += blockDim.x) {
                    T z = x[k * inner] - m;
                    y[k * inner] = logMode ? z - logSum : \(t.fn("exp"))(z) / sum;
                }
            }
        }
        /* torch.gather along dim: Y[o, k, j] = X[o, idx[o, k, j], j]; an index out of [0, lenIn) sets *err and yields 0. */
        extern "C" __global__ void rl_gather_\(r)(const T* X, const long long* idx, T* Y, i64 outer, i64 lenIn, i64 lenIdx, i64 inner, int* err) {
            RL_LOOP(i, outer * lenIdx * inner) {
                i64 j = i % inner, o = i / (lenIdx * inner);
                i64 k = idx[i];
                if (k < 0) k += lenIn;
                if (k < 0 || k >= lenIn) { atomicExch(err, 1); Y[i] = 0; } else { Y[i] = X[(o * lenIn + k) * inner + j]; }
            }
        }
        /* index_select along dim: Y[o, k, j] = X[o, idx[k], j]. */
        extern "C" __global__ void rl_index_select_\(r)(const T* X, const long long* idx, T* Y, i64 outer, i64 lenIn, i64 nIdx, i64 inner, int* err) {
            RL_LOOP(i, outer * nIdx * inner) {
                i64 j = i % inner, k = (i / inner) % nIdx, o = i / (nIdx * inner);
                i64 src = idx[k];
                if (src < 0) src += lenIn;
                if (src < 0 || src >= lenIn) { atomicExch(err, 1); Y[i] = 0; } else { Y[i] = X[(o * lenIn + src) * inner + j]; }
            }
        }
        /* Backward of gather: D[o, idx[o, k, j], j] += G[o, k, j] (D zeroed first). */
        extern "C" __global__ void rl_scatter_add_\(r)(const T* G, const long long* idx, T* D, i64 outer, i64 lenOut, i64 lenIdx, i64 inner) {
            RL_LOOP(i, outer * lenIdx * inner) {
                i64 j = i % inner, o = i / (lenIdx * inner);
                i64 k = idx[i];
                if (k < 0) k += lenOut;
                if (k >= 0 && k < lenOut) atomicAdd(&D[(o * lenOut + k) * inner + j], G[i]);
            }
        }

        """
        names += ["rl_softmax_\(r)", "rl_gather_\(r)", "rl_index_select_\(r)", "rl_scatter_add_\(r)"]
        return KernelSource(module: "reduce_\(r)", source: s, kernels: names)
    }
}
