import RLTensor

/// What `ResidentNatureCNNStep` needs from a device: float buffers, kernel launches and row-major
/// GEMMs. `CUDABackend` is one; the tests use an emulated one (host memory, kernels compiled as C++).
public protocol ResidentDevice: AnyObject {
    func residentUpload(_ values: [Float]) throws -> CUdeviceptr
    func residentDownload(_ p: CUdeviceptr, count: Int) throws -> [Float]
    func residentAllocate(floats: Int) throws -> CUdeviceptr
    func residentLaunch(_ module: KernelSource, _ kernel: String, count: Int, blockSize: Int, blocks: Int?, _ args: [KernelArgument]) throws
    /// Row-major `C[b] = op(A[b]) · op(B[b])`, float32.
    func residentGEMM(M: Int, N: Int, K: Int, transA: Bool, transB: Bool, a: CUdeviceptr, strideA: Int, b: CUdeviceptr, strideB: Int,
                      c: CUdeviceptr, strideC: Int, batch: Int) throws
}

/// Device-resident buffers for work that stays on the GPU between steps (the device check's graph
/// test; what resident tensors would use): explicit upload, download, and kernels on device addresses.
extension CUDABackend: ResidentDevice {
    public func residentAllocate(floats: Int) throws -> CUdeviceptr { try allocate(floats, .float32) }

    public func residentLaunch(_ module: KernelSource, _ kernel: String, count: Int, blockSize: Int, blocks: Int?, _ args: [KernelArgument]) throws {
        try device.launch(module, kernel, count: count, blockSize: blockSize, blocks: blocks, args)
    }

    public func residentGEMM(M: Int, N: Int, K: Int, transA: Bool, transB: Bool, a: CUdeviceptr, strideA: Int, b: CUdeviceptr, strideB: Int,
                             c: CUdeviceptr, strideC: Int, batch: Int) throws {
        try gemm(.f32, M: M, N: N, K: K, transA: transA, transB: transB, a: a, strideA: strideA, b: b, strideB: strideB, c: c, strideC: strideC, batch: batch)
    }

    /// Copies `values` into a new device block (from the caching allocator).
    public func residentUpload(_ values: [Float]) throws -> CUdeviceptr {
        try device.makeCurrent()
        return try values.withUnsafeBytes { try device.upload($0) }
    }

    /// Reads `count` floats back (waits for the stream).
    public func residentDownload(_ p: CUdeviceptr, count: Int) throws -> [Float] {
        try device.makeCurrent()
        var out = [Float](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try device.download(p, into: $0) }
        return out
    }

    /// Returns a block to the caching allocator.
    public func residentRelease(_ p: CUdeviceptr) { release(p) }

    /// One fused RMSprop update on device buffers (queued on the stream; no host synchronisation).
    public func residentRMSprop(param: CUdeviceptr, grad: CUdeviceptr, squareAvg: CUdeviceptr, momentumBuffer: CUdeviceptr, count: Int,
                                lr: Float, alpha: Float, eps: Float, weightDecay: Float, momentum: Float) throws {
        try device.launch(Self.optim[.f32]!, "rl_rmsprop_f32", count: count,
                          [.pointer(param), .pointer(grad), .pointer(squareAvg), .pointer(momentumBuffer), .int64(Int64(count)),
                           .float(lr), .float(alpha), .float(eps), .float(weightDecay), .float(momentum)])
    }
}
