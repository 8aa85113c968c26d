// Port of numpy's PCG64 bit generator (numpy/random/src/pcg64/pcg64.h, pcg64.c, _pcg64.pyx):
// a 128-bit linear congruential generator with the XSL-RR output function, seeded from a
// `SeedSequence` exactly as `np.random.PCG64(seed_seq)` does, including the 32-bit half buffer
// used by `next_uint32`.

/// numpy's `PCG64` bit generator (128-bit LCG, XSL-RR 64-bit output).
public struct PCG64: Sendable, Equatable {
    /// High and low 64-bit halves of the 128-bit state.
    public var stateHigh: UInt64, stateLow: UInt64
    /// High and low halves of the (odd) 128-bit increment.
    public var incHigh: UInt64, incLow: UInt64
    /// The buffered upper half of the last 64-bit output, used by `nextUInt32` (numpy's `has_uint32`).
    public var bufferedUInt32: UInt32?

    /// PCG_DEFAULT_MULTIPLIER_128.
    static let multHigh: UInt64 = 2_549_297_995_355_413_924
    static let multLow: UInt64 = 4_865_540_595_714_422_341

    /// Seeds as `np.random.PCG64(seedSequence)`: `generate_state(4, uint64)` gives (seed hi, seed lo, inc hi, inc lo).
    public init(seedSequence: SeedSequence) {
        let v = seedSequence.generateState64(4)
        self.init(seedHigh: v[0], seedLow: v[1], initSeqHigh: v[2], initSeqLow: v[3])
    }

    /// Seeds as `pcg_setseq_128_srandom_r(initstate, initseq)`.
    public init(seedHigh: UInt64, seedLow: UInt64, initSeqHigh: UInt64, initSeqLow: UInt64) {
        stateHigh = 0; stateLow = 0
        incHigh = (initSeqHigh << 1) | (initSeqLow >> 63)
        incLow = (initSeqLow << 1) | 1
        bufferedUInt32 = nil
        step()
        let (lo, carry) = stateLow.addingReportingOverflow(seedLow)
        stateLow = lo
        stateHigh = stateHigh &+ seedHigh &+ (carry ? 1 : 0)
        step()
    }

    /// state = state * MULT + inc (mod 2^128).
    @inline(__always)
    mutating func step() {
        let (hi, lo) = stateLow.multipliedFullWidth(by: PCG64.multLow)
        var high = hi &+ stateLow &* PCG64.multHigh &+ stateHigh &* PCG64.multLow
        let (newLow, carry) = lo.addingReportingOverflow(incLow)
        high = high &+ incHigh &+ (carry ? 1 : 0)
        stateHigh = high
        stateLow = newLow
    }

    /// The next raw 64-bit output (`pcg64_next64`): advance, then XSL-RR of the new state.
    @inline(__always)
    public mutating func nextUInt64() -> UInt64 {
        step()
        let x = stateHigh ^ stateLow
        let rot = stateHigh >> 58
        return (x >> rot) | (x << ((64 &- rot) & 63))
    }

    /// The next 32-bit output (`pcg64_next32`): low half of a fresh 64-bit output, then its buffered high half.
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if let b = bufferedUInt32 {
            bufferedUInt32 = nil
            return b
        }
        let n = nextUInt64()
        bufferedUInt32 = UInt32(truncatingIfNeeded: n >> 32)
        return UInt32(truncatingIfNeeded: n)
    }

    /// The next double in [0, 1) with 53 random bits (`next_double`).
    @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(nextUInt64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// 128-bit wrapping multiply of (ah, al) by (bh, bl).
    @inline(__always)
    static func mul(_ ah: UInt64, _ al: UInt64, _ bh: UInt64, _ bl: UInt64) -> (UInt64, UInt64) {
        let (hi, lo) = al.multipliedFullWidth(by: bl)
        return (hi &+ al &* bh &+ ah &* bl, lo)
    }

    /// 128-bit wrapping add.
    @inline(__always)
    static func add(_ ah: UInt64, _ al: UInt64, _ bh: UInt64, _ bl: UInt64) -> (UInt64, UInt64) {
        let (lo, c) = al.addingReportingOverflow(bl)
        return (ah &+ bh &+ (c ? 1 : 0), lo)
    }

    /// Jumps the stream ahead by `delta` 64-bit draws (numpy's `PCG64.advance`, `pcg_advance_lcg_128`);
    /// clears the buffered 32-bit half as numpy does.
    public mutating func advance(by delta: UInt64) {
        var curMult = (PCG64.multHigh, PCG64.multLow)
        var curPlus = (incHigh, incLow)
        var accMult: (UInt64, UInt64) = (0, 1)
        var accPlus: (UInt64, UInt64) = (0, 0)
        var d = delta
        while d > 0 {
            if d & 1 == 1 {
                accMult = PCG64.mul(accMult.0, accMult.1, curMult.0, curMult.1)
                let t = PCG64.mul(accPlus.0, accPlus.1, curMult.0, curMult.1)
                accPlus = PCG64.add(t.0, t.1, curPlus.0, curPlus.1)
            }
            let m1 = PCG64.add(curMult.0, curMult.1, 0, 1)
            curPlus = PCG64.mul(m1.0, m1.1, curPlus.0, curPlus.1)
            curMult = PCG64.mul(curMult.0, curMult.1, curMult.0, curMult.1)
            d >>= 1
        }
        let t = PCG64.mul(accMult.0, accMult.1, stateHigh, stateLow)
        (stateHigh, stateLow) = PCG64.add(t.0, t.1, accPlus.0, accPlus.1)
        bufferedUInt32 = nil
    }

    /// The 128-bit state as a decimal string (as numpy's `bit_generator.state["state"]["state"]`).
    public var stateDecimal: String { PCG64.decimal(high: stateHigh, low: stateLow) }
    /// The 128-bit increment as a decimal string.
    public var incDecimal: String { PCG64.decimal(high: incHigh, low: incLow) }

    static func decimal(high: UInt64, low: UInt64) -> String {
        var h = high, l = low
        if h == 0 { return String(l) }
        var digits: [Character] = []
        while h != 0 || l != 0 {
            // divide (h, l) by 10
            let (qh, rh) = h.quotientAndRemainder(dividingBy: 10)
            let (ql, rl) = (10 as UInt64).dividingFullWidth((rh, l))
            h = qh; l = ql
            digits.append(Character(String(rl)))
        }
        return String(digits.reversed())
    }
}
