import RLTensor

/// A categorical distribution over the last dimension (`torch.distributions.Categorical`).
public final class Categorical {
    /// Normalised log-probabilities (logits − logsumexp(logits)).
    public let logits: Tensor
    /// Probabilities summing to one along the last dimension.
    public let probs: Tensor

    /// From (unnormalised, non-negative) probabilities.
    public init(probs: Tensor) throws {
        guard probs.rank >= 1 else { throw NNError.invalidArgument("`probs` parameter must be at least one-dimensional.") }
        // PyTorch's argument validation: non-negative, finite, and each row with a positive sum.
        let values = probs.toArray(Double.self), k = Swift.max(1, probs.shape.last ?? 1)
        var rowsOK = true
        var r = 0
        while r < values.count && rowsOK {
            var sum = 0.0
            for v in values[r..<Swift.min(values.count, r + k)] { if !(v >= 0) || !v.isFinite { rowsOK = false }; sum += v }
            if !(sum > 0) { rowsOK = false }
            r += k
        }
        guard rowsOK else {
            throw NNError.invalidArgument("Expected parameter probs (Tensor of shape \(probs.shape)) of distribution Categorical to satisfy the constraint Simplex() (non-negative, finite, not all zero), but found invalid values: \(Self.preview(values))")
        }
        let p = try probs / probs.sum(dim: -1, keepdim: true)
        self.probs = p
        let eps = p.dtype == .float64 ? Double.ulpOfOne : Double(Float.ulpOfOne)
        self.logits = p.clamp(min: eps, max: 1 - eps).log()
    }

    /// From unnormalised log-probabilities.
    public init(logits: Tensor) throws {
        guard logits.rank >= 1 else { throw NNError.invalidArgument("`logits` parameter must be at least one-dimensional.") }
        if try Categorical.hasNaN(logits) {
            let values = logits.toArray(Double.self)
            throw NNError.invalidArgument("Expected parameter logits (Tensor of shape \(logits.shape)) of distribution Categorical to satisfy the constraint IndependentConstraint(Real(), 1), but found invalid values: \(Self.preview(values)) (a NaN usually means the loss diverged: lower the learning rate)")
        }
        self.logits = try logSoftmax(logits, dim: -1)
        self.probs = try softmax(logits, dim: -1)
    }

    /// Whether any element is NaN (scanned in place, see `Tensor.containsNaN`).
    static func hasNaN(_ t: Tensor) throws -> Bool { t.containsNaN }

    /// The first values of a tensor, for messages.
    static func preview(_ values: [Double]) -> String {
        "[" + values.prefix(6).map { $0.isNaN ? "nan" : String($0) }.joined(separator: ", ") + (values.count > 6 ? ", ..." : "") + "]"
    }

    /// Shape of a single draw (all but the last dimension).
    public var batchShape: [Int] { Array(probs.shape.dropLast()) }

    /// Number of categories.
    public var numEvents: Int { probs.shape.last ?? 0 }

    /// The category that `u` (uniform in [0, 1)) picks in row `row` of `p` (rows of `k`
    /// probabilities): the first whose running sum exceeds `u`, never one of probability zero.
    public static func inverseCDF(_ p: [Double], row: Int, events k: Int, u: Double) -> Int {
        var acc = 0.0, pick = k - 1
        for j in 0..<k {
            acc += p[row * k + j]
            if u < acc { pick = j; break }
        }
        while pick > 0 && p[row * k + pick] == 0 { pick -= 1 }
        return pick
    }

    /// Draws category indices (int64) of shape `sampleShape + batchShape` by inverse CDF on `Tensor.generator`.
    public func sample(_ sampleShape: [Int] = []) throws -> Tensor {
        let k = numEvents
        let p = probs.detach().scalars
        let rows = p.count / Swift.max(k, 1)
        let n = sampleShape.reduce(1, *)
        var out = [Int64](repeating: 0, count: n * rows)
        for s in 0..<n {
            for r in 0..<rows {
                out[s * rows + r] = Int64(Categorical.inverseCDF(p, row: r, events: k, u: Tensor.generator.nextDouble()))
            }
        }
        return try Tensor(out, shape: sampleShape + batchShape)
    }

    /// Log-probability of category indices `value` (broadcast against the batch shape).
    public func logProb(_ value: Tensor) throws -> Tensor {
        let v = value.long()
        if v.shape == batchShape {
            // One value per distribution (the common case): gather straight from the logits, without
            // the expand/contiguous views the broadcasting path records.
            for x in v.toArray(Int64.self) where x < 0 || x >= Int64(numEvents) {
                throw NNError.invalidArgument("Expected value argument to be within the support (IntegerInterval(lower_bound=0, upper_bound=\(numEvents - 1))), but found \(x)")
            }
            return try logits.gather(dim: -1, index: try v.unsqueeze(-1)).squeeze(-1)
        }
        let shape = try broadcastShape(v.shape, batchShape)
        let idx = try v.expand(shape).contiguous().unsqueeze(-1)
        let lp = try logits.expand(shape + [numEvents])
        for x in v.toArray(Int64.self) where x < 0 || x >= Int64(numEvents) {
            throw NNError.invalidArgument("Expected value argument to be within the support (IntegerInterval(lower_bound=0, upper_bound=\(numEvents - 1))), but found \(x)")
        }
        return try lp.gather(dim: -1, index: idx).squeeze(-1)
    }

    /// Entropy −Σ p·log p over the last dimension.
    public func entropy() throws -> Tensor {
        let minReal = logits.dtype == .float64 ? -Double.greatestFiniteMagnitude : -Double(Float.greatestFiniteMagnitude)
        return -(try (logits.clamp(min: minReal) * probs).sum(dim: -1))
    }

    /// The most likely category (argmax of probs).
    public var mode: Tensor { get throws { try probs.argmax(dim: -1) } }

    /// The broadcast shape of `a` and `b` (PyTorch's rules and error), computed on the shapes alone.
    func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
        if a == b { return a }
        let n = Swift.max(a.count, b.count)
        var out: [Int] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let da = i - (n - a.count), db = i - (n - b.count)
            let sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1
            if sa == sb || sb == 1 { out.append(sa) } else if sa == 1 { out.append(sb) } else {
                // The tensor engine's own message for incompatible shapes.
                return try (Tensor.zeros(a, dtype: .bool) + Tensor.zeros(b, dtype: .bool)).shape
            }
        }
        return out
    }
}
