import BookDSL
import RLTensor

/// A `Tensor` as cells see it: a native object wrapping an `RLTensor.Tensor`.
///
/// Members, methods, operators and subscripts are added in `TensorObject+*.swift` files.
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

/// Converting cell values to tensors and back.
enum TensorConversion {
    /// Nested arrays of numbers/Bools (or a Tensor) as the `Any` tree `Tensor(_:)` accepts.
    static func nested(_ v: Value) throws -> Any {
        switch v {
        case .int(let i): return i
        case .double(let d): return d
        case .bool(let b): return b
        case .array(let a): return try a.map { try nested($0) }
        case .range: return try (v.asArray ?? []).map { try nested($0) }
        case .optional(let w): return try nested(w)
        case .native(let o):
            if let t = o as? TensorObject { return t.tensor }
            throw BindingError("cannot make a Tensor from a value of type '\(o.typeName)'")
        default:
            throw BindingError("cannot make a Tensor from a value of type '\(v.typeName)'; pass numbers, nested arrays of numbers, or a Tensor")
        }
    }

    /// A tensor from a cell value (a Tensor is returned as is).
    static func tensor(_ v: Value, dtype: DType? = nil) throws -> Tensor {
        if let t = v.tensor { return dtype.map { t.dtype == $0 ? t : t.to($0) } ?? t }
        return try Tensor(try nested(v), dtype: dtype)
    }

    /// The cell-language name of a dtype symbol (`.float32`) or string.
    static func dtype(_ v: Value?) throws -> DType? {
        guard let v, !v.isNil else { return nil }
        guard let name = v.symbolName, let d = DType(rawValue: name) else {
            let names = DType.allCases.map(\.rawValue)
            let given = v.symbolName ?? v.typeName
            throw BindingError("unknown dtype '\(given)'; use one of \(names.map { "." + $0 }.joined(separator: ", "))")
        }
        return d
    }
}
