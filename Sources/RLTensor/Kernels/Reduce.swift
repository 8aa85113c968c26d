import RLSupport
/// Reductions along one dimension of a contiguous tensor viewed as [outer, n, inner].
enum Reduce {
    typealias Kind = ReductionKind

    /// Reduces `a` over dimension `dim` (already wrapped), returning shape with that dim removed
    /// (or kept as 1). Sums of integer/bool tensors are int64, like PyTorch.
    static func along(_ kind: Kind, _ a: Tensor, dim: Int, keepdim: Bool) -> Tensor {
        var outShape = a.shape
        if a.rank == 0 { outShape = [] } else if keepdim { outShape[dim] = 1 } else { outShape.remove(at: dim) }
        let ct: DType = a.dtype.isFloatingPoint ? a.dtype : (kind == .sum || kind == .prod ? .int64 : a.dtype.computeType)
        let n = a.rank == 0 ? 1 : a.shape[dim]
        let inner = a.rank == 0 ? 1 : ShapeMath.count(Array(a.shape[(dim + 1)...]))
        let outer = a.rank == 0 ? 1 : ShapeMath.count(Array(a.shape[..<dim]))
        let out: Tensor
        switch ct {
        case .float32: out = run(Float.self, kind, a, outer, n, inner, outShape)
        case .float64: out = run(Double.self, kind, a, outer, n, inner, outShape)
        default: out = run(Int64.self, kind, a, outer, n, inner, outShape)
        }
        if (kind == .max || kind == .min) && out.dtype != a.dtype { return out.contiguousData(dtype: a.dtype) }
        return out
    }

    static func run<T: ArithElement>(_: T.Type, _ kind: Kind, _ a: Tensor, _ outer: Int, _ n: Int, _ inner: Int, _ shape: [Int]) -> Tensor {
        let c = a.contiguousData(as: T.self)
        let x = c.pointer(T.self)
        let out = Tensor(uninitialized: shape, dtype: T.dtype)
        let o = out.pointer(T.self)
        // Stops between blocks of about `StridedLoop.blockSize` elements once the cell is stopped
        // (the interpreter drops the partial result): whole outer slices when they are small, rows
        // of the reduced dimension when a slice is large. The sums keep their order.
        let block = StridedLoop.blockSize
        let stop = outer * n * inner > block ? Cancellation.currentState : nil
        let slicesPerPoll = Swift.max(1, block / Swift.max(1, n * inner))
        let rowsPerPoll = Swift.max(1, block / Swift.max(1, inner))
        var p0 = 0
        while p0 < outer {
            let p1 = Swift.min(outer, p0 + slicesPerPoll)
            for p in p0..<p1 {
                let base = x + p * n * inner
                let dst = o + p * inner
                if n == 0 {
                    for i in 0..<inner { dst[i] = kind == .prod ? 1 : 0 }
                    continue
                }
                for i in 0..<inner { dst[i] = base[i] }
                if inner == 1 && kind == .sum {
                    dst[0] = sumRow(base, n)
                    continue
                }
                var k0 = 1
                while k0 < n {
                    let k1 = Swift.min(n, k0 + rowsPerPoll)
                    for k in k0..<k1 {
                        let row = base + k * inner
                        switch kind {
                        case .sum: for i in 0..<inner { dst[i] = T.plus(dst[i], row[i]) }
                        case .prod: for i in 0..<inner { dst[i] = T.times(dst[i], row[i]) }
                        case .max: for i in 0..<inner { let v = row[i]; if v > dst[i] || v != v { dst[i] = v } }
                        case .min: for i in 0..<inner { let v = row[i]; if v < dst[i] || v != v { dst[i] = v } }
                        }
                    }
                    k0 = k1
                    if k0 < n && Cancellation.isRequested(stop) { return out }
                }
            }
            p0 = p1
            if Cancellation.isRequested(stop) { return out }
        }
        return out
    }

    /// Sum of a contiguous row with 8 independent accumulators (vectorisable, more accurate). A row
    /// longer than `StridedLoop.blockSize` is summed in blocks (the same accumulators, so the same
    /// sum) and stops early once the cell on this thread is stopped.
    @inline(__always)
    static func sumRow<T: ArithElement>(_ p: UnsafeMutablePointer<T>, _ n: Int) -> T {
        var acc = (T.zero, T.zero, T.zero, T.zero, T.zero, T.zero, T.zero, T.zero)
        var i = 0
        let stop = n > StridedLoop.blockSize ? Cancellation.currentState : nil
        while i + 8 <= n {
            let end = stop == nil ? n : Swift.min(n, i + StridedLoop.blockSize)
            while i + 8 <= end {
                acc.0 = T.plus(acc.0, p[i]); acc.1 = T.plus(acc.1, p[i + 1]); acc.2 = T.plus(acc.2, p[i + 2]); acc.3 = T.plus(acc.3, p[i + 3])
                acc.4 = T.plus(acc.4, p[i + 4]); acc.5 = T.plus(acc.5, p[i + 5]); acc.6 = T.plus(acc.6, p[i + 6]); acc.7 = T.plus(acc.7, p[i + 7])
                i += 8
            }
            if Cancellation.isRequested(stop) { return T.zero }
        }
        var s = T.plus(T.plus(T.plus(acc.0, acc.1), T.plus(acc.2, acc.3)), T.plus(T.plus(acc.4, acc.5), T.plus(acc.6, acc.7)))
        while i < n { s = T.plus(s, p[i]); i += 1 }
        return s
    }

    /// Index of the max (or min) along `dim`, first occurrence on ties; NaN counts as max.
    static func argExtreme(_ a: Tensor, dim: Int, keepdim: Bool, max isMax: Bool) -> Tensor {
        var outShape = a.shape
        if a.rank == 0 { outShape = [] } else if keepdim { outShape[dim] = 1 } else { outShape.remove(at: dim) }
        let n = a.rank == 0 ? 1 : a.shape[dim]
        let inner = a.rank == 0 ? 1 : ShapeMath.count(Array(a.shape[(dim + 1)...]))
        let outer = a.rank == 0 ? 1 : ShapeMath.count(Array(a.shape[..<dim]))
        let c = a.contiguousData(as: Double.self)
        let x = c.pointer(Double.self)
        let out = Tensor(uninitialized: outShape, dtype: .int64)
        let o = out.pointer(Int64.self)
        // polled after about every `StridedLoop.blockSize` elements scanned (see `run`)
        let stop = outer * n * inner > StridedLoop.blockSize ? Cancellation.currentState : nil
        var scanned = 0
        for p in 0..<outer {
            for i in 0..<inner {
                scanned &+= n
                if scanned >= StridedLoop.blockSize {
                    scanned = 0
                    if Cancellation.isRequested(stop) { return out }
                }
                var best = x[p * n * inner + i]
                var bi = 0
                if best == best {
                    for k in 1..<max(n, 1) {
                        let v = x[(p * n + k) * inner + i]
                        if v != v { best = v; bi = k; break }
                        if isMax ? v > best : v < best { best = v; bi = k }
                    }
                }
                o[p * inner + i] = Int64(bi)
            }
        }
        return out
    }
}
