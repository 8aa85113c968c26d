#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides the device a book runs on: `cpu`, or `cuda` when the CUDA driver can be loaded.
public enum DeviceProbe {
    /// Tries to load the CUDA driver library; returns nil when it loads, else the loader's reason.
    public static func cudaLoadFailure() -> String? {
        if let forced = getenv("RLBOOK_DISABLE_CUDA"), String(cString: forced) == "1" { return "disabled by RLBOOK_DISABLE_CUDA=1" }
        for name in ["libcuda.so.1", "libcuda.so"] {
            if let h = dlopen(name, RTLD_NOW | RTLD_LOCAL) { dlclose(h); return nil }
        }
        if let e = dlerror() { return String(cString: e) }
        return "libcuda.so.1 not found"
    }

    /// Resolves `auto|cpu|cuda` to the device used; throws when `cuda` is asked for and cannot be loaded.
    public static func resolve(_ requested: String) throws(RunError) -> String {
        switch requested {
        case "cpu": return "cpu"
        case "cuda":
            if let why = cudaLoadFailure() {
                throw .backendUnavailable("the CUDA backend was requested but cannot be loaded (\(why)); install the NVIDIA driver, or run with --device cpu (or auto)")
            }
            return "cuda"
        default:
            return cudaLoadFailure() == nil ? "cuda" : "cpu"
        }
    }
}
