// numpy's bounded-integer algorithms for `Generator.integers` (Lemire's nearly-divisionless
// rejection, numpy/random/src/distributions/distributions.c: `random_bounded_uint64_fill`,
// `buffered_bounded_lemire_uint32/16/8`, `bounded_lemire_uint64`, `buffered_uint16/8`).
// numpy picks the variant from the dtype and the range; the 8- and 16-bit variants share a
// 32-bit buffer within one call, so `count` variants must draw in one go to match numpy.

/// The integer widths numpy's `integers(dtype=...)` distinguishes.
public enum IntegerWidth: Sendable {
    /// int8 / uint8 / bool.
    case bits8
    /// int16 / uint16.
    case bits16
    /// int32 / uint32.
    case bits32
    /// int64 / uint64 (numpy's default `int64`).
    case bits64
}

extension NumpyGenerator {
    /// `integers(high)` = `integers(0, high)`.
    public func integers(_ high: Int) throws(RandomError) -> Int {
        try integers(low: 0, high: high)
    }

    /// `integers(low, high)` (int64, high exclusive).
    public func integers(low: Int, high: Int) throws(RandomError) -> Int {
        guard high > low else { throw RandomError.emptyRange(low: low, high: high) }
        let rng = UInt64(bitPattern: Int64(high).subtractingReportingOverflow(Int64(low)).partialValue) &- 1
        return boundedInt(offset: low, inclusiveRange: rng)
    }

    /// `integers(low, high, size=count, dtype=...)`, drawing all values in one call as numpy does
    /// (8- and 16-bit dtypes buffer several values per 32-bit draw).
    public func integers(low: Int, high: Int, count: Int, width: IntegerWidth = .bits64) throws(RandomError) -> [Int] {
        guard high > low else { throw RandomError.emptyRange(low: low, high: high) }
        let rng = UInt64(bitPattern: Int64(high).subtractingReportingOverflow(Int64(low)).partialValue) &- 1
        return boundedFill(offset: low, inclusiveRange: rng, count: max(0, count), width: width)
    }

    /// One int64 in `offset ... offset + inclusiveRange` (`random_bounded_uint64` with `use_masked=False`).
    @inline(__always)
    public func boundedInt(offset: Int, inclusiveRange rng: UInt64) -> Int {
        let off = UInt64(bitPattern: Int64(offset))
        if rng == 0 { return offset }
        if rng <= 0xFFFF_FFFF {
            if rng == 0xFFFF_FFFF { return Int(Int64(bitPattern: off &+ UInt64(nextUInt32()))) }
            return Int(Int64(bitPattern: off &+ UInt64(lemire32(UInt32(rng)))))
        }
        if rng == UInt64.max { return Int(Int64(bitPattern: off &+ nextUInt64())) }
        return Int(Int64(bitPattern: off &+ lemire64(rng)))
    }

    /// `count` values in `offset ... offset + inclusiveRange` for the given dtype width.
    public func boundedFill(offset: Int, inclusiveRange rng: UInt64, count: Int, width: IntegerWidth) -> [Int] {
        var out = [Int](repeating: offset, count: count)
        guard rng != 0, count > 0 else { return out }
        switch width {
        case .bits64:
            for i in 0..<count { out[i] = boundedInt(offset: offset, inclusiveRange: rng) }
        case .bits32:
            let r = UInt32(truncatingIfNeeded: rng)
            for i in 0..<count {
                let v = r == .max ? nextUInt32() : lemire32(r)
                out[i] = offset &+ Int(v)
            }
        case .bits16:
            let r = UInt16(truncatingIfNeeded: rng)
            var buf: UInt32 = 0, bcnt = 0
            for i in 0..<count {
                let v: UInt16
                if r == .max { v = buffered16(&bcnt, &buf) } else { v = lemire16(r, &bcnt, &buf) }
                out[i] = offset &+ Int(v)
            }
        case .bits8:
            let r = UInt8(truncatingIfNeeded: rng)
            var buf: UInt32 = 0, bcnt = 0
            for i in 0..<count {
                let v: UInt8
                if r == .max { v = buffered8(&bcnt, &buf) } else { v = lemire8(r, &bcnt, &buf) }
                out[i] = offset &+ Int(v)
            }
        }
        return out
    }

    @inline(__always)
    func lemire32(_ rng: UInt32) -> UInt32 {
        let excl = rng &+ 1
        var m = UInt64(nextUInt32()) &* UInt64(excl)
        var leftover = UInt32(truncatingIfNeeded: m)
        if leftover < excl {
            let threshold = (UInt32.max &- rng) % excl
            while leftover < threshold {
                m = UInt64(nextUInt32()) &* UInt64(excl)
                leftover = UInt32(truncatingIfNeeded: m)
            }
        }
        return UInt32(truncatingIfNeeded: m >> 32)
    }

    @inline(__always)
    func lemire64(_ rng: UInt64) -> UInt64 {
        let excl = rng &+ 1
        var (hi, lo) = nextUInt64().multipliedFullWidth(by: excl)
        if lo < excl {
            let threshold = (UInt64.max &- rng) % excl
            while lo < threshold {
                (hi, lo) = nextUInt64().multipliedFullWidth(by: excl)
            }
        }
        return hi
    }

    @inline(__always)
    func buffered16(_ bcnt: inout Int, _ buf: inout UInt32) -> UInt16 {
        if bcnt == 0 { buf = nextUInt32(); bcnt = 1 } else { buf >>= 16; bcnt -= 1 }
        return UInt16(truncatingIfNeeded: buf)
    }

    @inline(__always)
    func buffered8(_ bcnt: inout Int, _ buf: inout UInt32) -> UInt8 {
        if bcnt == 0 { buf = nextUInt32(); bcnt = 3 } else { buf >>= 8; bcnt -= 1 }
        return UInt8(truncatingIfNeeded: buf)
    }

    func lemire16(_ rng: UInt16, _ bcnt: inout Int, _ buf: inout UInt32) -> UInt16 {
        let excl = UInt32(rng) + 1
        var m = UInt32(buffered16(&bcnt, &buf)) * excl
        var leftover = m & 0xFFFF
        if leftover < excl {
            let threshold = (UInt32(UInt16.max) - UInt32(rng)) % excl
            while leftover < threshold {
                m = UInt32(buffered16(&bcnt, &buf)) * excl
                leftover = m & 0xFFFF
            }
        }
        return UInt16(truncatingIfNeeded: m >> 16)
    }

    func lemire8(_ rng: UInt8, _ bcnt: inout Int, _ buf: inout UInt32) -> UInt8 {
        let excl = UInt32(rng) + 1
        var m = UInt32(buffered8(&bcnt, &buf)) * excl
        var leftover = m & 0xFF
        if leftover < excl {
            let threshold = (UInt32(UInt8.max) - UInt32(rng)) % excl
            while leftover < threshold {
                m = UInt32(buffered8(&bcnt, &buf)) * excl
                leftover = m & 0xFF
            }
        }
        return UInt8(truncatingIfNeeded: m >> 8)
    }
}
