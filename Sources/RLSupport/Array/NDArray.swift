/// The engine's one n-dimensional array value: shape, dtype and typed, contiguous, row-major
/// storage in an `ArrayBuffer`. Environments produce it (observations, frames, infos), actions
/// arrive as it, and a `Tensor` made from it wraps the same buffer without copying.
///
/// Value semantics by copy-on-write: copies of an `NDArray` share one buffer, and the mutating
/// accessors copy it first unless this value holds the only reference (a tensor wrapping the
/// buffer counts as a holder). Each dtype is stored as itself: float32 as `Float`, int8 as `Int8`,
/// int32 as `Int32`, int64 as `Int64`, uint8 as `UInt8`, bool as one-byte `Bool`.
// `@_eagerMove`, like Swift's `Array`: a value's lifetime may end at its last use instead of at
// the end of its scope. Without it the buffer's deinit (which returns memory to the pool) made
// every `let r = env.step(a)` keep a copy of the observation to the end of the caller's scope: a
// retain and release of the shape and the buffer per step (13 ns, a fifth of a CartPole step) and a
// fresh buffer on every `reset()` made while the last observation was still in scope.
@_eagerMove
public struct NDArray: Equatable, Sendable {
    // Three words (shape, dtype, buffer) like the Swift-array-backed value it replaced, so that
    // `EnvValue` and step results stay small enough to be passed in registers.
    /// Dimensions, outermost first (`[]` for a 0-d array); `reshaped(_:)` gives another shape.
    public let shape: [Int]
    /// Element type.
    public let dtype: DType
    @usableFromInline var _buffer: ArrayBuffer

    /// The elements' memory, possibly shared with other arrays and tensors.
    @inlinable public var buffer: ArrayBuffer { _buffer }
    /// Number of elements (the product of `shape`).
    @inlinable public var count: Int { NDArray.elementCount(shape) }

    /// An array over existing memory (no copy): `buffer` must hold `shape`'s elements of `dtype`.
    @inlinable
    public init(buffer: ArrayBuffer, dtype: DType, shape: [Int]) {
        let n = NDArray.elementCount(shape)
        precondition(n >= 0 && buffer.byteCount >= n * dtype.size, "NDArray: a buffer too small for its shape")
        self._buffer = buffer
        self.dtype = dtype
        self.shape = shape
    }

    /// An array with undefined contents (fill it with `withUnsafeMutableBufferPointer`).
    @inlinable
    public init(uninitialized shape: [Int], dtype: DType) {
        let n = NDArray.elementCount(shape)
        self.init(buffer: ArrayBuffer(byteCount: Swift.max(n, 1) * dtype.size), dtype: dtype, shape: shape)
    }

    /// A zero-filled array.
    public init(zeros shape: [Int], dtype: DType) {
        let n = NDArray.elementCount(shape)
        self.init(buffer: ArrayBuffer(zeroed: Swift.max(n, 1) * dtype.size), dtype: dtype, shape: shape)
    }

    /// An array of `T`'s dtype holding `values` (1-D unless `shape` is given): one copy.
    public init<T: ArrayElement>(_ values: [T], shape: [Int]? = nil) {
        let shape = shape ?? [values.count]
        precondition(NDArray.elementCount(shape) == values.count, "NDArray: \(values.count) values do not fill shape \(shape)")
        self.init(uninitialized: shape, dtype: T.dtype)
        values.withUnsafeBufferPointer { src in
            if let s = src.baseAddress { _buffer.data.assumingMemoryBound(to: T.self).update(from: s, count: values.count) }
        }
    }

    /// A float32 array (1-D unless `shape` is given).
    public init(float32 values: [Float], shape: [Int]? = nil) { self.init(values, shape: shape) }

    /// A float64 array.
    public init(float64 values: [Double], shape: [Int]? = nil) { self.init(values, shape: shape) }

    /// A uint8 array (images).
    public init(uint8 values: [UInt8], shape: [Int]? = nil) { self.init(values, shape: shape) }

    /// An integer (or bool) array of the given dtype; each value stored as that dtype stores it.
    public init(ints values: [Int], shape: [Int]? = nil, dtype: DType = .int64) {
        let shape = shape ?? [values.count]
        precondition(NDArray.elementCount(shape) == values.count, "NDArray: \(values.count) values do not fill shape \(shape)")
        self.init(uninitialized: shape, dtype: dtype)
        let p = _buffer.data
        switch dtype {
        case .int64: for i in 0..<values.count { p.storeBytes(of: Int64(values[i]), toByteOffset: i * 8, as: Int64.self) }
        default: for i in 0..<values.count { NDArray.store(Double(values[i]), at: i, in: p, dtype) }
        }
    }

    /// An array of `dtype` from doubles, each rounded as `astype(dtype)` would.
    public init(_ values: [Double], shape: [Int]? = nil, dtype: DType) {
        let shape = shape ?? [values.count]
        precondition(NDArray.elementCount(shape) == values.count, "NDArray: \(values.count) values do not fill shape \(shape)")
        self.init(uninitialized: shape, dtype: dtype)
        let p = _buffer.data
        for i in 0..<values.count { NDArray.store(values[i], at: i, in: p, dtype) }
    }

    /// An array of `shape` filled with `value`.
    public init(repeating value: Double, shape: [Int], dtype: DType) {
        self.init(uninitialized: shape, dtype: dtype)
        let p = _buffer.data
        for i in 0..<count { NDArray.store(value, at: i, in: p, dtype) }
    }

    /// Product of the dimensions.
    @inlinable
    public static func elementCount(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    // MARK: - Element access

    /// Reads the elements as `T` (which must be the array's element type), without copying.
    @inlinable
    public func withUnsafeBufferPointer<T: ArrayElement, R>(as _: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "NDArray: reading elements as another dtype")
        return try body(UnsafeBufferPointer(start: _buffer.data.assumingMemoryBound(to: T.self), count: count))
    }

    /// Writes the elements as `T`, copying the buffer first when anyone else holds it (copy-on-write).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<T: ArrayElement, R>(as _: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(T.dtype == dtype, "NDArray: writing elements as another dtype")
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: _buffer.data.assumingMemoryBound(to: T.self), count: count))
    }

    /// Writes the elements through an untyped pointer (after copy-on-write), for code generic over dtypes.
    @inlinable
    public mutating func withUnsafeMutableRawElements<R>(_ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        makeUnique()
        return try body(_buffer.data)
    }

    /// Whether this value holds the only reference to its buffer (no other array or tensor sees it).
    @inlinable
    public mutating func isUniquelyReferenced() -> Bool { isKnownUniquelyReferenced(&_buffer) }

    /// Gives this value its own buffer when another array or tensor shares it.
    @inlinable
    public mutating func makeUnique() {
        if isKnownUniquelyReferenced(&_buffer) { return }
        copyBuffer()
    }

    @usableFromInline
    mutating func copyBuffer() {
        _buffer = ArrayBuffer(copying: _buffer.data, byteCount: Swift.max(count, 1) * dtype.size)
    }

    /// The elements as a Swift array of `T` (the element type): one copy.
    public func toArray<T: ArrayElement>(_: T.Type) -> [T] {
        withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// Element `i` (row-major) as a `Double`; 0 when out of range.
    @inlinable
    public subscript(flat i: Int) -> Double {
        guard i >= 0 && i < count else { return 0 }
        return NDArray.load(at: i, in: _buffer.data, dtype)
    }

    /// The elements widened to `Double` (exact for every dtype but int64 beyond 2^53), row-major.
    public var scalars: [Double] {
        let p = _buffer.data, d = dtype
        switch d {
        case .float64: return toArray(Double.self)
        case .float32: return withUnsafeBufferPointer(as: Float.self) { $0.map { Double($0) } }
        case .uint8: return withUnsafeBufferPointer(as: UInt8.self) { $0.map { Double($0) } }
        default: return (0..<count).map { NDArray.load(at: $0, in: p, d) }
        }
    }

    /// The elements of an integer or bool array (int8, int32, int64, bool) as `Int`s; nil for float and uint8 arrays.
    public var integers: [Int]? {
        switch dtype {
        case .int64: return withUnsafeBufferPointer(as: Int64.self) { $0.map { Int($0) } }
        case .int8, .int32, .bool: return scalars.map { Int($0) }
        default: return nil
        }
    }

    /// The bytes of a uint8 array, or the elements clamped and truncated to bytes otherwise.
    public var bytes: [UInt8] {
        if dtype == .uint8 { return toArray(UInt8.self) }
        return scalars.map { UInt8(DType.uint8.cast($0)) }
    }

    /// The array converted to another dtype (`astype`); the same buffer when the dtype is already `target`.
    public func astype(_ target: DType) -> NDArray {
        if target == dtype { return self }
        let out = NDArray(uninitialized: shape, dtype: target)
        let src = _buffer.data, dst = out._buffer.data
        if target == .float32, dtype == .float64 {
            let s = src.assumingMemoryBound(to: Double.self), o = dst.assumingMemoryBound(to: Float.self)
            for i in 0..<count { o[i] = Float(s[i]) }
        } else {
            for i in 0..<count { NDArray.store(NDArray.load(at: i, in: src, dtype), at: i, in: dst, target) }
        }
        return out
    }

    /// The same elements (same buffer) with a new shape of equal size, or nil when the sizes differ.
    public func reshaped(_ newShape: [Int]) -> NDArray? {
        guard NDArray.elementCount(newShape) == count else { return nil }
        return NDArray(buffer: _buffer, dtype: dtype, shape: newShape)
    }

    /// Equal shape, dtype and elements (floats compare as numbers: NaN differs from itself, -0 equals 0).
    public static func == (a: NDArray, b: NDArray) -> Bool {
        guard a.shape == b.shape, a.dtype == b.dtype else { return false }
        switch a.dtype {
        case .float32:
            return a.withUnsafeBufferPointer(as: Float.self) { x in b.withUnsafeBufferPointer(as: Float.self) { y in x.elementsEqual(y) } }
        case .float64:
            return a.withUnsafeBufferPointer(as: Double.self) { x in b.withUnsafeBufferPointer(as: Double.self) { y in x.elementsEqual(y) } }
        default:
            if a.buffer === b.buffer { return true }
            return memcmp(a._buffer.data, b._buffer.data, a.count * a.dtype.size) == 0
        }
    }

    // MARK: - Typed loads and stores

    /// Element `i` of memory holding `dtype` elements, as a Double.
    @inlinable
    public static func load(at i: Int, in p: UnsafeMutableRawPointer, _ dtype: DType) -> Double {
        switch dtype {
        case .float32: return Double(p.load(fromByteOffset: i &* 4, as: Float.self))
        case .float64: return p.load(fromByteOffset: i &* 8, as: Double.self)
        case .int8: return Double(p.load(fromByteOffset: i, as: Int8.self))
        case .int32: return Double(p.load(fromByteOffset: i &* 4, as: Int32.self))
        case .int64: return Double(p.load(fromByteOffset: i &* 8, as: Int64.self))
        case .uint8: return Double(p.load(fromByteOffset: i, as: UInt8.self))
        case .bool: return p.load(fromByteOffset: i, as: Bool.self) ? 1 : 0
        }
    }

    /// Stores `v` as element `i` of `dtype` memory, rounded as `astype` rounds (ints truncate and clamp).
    @inlinable
    public static func store(_ v: Double, at i: Int, in p: UnsafeMutableRawPointer, _ dtype: DType) {
        switch dtype {
        case .float32: p.storeBytes(of: Float(v), toByteOffset: i &* 4, as: Float.self)
        case .float64: p.storeBytes(of: v, toByteOffset: i &* 8, as: Double.self)
        case .int8: p.storeBytes(of: Int8(dtype.cast(v)), toByteOffset: i, as: Int8.self)
        case .int32: p.storeBytes(of: Int32(dtype.cast(v)), toByteOffset: i &* 4, as: Int32.self)
        case .int64:
            let c = dtype.cast(v)
            let x: Int64 = c >= 9.223372036854775e18 ? .max : Int64(c)
            p.storeBytes(of: x, toByteOffset: i &* 8, as: Int64.self)
        case .uint8: p.storeBytes(of: UInt8(dtype.cast(v)), toByteOffset: i, as: UInt8.self)
        case .bool: p.storeBytes(of: v != 0, toByteOffset: i, as: Bool.self)
        }
    }
}
