import BookDSL
import RLTensor
import RLSupport

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
        case .tuple(let t): return try t.values.map { try nested($0) }
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

    /// A tensor from a value used next to `like` (numbers and arrays take `like`'s float dtype).
    static func tensor(_ v: Value, like: Tensor) throws -> Tensor {
        if let t = v.tensor { return t }
        return try Tensor(try nested(v), dtype: like.dtype.isFloatingPoint ? like.dtype : nil)
    }

    /// The cell-language name of a dtype symbol (`.float32`) or string.
    static func dtype(_ v: Value?) throws -> DType? {
        guard let v, !v.isNil else { return nil }
        if case .native(let o as TensorDTypeObject) = v { return o.dtype }
        let aliases: [String: DType] = ["float": .float32, "double": .float64, "long": .int64, "int": .int64,
                                        "float32": .float32, "float64": .float64, "int64": .int64, "uint8": .uint8, "bool": .bool]
        guard let name = v.symbolName, let d = aliases[name] ?? DType(rawValue: name).flatMap({ $0.isTensorDType ? $0 : nil }) else {
            let names = DType.tensorCases.map(\.rawValue)
            let given = v.symbolName ?? v.typeName
            throw BindingError("unknown dtype '\(given)'; use one of \(names.map { "." + $0 }.joined(separator: ", "))")
        }
        return d
    }

    /// The only element as a cell value: Int for integer dtypes, Double for floats, Bool for bool
    /// (PyTorch's `item()`; int64 values are read exactly, not through a Double).
    static func item(_ t: Tensor) throws -> Value {
        guard t.count == 1 else {
            throw BindingError("a Tensor with \(t.count) elements cannot be converted to Scalar; index it first (t[0]) or reduce it (t.sum())")
        }
        return leaves(t)[0]
    }

    /// The elements in row-major order as cell values typed by dtype.
    static func leaves(_ t: Tensor) -> [Value] {
        switch t.dtype {
        case .float32, .float64: return t.scalars.map { .double($0) }
        case .int64: return t.toArray(Int64.self).map { .int(Int($0)) }
        case .uint8: return t.toArray(UInt8.self).map { .int(Int($0)) }
        case .int8: return t.toArray(Int8.self).map { .int(Int($0)) }
        case .int32: return t.toArray(Int32.self).map { .int(Int($0)) }
        case .bool: return t.toArray(Bool.self).map { .bool($0) }
        }
    }

    /// Nested arrays of Int/Double/Bool following the shape (PyTorch's `tolist()`).
    static func list(_ t: Tensor) throws -> Value {
        try checkValues(t, what: "tolist()")
        let flat = leaves(t)
        if t.rank == 0 { return flat.first ?? .double(0) }
        let strides = contiguousStrides(t.shape)
        func build(_ d: Int, _ base: Int) -> Value {
            if d == t.rank - 1 { return .array(Array(flat[base..<(base + t.shape[d])])) }
            return .array((0..<t.shape[d]).map { build(d + 1, base + $0 * strides[d]) })
        }
        return build(0, 0)
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var s = Array(repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc &*= shape[i] }
        return s
    }

    /// A list of Ints from an array value (`[2, 3]`) or a tuple.
    static func ints(_ v: Value, _ what: String) throws -> [Int] {
        if let i = v.asInt { return [i] }
        let items: [Value]
        if let a = v.asArray { items = a } else if case .tuple(let t) = v { items = t.values } else {
            throw BindingError("\(what) must be an Int or an array of Ints, not '\(v.typeName)'")
        }
        return try items.map { x in
            if let i = x.asInt { return i }
            if case .double(let d) = x, d == d.rounded(), abs(d) < 9e18 { return Int(d) }
            throw BindingError("\(what) must contain Ints, found a '\(x.typeName)'")
        }
    }

    /// A shape given either as one array (`[2, 3]`) or as leading Int arguments (`2, 3`).
    static func shape(_ args: Arguments, from start: Int = 0, what: String = "shape") throws -> (shape: [Int], used: Int) {
        let pos = args.positional
        guard start < pos.count else { return ([], 0) }
        if pos[start].asArray != nil || { if case .tuple = pos[start] { return true }; return false }() {
            return (try ints(pos[start], what), 1)
        }
        var out: [Int] = []
        var i = start
        while i < pos.count, let n = pos[i].asInt { out.append(n); i += 1 }
        if out.isEmpty { throw BindingError("\(what) must be an array of Ints like [2, 3], not '\(pos[start].typeName)'") }
        return (out, i - start)
    }

    /// The most elements a tensor made from a cell may have (2^31: 8 GiB of float32).
    static let maxElements = 1 << 31

    /// Refuses turning a tensor into cell values (an array of `Value`s, several times the tensor's
    /// bytes, built at once) when they would not fit the memory budget.
    static func checkValues(_ t: Tensor, what: String) throws {
        if let why = MemoryBudget.refusal(count: t.count, elementBytes: 2 * MemoryLayout<Value>.stride + 8, what: "\(what) of a tensor of \(t.count) elements") {
            throw BindingError(why)
        }
    }

    /// Refuses negative sizes and shapes too large to allocate (instead of crashing in the allocator).
    static func checkShape(_ shape: [Int], what: String = "shape", elementBytes: Int = 4) throws {
        if let n = shape.first(where: { $0 < 0 }) { throw BindingError("negative dimension \(n) in \(what) \(shape)") }
        var total = 1
        for s in shape {
            let (m, o) = total.multipliedReportingOverflow(by: s)
            if o || m > maxElements { throw BindingError("\(what) \(shape) is too large (more than \(maxElements) elements)") }
            total = m
        }
        if let why = MemoryBudget.refusal(count: total, elementBytes: elementBytes, what: "a tensor of \(what) \(shape)") { throw BindingError(why) }
    }

    /// Tensors from an array of tensors (or values convertible to tensors).
    static func tensors(_ v: Value, _ what: String) throws -> [Tensor] {
        guard let a = v.asArray else { throw BindingError("\(what) must be an array of Tensors, not '\(v.typeName)'") }
        return try a.map { try tensor($0) }
    }
}
