import RLTensor

extension CUDABackend {
    /// Row-major `C[b] = op(A[b]) · op(B[b])` for `batch` matrices through cuBLAS (see `GEMMPlan`);
    /// a stride of 0 shares one matrix across the batch.
    func gemm(_ t: KernelType, M: Int, N: Int, K: Int, transA: Bool, transB: Bool,
              a: CUdeviceptr, strideA: Int, b: CUdeviceptr, strideB: Int, c: CUdeviceptr, strideC: Int, batch: Int) throws {
        guard let api = device.cublas else {
            try device.launch(Self.gemmKernels[t]!, "rl_gemm_\(t.rawValue)",
                              grid: ((N + GEMMKernels.tile - 1) / GEMMKernels.tile, (M + GEMMKernels.tile - 1) / GEMMKernels.tile, batch),
                              block: (GEMMKernels.tile, GEMMKernels.tile, 1),
                              [.pointer(a), .pointer(b), .pointer(c), .int32(Int32(M)), .int32(Int32(N)), .int32(Int32(K)),
                               .int32(transA ? 1 : 0), .int32(transB ? 1 : 0), .int64(Int64(strideA)), .int64(Int64(strideB)), .int64(Int64(strideC))])
            return
        }
        let p = GEMMPlan(M: M, N: N, K: K, transA: transA, transB: transB)
        let h = device.cublasHandle
        let call = "cublas\(t == .f32 ? "S" : "D")gemmStridedBatched(M \(M), N \(N), K \(K), batch \(batch))"
        if t == .f32 {
            var alpha: Float = 1, beta: Float = 0
            try api.check(api.cublasSgemmStridedBatched(h, p.transFirst, p.transSecond, Int32(p.m), Int32(p.n), Int32(p.k), &alpha,
                                                        UnsafePointer(bitPattern: UInt(b)), Int32(p.ldFirst), Int64(strideB),
                                                        UnsafePointer(bitPattern: UInt(a)), Int32(p.ldSecond), Int64(strideA), &beta,
                                                        UnsafeMutablePointer(bitPattern: UInt(c)), Int32(p.ldResult), Int64(strideC), Int32(batch)), call)
        } else {
            var alpha: Double = 1, beta: Double = 0
            try api.check(api.cublasDgemmStridedBatched(h, p.transFirst, p.transSecond, Int32(p.m), Int32(p.n), Int32(p.k), &alpha,
                                                        UnsafePointer(bitPattern: UInt(b)), Int32(p.ldFirst), Int64(strideB),
                                                        UnsafePointer(bitPattern: UInt(a)), Int32(p.ldSecond), Int64(strideA), &beta,
                                                        UnsafeMutablePointer(bitPattern: UInt(c)), Int32(p.ldResult), Int64(strideC), Int32(batch)), call)
        }
    }

    public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try staged("matmul", gpu: { () throws -> Tensor? in
            guard a.rank >= 2, b.rank >= 2, a.dtype.isFloatingPoint, b.dtype.isFloatingPoint else { return nil }
            let dt = Self.promote(a.dtype, b.dtype), t = Self.kernelType(dt)!
            let M = a.shape[a.rank - 2], K = a.shape[a.rank - 1], N = b.shape[b.rank - 1]
            guard b.shape[b.rank - 2] == K, M > 0, N > 0, K > 0 else { return nil }
            let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
            let batchShape: [Int], batch: Int, sa: Int, sb: Int
            if batchA == batchB { batchShape = batchA; batch = batchA.reduce(1, *); sa = M * K; sb = K * N }
            else if batchB.isEmpty { batchShape = batchA; batch = batchA.reduce(1, *); sa = M * K; sb = 0 }
            else if batchA.isEmpty { batchShape = batchB; batch = batchB.reduce(1, *); sa = 0; sb = K * N }
            else { return nil }                                   // broadcast batch dimensions: CPU
            let pa = try upload(a, dt), pb = try upload(b, dt), pc = try allocate(batch * M * N, dt)
            defer { release(pa, pb, pc) }
            try gemm(t, M: M, N: N, K: K, transA: false, transB: false, a: pa, strideA: sa, b: pb, strideB: sb, c: pc, strideC: M * N, batch: batch)
            return try download(pc, batchShape + [M, N], dt)
        }, cpu: { try cpu.matmul(a, b) })
    }

    public func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor {
        try staged("linear", gpu: { () throws -> Tensor? in
            guard x.rank >= 1, w.rank == 2, x.dtype.isFloatingPoint, w.dtype == x.dtype, b == nil || b!.dtype == x.dtype,
                  let t = Self.kernelType(x.dtype) else { return nil }
            let inF = x.shape[x.rank - 1], outF = w.shape[0]
            guard w.shape[1] == inF, b == nil || b!.shape == [outF], inF > 0, outF > 0 else { return nil }
            let rows = x.count / inF
            let px = try upload(x, x.dtype), pw = try upload(w, x.dtype), py = try allocate(rows * outF, x.dtype)
            defer { release(px, pw, py) }
            try gemm(t, M: rows, N: outF, K: inF, transA: false, transB: true, a: px, strideA: 0, b: pw, strideB: 0, c: py, strideC: 0, batch: 1)
            if let b {
                let pb = try upload(b, x.dtype)
                defer { release(pb) }
                try device.launch(Self.elementwise[t]!, "rl_add_bias_\(t.rawValue)", count: rows * outF,
                                  [.pointer(py), .pointer(pb), .int64(Int64(rows * outF)), .int64(Int64(outF)), .int64(1)])
            }
            return try download(py, Array(x.shape.dropLast()) + [outF], x.dtype)
        }, cpu: { try cpu.linear(x, w, b) })
    }
}
