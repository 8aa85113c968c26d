import RLTensor

/// Elementwise kernels: binary ops with broadcasting (and a same-shape contiguous fast path), ops with
/// a scalar, unary math, fused activation gradients, clamp, select, casts, fills and strided copies.
enum ElementwiseKernels {
    /// The C expression of a binary op on `a` and `b`.
    static func expression(_ op: BinaryOp, _ t: KernelType) -> String {
        switch op {
        case .add: return "a + b"
        case .sub: return "a - b"
        case .mul: return "a * b"
        case .div: return "a / b"
        case .pow: return "\(t.fn("pow"))(a, b)"
        case .maximum: return "(a != a) ? a : ((b != b) ? b : (a > b ? a : b))"
        case .minimum: return "(a != a) ? a : ((b != b) ? b : (a < b ? a : b))"
        case .eq: return "(unsigned char)(a == b)"
        case .ne: return "(unsigned char)(a != b)"
        case .lt: return "(unsigned char)(a < b)"
        case .le: return "(unsigned char)(a <= b)"
        case .gt: return "(unsigned char)(a > b)"
        case .ge: return "(unsigned char)(a >= b)"
        }
    }

    static let binaryOps: [BinaryOp] = [.add, .sub, .mul, .div, .pow, .maximum, .minimum, .eq, .ne, .lt, .le, .gt, .ge]
    static let unaryOps: [UnaryOp] = [.neg, .exp, .log, .sqrt, .abs, .tanh, .sigmoid, .relu, .sign, .square, .reciprocal, .log1p]

    static func name(_ op: BinaryOp) -> String { "\(op)" }
    static func name(_ op: UnaryOp) -> String { "\(op)" }

    /// `rl_binary_<op>_<t>` (broadcast), `rl_binary_<op>_<t>_c` (same shape, contiguous), `rl_binary_scalar_<op>_<t>`.
    static func binaryKernel(_ op: BinaryOp, _ t: KernelType, _ variant: String) -> String {
        "rl_binary_\(variant)\(name(op))_\(t.rawValue)"
    }
    static func unaryKernel(_ op: UnaryOp, _ t: KernelType) -> String { "rl_unary_\(name(op))_\(t.rawValue)" }

    static func unaryExpression(_ op: UnaryOp, _ t: KernelType) -> String {
        let one = t.lit("1.0"), zero = t.lit("0.0")
        switch op {
        case .neg: return "-x"
        case .exp: return "\(t.fn("exp"))(x)"
        case .log: return "\(t.fn("log"))(x)"
        case .sqrt: return "\(t.fn("sqrt"))(x)"
        case .abs: return "\(t.fn("fabs"))(x)"
        case .tanh: return "\(t.fn("tanh"))(x)"
        case .sigmoid: return "\(one) / (\(one) + \(t.fn("exp"))(-x))"
        case .relu: return "(x > \(zero) || x != x) ? x : \(zero)"
        case .sign: return "(T)((x > \(zero)) - (x < \(zero)))"
        case .square: return "x * x"
        case .reciprocal: return "\(one) / x"
        case .log1p: return "\(t.fn("log1p"))(x)"
        }
    }

    static func source(_ t: KernelType) -> KernelSource {
        var s = KernelPrelude.text(t)
        var names: [String] = []
        for op in binaryOps {
            let out = op.isComparison ? "unsigned char" : "T"
            let e = expression(op, t)
            let k = binaryKernel(op, t, ""), kc = binaryKernel(op, t, "") + "_c", ks = binaryKernel(op, t, "scalar_")
            s += """
            extern "C" __global__ void \(k)(const T* __restrict__ A, const T* __restrict__ B, \(out)* __restrict__ Y, i64 n, RLStrides s) {
                RL_LOOP(i, n) { i64 oa, ob, oc; rl_offsets(i, s, oa, ob, oc); T a = A[oa], b = B[ob]; Y[i] = \(e); }
            }
            extern "C" __global__ void \(kc)(const T* __restrict__ A, const T* __restrict__ B, \(out)* __restrict__ Y, i64 n) {
                RL_LOOP(i, n) { T a = A[i], b = B[i]; Y[i] = \(e); }
            }
            extern "C" __global__ void \(ks)(const T* __restrict__ A, T scalar, int scalarFirst, \(out)* __restrict__ Y, i64 n) {
                RL_LOOP(i, n) { T a = scalarFirst ? scalar : A[i], b = scalarFirst ? A[i] : scalar; Y[i] = \(e); }
            }

            """
            names += [k, kc, ks]
        }
        for op in unaryOps {
            let k = unaryKernel(op, t)
            s += """
            extern "C" __global__ void \(k)(const T* __restrict__ X, T* __restrict__ Y, i64 n) {
                RL_LOOP(i, n) { T x = X[i]; Y[i] = \(unaryExpression(op, t)); }
            }

            """
            names.append(k)
        }
        let one = t.lit("1.0"), zero = t.lit("0.0")
        s += """
        /* Fused activation gradients from the output y: relu g*(y>0), tanh g*(1-y*y), sigmoid g*y*(1-y). */
        extern "C" __global__ void rl_relu_backward_\(t.rawValue)(const T* G, const T* Yo, T* D, i64 n) { RL_LOOP(i, n) { D[i] = Yo[i] > \(zero) ? G[i] : \(zero); } }
        extern "C" __global__ void rl_tanh_backward_\(t.rawValue)(const T* G, const T* Yo, T* D, i64 n) { RL_LOOP(i, n) { T y = Yo[i]; D[i] = G[i] * (\(one) - y * y); } }
        extern "C" __global__ void rl_sigmoid_backward_\(t.rawValue)(const T* G, const T* Yo, T* D, i64 n) { RL_LOOP(i, n) { T y = Yo[i]; D[i] = G[i] * y * (\(one) - y); } }
        extern "C" __global__ void rl_clamp_\(t.rawValue)(const T* X, T* Y, i64 n, T lo, T hi, int hasLo, int hasHi) {
            RL_LOOP(i, n) { T x = X[i]; if (hasLo && x < lo) x = lo; if (hasHi && x > hi) x = hi; Y[i] = x; }
        }
        /* where(cond, a, b) with broadcasting: strides a for cond, b for a, c for b. */
        extern "C" __global__ void rl_select_\(t.rawValue)(const unsigned char* C, const T* A, const T* B, T* Y, i64 n, RLStrides s) {
            RL_LOOP(i, n) { i64 oc, oa, ob; rl_offsets(i, s, oc, oa, ob); Y[i] = C[oc] ? A[oa] : B[ob]; }
        }
        /* Gathers a strided view into contiguous memory (strides a). */
        extern "C" __global__ void rl_strided_copy_\(t.rawValue)(const T* X, T* Y, i64 n, RLStrides s) {
            RL_LOOP(i, n) { i64 oa, ob, oc; rl_offsets(i, s, oa, ob, oc); Y[i] = X[oa]; }
        }
        extern "C" __global__ void rl_fill_\(t.rawValue)(T* Y, i64 n, T v) { RL_LOOP(i, n) { Y[i] = v; } }
        /* y[i] += bias[(i / inner) % channels]: conv (inner = OH*OW) and linear (inner = 1) bias. */
        extern "C" __global__ void rl_add_bias_\(t.rawValue)(T* Y, const T* bias, i64 n, i64 channels, i64 inner) {
            RL_LOOP(i, n) { Y[i] += bias[(i / inner) % channels]; }
        }
        extern "C" __global__ void rl_cast_\(t.rawValue)_from_f32(const float* X, T* Y, i64 n) { RL_LOOP(i, n) { Y[i] = (T)X[i]; } }
        extern "C" __global__ void rl_cast_\(t.rawValue)_from_f64(const double* X, T* Y, i64 n) { RL_LOOP(i, n) { Y[i] = (T)X[i]; } }
        extern "C" __global__ void rl_cast_\(t.rawValue)_from_i64(const long long* X, T* Y, i64 n) { RL_LOOP(i, n) { Y[i] = (T)X[i]; } }
        extern "C" __global__ void rl_cast_\(t.rawValue)_from_u8(const unsigned char* X, T* Y, i64 n) { RL_LOOP(i, n) { Y[i] = (T)X[i]; } }

        """
        let r = t.rawValue
        names += ["rl_relu_backward_\(r)", "rl_tanh_backward_\(r)", "rl_sigmoid_backward_\(r)", "rl_clamp_\(r)", "rl_select_\(r)",
                  "rl_strided_copy_\(r)", "rl_fill_\(r)", "rl_add_bias_\(r)",
                  "rl_cast_\(r)_from_f32", "rl_cast_\(r)_from_f64", "rl_cast_\(r)_from_i64", "rl_cast_\(r)_from_u8"]
        return KernelSource(module: "elementwise_\(t.rawValue)", source: s, kernels: names)
    }
}
