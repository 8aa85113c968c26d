import BookDSL
import RLCUDA

/// `cuda`: whether the CUDA backend runs on this machine, for cells that time or skip GPU work.
///
///     if cuda.isAvailable { print(cuda.deviceName) } else { print(cuda.unavailableReason) }
///     print(cuda.deviceCount)   // 0 where the backend does not run (`torch.cuda.device_count()`)
///
/// `isAvailable` is true only where the backend really initialises (driver, NVRTC, cuBLAS, a GPU and
/// its self-test); `isAvailable()` is accepted too (PyTorch spells it `torch.cuda.is_available()`).
final class CUDANamespace: NativeObject {
    var typeName: String { "cuda" }
    var description: String { "<module 'cuda'>" }
    var memberNames: [String] { ["isAvailable", "deviceCount", "deviceName", "unavailableReason"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "isAvailable": return .bool(CUDARuntime.isAvailable)
        case "deviceCount":
            if case .success(let b) = CUDARuntime.backend() { return .int(b.device.deviceCount) }
            return .int(0)
        case "deviceName":
            if case .success(let b) = CUDARuntime.backend() { return .string(b.device.name) }
            return .nilValue
        case "unavailableReason":
            if case .failure(let e) = CUDARuntime.backend() { return .string(e.description) }
            return .nilValue
        default: return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        // PyTorch spells both as calls: `torch.cuda.is_available()`, `torch.cuda.device_count()`.
        switch name {
        case "isAvailable", "deviceCount": return try getMember(name)
        default: return nil
        }
    }
}

enum CUDABindings {
    static func install(into interpreter: Interpreter) {
        interpreter.defineGlobal("cuda", .native(CUDANamespace()))
    }
}
