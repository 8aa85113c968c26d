import RLTensor

/// `gather` with a gradient that reaches the input.
///
/// Works around an RLTensor bug: the backward rule of `gather` / `max(dim:)` (`Tensor.scatterAdd`,
/// Ops/Tensor+Reduction.swift) reads its source through `src.contiguousData(as:).pointer(...)` of a
/// temporary tensor that is released before the read, so the gradient comes back as zeros (or garbage).
/// When autograd is recording, this computes the same values as a one-hot product (mul + sum, whose
/// gradients are correct); otherwise it calls RLTensor's `gather` directly.
enum TensorGather {
    static func gather(_ t: Tensor, dim: Int, index: Tensor) throws -> Tensor {
        let plain = try noGrad { try t.gather(dim: dim, index: index) }   // validates and gives the values
        guard t.requiresGrad && GradMode.isEnabled && t.rank > 0 && t.dtype.isFloatingPoint else { return plain }
        let r = t.rank
        let d = dim < 0 ? dim + r : dim
        let n = t.shape[d]
        let ishape = index.shape
        var oh = [Double](repeating: 0, count: index.count * n)
        for (f, j) in index.long().scalars.enumerated() {
            let jj = Int(j) < 0 ? Int(j) + n : Int(j)
            oh[f * n + jj] = 1
        }
        let onehot = try Tensor(oh, shape: ishape + [n], dtype: t.dtype)
        let narrowed = try t.index((0..<r).map { $0 == d ? .all : .slice(start: 0, end: ishape[$0], step: 1) })
        let perm = (0..<r).filter { $0 != d } + [d]
        let moved = try narrowed.permute(perm).unsqueeze(d)
        return try (moved * onehot).sum(dim: -1)
    }

    /// `max(dim:keepdim:)` / `min(dim:keepdim:)` whose values carry a correct gradient.
    static func extreme(_ t: Tensor, isMax: Bool, dim: Int, keepdim: Bool) throws -> (values: Tensor, indices: Tensor) {
        let r = isMax ? try t.max(dim: dim, keepdim: keepdim) : try t.min(dim: dim, keepdim: keepdim)
        guard t.requiresGrad && GradMode.isEnabled && t.rank > 0 && t.dtype.isFloatingPoint else { return r }
        let d = dim < 0 ? dim + t.rank : dim
        let idx = keepdim ? r.indices : try r.indices.unsqueeze(d)
        let v = try gather(t, dim: d, index: idx)
        return (keepdim ? v : try v.squeeze(d), r.indices)
    }
}
