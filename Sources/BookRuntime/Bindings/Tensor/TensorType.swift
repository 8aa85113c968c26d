import BookDSL
import RLTensor
import RLSupport

/// The global `Tensor`: `Tensor(nested, dtype:requiresGrad:)` constructs, and its static methods
/// `zeros`, `ones`, `full`, `rand`, `randn`, `arange`, `randint`, `zerosLike`, `onesLike` create tensors.
final class TensorTypeObject: NativeObject {
    var typeName: String { "Tensor.Type" }
    var description: String { "Tensor" }
    static let staticNames = ["zeros", "ones", "full", "rand", "randn", "arange", "randint", "zerosLike", "onesLike", "eye"]
    var memberNames: [String] { TensorTypeObject.staticNames }

    func callAsFunction(_ args: Arguments) throws -> Value? {
        try args.expect("Tensor", "_, dtype?, requiresGrad?")
        guard let data = args.value(nil) else { throw BindingError("missing argument for parameter #1 in call to 'Tensor(_:dtype:requiresGrad:)'") }
        let dtype = try TensorConversion.dtype(args.value("dtype"))
        let rg = try args.bool("requiresGrad", default: false)
        var t = try TensorConversion.tensor(data, dtype: dtype)
        if let src = data.tensor { t = t === src ? t.detach().clone() : t.detach() }   // a fresh leaf, like torch.tensor(t)
        if rg {
            guard t.dtype.isFloatingPoint else {
                throw BindingError("only Tensors of floating point dtype can require gradients; pass dtype: .float32 or .float64")
            }
            t.requiresGrad = true
        }
        return TensorObject.value(t)
    }

    func callMethod(_ name: String, _ args: Arguments) throws -> Value? {
        func make(_ body: ([Int], DType, Bool) throws -> Tensor) throws -> Value {
            try args.expect(name, "_..., dtype?, requiresGrad?")
            let (shape, _) = try TensorConversion.shape(args)
            try checkShape(shape)
            let dtype = try TensorConversion.dtype(args.value("dtype")) ?? .float32
            let rg = try args.bool("requiresGrad", default: false)
            if rg && !dtype.isFloatingPoint { throw BindingError("only Tensors of floating point dtype can require gradients") }
            return TensorObject.value(try body(shape, dtype, rg))
        }
        switch name {
        case "zeros": return try make { Tensor.zeros($0, dtype: $1, requiresGrad: $2) }
        case "ones": return try make { Tensor.ones($0, dtype: $1, requiresGrad: $2) }
        case "rand": return try make { Tensor.rand($0, dtype: $1, requiresGrad: $2) }
        case "randn": return try make { Tensor.randn($0, dtype: $1, requiresGrad: $2) }
        case "full":
            try args.expect(name, "_, _, dtype?, requiresGrad?")
            let pos = args.positional
            guard pos.count == 2, let value = pos[1].asDouble ?? pos[1].asBool.map({ $0 ? 1 : 0 }) else {
                throw BindingError("use Tensor.full(shape, value), e.g. Tensor.full([2, 3], 0.5)")
            }
            let shape = try TensorConversion.ints(pos[0], "shape")
            try checkShape(shape)
            let dtype = try TensorConversion.dtype(args.value("dtype")) ?? (pos[1].asBool != nil ? .bool : .float32)
            let t = Tensor.full(shape, value, dtype: dtype)
            if try args.bool("requiresGrad", default: false) { t.requiresGrad = true }
            return TensorObject.value(t)
        case "arange":
            try args.expect(name, "_, _?, step?, dtype?")
            let a = try args.double(nil, index: 0)
            let b = try args.optionalDouble(nil, index: 1)
            let step = try args.double("step", default: 1)
            let dtype = try TensorConversion.dtype(args.value("dtype"))
            let (start, end) = b.map { (a, $0) } ?? (0, a)
            let n = step == 0 ? 0 : (end - start) / step
            guard n.isFinite || step == 0 else { throw BindingError("arange: start, end and step must be finite numbers") }
            if n > Double(TensorConversion.maxElements) { throw BindingError("arange(\(start), \(end), step: \(step)) would have \(n) elements, more than \(TensorConversion.maxElements)") }
            if n > 0, let why = MemoryBudget.refusal(count: Int(n), elementBytes: 8, what: "arange(\(start), \(end), step: \(step))") { throw BindingError(why) }
            return TensorObject.value(try Tensor.arange(start, end, step: step, dtype: dtype))
        case "randint":
            try args.expect(name, "_, _, _")
            let shape = try TensorConversion.ints(args.value(nil, index: 2) ?? .array([]), "shape")
            try checkShape(shape)
            let (low, high) = (try args.int(nil, index: 0), try args.int(nil, index: 1))
            guard !high.subtractingReportingOverflow(low).overflow else { throw BindingError("randint: the range \(low)..<\(high) is too wide") }
            return TensorObject.value(try Tensor.randint(low, high, shape))
        case "zerosLike", "onesLike":
            try args.expect(name, "_, dtype?")
            let t = try TensorConversion.tensor(args.value(nil) ?? .void)
            let dt = try TensorConversion.dtype(args.value("dtype"))
            return TensorObject.value(name == "zerosLike" ? Tensor.zerosLike(t, dtype: dt) : Tensor.onesLike(t, dtype: dt))
        case "eye":
            try args.expect(name, "_, dtype?")
            let n = try args.int(nil)
            try checkShape([n, n])
            let t = Tensor.zeros([n, n], dtype: try TensorConversion.dtype(args.value("dtype")) ?? .float32)
            for i in 0..<n { try t.index([.at(i), .at(i)]).fill_(1) }
            return TensorObject.value(t)
        default: return nil
        }
    }

    private func checkShape(_ shape: [Int]) throws { try TensorConversion.checkShape(shape) }
}
