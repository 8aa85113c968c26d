import RLSupport

/// One initialised GPU: the driver, NVRTC and cuBLAS loaded, the primary context current, one stream,
/// a caching allocator, and the kernel modules compiled for its compute capability.
///
/// All work goes to one stream in order, so no synchronisation is needed between kernels; the host
/// waits only when it reads results back (`download`).
public final class CUDADevice: @unchecked Sendable {
    let driver: DriverAPI
    /// NVRTC, or why it did not load (kernels then come from the PTX cache only).
    let nvrtc: Result<NVRTCCompiler, CUDAError>
    /// cuBLAS, or nil when it did not load (or `RLBOOK_CUDA_GEMM=kernel`): products then use `rl_gemm_*`.
    let cublas: CUBLASAPI?
    /// Why cuBLAS is not used, when it is not.
    public let cublasUnavailableReason: String?
    let context: CUhandle?
    let stream: CUhandle?
    let cublasHandle: CUBLASAPI.Handle?
    public let ordinal: Int
    /// How many GPUs the driver reports (`torch.cuda.device_count()`).
    public let deviceCount: Int
    public let name: String
    public let computeCapability: (major: Int, minor: Int)
    public let totalMemory: Int
    public let driverVersion: Int
    public let allocator: CachingAllocator
    let kernels: KernelCache

    /// Loads the libraries and initialises device `ordinal`; throws a `CUDAError` that says what is missing.
    public init(ordinal: Int = 0, search: LibrarySearch = LibrarySearch()) throws(CUDAError) {
        let drv = try DriverAPI(DynamicLibrary.open("libcuda", candidates: search.candidates(for: .driver)))
        try drv.check(drv.cuInit(0), "cuInit")
        var version: Int32 = 0
        try drv.check(drv.cuDriverGetVersion(&version), "cuDriverGetVersion")
        var count: Int32 = 0
        try drv.check(drv.cuDeviceGetCount(&count), "cuDeviceGetCount")
        guard count > ordinal else { throw .noDevice }
        var dev: CUdevice = 0
        try drv.check(drv.cuDeviceGet(&dev, Int32(ordinal)), "cuDeviceGet(\(ordinal))")
        var nameBytes = [CChar](repeating: 0, count: 256)
        try drv.check(drv.cuDeviceGetName(&nameBytes, 255, dev), "cuDeviceGetName")
        var major: Int32 = 0, minor: Int32 = 0
        try drv.check(drv.cuDeviceGetAttribute(&major, DriverAPI.Attribute.computeCapabilityMajor.rawValue, dev), "cuDeviceGetAttribute(major)")
        try drv.check(drv.cuDeviceGetAttribute(&minor, DriverAPI.Attribute.computeCapabilityMinor.rawValue, dev), "cuDeviceGetAttribute(minor)")
        var mem = 0
        try drv.check(drv.cuDeviceTotalMem(&mem, dev), "cuDeviceTotalMem")
        var ctx: CUhandle? = nil
        try drv.check(drv.cuDevicePrimaryCtxRetain(&ctx, dev), "cuDevicePrimaryCtxRetain")
        try drv.check(drv.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
        var s: CUhandle? = nil
        try drv.check(drv.cuStreamCreate(&s, 1), "cuStreamCreate")     // CU_STREAM_NON_BLOCKING
        let compiler = Result { () throws(CUDAError) in try NVRTCCompiler(search: search) }
        var blas: CUBLASAPI? = nil, h: CUBLASAPI.Handle? = nil, blasWhy: String? = nil
        if search.environment("RLBOOK_CUDA_GEMM") == "kernel" {
            blasWhy = "RLBOOK_CUDA_GEMM=kernel"
        } else {
            do throws(CUDAError) {
                let api = try CUBLASAPI(DynamicLibrary.open("libcublas", candidates: search.candidates(for: .cublas)))
                try api.check(api.cublasCreate(&h), "cublasCreate_v2")
                try api.check(api.cublasSetStream(h, s), "cublasSetStream_v2")
                blas = api
            } catch {
                blasWhy = error.description
            }
        }

        driver = drv
        nvrtc = compiler
        cublas = blas
        context = ctx
        stream = s
        cublasHandle = h
        cublasUnavailableReason = blasWhy
        self.ordinal = ordinal
        deviceCount = Int(count)
        name = String(cString: nameBytes)
        computeCapability = (Int(major), Int(minor))
        totalMemory = mem
        driverVersion = Int(version)
        allocator = CachingAllocator(device: DriverMemory(driver: drv))
        kernels = KernelCache(major: Int(major), minor: Int(minor))
    }

    /// Makes this device's context current on the calling thread (contexts are per thread).
    func makeCurrent() throws(CUDAError) { try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent") }

    /// Copies host bytes into a new device block (asynchronous on the stream; the host buffer must stay valid until the next sync).
    func upload(_ bytes: UnsafeRawBufferPointer) throws(CUDAError) -> CUdeviceptr {
        let p = try allocator.allocate(bytes.count)
        if bytes.count > 0 {
            try driver.check(driver.cuMemcpyHtoDAsync(p, bytes.baseAddress, bytes.count, stream), "cuMemcpyHtoDAsync(\(bytes.count) bytes)")
        }
        return p
    }

    /// Copies a device block to host memory and waits for the stream (the synchronisation point).
    func download(_ p: CUdeviceptr, into bytes: UnsafeMutableRawBufferPointer) throws(CUDAError) {
        if bytes.count > 0 {
            try driver.check(driver.cuMemcpyDtoHAsync(bytes.baseAddress, p, bytes.count, stream), "cuMemcpyDtoHAsync(\(bytes.count) bytes)")
        }
        try synchronize()
    }

    func zero(_ p: CUdeviceptr, bytes: Int) throws(CUDAError) {
        try driver.check(driver.cuMemsetD8Async(p, 0, bytes, stream), "cuMemsetD8Async")
    }

    /// Waits until all work queued on the stream is done.
    public func synchronize() throws(CUDAError) { try driver.check(driver.cuStreamSynchronize(stream), "cuStreamSynchronize") }

    /// Launches `kernel` with an explicit 3-D grid and block.
    func launch(_ module: KernelSource, _ kernel: String, grid: (Int, Int, Int), block: (Int, Int, Int), _ args: [KernelArgument]) throws(CUDAError) {
        let fn = try kernels.function(kernel, in: module, device: self)
        let code = KernelArgument.withPacked(args) { params in
            driver.cuLaunchKernel(fn, UInt32(grid.0), UInt32(grid.1), UInt32(grid.2), UInt32(block.0), UInt32(block.1), UInt32(block.2),
                                  0, stream, params, nil)
        }
        try driver.check(code, "cuLaunchKernel(\(kernel), grid \(grid), block \(block))")
    }

    /// Launches `kernel` (from `module`) with a 1-D grid covering `count` threads (grid-stride loops cap the grid).
    func launch(_ module: KernelSource, _ kernel: String, count: Int, blockSize: Int = 256, blocks: Int? = nil, _ args: [KernelArgument]) throws(CUDAError) {
        let fn = try kernels.function(kernel, in: module, device: self)
        let grid = blocks ?? max(1, min((count + blockSize - 1) / blockSize, 65_535))
        let code = KernelArgument.withPacked(args) { params in
            driver.cuLaunchKernel(fn, UInt32(grid), 1, 1, UInt32(blockSize), 1, 1, 0, stream, params, nil)
        }
        try driver.check(code, "cuLaunchKernel(\(kernel), grid \(grid), block \(blockSize))")
    }
}

/// cuMemAlloc / cuMemFree as `DeviceMemory` for the caching allocator.
final class DriverMemory: DeviceMemory {
    let driver: DriverAPI
    init(driver: DriverAPI) { self.driver = driver }
    func allocate(bytes: Int) throws(CUDAError) -> CUdeviceptr {
        var p: CUdeviceptr = 0
        try driver.check(driver.cuMemAlloc(&p, bytes), "cuMemAlloc(\(bytes) bytes)")
        return p
    }
    func free(_ address: CUdeviceptr) { _ = driver.cuMemFree(address) }
}
