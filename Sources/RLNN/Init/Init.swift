import RLTensor

/// Parameter initialisers (PyTorch's `torch.nn.init`), drawing from `Tensor.generator`. They write in place.
public enum Init {
    /// Uniform in [a, b).
    public static func uniform_(_ t: Tensor, _ a: Double, _ b: Double) throws {
        try t.copy_(Tensor.rand(t.shape, dtype: .float64) * (b - a) + a)
    }

    /// Normal(mean, std).
    public static func normal_(_ t: Tensor, mean: Double = 0, std: Double = 1) throws {
        try t.copy_(Tensor.randn(t.shape, dtype: .float64) * std + mean)
    }

    /// Constant value.
    public static func constant_(_ t: Tensor, _ value: Double) { t.fill_(value) }

    /// Zeros.
    public static func zeros_(_ t: Tensor) { t.fill_(0) }

    /// (fan_in, fan_out) for a weight: dim 1 × receptive field and dim 0 × receptive field.
    public static func fans(_ shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else {
            throw NNError.invalidArgument("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let rf = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * rf, shape[0] * rf)
    }

    /// He/Kaiming uniform for leaky-ReLU slope `a` on fan_in: bound = gain·√(3/fan_in), gain = √(2/(1+a²)).
    /// `a = √5` is PyTorch's default for Linear and Conv weights (bound 1/√fan_in).
    public static func kaimingUniform_(_ t: Tensor, a: Double = 0) throws {
        let (fanIn, _) = try fans(t.shape)
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let bound = gain * (3.0 / Double(Swift.max(fanIn, 1))).squareRoot()
        try uniform_(t, -bound, bound)
    }

    /// Xavier/Glorot uniform.
    public static func xavierUniform_(_ t: Tensor, gain: Double = 1) throws {
        let (fi, fo) = try fans(t.shape)
        let bound = gain * (6.0 / Double(fi + fo)).squareRoot()
        try uniform_(t, -bound, bound)
    }

    /// (Semi-)orthogonal matrix scaled by `gain` (PyTorch's `orthogonal_`, used by SB3's PPO/A2C):
    /// QR of a normal matrix (rows = dim 0, cols = the rest), signs fixed so R's diagonal is positive.
    public static func orthogonal_(_ t: Tensor, gain: Double = 1) throws {
        guard t.rank >= 2 else { throw NNError.invalidArgument("Only tensors with 2 or more dimensions are supported") }
        let rows = t.shape[0], cols = t.count / Swift.max(rows, 1)
        let transpose = rows < cols
        let (m, n) = transpose ? (cols, rows) : (rows, cols)   // m ≥ n; orthonormal columns
        var a = Tensor.randn([m, n], dtype: .float64).scalars    // row-major m×n
        // Modified Gram–Schmidt on columns (R's diagonal comes out positive, matching the sign fix).
        for j in 0..<n {
            for k in 0..<j {
                var dot = 0.0
                for i in 0..<m { dot += a[i * n + k] * a[i * n + j] }
                for i in 0..<m { a[i * n + j] -= dot * a[i * n + k] }
            }
            var norm = 0.0
            for i in 0..<m { norm += a[i * n + j] * a[i * n + j] }
            norm = norm.squareRoot()
            if norm > 0 { for i in 0..<m { a[i * n + j] /= norm } }
        }
        var q = try Tensor(a, shape: [m, n], dtype: .float64)
        if transpose { q = try q.t().contiguous() }
        try t.copy_(try (q * gain).reshape(t.shape))
    }
}
