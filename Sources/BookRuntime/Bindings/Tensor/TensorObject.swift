import BookDSL
import RLTensor

/// A `Tensor` as cells see it: a native object wrapping an `RLTensor.Tensor`.
///
/// Members are in `TensorObject+Members.swift`, methods in `TensorObject+Methods.swift`,
/// operators, subscripts and iteration in `TensorObject+Operators.swift`.
final class TensorObject: NativeObject {
    let tensor: Tensor
    init(_ tensor: Tensor) { self.tensor = tensor }

    var typeName: String { "Tensor" }
    var description: String { tensor.description }

    static func value(_ t: Tensor) -> Value { .native(TensorObject(t)) }
}

extension Value {
    /// The tensor inside a `Tensor` value, if it is one.
    var tensor: Tensor? {
        if case .native(let o) = self, let t = o as? TensorObject { return t.tensor }
        if case .optional(let v) = self { return v.tensor }
        return nil
    }
}
