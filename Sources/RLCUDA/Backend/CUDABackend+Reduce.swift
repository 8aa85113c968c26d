import RLTensor

extension CUDABackend {
    /// `[outer, len, inner]` around dimension `dim` of `shape`.
    static func split(_ shape: [Int], _ dim: Int) -> (Int, Int, Int) {
        (shape[..<dim].reduce(1, *), shape[dim], shape[(dim + 1)...].reduce(1, *))
    }

    static func wrap(_ dim: Int, _ rank: Int) -> Int? {
        let d = dim < 0 ? dim + max(rank, 1) : dim
        return d >= 0 && d < max(rank, 1) ? d : nil
    }

    public func reduce(_ kind: ReductionKind, _ a: Tensor, dim: Int, keepdim: Bool) -> Tensor {
        staged("reduce \(kind) \(a.dtype.torchName)", gpu: { () throws -> Tensor? in
            guard let t = Self.kernelType(a.dtype), a.rank > 0, let d = Self.wrap(dim, a.rank), a.shape[d] > 0 else { return nil }
            let (outer, len, inner) = Self.split(a.shape, d)
            var shape = a.shape
            if keepdim { shape[d] = 1 } else { shape.remove(at: d) }
            let n = outer * inner
            let pa = try upload(a, a.dtype), py = try allocate(n, a.dtype)
            defer { release(pa, py) }
            let mod = Self.reduction[t]!
            if inner == 1 {
                try device.launch(mod, ReductionKernels.rowsKernel(kind, t), count: n * 256, blockSize: 256, blocks: min(max(outer, 1), 65_535),
                                  [.pointer(pa), .pointer(py), .int64(Int64(outer)), .int64(Int64(len))])
            } else {
                try device.launch(mod, ReductionKernels.columnsKernel(kind, t), count: n,
                                  [.pointer(pa), .pointer(py), .int64(Int64(outer)), .int64(Int64(len)), .int64(Int64(inner))])
            }
            return try download(py, shape, a.dtype)
        }, cpu: { cpu.reduce(kind, a, dim: dim, keepdim: keepdim) })
    }

    public func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor {
        staged("\(log ? "log_softmax" : "softmax") \(x.dtype.torchName)", gpu: { () throws -> Tensor? in
            guard let t = Self.kernelType(x.dtype), let d = Self.wrap(dim, x.rank), x.count > 0 else { return nil }
            let (outer, len, inner) = x.rank == 0 ? (1, 1, 1) : Self.split(x.shape, d)
            let px = try upload(x, x.dtype), py = try allocate(x.count, x.dtype)
            defer { release(px, py) }
            try device.launch(Self.reduction[t]!, "rl_softmax_\(t.rawValue)", count: 0, blockSize: 256, blocks: min(outer * inner, 65_535),
                              [.pointer(px), .pointer(py), .int64(Int64(outer)), .int64(Int64(len)), .int64(Int64(inner)), .int32(log ? 1 : 0)])
            return try download(py, x.shape, x.dtype)
        }, cpu: { cpu.softmax(x, dim: dim, log: log) })
    }
}
