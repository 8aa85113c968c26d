/// im2col / col2im for conv2d (the products run in cuBLAS, see `CUDABackend+Conv`).
///
/// Column layout `cols[n][c*KH*KW + kh*KW + kw][oh*OW + ow]`, so that per sample
/// `Y_n[O, P] = W[O, CKK] · cols_n[CKK, P]` is one strided-batched GEMM with W shared (stride 0).
/// The gather form of col2im (one thread per input pixel summing the columns that read it) needs no
/// atomics and is deterministic. Both follow the structure of Caffe's `src/caffe/util/im2col.cu`
/// (BVLC/caffe), without dilation.
enum ConvKernels {
    static func source(_ t: KernelType) -> KernelSource {
        let r = t.rawValue
        let s = KernelPrelude.text(t) + """
        extern "C" __global__ void rl_im2col_\(r)(const T* __restrict__ X, T* __restrict__ cols, int N, int C, int H, int W,
                                              int KH, int KW, int SH, int SW, int PH, int PW, int OH, int OW) {
            RL_LOOP(idx, (i64)N * C * OH * OW) {
                int ow = (int)(idx % OW); i64 t = idx / OW;
                int oh = (int)(t % OH); t /= OH;
                int c = (int)(t % C); i64 n = t / C;
                const T* x = X + (n * C + c) * (i64)H * W;
                T* col = cols + (n * C + c) * (i64)KH * KW * OH * OW + (i64)oh * OW + ow;
                for (int kh = 0; kh < KH; ++kh) {
                    int ih = oh * SH - PH + kh;
                    for (int kw = 0; kw < KW; ++kw) {
                        int iw = ow * SW - PW + kw;
                        *col = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? x[(i64)ih * W + iw] : (T)0;
                        col += (i64)OH * OW;
                    }
                }
            }
        }
        extern "C" __global__ void rl_col2im_\(r)(const T* __restrict__ cols, T* __restrict__ X, int N, int C, int H, int W,
                                              int KH, int KW, int SH, int SW, int PH, int PW, int OH, int OW) {
            RL_LOOP(idx, (i64)N * C * H * W) {
                int w = (int)(idx % W); i64 t = idx / W;
                int h = (int)(t % H); t /= H;
                int c = (int)(t % C); i64 n = t / C;
                const T* col = cols + (n * C + c) * (i64)KH * KW * OH * OW;
                T v = 0;
                for (int kh = 0; kh < KH; ++kh) {
                    int hp = h + PH - kh;
                    if (hp < 0 || hp % SH != 0) continue;
                    int oh = hp / SH;
                    if (oh >= OH) continue;
                    for (int kw = 0; kw < KW; ++kw) {
                        int wp = w + PW - kw;
                        if (wp < 0 || wp % SW != 0) continue;
                        int ow = wp / SW;
                        if (ow >= OW) continue;
                        v += col[((i64)kh * KW + kw) * OH * OW + (i64)oh * OW + ow];
                    }
                }
                X[idx] = v;
            }
        }

        """
        return KernelSource(module: "conv_\(r)", source: s, kernels: ["rl_im2col_\(r)", "rl_col2im_\(r)"])
    }
}
