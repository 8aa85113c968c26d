extension NumpyGenerator {
    /// The generator's state as five words (PCG64's state and increment, and the buffered half-word).
    public var stateWords: [UInt64] {
        let b = bitGenerator
        return [b.stateHigh, b.stateLow, b.incHigh, b.incLow, b.bufferedUInt32.map { UInt64($0) | (1 << 32) } ?? 0]
    }

    /// Sets the state from `stateWords`; false when `w` is not five words.
    @discardableResult
    public func setStateWords(_ w: [UInt64]) -> Bool {
        guard w.count == 5 else { return false }
        bitGenerator.stateHigh = w[0]
        bitGenerator.stateLow = w[1]
        bitGenerator.incHigh = w[2]
        bitGenerator.incLow = w[3]
        bitGenerator.bufferedUInt32 = w[4] >> 32 != 0 ? UInt32(truncatingIfNeeded: w[4]) : nil
        return true
    }
}
