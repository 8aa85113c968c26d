/// SplitMix64 (Steele, Lea and Flood 2014; constants from Vigna's splitmix64.c): a small
/// deterministic generator for the interpreter's `random` and for deriving env seeds from a book seed.
public struct SplitMix64: Sendable {
    /// The increment added to the state per draw (2^64 / golden ratio).
    public static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The output function: mixes one 64-bit value.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= Self.golden
        return Self.mix(state)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// In `lo..<hiExclusive` (modulo reduction); `lo` when the range is empty.
    public mutating func nextInt(_ lo: Int, _ hiExclusive: Int) -> Int {
        let span = UInt64(bitPattern: Int64(hiExclusive &- lo))
        guard span > 0 else { return lo }
        return lo &+ Int(truncatingIfNeeded: next() % span)
    }
}
