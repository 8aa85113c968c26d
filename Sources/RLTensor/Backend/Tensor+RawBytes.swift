import RLSupport
/// Raw byte access for backends that live outside this module (the CUDA backend in `RLCUDA`).
///
/// A backend implemented elsewhere needs to read its operands as contiguous bytes and to create
/// result tensors it fills itself; nothing here is recorded by autograd.
extension Tensor {
    /// Calls `body` with this tensor's elements as contiguous bytes of `dtype` (converting and/or
    /// copying first when needed). The bytes must not be written.
    public func withContiguousBytes<R>(dtype: DType, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let c = contiguousData(dtype: dtype)
        return try body(UnsafeRawBufferPointer(start: c.storage.data + c.offset * dtype.size, count: c.count * dtype.size))
    }

    /// A new contiguous tensor of `shape` and `dtype` whose bytes `fill` writes (all of them).
    public static func filling(_ shape: [Int], dtype: DType, _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows -> Tensor {
        let t = Tensor(uninitialized: shape, dtype: dtype)
        try fill(UnsafeMutableRawBufferPointer(start: t.storage.data, count: t.count * dtype.size))
        return t
    }
}
