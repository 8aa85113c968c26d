import RLTensor

/// conv2d as im2col + one strided-batched cuBLAS GEMM per product (column layout in `ConvKernels`).
/// Like the CPU backend, the forward pass saves the contiguous input, and the backward pass unfolds it again.
extension CUDABackend {
    func geometryArgs(_ g: ConvGeometry) -> [KernelArgument] {
        [g.n, g.c, g.h, g.w, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw, g.oh, g.ow].map { .int32(Int32($0)) }
    }

    func im2col(_ t: KernelType, _ g: ConvGeometry, _ px: CUdeviceptr, _ dt: DType) throws -> CUdeviceptr {
        let ckk = g.c * g.kh * g.kw, P = g.oh * g.ow
        let cols = try allocate(g.n * ckk * P, dt)
        try device.launch(Self.conv[t]!, "rl_im2col_\(t.rawValue)", count: g.n * g.c * P, [.pointer(px), .pointer(cols)] + geometryArgs(g))
        return cols
    }

    public func conv2dForward(_ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepColumns: Bool) -> (Tensor, Tensor?) {
        staged("conv2d forward", gpu: { () throws -> (Tensor, Tensor?)? in
            guard x.dtype.isFloatingPoint, w.dtype.isFloatingPoint else { return nil }
            let dt = Self.promote(x.dtype, w.dtype), t = Self.kernelType(dt)!
            let ckk = g.c * g.kh * g.kw, P = g.oh * g.ow
            guard g.n > 0, P > 0, ckk > 0 else { return nil }
            let px = try upload(x, dt), pw = try upload(w, dt)
            let cols = try im2col(t, g, px, dt)
            let py = try allocate(g.n * g.o * P, dt)
            defer { release(px, pw, cols, py) }
            try gemm(t, M: g.o, N: P, K: ckk, transA: false, transB: false, a: pw, strideA: 0, b: cols, strideB: ckk * P,
                     c: py, strideC: g.o * P, batch: g.n)
            if let b {
                let pb = try upload(b, dt)
                defer { release(pb) }
                try device.launch(Self.elementwise[t]!, "rl_add_bias_\(t.rawValue)", count: g.n * g.o * P,
                                  [.pointer(py), .pointer(pb), .int64(Int64(g.n * g.o * P)), .int64(Int64(g.o)), .int64(Int64(P))])
            }
            let out = try download(py, [g.n, g.o, g.oh, g.ow], dt)
            let saved = keepColumns ? x.withContiguousBytes(dtype: dt) { src in
                Tensor.filling([g.n, g.c, g.h, g.w], dtype: dt) { $0.copyMemory(from: src) }
            } : nil
            return (out, saved)
        }, cpu: { cpu.conv2dForward(g, x, w, b, keepColumns: keepColumns) })
    }

    public func conv2dBackward(_ g: ConvGeometry, _ gOut: Tensor, _ saved: Tensor?, _ w: Tensor,
                               needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        staged("conv2d backward", gpu: { () throws -> (Tensor?, Tensor?, Tensor?)? in
            let dt: DType = w.dtype == .float64 ? .float64 : .float32, t = Self.kernelType(dt)!
            let ckk = g.c * g.kh * g.kw, P = g.oh * g.ow, O = g.o
            guard g.n > 0, P > 0, ckk > 0 else { return nil }
            let pg = try upload(gOut, dt), pw = try upload(w, dt)
            defer { release(pg, pw) }
            let red = Self.reduction[t]!
            var db: Tensor?, dw: Tensor?, dx: Tensor?
            if needB {
                let tmp = try allocate(g.n * O, dt), out = try allocate(O, dt)
                defer { release(tmp, out) }
                try device.launch(red, ReductionKernels.rowsKernel(.sum, t), count: 0, blockSize: 256, blocks: min(g.n * O, 65_535),
                                  [.pointer(pg), .pointer(tmp), .int64(Int64(g.n * O)), .int64(Int64(P))])
                try device.launch(red, ReductionKernels.columnsKernel(.sum, t), count: O,
                                  [.pointer(tmp), .pointer(out), .int64(1), .int64(Int64(g.n)), .int64(Int64(O))])
                db = try download(out, [O], dt)
            }
            if needW, let saved {
                let px = try upload(saved, dt)
                let cols = try im2col(t, g, px, dt)
                let per = try allocate(g.n * O * ckk, dt), out = try allocate(O * ckk, dt)
                defer { release(px, cols, per, out) }
                // dW_n[O, CKK] = G_n[O, P] · cols_n[CKK, P]ᵀ, then summed over n.
                try gemm(t, M: O, N: ckk, K: P, transA: false, transB: true, a: pg, strideA: O * P, b: cols, strideB: ckk * P,
                         c: per, strideC: O * ckk, batch: g.n)
                try device.launch(red, ReductionKernels.columnsKernel(.sum, t), count: O * ckk,
                                  [.pointer(per), .pointer(out), .int64(1), .int64(Int64(g.n)), .int64(Int64(O * ckk))])
                dw = try download(out, [O, g.c, g.kh, g.kw], dt)
            }
            if needX {
                let dcols = try allocate(g.n * ckk * P, dt), out = try allocate(g.n * g.c * g.h * g.w, dt)
                defer { release(dcols, out) }
                // dcols_n[CKK, P] = W[O, CKK]ᵀ · G_n[O, P], folded back by col2im.
                try gemm(t, M: ckk, N: P, K: O, transA: true, transB: false, a: pw, strideA: 0, b: pg, strideB: O * P,
                         c: dcols, strideC: ckk * P, batch: g.n)
                try device.launch(Self.conv[t]!, "rl_col2im_\(t.rawValue)", count: g.n * g.c * g.h * g.w,
                                  [.pointer(dcols), .pointer(out)] + geometryArgs(g))
                dx = try download(out, [g.n, g.c, g.h, g.w], dt)
            }
            return (dx, dw, db)
        }, cpu: { cpu.conv2dBackward(g, gOut, saved, w, needX: needX, needW: needW, needB: needB) })
    }
}
