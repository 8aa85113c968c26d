import RLTensor
import RLSupport

/// GPU kernels outside RLTensor's `Backend` protocol: gather / index_select, and the fused optimizer
/// updates. They are public so the device check can compare them with the CPU, and so optimizers can
/// call them once tensors are resident on the device (today they stage like every other operation).
extension CUDABackend {
    /// `torch.gather(x, dim, index)`: index int64 of the same rank as x, with x's sizes except along `dim`.
    public func gather(_ x: Tensor, dim: Int, index: Tensor) throws -> Tensor {
        guard let t = Self.kernelType(x.dtype), index.dtype == .int64, index.rank == x.rank, let d = Self.wrap(dim, x.rank),
              (0..<x.rank).allSatisfy({ $0 == d || index.shape[$0] == x.shape[$0] }) else {
            throw CUDAError.unsupported("gather of \(x.dtype.torchName) \(x.shape) with index \(index.dtype.torchName) \(index.shape)")
        }
        let (outer, lenIn, inner) = Self.split(x.shape, d)
        let lenIdx = index.shape[d], n = outer * lenIdx * inner
        return try indexed("rl_gather_\(t.rawValue)", t, x, index, shape: index.shape, n: n,
                           [.int64(Int64(outer)), .int64(Int64(lenIn)), .int64(Int64(lenIdx)), .int64(Int64(inner))])
    }

    /// `x.index_select(dim, index)` (index int64, rank 1).
    public func indexSelect(_ x: Tensor, dim: Int, index: Tensor) throws -> Tensor {
        guard let t = Self.kernelType(x.dtype), index.dtype == .int64, index.rank == 1, let d = Self.wrap(dim, x.rank) else {
            throw CUDAError.unsupported("index_select of \(x.dtype.torchName) \(x.shape) with index \(index.dtype.torchName) \(index.shape)")
        }
        let (outer, lenIn, inner) = Self.split(x.shape, d)
        var shape = x.shape
        shape[d] = index.count
        return try indexed("rl_index_select_\(t.rawValue)", t, x, index, shape: shape, n: outer * index.count * inner,
                           [.int64(Int64(outer)), .int64(Int64(lenIn)), .int64(Int64(index.count)), .int64(Int64(inner))])
    }

    private func indexed(_ kernel: String, _ t: KernelType, _ x: Tensor, _ index: Tensor, shape: [Int], n: Int,
                         _ sizes: [KernelArgument]) throws -> Tensor {
        let px = try upload(x, x.dtype), pi = try upload(index, .int64), py = try allocate(n, x.dtype), perr = try allocate(1, .float32)
        defer { release(px, pi, py, perr) }
        try device.zero(perr, bytes: 4)
        try device.launch(Self.reduction[t]!, kernel, count: n, [.pointer(px), .pointer(pi), .pointer(py)] + sizes + [.pointer(perr)])
        let out = try download(py, shape, x.dtype)
        var flag: Int32 = 0
        try withUnsafeMutableBytes(of: &flag) { try device.download(perr, into: $0) }
        if flag != 0 { throw CUDAError.unsupported("an index out of range (the CPU backend reports which)") }
        return out
    }

    /// One fused Adam step on `param` (float32, contiguous), updating `param`, `expAvg` and `expAvgSq` in place.
    /// `step` counts from 1 (bias corrections 1 − βᵗ).
    public func adamStep(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, step: Int,
                         lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double) throws {
        let n = param.count
        let pp = try upload(param, .float32), pg = try upload(grad, .float32), pm = try upload(expAvg, .float32), pv = try upload(expAvgSq, .float32)
        defer { release(pp, pg, pm, pv) }
        let bc1 = 1 - pow(betas.0, Double(step)), bc2 = 1 - pow(betas.1, Double(step))
        try device.launch(Self.optim[.f32]!, "rl_adam_f32", count: n,
                          [.pointer(pp), .pointer(pg), .pointer(pm), .pointer(pv), .int64(Int64(n))]
                          + [lr, betas.0, betas.1, eps, weightDecay, bc1, bc2].map { .float(Float($0)) })
        try readBack(pp, into: param); try readBack(pm, into: expAvg); try readBack(pv, into: expAvgSq)
    }

    /// One fused RMSprop step (non-centered), updating `param`, `squareAvg` and (with momentum) `momentumBuffer` in place.
    public func rmspropStep(param: Tensor, grad: Tensor, squareAvg: Tensor, momentumBuffer: Tensor,
                            lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double) throws {
        let n = param.count
        let pp = try upload(param, .float32), pg = try upload(grad, .float32), pv = try upload(squareAvg, .float32), pb = try upload(momentumBuffer, .float32)
        defer { release(pp, pg, pv, pb) }
        try device.launch(Self.optim[.f32]!, "rl_rmsprop_f32", count: n,
                          [.pointer(pp), .pointer(pg), .pointer(pv), .pointer(pb), .int64(Int64(n))]
                          + [lr, alpha, eps, weightDecay, momentum].map { .float(Float($0)) })
        try readBack(pp, into: param); try readBack(pv, into: squareAvg); try readBack(pb, into: momentumBuffer)
    }

    private func readBack(_ p: CUdeviceptr, into t: Tensor) throws {
        try t.withUnsafeMutableScalars(Float.self) { buf in try device.download(p, into: UnsafeMutableRawBufferPointer(buf)) }
    }
}
