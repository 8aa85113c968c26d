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
                row(ip + base, op + base, n, inner, log)
            }
        }
        return out
    }

    /// One row (`n` elements `inner` apart) of softmax or log-softmax from `ip` into `op`.
    @inline(__always)
    static func row<T: MathElement>(_ ip: UnsafeMutablePointer<T>, _ op: UnsafeMutablePointer<T>, _ n: Int, _ inner: Int, _ log: Bool) {
        var m = -T.infinity
        for k in 0..<n { let v = ip[k * inner]; if v > m || v != v { m = v } }
        if m == -T.infinity { m = 0 }
        var s: T = 0
        if log {
            for k in 0..<n { s += T.exp_(ip[k * inner] - m) }
            let ls = T.log_(s) + m
            for k in 0..<n { op[k * inner] = ip[k * inner] - ls }
        } else {
            for k in 0..<n { let e = T.exp_(ip[k * inner] - m); op[k * inner] = e; s += e }
            let r = 1 / s
            for k in 0..<n { op[k * inner] *= r }
        }
    }
}

/// The rows of a float32 matrix `[B, n]` through softmax and log-softmax, as Doubles: exactly the
/// `scalars` of `softmax(x, dim: -1)` and `logSoftmax(x, dim: -1)` (the same row kernel), without the two
/// tensors: what a sampler at inference time reads (`ActorCriticPolicy`'s rollout step). Nil for another
/// shape or dtype.
public func softmaxValues(_ x: Tensor) -> (probs: [Double], logProbs: [Double])? {
    guard x.rank == 2, x.dtype == .float32, x.shape[1] > 0, x.count <= StridedLoop.blockSize else { return nil }
    let n = x.shape[1], rows = x.shape[0]
    let c = x.contiguousData(as: Float.self)
    let (buf, cls) = BufferPool.shared.allocate(2 * n * MemoryLayout<Float>.stride)
    defer { BufferPool.shared.release(buf, sizeClass: cls) }
    let p = buf.assumingMemoryBound(to: Float.self), lp = p + n
    var probs = [Double](), logProbs = [Double]()
    probs.reserveCapacity(rows * n); logProbs.reserveCapacity(rows * n)
    withExtendedLifetime(c) {
        let ip = c.pointer(Float.self)
        for r in 0..<rows {
            SoftmaxKernel.row(ip + r * n, p, n, 1, false)
            SoftmaxKernel.row(ip + r * n, lp, n, 1, true)
            for k in 0..<n { probs.append(Double(p[k])); logProbs.append(Double(lp[k])) }
        }
    }
    return (probs, logProbs)
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
