/// CUDA driver API types (cuda.h): results are `CUresult`, handles are opaque pointers, device memory is a 64-bit address.
public typealias CUresult = Int32
public typealias CUdevice = Int32
public typealias CUdeviceptr = UInt64
public typealias CUhandle = OpaquePointer

/// The CUDA driver API (`libcuda.so.1`) as a table of C function pointers, bound with `dlsym`.
///
/// Versioned entry points (`_v2`) are the ones `cuda.h` maps the plain names to since CUDA 4/11; the
/// ones marked optional are looked up but only used when present.
struct DriverAPI: @unchecked Sendable {
    typealias FnInit = @convention(c) (UInt32) -> CUresult
    typealias FnIntOut = @convention(c) (UnsafeMutablePointer<Int32>?) -> CUresult
    typealias FnDeviceGet = @convention(c) (UnsafeMutablePointer<CUdevice>?, Int32) -> CUresult
    typealias FnDeviceGetName = @convention(c) (UnsafeMutablePointer<CChar>?, Int32, CUdevice) -> CUresult
    typealias FnDeviceGetAttribute = @convention(c) (UnsafeMutablePointer<Int32>?, Int32, CUdevice) -> CUresult
    typealias FnDeviceTotalMem = @convention(c) (UnsafeMutablePointer<Int>?, CUdevice) -> CUresult
    typealias FnPrimaryCtxRetain = @convention(c) (UnsafeMutablePointer<CUhandle?>?, CUdevice) -> CUresult
    typealias FnHandle = @convention(c) (CUhandle?) -> CUresult
    typealias FnStreamCreate = @convention(c) (UnsafeMutablePointer<CUhandle?>?, UInt32) -> CUresult
    typealias FnMemAlloc = @convention(c) (UnsafeMutablePointer<CUdeviceptr>?, Int) -> CUresult
    typealias FnMemFree = @convention(c) (CUdeviceptr) -> CUresult
    typealias FnMemAllocHost = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?, Int) -> CUresult
    typealias FnMemFreeHost = @convention(c) (UnsafeMutableRawPointer?) -> CUresult
    typealias FnMemcpyHtoD = @convention(c) (CUdeviceptr, UnsafeRawPointer?, Int, CUhandle?) -> CUresult
    typealias FnMemcpyDtoH = @convention(c) (UnsafeMutableRawPointer?, CUdeviceptr, Int, CUhandle?) -> CUresult
    typealias FnMemcpyDtoD = @convention(c) (CUdeviceptr, CUdeviceptr, Int, CUhandle?) -> CUresult
    typealias FnMemsetD8 = @convention(c) (CUdeviceptr, UInt8, Int, CUhandle?) -> CUresult
    typealias FnModuleLoadData = @convention(c) (UnsafeMutablePointer<CUhandle?>?, UnsafeRawPointer?) -> CUresult
    typealias FnModuleGetFunction = @convention(c) (UnsafeMutablePointer<CUhandle?>?, CUhandle?, UnsafePointer<CChar>?) -> CUresult
    typealias FnLaunchKernel = @convention(c) (CUhandle?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, CUhandle?,
                                               UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> CUresult
    typealias FnErrorString = @convention(c) (CUresult, UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> CUresult
    typealias FnStreamBeginCapture = @convention(c) (CUhandle?, Int32) -> CUresult
    typealias FnStreamEndCapture = @convention(c) (CUhandle?, UnsafeMutablePointer<CUhandle?>?) -> CUresult
    typealias FnGraphInstantiate = @convention(c) (UnsafeMutablePointer<CUhandle?>?, CUhandle?, UInt64) -> CUresult
    typealias FnGraphLaunch = @convention(c) (CUhandle?, CUhandle?) -> CUresult

    let library: DynamicLibrary
    let cuInit: FnInit
    let cuDriverGetVersion: FnIntOut
    let cuDeviceGetCount: FnIntOut
    let cuDeviceGet: FnDeviceGet
    let cuDeviceGetName: FnDeviceGetName
    let cuDeviceGetAttribute: FnDeviceGetAttribute
    let cuDeviceTotalMem: FnDeviceTotalMem
    let cuDevicePrimaryCtxRetain: FnPrimaryCtxRetain
    let cuCtxSetCurrent: FnHandle
    let cuStreamCreate: FnStreamCreate
    let cuStreamSynchronize: FnHandle
    let cuMemAlloc: FnMemAlloc
    let cuMemFree: FnMemFree
    let cuMemAllocHost: FnMemAllocHost
    let cuMemFreeHost: FnMemFreeHost
    let cuMemcpyHtoDAsync: FnMemcpyHtoD
    let cuMemcpyDtoHAsync: FnMemcpyDtoH
    let cuMemcpyDtoDAsync: FnMemcpyDtoD
    let cuMemsetD8Async: FnMemsetD8
    let cuModuleLoadData: FnModuleLoadData
    let cuModuleGetFunction: FnModuleGetFunction
    let cuLaunchKernel: FnLaunchKernel
    let cuGetErrorString: FnErrorString
    let cuGetErrorName: FnErrorString
    // CUDA graphs (stream capture); optional so an old driver still runs without graphs.
    let cuStreamBeginCapture: FnStreamBeginCapture?
    let cuStreamEndCapture: FnStreamEndCapture?
    let cuGraphInstantiateWithFlags: FnGraphInstantiate?
    let cuGraphLaunch: FnGraphLaunch?
    let cuGraphExecDestroy: FnHandle?
    let cuGraphDestroy: FnHandle?

    init(_ lib: DynamicLibrary) throws(CUDAError) {
        library = lib
        cuInit = try lib.function("cuInit")
        cuDriverGetVersion = try lib.function("cuDriverGetVersion")
        cuDeviceGetCount = try lib.function("cuDeviceGetCount")
        cuDeviceGet = try lib.function("cuDeviceGet")
        cuDeviceGetName = try lib.function("cuDeviceGetName")
        cuDeviceGetAttribute = try lib.function("cuDeviceGetAttribute")
        cuDeviceTotalMem = try lib.function("cuDeviceTotalMem_v2")
        cuDevicePrimaryCtxRetain = try lib.function("cuDevicePrimaryCtxRetain")
        cuCtxSetCurrent = try lib.function("cuCtxSetCurrent")
        cuStreamCreate = try lib.function("cuStreamCreate")
        cuStreamSynchronize = try lib.function("cuStreamSynchronize")
        cuMemAlloc = try lib.function("cuMemAlloc_v2")
        cuMemFree = try lib.function("cuMemFree_v2")
        cuMemAllocHost = try lib.function("cuMemAllocHost_v2")
        cuMemFreeHost = try lib.function("cuMemFreeHost")
        cuMemcpyHtoDAsync = try lib.function("cuMemcpyHtoDAsync_v2")
        cuMemcpyDtoHAsync = try lib.function("cuMemcpyDtoHAsync_v2")
        cuMemcpyDtoDAsync = try lib.function("cuMemcpyDtoDAsync_v2")
        cuMemsetD8Async = try lib.function("cuMemsetD8Async")
        cuModuleLoadData = try lib.function("cuModuleLoadData")
        cuModuleGetFunction = try lib.function("cuModuleGetFunction")
        cuLaunchKernel = try lib.function("cuLaunchKernel")
        cuGetErrorString = try lib.function("cuGetErrorString")
        cuGetErrorName = try lib.function("cuGetErrorName")
        cuStreamBeginCapture = lib.optionalFunction("cuStreamBeginCapture_v2")
        cuStreamEndCapture = lib.optionalFunction("cuStreamEndCapture")
        cuGraphInstantiateWithFlags = lib.optionalFunction("cuGraphInstantiateWithFlags")
        cuGraphLaunch = lib.optionalFunction("cuGraphLaunch")
        cuGraphExecDestroy = lib.optionalFunction("cuGraphExecDestroy")
        cuGraphDestroy = lib.optionalFunction("cuGraphDestroy")
    }

    /// Throws `CUDAError.driver` with the driver's own name and description of `code` unless it is CUDA_SUCCESS.
    func check(_ code: CUresult, _ call: String) throws(CUDAError) {
        guard code != 0 else { return }
        var namePtr: UnsafePointer<CChar>? = nil, msgPtr: UnsafePointer<CChar>? = nil
        _ = cuGetErrorName(code, &namePtr)
        _ = cuGetErrorString(code, &msgPtr)
        throw .driver(call: call, code: code, name: namePtr.map { String(cString: $0) } ?? "CUDA_ERROR_\(code)",
                      message: msgPtr.map { String(cString: $0) } ?? "no description from the driver")
    }

    /// Device attributes used (CUdevice_attribute values from cuda.h).
    enum Attribute: Int32 {
        case multiprocessorCount = 16
        case computeCapabilityMajor = 75
        case computeCapabilityMinor = 76
    }
}
