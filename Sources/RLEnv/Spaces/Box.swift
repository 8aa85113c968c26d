import RLSupport

/// `Box(low, high, shape, dtype)`: a (possibly unbounded) box in R^n (Gymnasium `spaces/box.py`).
///
/// Bounds are stored cast to the dtype (float32 bounds are float32 values widened exactly);
/// `-inf` / `inf` make a coordinate unbounded below / above.
public final class Box: Space {
    /// Lower bounds, row-major, one per element.
    public let low: [Double]
    /// Upper bounds.
    public let high: [Double]
    /// Which coordinates have a finite lower bound.
    public let boundedBelow: [Bool]
    /// Which coordinates have a finite upper bound.
    public let boundedAbove: [Bool]
    let elementDType: DType
    let boxShape: [Int]

    /// `Box(low, high, shape, dtype)` with scalar bounds broadcast to `shape`.
    public convenience init(low: Double, high: Double, shape: [Int], dtype: DType = .float32, seed: Int? = nil) throws {
        let n = shape.reduce(1, *)
        try self.init(low: [Double](repeating: low, count: n), high: [Double](repeating: high, count: n), shape: shape, dtype: dtype, seed: seed)
    }

    /// `Box(low_array, high_array, dtype=...)` (shape from the arrays unless given).
    public init(low: [Double], high: [Double], shape: [Int]? = nil, dtype: DType = .float32, seed: Int? = nil) throws {
        let shape = shape ?? [low.count]
        let n = shape.reduce(1, *)
        guard low.count == n else { throw SpaceError.invalidArgument("Box low.shape doesn't match provided shape, low.shape=(\(low.count),), shape=\(Space.shapeText(shape))") }
        guard high.count == n else { throw SpaceError.invalidArgument("Box high.shape doesn't match provided shape, high.shape=(\(high.count),), shape=\(Space.shapeText(shape))") }
        if low.contains(where: { $0.isNaN }) { throw SpaceError.invalidArgument("No low value can be equal to `np.nan`, low=\(low)") }
        if high.contains(where: { $0.isNaN }) { throw SpaceError.invalidArgument("No high value can be equal to `np.nan`, high=\(high)") }
        let range = dtype.range
        var lo = low, hi = high
        for i in 0..<n {
            if lo[i] == -.infinity {
                if dtype == .uint8 || dtype == .bool { throw SpaceError.invalidArgument("Box unsigned int dtype don't support `-np.inf`, low=\(low)") }
                if !dtype.isFloat { lo[i] = range.min }
            } else if lo[i] < range.min { throw SpaceError.invalidArgument("Box low is out of bounds of the dtype range, low=\(lo[i]), min dtype=\(range.min)") }
            if hi[i] == .infinity {
                if dtype == .uint8 || dtype == .bool { throw SpaceError.invalidArgument("Box unsigned int dtype don't support `np.inf`, high=\(high)") }
                if !dtype.isFloat { hi[i] = range.max }
            } else if hi[i] > range.max { throw SpaceError.invalidArgument("Box high is out of bounds of the dtype range, high=\(hi[i]), max dtype=\(range.max)") }
            if lo[i].isFinite { lo[i] = dtype.cast(lo[i]) }
            if hi[i].isFinite { hi[i] = dtype.cast(hi[i]) }
        }
        if zip(lo, hi).contains(where: { $0 > $1 }) {
            throw SpaceError.invalidArgument("Box all low values must be less than or equal to high (some values break this), low=\(lo), high=\(hi)")
        }
        self.low = lo
        self.high = hi
        self.boundedBelow = low.map { $0 > -.infinity }
        self.boundedAbove = high.map { $0 < .infinity }
        self.elementDType = dtype
        self.boxShape = shape
        super.init(shape: shape, dtype: dtype, seed: seed)
    }

    /// Whether every coordinate is bounded (`manner`: "both", "below" or "above").
    public func isBounded(_ manner: String = "both") -> Bool {
        switch manner {
        case "below": return boundedBelow.allSatisfy { $0 }
        case "above": return boundedAbove.allSatisfy { $0 }
        default: return boundedBelow.allSatisfy { $0 } && boundedAbove.allSatisfy { $0 }
        }
    }

    /// Gymnasium's sampling: normal draws for unbounded coordinates, then exponential for
    /// low-bounded, then exponential for high-bounded, then uniform for bounded ones; integer
    /// dtypes take the floor of a uniform on [low, high + 1).
    public override func sample() -> EnvValue { .array(sampleArray()) }

    /// The sample as an `EnvArray` of the box's dtype and shape.
    public func sampleArray() -> EnvArray {
        let n = low.count
        let isFloat = elementDType.isFloat
        let g = npRandom
        var s = [Double](repeating: 0, count: n)
        let hi: [Double] = isFloat ? high : high.map { $0 + 1 }
        for i in 0..<n where !boundedBelow[i] && !boundedAbove[i] { s[i] = g.standardNormal() }
        for i in 0..<n where boundedBelow[i] && !boundedAbove[i] { s[i] = g.standardExponential() + low[i] }
        for i in 0..<n where !boundedBelow[i] && boundedAbove[i] { s[i] = -g.standardExponential() + hi[i] }
        for i in 0..<n where boundedBelow[i] && boundedAbove[i] { s[i] = low[i] + (hi[i] - low[i]) * g.random() }
        if !isFloat {
            var r = elementDType.range
            if elementDType == .int64 { r = (r.min + 2, r.max - 2) }
            for i in 0..<n { s[i] = min(max(s[i].rounded(.down), r.min), r.max) }
            if elementDType == .int64 { for i in 0..<n { s[i] = min(max(s[i], low[i]), high[i]) } }
        }
        if elementDType == .float32 { return EnvArray(float32: s.map { Float($0) }, shape: boxShape) }
        return EnvArray(s, shape: boxShape, dtype: elementDType)
    }

    public override func contains(_ value: EnvValue) -> Bool {
        guard case .array(let a) = value else { return false }
        return containsArray(a)
    }

    /// `x in box` for an array: castable dtype, same shape, within bounds.
    public func containsArray(_ a: EnvArray) -> Bool {
        guard a.dtype.canCast(to: elementDType), a.shape == boxShape, a.count == low.count else { return false }
        for i in 0..<low.count {
            let v = a[flat: i]
            if !(v >= low[i] && v <= high[i]) { return false }
        }
        return true
    }

    /// `Box(low, high, shape, dtype)` with numpy's short forms of the bounds.
    public override var description: String {
        "Box(\(Box.shortRepr(low, elementDType, boxShape)), \(Box.shortRepr(high, elementDType, boxShape)), \(Space.shapeText(boxShape)), \(elementDType))"
    }

    /// Gymnasium's `array_short_repr`: the scalar when all equal, else numpy's `str(array)`.
    static func shortRepr(_ values: [Double], _ dtype: DType, _ shape: [Int]) -> String {
        if let f = values.first, values.allSatisfy({ $0 == f }) { return NumpyFormat.scalar(f, dtype: dtype) }
        return NumpyFormat.array(EnvArray(values, shape: shape, dtype: dtype))
    }

    public override func isEqual(to other: Space) -> Bool {
        guard let o = other as? Box else { return false }
        return o.boxShape == boxShape && o.elementDType == elementDType && o.low == low && o.high == high
    }

    /// Clips an array into the box (`np.clip(x, low, high)`), keeping the array's dtype.
    public func clip(_ a: EnvArray) -> EnvArray {
        var v = a.scalars
        for i in 0..<min(v.count, low.count) { v[i] = min(max(v[i], low[i]), high[i]) }
        return EnvArray(v, shape: a.shape, dtype: a.dtype)
    }
}
