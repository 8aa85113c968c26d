/// A single value read out of a tensor: Int for integer dtypes, Double for floats, Bool for bool.
public enum ScalarValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// The value as a Double.
    public var doubleValue: Double {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "True" : "False"
        }
    }
}

extension Tensor {
    /// The only element as a Double (PyTorch's `item()`); throws unless the tensor has one element.
    public var item: Double {
        get throws {
            guard count == 1 else {
                throw TensorError.invalidArgument("a Tensor with \(count) elements cannot be converted to Scalar")
            }
            return scalars[0]
        }
    }

    /// The only element typed by dtype: `.int` for int64/uint8, `.double` for floats, `.bool` for bool.
    public var itemValue: ScalarValue {
        get throws {
            let v = try item
            switch dtype {
            case .float32, .float64: return .double(v)
            case .int64, .uint8, .int8, .int32: return .int(Int(v))
            case .bool: return .bool(v != 0)
            }
        }
    }

    /// The only element as an Int (truncating floats).
    public var intItem: Int {
        get throws { Int(Int64(fromDouble: try item)) }
    }

    /// Nested Swift arrays of Doubles following the shape (a Double for 0-d tensors).
    public var nestedArray: Any {
        let flat = scalars
        if rank == 0 { return flat.first ?? 0 }
        func build(_ d: Int, _ base: Int) -> [Any] {
            let st = ShapeMath.contiguousStrides(shape)
            if d == rank - 1 { return (0..<shape[d]).map { flat[base + $0] } }
            return (0..<shape[d]).map { build(d + 1, base + $0 * st[d]) }
        }
        return build(0, 0)
    }
}

extension Tensor {
    /// Direct access to a contiguous tensor's elements (for optimizers and other in-place kernels).
    /// Counts as a write (bumps `version`); the writes must be done before the tensor is next read. Throws when the tensor is not contiguous or `T` does not match its dtype. Not recorded by autograd.
    public func withUnsafeMutableScalars<T: TensorElement, R>(_: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) throws -> R {
        guard isContiguous else { throw TensorError.invalidArgument("in-place access needs a contiguous tensor (call .contiguous() first)") }
        guard dtype == T.dtype else { throw TensorError.dtype("expected \(T.dtype.torchName), got \(dtype.torchName)") }
        bumpVersion()
        return try body(UnsafeMutableBufferPointer(start: pointer(T.self), count: count))
    }

    /// How many times this tensor's storage was written in place through the tensor API
    /// (`withUnsafeMutableScalars`, `copy_`, `fill_`, gradient accumulation), like PyTorch's `_version`;
    /// shared by every view of the storage. Caches of layouts derived from a weight are keyed on it.
    public var version: Int { Int(truncatingIfNeeded: storage.version) }

    /// Marks the storage as written (see `version`).
    @inline(__always)
    func bumpVersion() { storage.version &+= 1 }

    /// Whether any element is NaN. Float tensors are scanned in place, 8 lanes at a time, with no copy and no
    /// version bump (a read): optimizers check every gradient before each step, so this must cost about one
    /// pass over memory, not a conversion to `[Double]`. Integer and bool tensors hold no NaN.
    public var containsNaN: Bool {
        switch dtype {
        case .float32:
            let c = isContiguous ? self : contiguous()
            return Tensor.anyNaN(c.pointer(Float.self), c.count)
        case .float64:
            let c = isContiguous ? self : contiguous()
            return Tensor.anyNaN(c.pointer(Double.self), c.count)
        default:
            return false
        }
    }

    static func anyNaN(_ p: UnsafeMutablePointer<Float>, _ n: Int) -> Bool {
        var k = 0
        while k + 8 <= n {
            // NaN is the one value unequal to itself: 8 lanes per test, an early exit every 1024 elements.
            let end = Swift.min(n, k + 1024) & ~7
            var any = SIMDMask<SIMD8<Int32>>(repeating: false)
            while k < end {
                let v = UnsafeRawPointer(p + k).loadUnaligned(as: SIMD8<Float>.self)
                any .|= v .!= v
                k += 8
            }
            if Swift.any(any) { return true }
        }
        while k < n { if p[k].isNaN { return true }; k += 1 }
        return false
    }

    static func anyNaN(_ p: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        var k = 0
        while k + 4 <= n {
            let end = Swift.min(n, k + 1024) & ~3
            var any = SIMDMask<SIMD4<Int64>>(repeating: false)
            while k < end {
                let v = UnsafeRawPointer(p + k).loadUnaligned(as: SIMD4<Double>.self)
                any .|= v .!= v
                k += 4
            }
            if Swift.any(any) { return true }
        }
        while k < n { if p[k].isNaN { return true }; k += 1 }
        return false
    }

    /// A new zero tensor with the same shape and dtype that shares nothing with this one.
    public func zerosLike() -> Tensor { Tensor.zeros(shape, dtype: dtype) }
}
