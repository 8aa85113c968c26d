import RLSupport

/// The seam between arrays and tensors: a tensor made from an `NDArray` wraps the array's buffer
/// (no copy; as `torch.from_numpy`), and a tensor becomes an array by one copy into a new buffer, so
/// an array an environment receives never changes under it when the tensor is later written in place.
extension Tensor {
    /// A contiguous tensor over `array`'s buffer, same shape and dtype, without copying. Arrays of
    /// `int8` / `int32` (dtypes tensors do not compute in) are widened to an `int64` copy.
    public convenience init(_ array: NDArray) {
        if array.dtype.isTensorDType {
            self.init(storage: array.buffer, dtype: array.dtype, shape: array.shape,
                      strides: ShapeMath.contiguousStrides(array.shape), offset: 0)
            return
        }
        let wide = array.astype(.int64)
        self.init(storage: wide.buffer, dtype: .int64, shape: wide.shape, strides: ShapeMath.contiguousStrides(wide.shape), offset: 0)
    }

    /// Whether this tensor reads `array`'s memory (it was made from the array, or is a view of such a tensor).
    public func sharesStorage(with array: NDArray) -> Bool { storage === array.buffer }

    /// The elements as an array of this tensor's shape and dtype (one copy, any layout).
    public func toNDArray() -> NDArray {
        var out = NDArray(uninitialized: shape, dtype: dtype)
        out.withUnsafeMutableRawElements { p in copyElements(into: p) }
        return out
    }

    /// The elements as an array of `dtype` (one pass: converted while copied; `astype` rounding for
    /// integer targets). Used for actions, whose space fixes the dtype.
    public func toNDArray(dtype target: DType) -> NDArray {
        if target == dtype { return toNDArray() }
        var out = NDArray(uninitialized: shape, dtype: target)
        out.withUnsafeMutableRawElements { p in copyElements(into: p, as: target) }
        return out
    }

    /// Copies the elements, row-major, into `p` as `target` elements (this tensor's dtype by default).
    func copyElements(into p: UnsafeMutableRawPointer, as target: DType? = nil) {
        let target = target ?? dtype
        if target != dtype && !target.isFloat {
            // integer targets round as numpy's astype does (truncate toward zero, clamp to the range)
            let v = scalars
            for i in 0..<v.count { NDArray.store(v[i], at: i, in: p, target) }
            return
        }
        switch target {
        case .float32: Convert.copy(self, into: p.assumingMemoryBound(to: Float.self))
        case .float64: Convert.copy(self, into: p.assumingMemoryBound(to: Double.self))
        case .int8: Convert.copy(self, into: p.assumingMemoryBound(to: Int8.self))
        case .int32: Convert.copy(self, into: p.assumingMemoryBound(to: Int32.self))
        case .int64: Convert.copy(self, into: p.assumingMemoryBound(to: Int64.self))
        case .uint8: Convert.copy(self, into: p.assumingMemoryBound(to: UInt8.self))
        case .bool: Convert.copy(self, into: p.assumingMemoryBound(to: Bool.self))
        }
    }
}
