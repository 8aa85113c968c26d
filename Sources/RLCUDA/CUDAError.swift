/// Everything that can go wrong while loading or using the CUDA backend.
///
/// Every case says what failed, where (the library, the call, the kernel), and what to do.
public enum CUDAError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A shared library could not be loaded from any of the places searched.
    case libraryNotFound(library: String, tried: [String], loaderMessage: String)
    /// A library loaded but lacks a function rlbook needs (usually: too old a version).
    case symbolMissing(library: String, path: String, symbol: String)
    /// A CUDA driver call returned an error (`name`/`message` from cuGetErrorName/cuGetErrorString).
    case driver(call: String, code: Int32, name: String, message: String)
    /// An NVRTC call failed outside compilation (`message` from nvrtcGetErrorString).
    case nvrtc(call: String, code: Int32, message: String)
    /// NVRTC rejected a kernel source; `log` is NVRTC's compile log.
    case compile(module: String, options: [String], log: String)
    /// A cuBLAS call returned a status other than CUBLAS_STATUS_SUCCESS.
    case cublas(call: String, status: Int32)
    /// The driver loads but reports no CUDA device.
    case noDevice
    /// A kernel module is neither in the PTX cache nor compilable (NVRTC did not load).
    case noCompiler(module: String, architecture: String, nvrtcError: String)
    /// An operation the CUDA backend does not implement (the caller falls back or reports it).
    case unsupported(String)
    /// A kernel produced a result that disagrees with the CPU backend (the self-test).
    case selfTestFailed(String)

    public var description: String {
        switch self {
        case .libraryNotFound(let lib, let tried, let msg):
            let shown = tried.prefix(6).joined(separator: ", ") + (tried.count > 6 ? ", … (\(tried.count) places)" : "")
            return "cannot load \(lib) (tried \(shown); last loader message: \(msg)); install the NVIDIA driver / the CUDA libraries, or set RLBOOK_CUDA_PATH to the folder that holds \(lib)"
        case .symbolMissing(let lib, let path, let sym):
            return "\(lib) at \(path) has no function \(sym); it is too old for rlbook (CUDA 11.4 or newer is needed): update it or point RLBOOK_CUDA_PATH at a newer one"
        case .driver(let call, let code, let name, let msg):
            return "CUDA driver call \(call) failed: \(name) (\(code)): \(msg)"
        case .nvrtc(let call, let code, let msg):
            return "NVRTC call \(call) failed (\(code)): \(msg)"
        case .compile(let module, let options, let log):
            return "NVRTC could not compile kernel module '\(module)' (options: \(options.joined(separator: " "))):\n\(log)\nthis is a bug in rlbook's generated kernels: please report it with this log"
        case .cublas(let call, let status):
            return "cuBLAS call \(call) failed with status \(status) (\(CUDAError.cublasStatusName(status)))"
        case .noDevice:
            return "the CUDA driver loads but reports no GPU (cuDeviceGetCount = 0); check nvidia-smi, CUDA_VISIBLE_DEVICES, or run with --device cpu"
        case .noCompiler(let module, let arch, let why):
            return "kernel module '\(module)' has no cached PTX for \(arch) and NVRTC cannot be loaded (\(why)); install the nvidia-cuda-nvrtc wheel or the CUDA toolkit, set RLBOOK_NVRTC_PATH, or precompile with `rlcuda-check precompile`"
        case .unsupported(let what):
            return "the CUDA backend does not implement \(what) yet"
        case .selfTestFailed(let what):
            return "the CUDA backend's self-test failed: \(what); run with --device cpu and report this"
        }
    }

    /// cuBLAS status names (cublas_api.h).
    static func cublasStatusName(_ s: Int32) -> String {
        switch s {
        case 0: return "CUBLAS_STATUS_SUCCESS"
        case 1: return "CUBLAS_STATUS_NOT_INITIALIZED"
        case 3: return "CUBLAS_STATUS_ALLOC_FAILED"
        case 7: return "CUBLAS_STATUS_INVALID_VALUE"
        case 8: return "CUBLAS_STATUS_ARCH_MISMATCH"
        case 11: return "CUBLAS_STATUS_MAPPING_ERROR"
        case 13: return "CUBLAS_STATUS_EXECUTION_FAILED"
        case 14: return "CUBLAS_STATUS_INTERNAL_ERROR"
        case 15: return "CUBLAS_STATUS_NOT_SUPPORTED"
        case 16: return "CUBLAS_STATUS_LICENSE_ERROR"
        default: return "unknown status"
        }
    }
}
