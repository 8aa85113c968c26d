import RLSupport
/// Shape manipulation: views that share storage where possible, with autograd.
extension Tensor {
    func resolveShape(_ shape: [Int]) throws -> [Int] {
        var out = shape
        let infer = shape.indices.filter { shape[$0] == -1 }
        if infer.count > 1 { throw TensorError.shape("only one dimension can be inferred") }
        for s in shape where s < -1 { throw TensorError.shape("invalid shape dimension \(s)") }
        if let i = infer.first {
            let known = shape.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            if known == 0 || count % known != 0 { throw TensorError.shape("shape '\(shape)' is invalid for input of size \(count)") }
            out[i] = count / known
        }
        if ShapeMath.count(out) != count { throw TensorError.shape("shape '\(shape)' is invalid for input of size \(count)") }
        return out
    }

    /// The same elements with another shape (one entry may be -1); a view when contiguous, else a copy.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let s = try resolveShape(shape)
        if s == self.shape { return self }
        let base = isContiguous ? self : contiguousData(dtype: dtype)
        let out = base.view(shape: s, strides: ShapeMath.contiguousStrides(s), offset: base.offset)
        if Autograd.active(self) { Autograd.record(out, "ViewBackward0", [self], Rules.reshape(self.shape)) }
        return out
    }

    /// `reshape(_:)` with variadic sizes.
    public func reshape(_ sizes: Int...) throws -> Tensor { try reshape(sizes) }

    /// A view with another shape; throws when the tensor is not contiguous (as PyTorch's `view`).
    public func view(_ shape: [Int]) throws -> Tensor {
        guard isContiguous else {
            throw TensorError.shape("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        return try reshape(shape)
    }

    /// `view(_:)` with variadic sizes.
    public func view(_ sizes: Int...) throws -> Tensor { try view(sizes) }

    /// Reorders dimensions (a view).
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == rank else {
            throw TensorError.shape("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)")
        }
        let d = try dims.map { try wrapDim($0, rank) }
        guard Set(d).count == d.count else { throw TensorError.shape("permute(): duplicate dims are not allowed.") }
        let out = view(shape: d.map { shape[$0] }, strides: d.map { strides[$0] }, offset: offset)
        if Autograd.active(self) { Autograd.record(out, "PermuteBackward0", [self], Rules.permute(d)) }
        return out
    }

    /// `permute(_:)` with variadic dims.
    public func permute(_ dims: Int...) throws -> Tensor { try permute(dims) }

    /// Swaps two dimensions (a view).
    public func transpose(_ d0: Int, _ d1: Int) throws -> Tensor {
        if rank < 2 && (d0 == 0 || d0 == -1) && (d1 == 0 || d1 == -1) { return self }
        var p = Array(0..<rank)
        let a = try wrapDim(d0, rank), b = try wrapDim(d1, rank)
        p.swapAt(a, b)
        return try permute(p)
    }

    /// The transpose of a matrix (rank ≤ 2), PyTorch's `t()`.
    public func t() throws -> Tensor {
        guard rank <= 2 else { throw TensorError.shape("t() expects a tensor with <= 2 dimensions, but self is \(rank)D") }
        return rank < 2 ? self : try transpose(0, 1)
    }

    /// Removes size-1 dimensions (all of them, or only `dim`).
    public func squeeze(_ dim: Int? = nil) throws -> Tensor {
        var s = shape
        if let dim {
            if rank == 0 { return self }
            let d = try wrapDim(dim, rank)
            if s[d] != 1 { return self }
            s.remove(at: d)
        } else {
            s = s.filter { $0 != 1 }
        }
        return try reshape(s)
    }

    /// Inserts a size-1 dimension at `dim`.
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try wrapDim(dim, rank + 1)
        var s = shape
        s.insert(1, at: d)
        return try reshape(s)
    }

    /// Flattens dimensions `startDim...endDim` into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape([1]) }
        let a = try wrapDim(startDim, rank), b = try wrapDim(endDim, rank)
        if a > b { throw TensorError.shape("flatten() has invalid args: start_dim cannot come after end_dim") }
        let s = Array(shape[..<a]) + [ShapeMath.count(Array(shape[a...b]))] + Array(shape[(b + 1)...])
        return try reshape(s)
    }

    /// Broadcasts to a larger shape without copying (-1 keeps a size).
    public func expand(_ target: [Int]) throws -> Tensor {
        guard target.count >= rank else {
            throw TensorError.shape("expand: the number of sizes provided (\(target.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let lead = target.count - rank
        var t = target
        for i in 0..<rank {
            if t[i + lead] == -1 { t[i + lead] = shape[i] }
            if shape[i] != 1 && shape[i] != t[i + lead] {
                throw TensorError.shape("The expanded size of the tensor (\(t[i + lead])) must match the existing size (\(shape[i])) at non-singleton dimension \(i + lead).  Target sizes: \(target).  Tensor sizes: \(shape)")
            }
        }
        if t == shape { return self }
        let out = view(shape: t, strides: ShapeMath.broadcastStrides(shape: shape, strides: strides, to: t), offset: offset)
        if Autograd.active(self) { Autograd.record(out, "ExpandBackward0", [self], Rules.sumTo(self.shape)) }
        return out
    }

    /// A contiguous tensor with the same values (self when already contiguous).
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        return clone()
    }

    /// A copy with its own storage.
    public func clone() -> Tensor {
        let out = Tensor(uninitialized: shape, dtype: dtype)
        Convert.assign(out, from: self)
        if Autograd.active(self) { Autograd.record(out, "CloneBackward0", [self], Rules.identity) }
        return out
    }

    /// The same data, cut from the autograd graph.
    public func detach() -> Tensor {
        view(shape: shape, strides: strides, offset: offset)
    }

    /// Converts to another dtype (self when equal); differentiable between float types.
    public func to(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out = contiguousData(dtype: dtype)
        if Autograd.active(self) && dtype.isFloatingPoint && self.dtype.isFloatingPoint {
            Autograd.record(out, "ToCopyBackward0", [self], Rules.identity)
        }
        return out
    }

    /// Moves to a device. Tensors live in host memory on every backend (the CUDA backend stages
    /// operands per operation), so this is the identity for "cpu", "auto" and the installed backend's name.
    public func to(_ device: String) throws -> Tensor {
        guard device == "cpu" || device == "auto" || device == Tensor.backend.name else {
            throw TensorError.invalidArgument("device '\(device)' is not available: rlbook tensors run on the \(Tensor.backend.name) backend (run with --device cuda on a machine with an NVIDIA GPU)")
        }
        return self
    }

    /// float32 copy.
    public func float() -> Tensor { to(.float32) }
    /// float64 copy.
    public func double() -> Tensor { to(.float64) }
    /// int64 copy.
    public func long() -> Tensor { to(.int64) }
    /// bool copy.
    public func bool() -> Tensor { to(.bool) }
    /// uint8 copy.
    public func byte() -> Tensor { to(.uint8) }
}

/// Concatenates tensors along an existing dimension.
public func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
    guard let first = tensors.first else { throw TensorError.invalidArgument("torch.cat(): expected a non-empty list of Tensors") }
    let parts = tensors.filter { !($0.rank == 1 && $0.count == 0) }
    guard let ref = parts.first else { return first }
    let d = try wrapDim(dim, ref.rank)
    var dt = ref.dtype
    var total = 0
    for (k, t) in parts.enumerated() {
        guard t.rank == ref.rank else {
            throw TensorError.shape("Tensors must have same number of dimensions: got \(ref.rank) and \(t.rank)")
        }
        for i in 0..<ref.rank where i != d && t.shape[i] != ref.shape[i] {
            throw TensorError.shape("Sizes of tensors must match except in dimension \(d). Expected size \(ref.shape[i]) but got size \(t.shape[i]) for tensor number \(k) in the list.")
        }
        total += t.shape[d]
        dt = DType.promote(dt, t.dtype)
    }
    var shape = ref.shape
    shape[d] = total
    let out = Tensor(uninitialized: shape, dtype: dt)
    var start = 0
    for t in parts {
        let dst = out.view(shape: t.shape, strides: out.strides, offset: start * out.strides[d])
        Convert.assign(dst, from: t)
        start += t.shape[d]
    }
    if Autograd.active(parts) { Autograd.record(out, "CatBackward0", parts, Rules.cat(parts.map { $0.shape[d] }, d)) }
    return out
}

/// Stacks same-shape tensors along a new dimension.
public func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
    guard let first = tensors.first else { throw TensorError.invalidArgument("stack expects a non-empty TensorList") }
    for (k, t) in tensors.enumerated() where t.shape != first.shape {
        throw TensorError.shape("stack expects each tensor to be equal size, but got \(first.shape) at entry 0 and \(t.shape) at entry \(k)")
    }
    let d = try wrapDim(dim, first.rank + 1)
    return try cat(tensors.map { try $0.unsqueeze(d) }, dim: d)
}
