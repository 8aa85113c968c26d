/// Python's float formatting, as SB3's log outputs use it: `f"{v:<8.3g}"` (the stdout table) and
/// `str(v)` (progress.csv).
///
/// `general` is Python's `format(v, ".Ng")` (Python/pystrtod.c `format_float_short`, mode 2 of
/// dtoa.c): correctly rounded from the exact binary value, ties to even, trailing zeros removed,
/// scientific notation when the exponent is below -4 or at least the precision, exponent with a sign
/// and at least two digits. The exact decimal expansion of the double comes from a small big-integer
/// product (m * 2^e or m * 5^-e), so no rounding happens before the one Python does.
/// `repr` is Python's `repr(float)`: the shortest digits that round-trip (Swift's `description`
/// gives the same shortest digits), laid out as Python does (`1e-05`, `100.0`, `1e+16`).
enum PythonFloatFormat {
    /// `format(v, f".{precision}g")`, e.g. 0.05 -> "0.05", 21.25 -> "21.2", 1000.0 -> "1e+03".
    static func general(_ v: Double, precision: Int) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let p = max(precision, 1)
        let sign = v.sign == .minus ? "-" : ""
        if v == 0 { return sign + "0" }
        var (digits, exponent) = exactDecimal(v.magnitude)
        // Round to p significant digits, ties to even on the exact value.
        if digits.count > p {
            let next = digits[p]
            let restNonZero = digits[(p + 1)...].contains(where: { $0 != 0 })
            let roundUp = next > 5 || (next == 5 && (restNonZero || digits[p - 1] % 2 == 1))
            digits.removeSubrange(p...)
            if roundUp {
                var i = p - 1
                while i >= 0 {
                    if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
                }
                if i < 0 { digits.insert(1, at: 0); digits.removeLast(); exponent += 1 }
            }
        }
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        let text = digits.map { String($0) }.joined()
        if exponent >= -4 && exponent < p {
            return sign + fixed(text, exponent)
        }
        return sign + scientific(text, exponent)
    }

    /// `repr(v)` / `str(v)`: shortest round-trip digits; scientific below 1e-4 or from 1e16.
    static func repr(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        let sign = v.sign == .minus ? "-" : ""
        if v == 0 { return sign + "0.0" }
        // Swift prints the shortest round-trip digits; take them and the decimal exponent apart.
        let swift = v.magnitude.description
        var mantissa = Substring(swift)
        var exponent = 0
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swift[..<e]
            exponent = Int(swift[swift.index(after: e)...].filter { $0 != "+" }) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        // value = 0.<digits> * 10^(whole.count + exponent); normalise to d.ddd * 10^x.
        var x = whole.count + exponent - 1
        while digits.hasPrefix("0") { digits.removeFirst(); x -= 1 }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        if x < -4 || x >= 16 { return sign + scientific(digits, x) }
        let text = fixed(digits, x)
        return sign + (text.contains(".") ? text : text + ".0")
    }

    /// `d.ddd` times 10^`exponent` in positional notation, without trailing zeros after the point.
    static func fixed(_ digits: String, _ exponent: Int) -> String {
        if exponent < 0 {
            return "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        if digits.count <= exponent + 1 {
            return digits + String(repeating: "0", count: exponent + 1 - digits.count)
        }
        let cut = digits.index(digits.startIndex, offsetBy: exponent + 1)
        return String(digits[..<cut]) + "." + String(digits[cut...])
    }

    /// `d.ddde+XX`: a point only when there are further digits, exponent with sign and two or more digits.
    static func scientific(_ digits: String, _ exponent: Int) -> String {
        var out = String(digits.prefix(1))
        if digits.count > 1 { out += "." + digits.dropFirst() }
        let e = String(exponent.magnitude)
        return out + (exponent < 0 ? "e-" : "e+") + (e.count < 2 ? "0" + e : e)
    }

    /// The exact decimal digits of a finite positive double and the exponent of its first digit:
    /// v = d0.d1d2... * 10^exponent, digits without leading zeros.
    static func exactDecimal(_ v: Double) -> (digits: [Int], exponent: Int) {
        // v = significand * 2^e with an integer significand.
        var significand = v.significandBitPattern
        var e = Int(v.exponentBitPattern)
        if e == 0 { e = 1 } else { significand |= 1 << 52 } // subnormal / normal
        e -= 1075
        var n = BigDecimalDigits(significand)
        var decimalExponent = 0
        if e >= 0 {
            n.shiftLeft(e)
        } else {
            // m / 2^k = m * 5^k / 10^k
            var k = -e
            while k >= 13 { n.multiply(by: 1_220_703_125); k -= 13 } // 5^13
            var f: UInt32 = 1
            for _ in 0..<k { f *= 5 }
            n.multiply(by: f)
            decimalExponent = e
        }
        let digits = n.decimalDigits()
        return (digits, digits.count - 1 + decimalExponent)
    }
}

/// A non-negative big integer (32-bit limbs, least significant first), just enough to expand a
/// double into its exact decimal digits.
struct BigDecimalDigits {
    var limbs: [UInt32]

    init(_ v: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]
    }

    mutating func shiftLeft(_ bits: Int) {
        let words = bits / 32, rest = UInt32(bits % 32)
        if rest > 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let l = limbs[i]
                limbs[i] = l << rest | carry
                carry = l >> (32 - rest)
            }
            if carry != 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: words), at: 0)
    }

    mutating func multiply(by f: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(f) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Decimal digits, most significant first, no leading zeros ([0] for zero).
    func decimalDigits() -> [Int] {
        var n = limbs
        var chunks: [UInt32] = [] // base 10^9, least significant first
        while n.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in n.indices.reversed() {
                let cur = remainder << 32 | UInt64(n[i])
                n[i] = UInt32(cur / 1_000_000_000)
                remainder = cur % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while n.count > 1 && n.last == 0 { n.removeLast() }
        }
        var digits: [Int] = []
        for (i, chunk) in chunks.reversed().enumerated() {
            var part = [Int](repeating: 0, count: 9)
            var c = Int(chunk)
            for j in (0..<9).reversed() { part[j] = c % 10; c /= 10 }
            if i == 0 { digits.append(contentsOf: part.drop(while: { $0 == 0 })) } else { digits.append(contentsOf: part) }
        }
        return digits.isEmpty ? [0] : digits
    }
}
