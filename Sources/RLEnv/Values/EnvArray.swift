/// An n-dimensional, row-major, contiguous array crossing the environment boundary
/// (observations, actions, frames): numpy's `ndarray` for what Gymnasium envs exchange.
///
/// Storage keeps the dtype's natural Swift type (float32 as `Float`, uint8 as `UInt8`,
/// integer and bool dtypes as `Int`); `scalars` widens any of them to `Double` exactly.
public struct EnvArray: Equatable, Sendable, CustomStringConvertible {
    /// Typed contiguous storage.
    public enum Storage: Equatable, Sendable {
        case float32([Float])
        case float64([Double])
        case int([Int])
        case uint8([UInt8])
    }

    /// Dimensions, outermost first (`[]` for a 0-d array).
    public var shape: [Int]
    /// Element type.
    public var dtype: DType
    /// The elements.
    public var storage: Storage

    /// A float32 array (1-D unless `shape` is given).
    public init(float32 values: [Float], shape: [Int]? = nil) {
        self.shape = shape ?? [values.count]; dtype = .float32; storage = .float32(values)
    }

    /// A float64 array.
    public init(float64 values: [Double], shape: [Int]? = nil) {
        self.shape = shape ?? [values.count]; dtype = .float64; storage = .float64(values)
    }

    /// An integer (or bool) array of the given dtype.
    public init(ints values: [Int], shape: [Int]? = nil, dtype: DType = .int64) {
        self.shape = shape ?? [values.count]; self.dtype = dtype; storage = .int(values)
    }

    /// A uint8 array (images).
    public init(uint8 values: [UInt8], shape: [Int]? = nil) {
        self.shape = shape ?? [values.count]; dtype = .uint8; storage = .uint8(values)
    }

    /// An array of `dtype` from doubles, each rounded as `astype(dtype)` would.
    public init(_ values: [Double], shape: [Int]? = nil, dtype: DType) {
        let shape = shape ?? [values.count]
        switch dtype {
        case .float32: self.init(float32: values.map { Float($0) }, shape: shape)
        case .float64: self.init(float64: values, shape: shape)
        case .uint8: self.init(uint8: values.map { UInt8(dtype.cast($0)) }, shape: shape)
        default: self.init(ints: values.map { Int(dtype.cast($0)) }, shape: shape, dtype: dtype)
        }
    }

    /// An array of `shape` filled with `value`.
    public init(repeating value: Double, shape: [Int], dtype: DType) {
        self.init([Double](repeating: value, count: shape.reduce(1, *)), shape: shape, dtype: dtype)
    }

    /// Number of elements.
    public var count: Int {
        switch storage {
        case .float32(let a): return a.count
        case .float64(let a): return a.count
        case .int(let a): return a.count
        case .uint8(let a): return a.count
        }
    }

    /// The elements widened to `Double` (exact for every dtype), row-major.
    public var scalars: [Double] {
        switch storage {
        case .float32(let a): return a.map { Double($0) }
        case .float64(let a): return a
        case .int(let a): return a.map { Double($0) }
        case .uint8(let a): return a.map { Double($0) }
        }
    }

    /// Element `i` (row-major) as a `Double`; 0 when out of range.
    @inline(__always)
    public subscript(flat i: Int) -> Double {
        switch storage {
        case .float32(let a): return i >= 0 && i < a.count ? Double(a[i]) : 0
        case .float64(let a): return i >= 0 && i < a.count ? a[i] : 0
        case .int(let a): return i >= 0 && i < a.count ? Double(a[i]) : 0
        case .uint8(let a): return i >= 0 && i < a.count ? Double(a[i]) : 0
        }
    }

    /// The bytes of a uint8 array, or the elements clamped and truncated to bytes otherwise.
    public var bytes: [UInt8] {
        if case .uint8(let a) = storage { return a }
        return scalars.map { UInt8(DType.uint8.cast($0)) }
    }

    /// A copy converted to another dtype (`astype`).
    public func astype(_ target: DType) -> EnvArray {
        if target == dtype { return self }
        if target == .float32, case .float64(let a) = storage { return EnvArray(float32: a.map { Float($0) }, shape: shape) }
        return EnvArray(scalars, shape: shape, dtype: target)
    }

    /// The same elements with a new shape of equal size, or nil when the sizes differ.
    public func reshaped(_ newShape: [Int]) -> EnvArray? {
        guard newShape.reduce(1, *) == count else { return nil }
        var c = self
        c.shape = newShape
        return c
    }

    /// numpy's `repr`-like form, e.g. `array([0.01, -0.02], dtype=float32)`.
    public var description: String {
        let body = NumpyFormat.array(self)
        switch dtype {
        case .float64, .int64, .bool: return "array(\(body))"
        default: return "array(\(body), dtype=\(dtype))"
        }
    }
}
