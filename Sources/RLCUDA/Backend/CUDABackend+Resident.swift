import RLTensor

/// Device-resident buffers for work that stays on the GPU between steps (the device check's graph
/// test; what resident tensors would use): explicit upload, download, and kernels on device addresses.
extension CUDABackend {
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
