/// Reductions (sum, mean, std, max, min, argmax) and gather, with autograd.
extension Tensor {
    /// Sum of all elements (0-d).
    public func sum() -> Tensor {
        let flat = isContiguous ? view(shape: [count], strides: [1], offset: offset) : contiguousData(dtype: dtype).view(shape: [count], strides: [1], offset: 0)
        let out = Tensor.backend.reduce(.sum, flat, dim: 0, keepdim: false)
        if Autograd.active(self) { Autograd.record(out, "SumBackward0", [self], Rules.sumAll(shape)) }
        return out
    }

    /// Sum over `dim`.
    public func sum(dim: Int, keepdim: Bool = false) throws -> Tensor { try sum(dims: [dim], keepdim: keepdim) }

    /// Sum over several dimensions.
    public func sum(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        let ds = Set(try dims.map { try wrapDim($0, rank) }).sorted(by: >)
        var x = self.detach()
        for d in ds { x = Tensor.backend.reduce(.sum, x, dim: d, keepdim: true) }
        var outShape = x.shape
        if !keepdim { for d in ds where rank > 0 { outShape.remove(at: d) } }
        let out = x.view(shape: outShape, strides: ShapeMath.contiguousStrides(outShape), offset: x.offset)
        if Autograd.active(self) { Autograd.record(out, "SumBackward1", [self], Rules.sumDims(shape, ds, keepdim)) }
        return out
    }

    /// Mean of all elements (floating dtypes).
    public func mean() throws -> Tensor {
        guard dtype.isFloatingPoint else { throw TensorError.dtype("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.torchName)") }
        if count == 0 { return Tensor.full([], .nan, dtype: dtype) }
        return sum() / Double(count)
    }

    /// Mean over `dim`.
    public func mean(dim: Int, keepdim: Bool = false) throws -> Tensor { try mean(dims: [dim], keepdim: keepdim) }

    /// Mean over several dimensions.
    public func mean(dims: [Int], keepdim: Bool = false) throws -> Tensor {
        guard dtype.isFloatingPoint else { throw TensorError.dtype("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.torchName)") }
        let n = try Set(dims.map { try wrapDim($0, rank) }).reduce(1) { $0 * (rank == 0 ? 1 : shape[$1]) }
        return try sum(dims: dims, keepdim: keepdim) / Double(n)
    }

    /// Variance of all elements with Bessel's correction (`correction` 1 by default).
    public func variance(correction: Int = 1) throws -> Tensor {
        let m = try mean()
        let d: Tensor = try self - m
        return try (d * d).sum() / Double(Swift.max(count - correction, 0))
    }

    /// Variance over a dimension.
    public func variance(dim: Int, keepdim: Bool = false, correction: Int = 1) throws -> Tensor {
        let m = try mean(dim: dim, keepdim: true)
        let d: Tensor = try self - m
        let n = shape[try wrapDim(dim, rank)]
        return try (d * d).sum(dim: dim, keepdim: keepdim) / Double(Swift.max(n - correction, 0))
    }

    /// Standard deviation of all elements (unbiased by default, like `torch.std`).
    public func std(correction: Int = 1) throws -> Tensor { try variance(correction: correction).sqrt() }

    /// Standard deviation over a dimension.
    public func std(dim: Int, keepdim: Bool = false, correction: Int = 1) throws -> Tensor {
        try variance(dim: dim, keepdim: keepdim, correction: correction).sqrt()
    }

    /// Largest element (0-d); gradient shared evenly among ties.
    public func max() throws -> Tensor { try extremeAll(isMax: true) }
    /// Smallest element (0-d).
    public func min() throws -> Tensor { try extremeAll(isMax: false) }

    func extremeAll(isMax: Bool) throws -> Tensor {
        guard count > 0 else { throw TensorError.invalidArgument("max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.") }
        let flat = contiguousData(dtype: dtype).view(shape: [count], strides: [1], offset: 0)
        let out = Tensor.backend.reduce(isMax ? .max : .min, flat, dim: 0, keepdim: false)
        if Autograd.active(self) { Autograd.record(out, isMax ? "MaxBackward1" : "MinBackward1", [self], Rules.extremeAll(self, out)) }
        return out
    }

    /// Largest values along `dim` and their indices (first occurrence on ties).
    public func max(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(dim: dim, keepdim: keepdim, isMax: true)
    }

    /// Smallest values along `dim` and their indices.
    public func min(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extreme(dim: dim, keepdim: keepdim, isMax: false)
    }

    func extreme(dim: Int, keepdim: Bool, isMax: Bool) throws -> (values: Tensor, indices: Tensor) {
        let d = try wrapDim(dim, rank)
        if rank > 0 && shape[d] == 0 { throw TensorError.invalidArgument("max(): Expected reduction dim \(d) to have non-zero size.") }
        let idx = Reduce.argExtreme(self, dim: d, keepdim: true, max: isMax)
        let vals = try noGrad { try self.gather(dim: d, index: idx) }
        let outShape = keepdim ? idx.shape : vals.shape.enumerated().filter { $0.offset != d || rank == 0 }.map { $0.element }
        let v = vals.view(shape: outShape, strides: ShapeMath.contiguousStrides(outShape), offset: vals.offset)
        let i = idx.view(shape: outShape, strides: ShapeMath.contiguousStrides(outShape), offset: idx.offset)
        if Autograd.active(self) { Autograd.record(v, isMax ? "MaxBackward0" : "MinBackward0", [self], Rules.gatherLike(self.shape, d, idx, keepdim ? nil : outShape)) }
        return (v, i)
    }

    /// Index of the largest element along `dim` (int64).
    public func argmax(dim: Int, keepdim: Bool = false) throws -> Tensor {
        Reduce.argExtreme(self, dim: try wrapDim(dim, rank), keepdim: keepdim, max: true)
    }

    /// Index of the largest element in the flattened tensor.
    public func argmax() throws -> Tensor {
        guard count > 0 else { throw TensorError.invalidArgument("argmax(): Expected reduction dim to be specified for input.numel() == 0.") }
        return Reduce.argExtreme(contiguousData(dtype: dtype).view(shape: [count], strides: [1], offset: 0), dim: 0, keepdim: false, max: true)
    }

    /// Index of the smallest element along `dim`.
    public func argmin(dim: Int, keepdim: Bool = false) throws -> Tensor {
        Reduce.argExtreme(self, dim: try wrapDim(dim, rank), keepdim: keepdim, max: false)
    }

    /// Values picked along `dim` by an int64 `index` of the same rank (`torch.gather`).
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        let d = try wrapDim(dim, rank)
        guard index.rank == rank || (rank == 0 && index.rank <= 1) else {
            throw TensorError.shape("Index tensor must have the same number of dimensions as input tensor")
        }
        guard !index.dtype.isFloatingPoint && index.dtype != .bool else {
            throw TensorError.dtype("gather(): Expected dtype int64 for index")
        }
        for i in 0..<rank where i != d && index.shape[i] > shape[i] {
            throw TensorError.shape("Size does not match at dimension \(i) expected index \(index.shape) to be smaller than self \(shape) apart from dimension \(d)")
        }
        let idx = index.toArray(Int64.self)
        let n = rank == 0 ? 1 : shape[d]
        for v in idx where v < -Int64(n) || v >= Int64(n) {
            throw TensorError.indexOutOfRange(index: Int(v), dim: d, size: n)
        }
        let out: Tensor
        switch dtype {
        case .float32: out = gatherTyped(Float.self, d, index.shape, idx)
        case .float64: out = gatherTyped(Double.self, d, index.shape, idx)
        case .int64: out = gatherTyped(Int64.self, d, index.shape, idx)
        case .uint8: out = gatherTyped(UInt8.self, d, index.shape, idx)
        case .int8: out = gatherTyped(Int8.self, d, index.shape, idx)
        case .int32: out = gatherTyped(Int32.self, d, index.shape, idx)
        case .bool: out = gatherTyped(Bool.self, d, index.shape, idx)
        }
        if Autograd.active(self) {
            let idxT = index.contiguousData(as: Int64.self)
            Autograd.record(out, "GatherBackward0", [self], Rules.gatherLike(shape, d, idxT, nil))
        }
        return out
    }

    func gatherTyped<T: TensorElement>(_: T.Type, _ d: Int, _ ishape: [Int], _ idx: [Int64]) -> Tensor {
        let out = Tensor(uninitialized: ishape, dtype: T.dtype)
        let op = out.pointer(T.self), src = pointer(T.self)
        if rank == 0 { if out.count > 0 { op[0] = src[0] }; return out }
        let istr = ShapeMath.contiguousStrides(ishape)
        let n = shape[d]
        for flat in 0..<out.count {
            var rem = flat
            var off = 0
            for k in 0..<rank {
                let c = rem / istr[k]
                rem -= c * istr[k]
                if k == d {
                    let j = Int(idx[flat])
                    off += (j < 0 ? j + n : j) * strides[k]
                } else {
                    off += c * strides[k]
                }
            }
            op[flat] = src[off]
        }
        return out
    }

    /// Adds `src` into a zero tensor of `shape` at `index` along `dim` (scatter_add; no autograd).
    static func scatterAdd(shape: [Int], dim d: Int, index: Tensor, src: Tensor) -> Tensor {
        let out = Tensor.zeros(shape, dtype: src.dtype)
        let idx = index.toArray(Int64.self)
        let srcD = src.contiguousData(as: Double.self)
        let acc = Tensor.zeros(shape, dtype: .float64)
        withExtendedLifetime(srcD) {
            let s = srcD.pointer(Double.self)
            let ap = acc.pointer(Double.self)
            let ostr = ShapeMath.contiguousStrides(shape)
            let istr = ShapeMath.contiguousStrides(index.shape)
            let n = shape.isEmpty ? 1 : shape[d]
            for flat in 0..<index.count {
                var rem = flat, off = 0
                for k in 0..<index.rank {
                    let c = rem / istr[k]
                    rem -= c * istr[k]
                    if k == d { let j = Int(idx[flat]); off += (j < 0 ? j + n : j) * ostr[k] } else { off += c * ostr[k] }
                }
                ap[off] += s[flat]
            }
        }
        Convert.assign(out, from: acc)
        return out
    }
}
