import RLTensor

/// How a loss combines per-element values: "mean" (default), "sum" or "none".
public enum Reduction: String, Sendable {
    case mean, sum, none
}

func reduce(_ t: Tensor, _ r: Reduction) throws -> Tensor {
    switch r {
    case .mean: return try t.mean()
    case .sum: return t.sum()
    case .none: return t
    }
}

func checkSameShape(_ input: Tensor, _ target: Tensor, _ name: String) throws {
    if input.shape != target.shape {
        _ = try input - target   // throws PyTorch's broadcast message when incompatible
    }
}

/// Mean squared error (`F.mse_loss`).
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try checkSameShape(input, target, "mse_loss")
    let d = try input - target
    return try reduce(d.square(), reduction)
}

/// Huber-style smooth L1 (`F.smooth_l1_loss`): 0.5·d²/β where |d| < β, else |d| − 0.5·β.
/// β = 0 gives the L1 loss.
public func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, beta: Double = 1.0) throws -> Tensor {
    guard beta >= 0 else { throw NNError.invalidArgument("smooth_l1_loss does not support negative values for beta.") }
    try checkSameShape(input, target, "smooth_l1_loss")
    let d = try input - target
    let a = d.abs()
    if beta == 0 { return try reduce(a, reduction) }
    let quad = d.square() * (0.5 / beta)
    let lin = a - 0.5 * beta
    return try reduce(try RLTensor.where(a < beta, quad, lin), reduction)
}

/// Huber loss (`F.huber_loss`): 0.5·d² where |d| < δ, else δ·(|d| − 0.5·δ).
public func huberLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, delta: Double = 1.0) throws -> Tensor {
    try reduce(try smoothL1Loss(input, target, reduction: .none, beta: delta) * delta, reduction)
}

/// Cross entropy of logits [N, C] (or [C]) against class indices (int64 [N]) or class probabilities
/// (float [N, C]), like `F.cross_entropy` (with optional label smoothing).
public func crossEntropy(_ logits: Tensor, _ target: Tensor, reduction: Reduction = .mean, labelSmoothing: Double = 0) throws -> Tensor {
    let x = logits.rank == 1 ? try logits.unsqueeze(0) : logits
    let logp = try logSoftmax(x, dim: 1)
    let c = x.shape[1]
    if target.dtype.isFloatingPoint {
        let t = target.rank == 1 ? try target.unsqueeze(0) : target
        guard t.shape == x.shape else { throw NNError.invalidArgument("cross_entropy: probability target shape \(target.shape) must match input shape \(logits.shape)") }
        let tt = labelSmoothing > 0 ? t * (1 - labelSmoothing) + labelSmoothing / Double(c) : t
        let per = -(try (logp * tt).sum(dim: 1))
        let r = try reduce(per, reduction)
        return logits.rank == 1 && reduction == .none ? try r.squeeze(0) : r
    }
    let t = target.rank == 0 ? try target.unsqueeze(0) : target
    guard t.rank == 1, t.shape[0] == x.shape[0] else {
        throw NNError.invalidArgument("Expected input batch_size (\(x.shape[0])) to match target batch_size (\(t.rank > 0 ? t.shape[0] : 1)).")
    }
    for v in t.toArray(Int64.self) where v < 0 || v >= Int64(c) {
        throw NNError.invalidArgument("Target \(v) is out of bounds.")
    }
    var per = -(try logp.gather(dim: 1, index: t.long().unsqueeze(1)).squeeze(1))
    if labelSmoothing > 0 {
        let smooth = -(try logp.mean(dim: 1))
        per = try per * (1 - labelSmoothing) + smooth * labelSmoothing
    }
    let r = try reduce(per, reduction)
    return logits.rank == 1 && reduction == .none ? try r.squeeze(0) : r
}
