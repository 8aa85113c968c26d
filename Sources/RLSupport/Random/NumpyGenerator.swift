// Port of the `numpy.random.Generator` methods Gymnasium uses, over `PCG64`
// (numpy/random/_generator.pyx, numpy/random/src/distributions/distributions.c).
// Every method consumes the bit stream exactly as numpy does, so the same seed gives the
// same numbers as `np.random.default_rng(seed)` / `gymnasium.utils.seeding.np_random(seed)`.

/// numpy's `Generator(PCG64(SeedSequence(seed)))`: the random source of every env and space.
///
/// A reference type, like numpy's generator: an env and whoever holds its `npRandom` share one stream.
public final class NumpyGenerator {
    /// The bit generator.
    public var bitGenerator: PCG64
    /// The seed sequence the generator was built from.
    public let seedSequence: SeedSequence

    /// `np.random.default_rng(seed)` for a non-negative integer seed.
    public convenience init(seed: UInt64) {
        self.init(seedSequence: SeedSequence(seed))
    }

    /// `np.random.Generator(np.random.PCG64(seedSequence))`.
    public init(seedSequence: SeedSequence) {
        self.seedSequence = seedSequence
        self.bitGenerator = PCG64(seedSequence: seedSequence)
    }

    /// `np.random.default_rng()` seeded from operating-system entropy.
    public convenience init() {
        self.init(seedSequence: .fromSystemEntropy())
    }

    /// A generator as `gymnasium.utils.seeding.np_random(seed)`: `nil` draws OS entropy; negative seeds are refused.
    public static func npRandom(seed: Int?) throws(RandomError) -> NumpyGenerator {
        guard let seed else { return NumpyGenerator() }
        guard seed >= 0 else { throw RandomError.negativeSeed(seed) }
        return NumpyGenerator(seed: UInt64(seed))
    }

    /// An independent copy with the same state (for determinism checks).
    public func copy() -> NumpyGenerator {
        let g = NumpyGenerator(seedSequence: seedSequence)
        g.bitGenerator = bitGenerator
        return g
    }

    // MARK: raw streams

    /// The next raw 64-bit output.
    @inline(__always) public func nextUInt64() -> UInt64 { bitGenerator.nextUInt64() }
    /// The next 32-bit output (uses PCG64's half buffer, as numpy).
    @inline(__always) public func nextUInt32() -> UInt32 { bitGenerator.nextUInt32() }

    // MARK: uniform

    /// `random()`: a double in [0, 1) with 53 random bits.
    @inline(__always) public func random() -> Double { bitGenerator.nextDouble() }

    /// `random(count)`.
    public func random(count: Int) -> [Double] { (0..<max(0, count)).map { _ in random() } }

    /// `uniform(low, high)`: `low + (high - low) * random()`.
    @inline(__always) public func uniform(low: Double = 0, high: Double = 1) -> Double {
        low + (high - low) * random()
    }

    /// `uniform(low, high, size=count)`.
    public func uniform(low: Double, high: Double, count: Int) -> [Double] {
        let range = high - low
        return (0..<max(0, count)).map { _ in low + range * random() }
    }

    /// `uniform(low=array, high=array)`: element-wise bounds, one draw per element in order.
    public func uniform(lows: [Double], highs: [Double]) -> [Double] {
        zip(lows, highs).map { l, h in l + (h - l) * random() }
    }

    /// `bytes(length)`: random bytes from 32-bit words, as numpy.
    public func bytes(_ length: Int) -> [UInt8] {
        guard length > 0 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(length)
        let words = (length - 1) / 4 + 1
        for _ in 0..<words {
            let w = nextUInt32()
            for k in 0..<4 where out.count < length { out.append(UInt8(truncatingIfNeeded: w >> (8 * UInt32(k)))) }
        }
        return out
    }

    // MARK: normal / exponential (ziggurat)

    /// `standard_normal()`: numpy's 256-layer ziggurat (`random_standard_normal`).
    public func standardNormal() -> Double {
        while true {
            var r = nextUInt64()
            let idx = Int(r & 0xff)
            r >>= 8
            let sign = r & 0x1
            let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff
            var x = Double(rabs) * Ziggurat.wi[idx]
            if sign & 0x1 != 0 { x = -x }
            if rabs < Ziggurat.ki[idx] { return x }
            if idx == 0 {
                while true {
                    let xx = -Ziggurat.norInvR * log1p(-random())
                    let yy = -log1p(-random())
                    if yy + yy > xx * xx {
                        return (rabs >> 8) & 0x1 != 0 ? -(Ziggurat.norR + xx) : Ziggurat.norR + xx
                    }
                }
            } else {
                if (Ziggurat.fi[idx - 1] - Ziggurat.fi[idx]) * random() + Ziggurat.fi[idx] < exp(-0.5 * x * x) {
                    return x
                }
            }
        }
    }

    /// `normal(loc, scale)`: `loc + scale * standard_normal()`.
    public func normal(loc: Double = 0, scale: Double = 1) -> Double { loc + scale * standardNormal() }

    /// `standard_normal(size=count)`.
    public func standardNormal(count: Int) -> [Double] { (0..<max(0, count)).map { _ in standardNormal() } }

    /// `standard_exponential()`: numpy's ziggurat (`random_standard_exponential`).
    public func standardExponential() -> Double {
        while true {
            var ri = nextUInt64()
            ri >>= 3
            let idx = Int(ri & 0xff)
            ri >>= 8
            let x = Double(ri) * Ziggurat.we[idx]
            if ri < Ziggurat.ke[idx] { return x }
            if idx == 0 { return Ziggurat.expR - log1p(-random()) }
            if (Ziggurat.fe[idx - 1] - Ziggurat.fe[idx]) * random() + Ziggurat.fe[idx] < exp(-x) { return x }
            // otherwise numpy recurses: draw again
        }
    }

    /// `exponential(scale)`: `scale * standard_exponential()`.
    public func exponential(scale: Double = 1) -> Double { scale * standardExponential() }

    // MARK: choice

    /// `choice(n)`: a uniform index in 0..<n (`integers(0, n)`).
    public func choice(_ n: Int) throws(RandomError) -> Int {
        guard n > 0 else { throw RandomError.emptyPopulation(n) }
        return boundedInt(offset: 0, inclusiveRange: UInt64(n - 1))
    }

    /// `choice(n, p=p)`: validates `p` like numpy, then `cdf.searchsorted(random(), side="right")`.
    public func choice(_ n: Int, p: [Double]) throws(RandomError) -> Int {
        let cdf = try NumpyGenerator.choiceCDF(n, p: p)
        return NumpyGenerator.searchSortedRight(cdf, random())
    }

    /// `choice(n, size=count, p=p)`.
    public func choice(_ n: Int, count: Int, p: [Double]) throws(RandomError) -> [Int] {
        let cdf = try NumpyGenerator.choiceCDF(n, p: p)
        return (0..<max(0, count)).map { _ in NumpyGenerator.searchSortedRight(cdf, random()) }
    }

    /// numpy's validation and normalised cumulative sum for `choice(..., p=p)`.
    static func choiceCDF(_ n: Int, p: [Double]) throws(RandomError) -> [Double] {
        guard n > 0 else { throw RandomError.emptyPopulation(n) }
        guard p.count == n else { throw RandomError.probabilitySizeMismatch(population: n, probabilities: p.count) }
        // Kahan summation as numpy's `kahan_sum`.
        var sum = 0.0, c = 0.0
        for v in p {
            let y = v - c
            let t = sum + y
            c = (t - sum) - y
            sum = t
        }
        if sum.isNaN { throw RandomError.probabilityNaN }
        if p.contains(where: { $0 < 0 }) { throw RandomError.negativeProbability }
        let atol = (Double.ulpOfOne).squareRoot()
        if abs(sum - 1.0) > atol { throw RandomError.probabilitiesDoNotSumToOne(sum: sum) }
        var cdf = [Double](repeating: 0, count: n)
        var acc = 0.0
        for i in 0..<n { acc += p[i]; cdf[i] = acc }
        let last = cdf[n - 1]
        for i in 0..<n { cdf[i] /= last }
        return cdf
    }

    /// First index whose value is greater than `x` (`searchsorted(side="right")`).
    static func searchSortedRight(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x < a[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

