import RLTensor

extension CUDABackend {
    public func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try staged("binary \(op) \(a.dtype.torchName)/\(b.dtype.torchName)", gpu: { () throws -> Tensor? in
            let dt = Self.promote(a.dtype, b.dtype)
            guard a.dtype.isFloatingPoint, b.dtype.isFloatingPoint, let t = Self.kernelType(dt),
                  let shape = Self.broadcastShape(a.shape, b.shape),
                  let ls = LaunchStrides(outShape: shape, operands: [(a.shape, Self.contiguousStrides(a.shape)),
                                                                      (b.shape, Self.contiguousStrides(b.shape))]) else { return nil }
            let n = shape.reduce(1, *), outType: DType = op.isComparison ? .bool : dt
            let pa = try upload(a, dt), pb = try upload(b, dt), py = try allocate(n, outType)
            defer { release(pa, pb, py) }
            let mod = Self.elementwise[t]!
            if a.shape == b.shape {
                try device.launch(mod, ElementwiseKernels.binaryKernel(op, t, "") + "_c", count: n, [.pointer(pa), .pointer(pb), .pointer(py), .int64(Int64(n))])
            } else {
                try device.launch(mod, ElementwiseKernels.binaryKernel(op, t, ""), count: n,
                                  [.pointer(pa), .pointer(pb), .pointer(py), .int64(Int64(n)), .bytes(ls.bytes)])
            }
            return try download(py, shape, outType)
        }, cpu: { try cpu.binary(op, a, b) })
    }

    public func binary(_ op: BinaryOp, _ a: Tensor, scalar: Double, scalarFirst: Bool) -> Tensor {
        staged("binary \(op) with a scalar, \(a.dtype.torchName)", gpu: { () throws -> Tensor? in
            guard let t = Self.kernelType(a.dtype) else { return nil }
            let n = a.count, outType: DType = op.isComparison ? .bool : a.dtype
            let pa = try upload(a, a.dtype), py = try allocate(n, outType)
            defer { release(pa, py) }
            try device.launch(Self.elementwise[t]!, ElementwiseKernels.binaryKernel(op, t, "scalar_"), count: n,
                              [.pointer(pa), t == .f32 ? .float(Float(scalar)) : .double(scalar), .int32(scalarFirst ? 1 : 0), .pointer(py), .int64(Int64(n))])
            return try download(py, a.shape, outType)
        }, cpu: { cpu.binary(op, a, scalar: scalar, scalarFirst: scalarFirst) })
    }

    public func unary(_ op: UnaryOp, _ a: Tensor) -> Tensor {
        staged("unary \(op) \(a.dtype.torchName)", gpu: { () throws -> Tensor? in
            guard let t = Self.kernelType(a.dtype) else { return nil }
            return try map(a, t, ElementwiseKernels.unaryKernel(op, t), extra: [])
        }, cpu: { cpu.unary(op, a) })
    }

    public func activationBackward(_ op: UnaryOp, grad: Tensor, output: Tensor) throws -> Tensor {
        try staged("\(op) backward", gpu: { () throws -> Tensor? in
            guard grad.shape == output.shape, grad.dtype == output.dtype, let t = Self.kernelType(grad.dtype),
                  [.relu, .tanh, .sigmoid].contains(op) else { return nil }
            let n = grad.count
            let pg = try upload(grad, grad.dtype), po = try upload(output, grad.dtype), pd = try allocate(n, grad.dtype)
            defer { release(pg, po, pd) }
            try device.launch(Self.elementwise[t]!, "rl_\(op)_backward_\(t.rawValue)", count: n, [.pointer(pg), .pointer(po), .pointer(pd), .int64(Int64(n))])
            return try download(pd, grad.shape, grad.dtype)
        }, cpu: { try cpu.activationBackward(op, grad: grad, output: output) })
    }

    public func clamp(_ a: Tensor, min lo: Double?, max hi: Double?) -> Tensor {
        staged("clamp \(a.dtype.torchName)", gpu: { () throws -> Tensor? in
            guard let t = Self.kernelType(a.dtype) else { return nil }
            let v: (Double?) -> KernelArgument = { t == .f32 ? .float(Float($0 ?? 0)) : .double($0 ?? 0) }
            return try map(a, t, "rl_clamp_\(t.rawValue)", extra: [v(lo), v(hi), .int32(lo == nil ? 0 : 1), .int32(hi == nil ? 0 : 1)])
        }, cpu: { cpu.clamp(a, min: lo, max: hi) })
    }

    public func select(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try staged("where", gpu: { () throws -> Tensor? in
            let dt = Self.promote(a.dtype, b.dtype)
            guard cond.dtype == .bool, let t = Self.kernelType(dt), a.dtype.isFloatingPoint, b.dtype.isFloatingPoint,
                  let s1 = Self.broadcastShape(a.shape, b.shape), let shape = Self.broadcastShape(cond.shape, s1),
                  let ls = LaunchStrides(outShape: shape, operands: [(cond.shape, Self.contiguousStrides(cond.shape)),
                                                                      (a.shape, Self.contiguousStrides(a.shape)),
                                                                      (b.shape, Self.contiguousStrides(b.shape))]) else { return nil }
            let n = shape.reduce(1, *)
            let pc = try upload(cond, .bool), pa = try upload(a, dt), pb = try upload(b, dt), py = try allocate(n, dt)
            defer { release(pc, pa, pb, py) }
            try device.launch(Self.elementwise[t]!, "rl_select_\(t.rawValue)", count: n,
                              [.pointer(pc), .pointer(pa), .pointer(pb), .pointer(py), .int64(Int64(n)), .bytes(ls.bytes)])
            return try download(py, shape, dt)
        }, cpu: { try cpu.select(cond, a, b) })
    }

    /// `y = kernel(x, y, n, extra...)` over a same-shape output.
    func map(_ a: Tensor, _ t: KernelType, _ kernel: String, extra: [KernelArgument]) throws -> Tensor {
        let n = a.count
        let pa = try upload(a, a.dtype), py = try allocate(n, a.dtype)
        defer { release(pa, py) }
        try device.launch(Self.elementwise[t]!, kernel, count: n, [.pointer(pa), .pointer(py), .int64(Int64(n))] + extra)
        return try download(py, a.shape, a.dtype)
    }
}
