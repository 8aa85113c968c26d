import RLSupport

/// A seeded source of random numbers for tensor creation, sampling and initialisers.
///
/// The engine's global generator (`Tensor.generator`) conforms; `manualSeed` reseeds it.
public protocol RandomSource: AnyObject {
    /// Reseeds the generator.
    func seed(_ s: UInt64)
    /// A uniform Double in [0, 1).
    func nextDouble() -> Double
    /// A standard normal Double.
    func nextGaussian() -> Double
}

/// numpy's `default_rng(seed)` (PCG64 + SeedSequence, ziggurat normals) from RLSupport, so that
/// `manualSeed(s); Tensor.rand([n], dtype: .float64)` equals `np.random.default_rng(s).random(n)`
/// and `randn` equals `standard_normal`.
public final class NumpyRandomSource: RandomSource {
    /// The underlying numpy-compatible generator.
    public private(set) var generator: NumpyGenerator

    public init(seed: UInt64 = 0) { generator = NumpyGenerator(seed: seed) }

    public func seed(_ s: UInt64) { generator = NumpyGenerator(seed: s) }
    public func nextDouble() -> Double { generator.random() }
    public func nextGaussian() -> Double { generator.standardNormal() }
}

extension Tensor {
    /// The global generator used by `rand`, `randn`, sampling and initialisers.
    nonisolated(unsafe) public static var generator: RandomSource = NumpyRandomSource(seed: 0)
}

/// Reseeds the global generator (PyTorch's `torch.manual_seed`; the stream is numpy's `default_rng(seed)`).
public func manualSeed(_ seed: Int) {
    Tensor.generator.seed(UInt64(bitPattern: Int64(seed)))
}
