import RLSupport

/// Iteration over strided n-d layouts, one innermost row at a time, after merging dimensions that
/// are contiguous for every operand (so most loops run as one long row).
enum StridedLoop {
    /// Collapses dimensions of `shape` that are jointly contiguous for all stride sets.
    static func collapse(_ shape: [Int], _ strides: [[Int]]) -> ([Int], [[Int]]) {
        var outShape: [Int] = []
        var outStrides = [[Int]](repeating: [], count: strides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = outShape.last {
                var mergeable = true
                for k in 0..<strides.count where outStrides[k].last! != strides[k][d] * shape[d] { mergeable = false; break }
                if mergeable {
                    outShape[outShape.count - 1] = last * shape[d]
                    for k in 0..<strides.count { outStrides[k][outStrides[k].count - 1] = strides[k][d] }
                    continue
                }
            }
            outShape.append(shape[d])
            for k in 0..<strides.count { outStrides[k].append(strides[k][d]) }
        }
        if outShape.isEmpty {
            outShape = [1]
            for k in 0..<strides.count { outStrides[k] = [0] }
        }
        return (outShape, outStrides)
    }

    /// Elements between two polls of `Cancellation` in long loops.
    static let blockSize = 1 << 16

    /// Runs `body(lo, hi)` over `0..<n` in blocks of `blockSize` elements and stops between blocks
    /// once the cell is stopped (Ctrl-C, its timeout, the memory budget): a loop over a huge tensor
    /// ends within milliseconds, leaving the rest unwritten (the interpreter drops the result).
    /// Loops up to one block cost nothing extra.
    @inline(__always)
    static func blocks(_ n: Int, _ body: (_ lo: Int, _ hi: Int) -> Void) {
        if n <= blockSize { body(0, n); return }
        let stop = Cancellation.currentState
        var lo = 0
        while lo < n {
            let hi = Swift.min(n, lo + blockSize)
            body(lo, hi)
            lo = hi
            if let stop, stop.pointee != 0 { return }
        }
    }

    /// Calls `body(offsets, n, innerStrides)` for each innermost row; `offsets[k]` is operand k's
    /// element offset of the row start (relative to its base). Stops early, as `blocks`, once the
    /// cell is stopped.
    static func rows(_ shape: [Int], _ strides: [[Int]],
                     _ body: (_ offsets: UnsafeMutablePointer<Int>, _ n: Int, _ inner: UnsafeMutablePointer<Int>) -> Void) {
        if ShapeMath.count(shape) == 0 { return }
        let (cs, cst) = collapse(shape, strides)
        let k = strides.count
        let r = cs.count
        let offs = UnsafeMutablePointer<Int>.allocate(capacity: k)
        let inner = UnsafeMutablePointer<Int>.allocate(capacity: k)
        defer { offs.deallocate(); inner.deallocate() }
        for j in 0..<k { offs[j] = 0; inner[j] = cst[j][r - 1] }
        let n = cs[r - 1]
        let stop = ShapeMath.count(shape) > blockSize ? Cancellation.currentState : nil
        // The odometer over the outer dimensions: advances `offs` to the next row's start; false after the last row.
        var idx = [Int](repeating: 0, count: Swift.max(r - 1, 0))
        func nextRow() -> Bool {
            var d = r - 2
            while d >= 0 {
                idx[d] += 1
                for j in 0..<k { offs[j] += cst[j][d] }
                if idx[d] < cs[d] { return true }
                for j in 0..<k { offs[j] -= cst[j][d] * cs[d] }
                idx[d] = 0
                d -= 1
            }
            return false
        }
        if n > blockSize {
            // long rows go in blocks (each block is a row to `body`: offsets advanced, count `m`)
            let rowStart = UnsafeMutablePointer<Int>.allocate(capacity: k)
            defer { rowStart.deallocate() }
            func longRow() -> Bool {
                for j in 0..<k { rowStart[j] = offs[j] }
                var lo = 0
                while lo < n {
                    let m = Swift.min(blockSize, n - lo)
                    for j in 0..<k { offs[j] = rowStart[j] + lo * inner[j] }
                    body(offs, m, inner)
                    lo += m
                    if let stop, stop.pointee != 0 { return false }
                }
                for j in 0..<k { offs[j] = rowStart[j] }
                return true
            }
            if r == 1 { _ = longRow(); return }
            while longRow() { if !nextRow() { return } }
            return
        }
        if r == 1 { body(offs, n, inner); return }
        var sinceCheck = 0
        while true {
            body(offs, n, inner)
            sinceCheck += n
            if sinceCheck >= blockSize, let stop {
                if stop.pointee != 0 { return }
                sinceCheck = 0
            }
            if !nextRow() { return }
        }
    }
}

/// Copies and converts between layouts and element types.
enum Convert {
    /// Copies `src` (any layout, any dtype) into the contiguous buffer `dst` of type `D`.
    static func copy<D: TensorElement>(_ src: Tensor, into dst: UnsafeMutablePointer<D>) {
        switch src.dtype {
        case .float32: copyTyped(src, src.pointer(Float.self), dst)
        case .float64: copyTyped(src, src.pointer(Double.self), dst)
        case .int64: copyTyped(src, src.pointer(Int64.self), dst)
        case .uint8: copyTyped(src, src.pointer(UInt8.self), dst)
        case .int8: copyTyped(src, src.pointer(Int8.self), dst)
        case .int32: copyTyped(src, src.pointer(Int32.self), dst)
        case .bool: copyTyped(src, src.pointer(Bool.self), dst)
        }
    }

    @inline(__always)
    static func cast<S: TensorElement, D: TensorElement>(_ v: S) -> D {
        if S.self == D.self { return unsafeBitCast(v, to: D.self) }
        if S.self == Float.self && D.self == Double.self { return unsafeBitCast(Double(unsafeBitCast(v, to: Float.self)), to: D.self) }
        if S.self == Double.self && D.self == Float.self { return unsafeBitCast(Float(unsafeBitCast(v, to: Double.self)), to: D.self) }
        return D(fromDouble: v.asDouble)
    }

    static func copyTyped<S: TensorElement, D: TensorElement>(_ src: Tensor, _ sp: UnsafeMutablePointer<S>, _ dst: UnsafeMutablePointer<D>) {
        if src.isContiguous {
            if S.self == D.self {
                UnsafeMutableRawPointer(dst).copyMemory(from: sp, byteCount: src.count * MemoryLayout<S>.stride)
            } else {
                StridedLoop.blocks(src.count) { lo, hi in for i in lo..<hi { dst[i] = cast(sp[i]) } }
            }
            return
        }
        var o = 0
        StridedLoop.rows(src.shape, [src.strides]) { offs, n, inner in
            let s = sp + offs[0], st = inner[0]
            let d = dst + o
            if st == 1 { for i in 0..<n { d[i] = cast(s[i]) } }
            else { for i in 0..<n { d[i] = cast(s[i * st]) } }
            o += n
        }
    }

    /// Copies `src` into the (possibly strided) view `dst`; shapes must be equal. Types may differ.
    static func assign(_ dst: Tensor, from src: Tensor) {
        dst.bumpVersion()
        switch dst.dtype {
        case .float32: assignTyped(dst, dst.pointer(Float.self), src)
        case .float64: assignTyped(dst, dst.pointer(Double.self), src)
        case .int64: assignTyped(dst, dst.pointer(Int64.self), src)
        case .uint8: assignTyped(dst, dst.pointer(UInt8.self), src)
        case .int8: assignTyped(dst, dst.pointer(Int8.self), src)
        case .int32: assignTyped(dst, dst.pointer(Int32.self), src)
        case .bool: assignTyped(dst, dst.pointer(Bool.self), src)
        }
    }

    static func assignTyped<D: TensorElement>(_ dst: Tensor, _ dp: UnsafeMutablePointer<D>, _ src: Tensor) {
        let c = src.contiguousData(as: D.self)
        let sp = c.pointer(D.self)
        if dst.isContiguous { dp.update(from: sp, count: dst.count); return }
        var o = 0
        StridedLoop.rows(dst.shape, [dst.strides]) { offs, n, inner in
            let d = dp + offs[0], st = inner[0]
            for i in 0..<n { d[i * st] = sp[o + i] }
            o += n
        }
    }
}

extension Tensor {
    /// This tensor's data as a contiguous tensor of dtype `T` (self when already so; no autograd).
    func contiguousData<T: TensorElement>(as _: T.Type) -> Tensor {
        if isContiguous && dtype == T.dtype { return self }
        let out = Tensor(uninitialized: shape, dtype: T.dtype)
        Convert.copy(self, into: out.pointer(T.self))
        return out
    }

    /// A contiguous copy converted to `dtype` (self when already so; no autograd).
    func contiguousData(dtype: DType) -> Tensor {
        switch dtype {
        case .float32: return contiguousData(as: Float.self)
        case .float64: return contiguousData(as: Double.self)
        case .int64: return contiguousData(as: Int64.self)
        case .uint8: return contiguousData(as: UInt8.self)
        case .int8: return contiguousData(as: Int8.self)
        case .int32: return contiguousData(as: Int32.self)
        case .bool: return contiguousData(as: Bool.self)
        }
    }

    /// The elements in row-major order, as Doubles.
    public var scalars: [Double] {
        let c = contiguousData(as: Double.self)
        return Array(UnsafeBufferPointer(start: c.pointer(Double.self), count: count))
    }

    /// The elements in row-major order as Swift values of type `T` (converted).
    public func toArray<T: TensorElement>(_: T.Type = T.self) -> [T] {
        let c = contiguousData(as: T.self)
        return Array(UnsafeBufferPointer(start: c.pointer(T.self), count: count))
    }
}
