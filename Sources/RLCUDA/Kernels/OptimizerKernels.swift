/// Fused optimizer updates: one kernel per parameter tensor reads the gradient once and writes the
/// parameter and its state in place (PyTorch's `torch/optim/adam.py` and `rmsprop.py` single-tensor
/// formulas, non-AMSGrad, non-centered), so a step over a parameter group is one launch per tensor.
enum OptimizerKernels {
    static func source(_ t: KernelType) -> KernelSource {
        let r = t.rawValue, sqrt = t.fn("sqrt"), one = t.lit("1.0")
        let s = KernelPrelude.text(t) + """
        /* Adam: g += wd*p; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g; p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps). */
        extern "C" __global__ void rl_adam_\(r)(T* __restrict__ P, const T* __restrict__ G, T* __restrict__ M, T* __restrict__ V, i64 n,
                                            T lr, T beta1, T beta2, T eps, T weightDecay, T biasCorrection1, T biasCorrection2) {
            T stepSize = lr / biasCorrection1, bc2Sqrt = \(sqrt)(biasCorrection2);
            RL_LOOP(i, n) {
                T g = G[i] + weightDecay * P[i];
                T m = beta1 * M[i] + (\(one) - beta1) * g;
                T v = beta2 * V[i] + (\(one) - beta2) * g * g;
                M[i] = m; V[i] = v;
                P[i] -= stepSize * m / (\(sqrt)(v) / bc2Sqrt + eps);
            }
        }
        /* RMSprop: g += wd*p; v = alpha*v + (1-alpha)*g*g; with momentum: buf = mom*buf + g/(sqrt(v)+eps), p -= lr*buf; else p -= lr*g/(sqrt(v)+eps). */
        extern "C" __global__ void rl_rmsprop_\(r)(T* __restrict__ P, const T* __restrict__ G, T* __restrict__ V, T* __restrict__ B, i64 n,
                                               T lr, T alpha, T eps, T weightDecay, T momentum) {
            RL_LOOP(i, n) {
                T g = G[i] + weightDecay * P[i];
                T v = alpha * V[i] + (\(one) - alpha) * g * g;
                V[i] = v;
                T step = g / (\(sqrt)(v) + eps);
                if (momentum > 0) { T b = momentum * B[i] + step; B[i] = b; step = b; }
                P[i] -= lr * step;
            }
        }

        """
        return KernelSource(module: "optim_\(r)", source: s, kernels: ["rl_adam_\(r)", "rl_rmsprop_\(r)"])
    }
}
