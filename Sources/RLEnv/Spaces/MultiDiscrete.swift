import RLSupport

/// `MultiDiscrete(nvec, start:)`: a vector of discrete values, element i in `start[i] ..< start[i] + nvec[i]`
/// (Gymnasium `spaces/multi_discrete.py`).
public final class MultiDiscrete: Space {
    /// Number of values per coordinate.
    public let nvec: [Int]
    /// Smallest value per coordinate.
    public let start: [Int]

    public init(_ nvec: [Int], start: [Int]? = nil, seed: Int? = nil) throws {
        let start = start ?? [Int](repeating: 0, count: nvec.count)
        guard start.count == nvec.count else { throw SpaceError.invalidArgument("Start shape (\(start.count),) must match nvec shape (\(nvec.count),)") }
        guard nvec.allSatisfy({ $0 > 0 }) else { throw SpaceError.invalidArgument("nvec (counts) have to be positive, actual value: \(nvec)") }
        self.nvec = nvec
        self.start = start
        super.init(shape: [nvec.count], dtype: .int64, seed: seed)
    }

    /// `(random(shape) * nvec).astype(int64) + start`.
    public override func sample() -> EnvValue {
        let g = npRandom
        let v = nvec.indices.map { i in Int((g.random() * Double(nvec[i])).rounded(.towardZero)) + start[i] }
        return .array(EnvArray(ints: v))
    }

    public override func contains(_ value: EnvValue) -> Bool {
        guard case .array(let a) = value, a.shape == [nvec.count], !a.dtype.isFloat else { return false }
        for i in nvec.indices {
            let x = Int(a[flat: i])
            if x < start[i] || x > start[i] + nvec[i] - 1 { return false }
        }
        return true
    }

    public override var description: String {
        let nv = NumpyFormat.array(EnvArray(ints: nvec))
        if start.contains(where: { $0 != 0 }) { return "MultiDiscrete(\(nv), start=\(NumpyFormat.array(EnvArray(ints: start))))" }
        return "MultiDiscrete(\(nv))"
    }
}

/// `MultiBinary(n)`: vectors of 0/1 values, dtype int8 (Gymnasium `spaces/multi_binary.py`).
public final class MultiBinary: Space {
    /// Shape of the binary array.
    public let n: [Int]

    public init(_ n: Int, seed: Int? = nil) throws {
        guard n > 0 else { throw SpaceError.invalidArgument("Expected n to be positive, actual value: \(n)") }
        self.n = [n]
        super.init(shape: [n], dtype: .int8, seed: seed)
    }

    public init(shape: [Int], seed: Int? = nil) throws {
        guard shape.allSatisfy({ $0 > 0 }) else { throw SpaceError.invalidArgument("Expected all n to be positive, actual value: \(shape)") }
        self.n = shape
        super.init(shape: shape, dtype: .int8, seed: seed)
    }

    /// `integers(0, 2, size=n, dtype=int8)` (numpy's buffered 8-bit draws).
    public override func sample() -> EnvValue {
        let count = n.reduce(1, *)
        let v = npRandom.boundedFill(offset: 0, inclusiveRange: 1, count: count, width: .bits8)
        return .array(EnvArray(ints: v, shape: n, dtype: .int8))
    }

    public override func contains(_ value: EnvValue) -> Bool {
        guard case .array(let a) = value, a.shape == n else { return false }
        return a.scalars.allSatisfy { $0 == 0 || $0 == 1 }
    }

    public override var description: String {
        n.count == 1 ? "MultiBinary(\(n[0]))" : "MultiBinary(\(Space.shapeText(n)))"
    }
}
