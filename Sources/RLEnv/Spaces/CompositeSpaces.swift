import RLSupport

/// `Tuple(spaces)`: a tuple of values, one per subspace (Gymnasium `spaces/tuple.py`).
/// Named `TupleSpace` in Swift; prints as `Tuple(...)`.
public final class TupleSpace: Space {
    /// The subspaces, in order.
    public let spaces: [Space]

    public init(_ spaces: [Space], seed: Int? = nil) {
        self.spaces = spaces
        super.init(shape: nil, dtype: nil)
        if let seed { _ = try? self.seed(seed) }
    }

    /// An int seed seeds this space, then draws one int32 seed per subspace; nil reseeds all from entropy.
    @discardableResult
    public override func seed(_ seed: Int?) throws -> [Int] {
        guard let seed else {
            for s in spaces { try s.seed(nil) }
            return []
        }
        generator = try NumpyGenerator.npRandom(seed: seed)
        let subseeds = npRandom.boundedFill(offset: 0, inclusiveRange: UInt64(Int32.max) - 1, count: spaces.count, width: .bits64)
        for (s, sub) in zip(spaces, subseeds) { try s.seed(sub) }
        return subseeds
    }

    public override func sample() -> EnvValue { .tuple(spaces.map { $0.sample() }) }

    public override func contains(_ value: EnvValue) -> Bool {
        guard case .tuple(let items) = value, items.count == spaces.count else { return false }
        return zip(spaces, items).allSatisfy { $0.contains($1) }
    }

    public override var description: String { "Tuple(" + spaces.map { $0.description }.joined(separator: ", ") + ")" }
}

/// `Dict(spaces)`: named subspaces (Gymnasium `spaces/dict.py`); keys sorted unless given as an ordered list.
/// Named `DictSpace` in Swift; prints as `Dict('key': space, ...)`.
public final class DictSpace: Space {
    /// Keys in order.
    public let keys: [String]
    /// Subspaces, parallel to `keys`.
    public let spaces: [Space]

    /// From a Swift dictionary: keys sorted, as Gymnasium sorts a plain dict.
    public convenience init(_ spaces: [String: Space], seed: Int? = nil) {
        let sorted = spaces.sorted { $0.key < $1.key }
        self.init(ordered: sorted.map { ($0.key, $0.value) }, seed: seed)
    }

    /// From ordered pairs (an `OrderedDict` or a list of pairs), order kept.
    public init(ordered pairs: [(String, Space)], seed: Int? = nil) {
        self.keys = pairs.map { $0.0 }
        self.spaces = pairs.map { $0.1 }
        super.init(shape: nil, dtype: nil)
        if let seed { _ = try? self.seed(seed) }
    }

    /// The subspace for `key`.
    public subscript(key: String) -> Space? {
        keys.firstIndex(of: key).map { spaces[$0] }
    }

    @discardableResult
    public override func seed(_ seed: Int?) throws -> [Int] {
        guard let seed else {
            for s in spaces { try s.seed(nil) }
            return []
        }
        generator = try NumpyGenerator.npRandom(seed: seed)
        let subseeds = npRandom.boundedFill(offset: 0, inclusiveRange: UInt64(Int32.max) - 1, count: spaces.count, width: .bits64)
        for (s, sub) in zip(spaces, subseeds) { try s.seed(sub) }
        return subseeds
    }

    public override func sample() -> EnvValue { .dict(keys: keys, values: spaces.map { $0.sample() }) }

    public override func contains(_ value: EnvValue) -> Bool {
        guard case .dict(let k, let v) = value, k == keys else { return false }
        return zip(spaces, v).allSatisfy { $0.contains($1) }
    }

    public override var description: String {
        "Dict(" + zip(keys, spaces).map { "'\($0)': \($1)" }.joined(separator: ", ") + ")"
    }
}
