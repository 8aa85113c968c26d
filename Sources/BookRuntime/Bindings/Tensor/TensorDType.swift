import BookDSL
import RLTensor

/// A tensor's `dtype` as a cell value: prints like PyTorch (`torch.float32`), equals `.float32`,
/// and can be passed back as a `dtype:` argument.
final class TensorDTypeObject: NativeObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }

    var typeName: String { "DType" }
    var description: String { dtype.torchName }
    var memberNames: [String] { ["isFloatingPoint", "itemSize"] }

    func getMember(_ name: String) throws -> Value? {
        switch name {
        case "isFloatingPoint": return .bool(dtype.isFloatingPoint)
        case "itemSize": return .int(dtype.size)
        default: return nil
        }
    }

    func isEqual(to other: Value) -> Bool {
        if case .native(let o as TensorDTypeObject) = other { return o.dtype == dtype }
        if let name = other.symbolName { return (try? TensorConversion.dtype(.symbol(name))) == dtype }
        return false
    }
}
