import RLSupport
/// Matrix products: `matmul` (batched, broadcasting, 1-d cases like PyTorch) and the fused `linear`.
extension Tensor {
    /// Matrix product with PyTorch's `torch.matmul` semantics.
    public func matmul(_ other: Tensor) throws -> Tensor {
        if rank == 0 || other.rank == 0 { throw TensorError.shape("both arguments to matmul need to be at least 1D, but they are \(rank)D and \(other.rank)D") }
        if rank == 1 && other.rank == 1 {
            guard count == other.count else {
                throw TensorError.shape("inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively")
            }
            return try Tensor.matmulND(try unsqueeze(0), try other.unsqueeze(1)).reshape([])
        }
        if rank == 1 { return try Tensor.matmulND(try unsqueeze(0), other).squeeze(-2) }
        if other.rank == 1 { return try Tensor.matmulND(self, try other.unsqueeze(1)).squeeze(-1) }
        return try Tensor.matmulND(self, other)
    }

    /// Both operands rank ≥ 2.
    static func matmulND(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Tensor.backend.matmul(a, b)
        if Autograd.active(a, b) { Autograd.record(out, "MmBackward0", [a, b], Rules.matmul(a, b)) }
        return out
    }
}

/// `x · wᵀ + b` for x of shape [..., in], w [out, in], b [out] (PyTorch's `F.linear`), fused in one GEMM.
public func linear(_ x: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) throws -> Tensor {
    try checkLinearShapes(x, weight, bias)
    let out = try Tensor.backend.linear(x, weight, bias)
    if Autograd.active(x, weight, bias) {
        Autograd.record(out, "AddmmBackward0", bias.map { [x, weight, $0] } ?? [x, weight], Rules.linear(x, weight, bias))
    }
    return out
}

/// PyTorch's errors for `F.linear` operands that do not fit.
func checkLinearShapes(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?) throws {
    guard weight.rank == 2, x.rank >= 1 else { throw TensorError.shape("linear(): weight must be 2-D and input at least 1-D") }
    let inF = weight.shape[1], outF = weight.shape[0]
    guard x.shape[x.rank - 1] == inF else {
        let rows = x.count / Swift.max(x.shape[x.rank - 1], 1)
        throw TensorError.shape("mat1 and mat2 shapes cannot be multiplied (\(rows)x\(x.shape[x.rank - 1]) and \(inF)x\(outF))")
    }
    if let bias, bias.count != outF {
        throw TensorError.shape("The size of tensor a (\(outF)) must match the size of tensor b (\(bias.count)) at non-singleton dimension \(x.rank - 1)")
    }
}

/// Raw matrix kernels (no autograd).
enum Linalg {
    static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let M = a.shape[a.rank - 2], K = a.shape[a.rank - 1]
        let K2 = b.shape[b.rank - 2], N = b.shape[b.rank - 1]
        guard K == K2 else {
            throw TensorError.shape("mat1 and mat2 shapes cannot be multiplied (\(M)x\(K) and \(K2)x\(N))")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try ShapeMath.broadcast(batchA, batchB)
        var dt = DType.promote(a.dtype, b.dtype)
        let isFloat = dt.isFloatingPoint
        if !isFloat { dt = .float64 }
        let A = a.dtype == dt ? a : a.contiguousData(dtype: dt)
        let B = b.dtype == dt ? b : b.contiguousData(dtype: dt)
        let out = Tensor(uninitialized: batch + [M, N], dtype: dt)
        let sA = ShapeMath.broadcastStrides(shape: batchA, strides: Array(A.strides.dropLast(2)), to: batch)
        let sB = ShapeMath.broadcastStrides(shape: batchB, strides: Array(B.strides.dropLast(2)), to: batch)
        let nb = ShapeMath.count(batch)
        let bstr = ShapeMath.contiguousStrides(batch)
        // many small products (a batch of 2×2 matrices) stop between two once the cell is stopped
        let stop = nb > 1 ? Cancellation.currentState : nil
        for bi in 0..<nb {
            if Cancellation.isRequested(stop) { break }
            var oa = 0, ob = 0, rem = bi
            for k in 0..<batch.count { let c = rem / bstr[k]; rem -= c * bstr[k]; oa += c * sA[k]; ob += c * sB[k] }
            let rsA = A.strides[A.rank - 2], csA = A.strides[A.rank - 1]
            let rsB = B.strides[B.rank - 2], csB = B.strides[B.rank - 1]
            if dt == .float32 {
                GEMM.gemm(M, N, K, A.pointer(Float.self) + oa, rsA, csA, B.pointer(Float.self) + ob, rsB, csB,
                          out.pointer(Float.self) + bi * M * N, N, accumulate: false)
            } else {
                GEMM.gemm(M, N, K, A.pointer(Double.self) + oa, rsA, csA, B.pointer(Double.self) + ob, rsB, csB,
                          out.pointer(Double.self) + bi * M * N, N, accumulate: false)
            }
        }
        if !isFloat { return out.contiguousData(dtype: DType.promote(a.dtype, b.dtype) == .bool ? .bool : .int64) }
        return out
    }

    static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor {
        let dt = DType.promote(x.dtype, w.dtype).isFloatingPoint ? DType.promote(x.dtype, w.dtype) : .float32
        let X = x.contiguousData(dtype: dt)
        let W = w.dtype == dt ? w : w.contiguousData(dtype: dt)
        let inF = w.shape[1], outF = w.shape[0]
        let rows = x.count / Swift.max(inF, 1)
        let out = Tensor(uninitialized: Array(x.shape.dropLast()) + [outF], dtype: dt)
        func run<T: GemmScalar>(_: T.Type) {
            let o = out.pointer(T.self)
            if let b {
                let bt = b.contiguousData(dtype: dt)
                withExtendedLifetime(bt) {
                    let bc = bt.pointer(T.self)
                    for r in 0..<rows { (o + r * outF).update(from: bc, count: outF) }
                }
            }
            GEMM.gemm(rows, outF, inF, X.pointer(T.self), inF, 1, W.pointer(T.self), W.strides[1], W.strides[0],
                      o, outF, accumulate: b != nil)
        }
        if dt == .float32 { run(Float.self) } else { run(Double.self) }
        return out
    }
}
