import RLSupport
extension Tensor {
    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape.map { Swift.max($0, 0) }, dtype: dtype)
        switch dtype {
        case .float32: t.pointer(Float.self).update(repeating: Float(value), count: t.count)
        case .float64: t.pointer(Double.self).update(repeating: value, count: t.count)
        case .int64: t.pointer(Int64.self).update(repeating: Int64(fromDouble: value), count: t.count)
        case .uint8: t.pointer(UInt8.self).update(repeating: UInt8(fromDouble: value), count: t.count)
        case .int8: t.pointer(Int8.self).update(repeating: Int8(fromDouble: value), count: t.count)
        case .int32: t.pointer(Int32.self).update(repeating: Int32(fromDouble: value), count: t.count)
        case .bool: t.pointer(Bool.self).update(repeating: value != 0, count: t.count)
        }
        t._requiresGrad = requiresGrad
        return t
    }

    /// Zeros of a shape.
    public static func zeros(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape.map { Swift.max($0, 0) }, dtype: dtype)
        UnsafeMutableRawPointer(t.storage.data).initializeMemory(as: UInt8.self, repeating: 0, count: t.count * dtype.size)
        t._requiresGrad = requiresGrad
        return t
    }

    /// A tensor whose contents are whatever its buffer held (`torch.empty`), for callers that write
    /// every element themselves before reading any.
    public static func empty(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(uninitialized: shape.map { Swift.max($0, 0) }, dtype: dtype)
    }

    /// Ones of a shape.
    public static func ones(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        full(shape, 1, dtype: dtype, requiresGrad: requiresGrad)
    }

    /// Zeros shaped like `t` (same dtype unless given).
    public static func zerosLike(_ t: Tensor, dtype: DType? = nil) -> Tensor { zeros(t.shape, dtype: dtype ?? t.dtype) }
    /// Ones shaped like `t`.
    public static func onesLike(_ t: Tensor, dtype: DType? = nil) -> Tensor { ones(t.shape, dtype: dtype ?? t.dtype) }

    /// `[start, end)` in steps (int64 when all arguments are integers, else float32), like `torch.arange`.
    public static func arange(_ start: Double, _ end: Double, step: Double = 1, dtype: DType? = nil) throws -> Tensor {
        guard step != 0 else { throw TensorError.invalidArgument("step must be nonzero") }
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        let isInt = start.rounded() == start && end.rounded() == end && step.rounded() == step
        let dt = dtype ?? (isInt ? .int64 : .float32)
        let t = Tensor(uninitialized: [n], dtype: .float64)
        let p = t.pointer(Double.self)
        for i in 0..<n { p[i] = start + Double(i) * step }
        return t.contiguousData(dtype: dt)
    }

    /// `[0, end)`.
    public static func arange(_ end: Double, dtype: DType? = nil) throws -> Tensor { try arange(0, end, dtype: dtype) }

    /// Uniform samples in [0, 1) from the global generator.
    public static func rand(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape, dtype: .float64)
        let p = t.pointer(Double.self)
        let g = generator
        for i in 0..<t.count {
            if i & 0xFFFF == 0 && Cancellation.isRequested { break }   // the stopped cell drops the tensor
            p[i] = g.nextDouble()
        }
        let r = t.contiguousData(dtype: dtype)
        r._requiresGrad = requiresGrad
        return r
    }

    /// Standard normal samples from the global generator.
    public static func randn(_ shape: [Int], dtype: DType = .float32, requiresGrad: Bool = false) -> Tensor {
        let t = Tensor(uninitialized: shape, dtype: .float64)
        let p = t.pointer(Double.self)
        let g = generator
        for i in 0..<t.count {
            if i & 0xFFFF == 0 && Cancellation.isRequested { break }   // the stopped cell drops the tensor
            p[i] = g.nextGaussian()
        }
        let r = t.contiguousData(dtype: dtype)
        r._requiresGrad = requiresGrad
        return r
    }

    /// Uniform integers in `[low, high)` (int64).
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int]) throws -> Tensor {
        guard high > low else { throw TensorError.invalidArgument("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)") }
        let t = Tensor(uninitialized: shape, dtype: .int64)
        let p = t.pointer(Int64.self)
        let span = Double(high - low)
        for i in 0..<t.count {
            if i & 0xFFFF == 0 && Cancellation.isRequested { break }   // the stopped cell drops the tensor
            p[i] = Int64(low) + Int64(Swift.min(span - 1, (generator.nextDouble() * span).rounded(.down)))
        }
        return t
    }

    /// A tensor from flat values and a shape.
    public convenience init<T: TensorElement>(_ values: [T], shape: [Int], dtype: DType? = nil, requiresGrad: Bool = false) throws {
        try ShapeMath.validate(shape)
        guard ShapeMath.count(shape) == values.count else {
            throw TensorError.shape("shape '\(shape)' is invalid for input of size \(values.count)")
        }
        let dt = dtype ?? T.dtype
        let tmp = Tensor(uninitialized: shape, dtype: T.dtype)
        values.withUnsafeBufferPointer { tmp.pointer(T.self).update(from: $0.baseAddress!, count: values.count) }
        let c = tmp.contiguousData(dtype: dt)
        self.init(storage: c.storage, dtype: dt, shape: shape, strides: ShapeMath.contiguousStrides(shape), offset: 0)
        self._requiresGrad = requiresGrad
    }

    /// A tensor from (possibly nested) arrays of numbers or Bools; the shape follows the nesting.
    /// Float32 by default for numbers (int64 when given only Ints and no dtype), bool for Bools.
    public convenience init(_ nested: Any, dtype: DType? = nil, requiresGrad: Bool = false) throws {
        var shape: [Int] = []
        var flat: [Double] = []
        var sawInt = false, sawFloat = false, sawBool = false
        func walk(_ v: Any, _ depth: Int) throws {
            switch v {
            case let a as [Any]:
                if depth == shape.count { shape.append(a.count) }
                else if depth > shape.count || shape[depth] != a.count {
                    throw TensorError.shape("expected sequence of length \(depth < shape.count ? shape[depth] : 0) at dim \(depth) (got \(a.count))")
                }
                for e in a { try walk(e, depth + 1) }
            case let t as Tensor:
                if depth + t.rank > shape.count { shape.append(contentsOf: t.shape) }
                flat.append(contentsOf: t.scalars); sawFloat = sawFloat || t.dtype.isFloatingPoint
            case let x as Int: flat.append(Double(x)); sawInt = true; try leaf(depth)
            case let x as Int64: flat.append(Double(x)); sawInt = true; try leaf(depth)
            case let x as Int32: flat.append(Double(x)); sawInt = true; try leaf(depth)
            case let x as UInt8: flat.append(Double(x)); sawInt = true; try leaf(depth)
            case let x as Double: flat.append(x); sawFloat = true; try leaf(depth)
            case let x as Float: flat.append(Double(x)); sawFloat = true; try leaf(depth)
            case let x as Bool: flat.append(x ? 1 : 0); sawBool = true; try leaf(depth)
            default:
                throw TensorError.invalidArgument("Could not infer dtype of \(type(of: v))")
            }
        }
        func leaf(_ depth: Int) throws {
            if depth != shape.count { throw TensorError.shape("expected a sequence at dim \(depth), got a number") }
        }
        try walk(nested, 0)
        if shape.count > 0 && flat.count != ShapeMath.count(shape) {
            throw TensorError.shape("ragged nested sequence: \(flat.count) values for shape \(shape)")
        }
        let dt = dtype ?? (sawFloat ? .float32 : (sawInt ? .int64 : (sawBool ? .bool : .float32)))
        try self.init(flat, shape: shape, dtype: dt, requiresGrad: requiresGrad)
    }

    /// A 0-d tensor holding one number.
    public static func scalar(_ v: Double, dtype: DType = .float32) -> Tensor { full([], v, dtype: dtype) }
}
