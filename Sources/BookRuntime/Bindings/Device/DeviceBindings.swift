import BookDSL
import RLTensor

/// `cuda.isAvailable` (PyTorch's `torch.cuda.is_available()`) and `Device.cudaAvailable`: whether
/// tensors can be moved to "cuda" here, so a cell can pick its device the way PyTorch users do:
/// `let device = cuda.isAvailable ? "cuda" : "cpu"`.
enum DeviceBindings {
    static func install(into interpreter: Interpreter) {
        interpreter.defineGlobal("cuda", .native(CUDAQuery(typeName: "cuda", member: "isAvailable")))
        interpreter.defineGlobal("Device", .native(CUDAQuery(typeName: "Device", member: "cudaAvailable")))
    }

    /// Asks the tensor backend itself (a driver that loads is not enough if tensors cannot use it).
    static var cudaUsable: Bool { (try? Tensor.zeros([1]).to("cuda")) != nil }
}

final class CUDAQuery: NativeObject {
    let typeName: String
    let member: String
    init(typeName: String, member: String) {
        self.typeName = typeName
        self.member = member
    }
    var description: String { typeName }
    var memberNames: [String] { [member, "deviceCount"] }
    func getMember(_ name: String) throws -> Value? {
        switch name {
        case member: return .bool(DeviceBindings.cudaUsable)
        case "deviceCount": return .int(DeviceBindings.cudaUsable ? 1 : 0)
        default: return nil
        }
    }
    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        // `cuda.isAvailable()` written with parentheses, as in PyTorch
        guard name == member, args.count == 0 else { return nil }
        return .bool(DeviceBindings.cudaUsable)
    }
}
