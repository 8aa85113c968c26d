import BookDSL
import RLTensor

/// Properties of a `Tensor` value: `shape`, `scalars`, `item`, `dtype`, `grad`, `requiresGrad`...
extension TensorObject {
    static let propertyNames = ["shape", "scalars", "item", "dtype", "grad", "requiresGrad", "count", "isLeaf",
                                "ndim", "device", "T"]

    var memberNames: [String] { TensorObject.propertyNames + TensorObject.methodNames }

    func getMember(_ name: String) throws -> Value? {
        let t = tensor
        switch name {
        case "shape": return .array(t.shape.map { .int($0) })
        case "scalars":
            try TensorConversion.checkValues(t, what: "scalars")
            return .array(t.scalars.map { .double($0) })
        case "item": return try TensorConversion.item(t)
        case "dtype": return .native(TensorDTypeObject(t.dtype))
        case "grad": return t.grad.map { .optional(TensorObject.value($0)) } ?? .nilValue
        case "requiresGrad": return .bool(t.requiresGrad)
        case "count": return .int(t.count)
        case "isLeaf": return .bool(t.isLeaf)
        case "ndim": return .int(t.rank)
        case "device": return .string("cpu")
        case "T": return TensorObject.value(try t.rank < 2 ? t : t.transpose(-2, -1))
        default: return nil
        }
    }

    func setMember(_ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "requiresGrad":
            guard let b = value.asBool else { throw BindingError("cannot assign a value of type '\(value.typeName)' to 'requiresGrad' (a Bool)") }
            if !tensor.isLeaf && !b {
                throw BindingError("you can only change requiresGrad flags of leaf variables; use detach() to get a tensor without a graph")
            }
            if b && !tensor.dtype.isFloatingPoint {
                throw BindingError("only Tensors of floating point dtype can require gradients (this one is \(tensor.dtype.rawValue)); convert it with .float() first")
            }
            tensor.requiresGrad = b
            return true
        case "grad":
            if value.isNil { tensor.grad = nil; return true }
            guard let g = value.tensor else { throw BindingError("cannot assign a value of type '\(value.typeName)' to 'grad' (a Tensor?)") }
            guard g.shape == tensor.shape else {
                throw BindingError("assigned grad has data of a different size: \(g.shape) for a tensor of shape \(tensor.shape)")
            }
            tensor.grad = g
            return true
        default:
            if TensorObject.propertyNames.contains(name) {
                throw BindingError("cannot assign to property: '\(name)' of 'Tensor' is read-only")
            }
            return false
        }
    }

    /// `==`: the same tensor object, or equal shape and values; a one-element tensor equals a number with its value.
    func isEqual(to other: Value) -> Bool {
        if let o = other.tensor {
            return o === tensor || (o.shape == tensor.shape && o.scalars == tensor.scalars)
        }
        if let d = other.asDouble, tensor.count == 1 { return tensor.scalars[0] == d }
        if let b = other.asBool, tensor.count == 1 { return (tensor.scalars[0] != 0) == b }
        return false
    }
}
