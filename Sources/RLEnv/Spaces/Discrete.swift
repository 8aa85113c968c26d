import RLSupport

/// `Discrete(n, start:)`: the integers `start ..< start + n` (Gymnasium `spaces/discrete.py`).
public final class Discrete: Space {
    /// Number of elements.
    public let n: Int
    /// Smallest element.
    public let start: Int

    /// `Discrete(n, seed=None, start=0)`; `n` must be positive.
    public init(_ n: Int, start: Int = 0, seed: Int? = nil) throws {
        guard n > 0 else { throw SpaceError.invalidArgument("n (counts) have to be positive, actual value: \(n)") }
        self.n = n
        self.start = start
        super.init(shape: [], dtype: .int64, seed: seed)
    }

    /// A non-throwing constructor for sizes known to be positive (env definitions).
    init(validated n: Int, start: Int = 0) {
        self.n = max(1, n)
        self.start = start
        super.init(shape: [], dtype: .int64)
    }

    /// `start + integers(n)`.
    public override func sample() -> EnvValue { .int(sampleInt()) }

    /// The sample as an `Int`.
    @inline(__always)
    public func sampleInt() -> Int { start + npRandom.boundedInt(offset: 0, inclusiveRange: UInt64(n - 1)) }

    /// `sample(mask=...)` (uniform over the entries equal to 1, or `start` if none) or
    /// `sample(probability=...)` (`choice(n, p=probability)`); not both.
    public func sample(mask: [Int8]? = nil, probability: [Double]? = nil) throws -> Int {
        if let mask, let probability {
            throw SpaceError.invalidArgument("Only one of `mask` or `probability` can be provided, actual values: mask=\(mask), probability=\(probability)")
        }
        if let mask {
            guard mask.count == n else { throw SpaceError.invalidArgument("The expected shape of the sample mask is (\(n),), actual shape: (\(mask.count),)") }
            guard mask.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw SpaceError.invalidArgument("All values of the sample mask should be 0 or 1, actual values: \(mask)") }
            let valid = mask.indices.filter { mask[$0] == 1 }
            if valid.isEmpty { return start }
            return start + valid[npRandom.boundedInt(offset: 0, inclusiveRange: UInt64(valid.count - 1))]
        }
        if let probability {
            guard probability.count == n else { throw SpaceError.invalidArgument("The expected shape of the sample probability is (\(n),), actual shape: (\(probability.count),)") }
            guard probability.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { throw SpaceError.invalidArgument("All values of the sample probability should be between 0 and 1, actual values: \(probability)") }
            let sum = probability.reduce(0, +)
            guard abs(sum - 1) <= 1e-8 + 1e-5 else { throw SpaceError.invalidArgument("The sum of the sample probability should be equal to 1, actual sum: \(sum)") }
            do { return start + (try npRandom.choice(n, p: probability)) } catch { throw SpaceError.invalidArgument(error.description) }
        }
        return sampleInt()
    }

    public override func contains(_ value: EnvValue) -> Bool {
        guard let i = value.intValue else { return false }
        if case .array(let a) = value, !a.shape.isEmpty { return false }
        return start <= i && i < start + n
    }

    public override var description: String {
        start != 0 ? "Discrete(\(n), start=\(start))" : "Discrete(\(n))"
    }
}
