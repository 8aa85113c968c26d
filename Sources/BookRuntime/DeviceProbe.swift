import RLCUDA
import RLTensor

/// Decides the device a book runs on: `cpu`, or `cuda` when the CUDA backend really initialises
/// (driver, NVRTC and cuBLAS load, a GPU is present, and its self-test passes; see `CUDARuntime`).
public enum DeviceProbe {
    nonisolated(unsafe) private static var fallbackNoted = false

    /// nil when the CUDA backend runs here, else why not.
    public static func cudaLoadFailure() -> String? {
        switch CUDARuntime.backend() {
        case .success: return nil
        case .failure(let e): return e.description
        }
    }

    /// Resolves `auto|cpu|cuda` to the device used and installs its backend; throws when `cuda` is asked
    /// for and cannot run. `auto` picks `cuda` only where the backend runs and is faster than the CPU
    /// (`CUDARuntime.preferredByAuto`), else falls back to the CPU and says why (through `note`, when given) once per process.
    public static func resolve(_ requested: String, note: ((String) -> Void)? = nil) throws(RunError) -> String {
        switch requested {
        case "cpu":
            if Tensor.backend.name != "cpu" { Tensor.backend = CPUBackend() }
            return "cpu"
        case "cuda":
            if let why = cudaLoadFailure() {
                throw .backendUnavailable("--device cuda: the CUDA backend cannot run here: \(why). Run with --device cpu (or auto)")
            }
            try? CUDARuntime.install()
            return "cuda"
        default:
            let why: String
            if let failure = cudaLoadFailure() {
                why = "no usable GPU: \(failure)"
            } else if CUDARuntime.preferredByAuto {
                try? CUDARuntime.install()
                return "cuda"
            } else {
                why = "the CUDA backend runs here but in staging mode (every operation copies through host memory), which is slower than the CPU; pass --device cuda to use it anyway"
            }
            if !fallbackNoted, let note {
                fallbackNoted = true
                note("note: --device auto runs on the CPU (\(why))\n")
            }
            if Tensor.backend.name != "cpu" { Tensor.backend = CPUBackend() }
            return "cpu"
        }
    }
}
