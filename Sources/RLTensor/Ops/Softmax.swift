import RLSupport
/// Numerically stable softmax and log-softmax along a dimension.
enum SoftmaxKernel {
    static func run(_ x: Tensor, dim: Int, log: Bool) -> Tensor {
        let dt: DType = x.dtype == .float64 ? .float64 : .float32
        return dt == .float32 ? typed(Float.self, x, dim, log) : typed(Double.self, x, dim, log)
    }

    static func typed<T: MathElement>(_: T.Type, _ x: Tensor, _ dim: Int, _ log: Bool) -> Tensor {
        let c = x.contiguousData(as: T.self)
        let out = Tensor(uninitialized: x.shape, dtype: T.dtype)
        let n = x.rank == 0 ? 1 : x.shape[dim]
        let inner = x.rank == 0 ? 1 : ShapeMath.count(Array(x.shape[(dim + 1)...]))
        let outer = x.rank == 0 ? 1 : ShapeMath.count(Array(x.shape[..<dim]))
        let ip = c.pointer(T.self), op = out.pointer(T.self)
        // polled after about every `StridedLoop.blockSize` elements (the stopped cell drops the result)
        let stop = outer * n * inner > StridedLoop.blockSize ? Cancellation.currentState : nil
        var done = 0
        for o in 0..<outer {
            for i in 0..<inner {
                done &+= n
                if done >= StridedLoop.blockSize {
                    done = 0
                    if Cancellation.isRequested(stop) { return out }
                }
                let base = o * n * inner + i
                var m = -T.infinity
                for k in 0..<n { let v = ip[base + k * inner]; if v > m || v != v { m = v } }
                if m == -T.infinity { m = 0 }
                var s: T = 0
                if log {
                    for k in 0..<n { s += T.exp_(ip[base + k * inner] - m) }
                    let ls = T.log_(s) + m
                    for k in 0..<n { op[base + k * inner] = ip[base + k * inner] - ls }
                } else {
                    for k in 0..<n { let e = T.exp_(ip[base + k * inner] - m); op[base + k * inner] = e; s += e }
                    let r = 1 / s
                    for k in 0..<n { op[base + k * inner] *= r }
                }
            }
        }
        return out
    }
}

/// Softmax along `dim`: exp(x - max) / Σ exp(x - max).
public func softmax(_ x: Tensor, dim: Int) throws -> Tensor {
    let d = try wrapDim(dim, x.rank)
    let out = Tensor.backend.softmax(x, dim: d, log: false)
    if Autograd.active(x) { Autograd.record(out, "SoftmaxBackward0", [x], Rules.softmax(out, d)) }
    return out
}

/// Log-softmax along `dim`: x - max - log Σ exp(x - max).
public func logSoftmax(_ x: Tensor, dim: Int) throws -> Tensor {
    let d = try wrapDim(dim, x.rank)
    let out = Tensor.backend.softmax(x, dim: d, log: true)
    if Autograd.active(x) { Autograd.record(out, "LogSoftmaxBackward0", [x], Rules.logSoftmax(out, d)) }
    return out
}

extension Tensor {
    /// `softmax(self, dim:)`.
    public func softmax(dim: Int) throws -> Tensor { try RLTensor.softmax(self, dim: dim) }
    /// `logSoftmax(self, dim:)`.
    public func logSoftmax(dim: Int) throws -> Tensor { try RLTensor.logSoftmax(self, dim: dim) }
}
