import RLTensor

/// A normal (Gaussian) distribution with tensor mean and standard deviation (`torch.distributions.Normal`).
public final class Normal {
    public let mean: Tensor
    public let std: Tensor

    public init(mean: Tensor, std: Tensor) throws {
        _ = try mean + std   // validates broadcasting
        // PyTorch's argument validation: a real mean and a positive scale.
        let sd = std.toArray(Double.self), mu = mean.toArray(Double.self)
        if sd.contains(where: { !($0 > 0) }) {
            throw NNError.invalidArgument("Expected parameter scale (Tensor of shape \(std.shape)) of distribution Normal to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values: \(Categorical.preview(sd))")
        }
        if mu.contains(where: { $0.isNaN }) {
            throw NNError.invalidArgument("Expected parameter loc (Tensor of shape \(mean.shape)) of distribution Normal to satisfy the constraint Real(), but found invalid values: \(Categorical.preview(mu))")
        }
        self.mean = mean
        self.std = std
    }

    public convenience init(mean: Double, std: Double) throws {
        try self.init(mean: Tensor.scalar(mean), std: Tensor.scalar(std))
    }

    /// Standard deviation (alias of `std`, as `stddev` in PyTorch).
    public var stddev: Tensor { std }
    /// σ².
    public var variance: Tensor { get throws { try std * std } }

    var shape: [Int] { get throws { try (mean + std).shape } }

    /// A draw without gradient: mean + std·ε.
    public func sample(_ sampleShape: [Int] = []) throws -> Tensor {
        try noGrad { try rsample(sampleShape) }
    }

    /// A reparameterised draw (differentiable in mean and std).
    public func rsample(_ sampleShape: [Int] = []) throws -> Tensor {
        let s = sampleShape + (try shape)
        let eps = Tensor.randn(s, dtype: mean.dtype)
        return try mean + eps * std
    }

    /// log N(value; mean, std²) = −(value−mean)²/(2σ²) − log σ − log √(2π).
    public func logProb(_ value: Tensor) throws -> Tensor {
        let d = try value - mean
        let v = try std * std
        return try (-(d * d) / (v * 2.0)) - std.log() - 0.5 * _logTwoPi
    }

    /// Entropy 0.5 + 0.5·log(2π) + log σ.
    public func entropy() throws -> Tensor {
        let e = 0.5 + 0.5 * _logTwoPi
        return try (std.log() + e).expand(try shape)
    }
}

let _logTwoPi = 1.8378770664093453
