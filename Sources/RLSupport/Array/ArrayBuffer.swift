/// The memory behind n-d arrays: one 64-byte aligned, pooled allocation shared by every `NDArray`
/// and `Tensor` that views it (an observation and the tensor made from it hold the same buffer).
///
/// Sharing rule: a buffer reachable from more than one holder is read-only for `NDArray` (its
/// mutating accessors copy first unless the buffer is uniquely referenced); tensors write in place
/// as PyTorch's `from_numpy` tensors do, and envs only refill buffers they uniquely own.
public final class ArrayBuffer: @unchecked Sendable {
    /// The first byte (64-byte aligned).
    public let data: UnsafeMutableRawPointer
    /// Usable bytes (the allocation may be larger).
    public let byteCount: Int
    private let sizeClass: Int
    /// Bumped by every in-place write made through the tensor API (`Tensor.version`, PyTorch's
    /// `_version`); with this object's identity it keys the layouts RLTensor's `DerivedLayouts` builds
    /// from the contents (a transposed convolution weight). Envs refill only buffers they uniquely own,
    /// which no tensor can see.
    public var version: UInt64 = 0
    /// Layouts derived from these contents, owned by RLTensor's `DerivedLayouts`.
    public var derived: AnyObject?

    /// Uninitialised storage for `byteCount` bytes.
    public convenience init(byteCount: Int) { self.init(byteCount: byteCount, zeroed: false) }

    /// Zero-filled storage.
    public convenience init(zeroed byteCount: Int) { self.init(byteCount: byteCount, zeroed: true) }

    private init(byteCount: Int, zeroed: Bool) {
        let untouchedZero: Bool
        (data, sizeClass, untouchedZero) = BufferPool.shared.take(byteCount)
        self.byteCount = byteCount
        // a buffer the memory budget refused is left untouched (already zero): filling it would
        // take the memory the budget holds back
        if zeroed && !untouchedZero { data.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount) }
    }

    /// A buffer holding a copy of the first `byteCount` bytes of `source`.
    public convenience init(copying source: UnsafeRawPointer, byteCount: Int) {
        self.init(byteCount: byteCount)
        if byteCount > 0 { data.copyMemory(from: source, byteCount: byteCount) }
    }

    deinit { BufferPool.shared.release(data, sizeClass: sizeClass) }
}

/// A Swift type an n-d array stores: `Float`, `Double`, `Int8`, `Int32`, `Int64`, `UInt8`, `Bool`.
public protocol ArrayElement {
    /// The matching dtype.
    static var dtype: DType { get }
}

extension Float: ArrayElement { public static var dtype: DType { .float32 } }
extension Double: ArrayElement { public static var dtype: DType { .float64 } }
extension Int8: ArrayElement { public static var dtype: DType { .int8 } }
extension Int32: ArrayElement { public static var dtype: DType { .int32 } }
extension Int64: ArrayElement { public static var dtype: DType { .int64 } }
extension UInt8: ArrayElement { public static var dtype: DType { .uint8 } }
extension Bool: ArrayElement { public static var dtype: DType { .bool } }
