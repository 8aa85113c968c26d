import RLSupport

/// The base of all spaces (Gymnasium's `gymnasium.spaces.Space`): a set of values with its own
/// random generator for `sample()`, seeded with `seed(_:)` exactly like Gymnasium.
open class Space: CustomStringConvertible {
    /// Shape of the values (`[]` for scalars, nil for composite spaces).
    public let shape: [Int]?
    /// Element dtype (nil for composite spaces).
    public let dtype: DType?
    var generator: NumpyGenerator?

    public init(shape: [Int]?, dtype: DType?, seed: Int? = nil) {
        self.shape = shape
        self.dtype = dtype
        if let seed { _ = try? self.seed(seed) }
    }

    /// The space's generator; created from OS entropy on first use, as Gymnasium's `np_random`.
    public var npRandom: NumpyGenerator {
        get {
            if let g = generator { return g }
            let g = NumpyGenerator()
            generator = g
            return g
        }
        set { generator = newValue }
    }

    /// Reseeds the generator (`space.seed(seed)`); returns the seeds used (one per subspace for composites).
    @discardableResult
    open func seed(_ seed: Int?) throws -> [Int] {
        generator = try NumpyGenerator.npRandom(seed: seed)
        return seed.map { [$0] } ?? []
    }

    /// A random element (`space.sample()`).
    /// The base space has no elements to draw; subclasses override this.
    open func sample() -> EnvValue { .tuple([]) }

    /// Whether `value` belongs to the space (`value in space`).
    open func contains(_ value: EnvValue) -> Bool { false }

    /// Builds a value of this space from plain numbers (what a cell passes to `env.step`): an `.int`
    /// for `Discrete`, an array of the space's dtype and shape for `Box` / `MultiDiscrete` / `MultiBinary`.
    /// Returns nil when the count does not fit the space.
    public func value(fromScalars scalars: [Double]) -> EnvValue? {
        if self is Discrete {
            guard scalars.count == 1, let v = scalars.first, v == v.rounded() else { return nil }
            return .int(Int(v))
        }
        guard let shape, let dtype, shape.reduce(1, *) == scalars.count else { return nil }
        return .array(EnvArray(scalars, shape: shape, dtype: dtype))
    }

    /// Gymnasium's `repr`.
    open var description: String { "Space(\(shape.map { "\($0)" } ?? "None"), \(dtype.map { "\($0)" } ?? "None"))" }

    /// Structural equality as Gymnasium's `__eq__`.
    open func isEqual(to other: Space) -> Bool { description == other.description }

    /// `Python tuple` text of a shape: `(3,)`, `(96, 96, 3)`, `()`.
    public static func shapeText(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
