import RLSupport

/// Deterministic number formatting for tables and plot labels (no locale, no Foundation).
enum NumberText {
    /// `v` rounded to `decimals` places, trailing zeros kept (`fixed(1.5, 2)` = "1.50").
    static func fixed(_ v: Double, _ decimals: Int) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-∞" : "∞" }
        let d = max(0, min(15, decimals))
        var p = 1.0
        for _ in 0..<d { p *= 10 }
        let scaled = (abs(v) * p).rounded()
        guard scaled < 9e15 else { return scientific(v, 4) }
        let n = Int64(scaled)
        var digits = String(n)
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (v < 0 && n != 0 ? "-" : "") + digits
    }

    /// `fixed` with trailing zeros (and a trailing dot) removed.
    static func trimmed(_ v: Double, _ decimals: Int) -> String {
        var s = fixed(v, decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Decimal exponent of |v| (floor of log10), 0 for zero.
    static func exponent(_ v: Double) -> Int {
        let a = abs(v)
        guard a > 0, a.isFinite else { return 0 }
        var e = Int(log10(a).rounded(.down))
        // Guard against log10 rounding at exact powers of ten.
        if pow10(e + 1) <= a { e += 1 } else if pow10(e) > a { e -= 1 }
        return e
    }

    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }

    /// Scientific notation with `significant` digits: 1.235e-05 style, as `%.3e` in C but with a short exponent ("1.235e-5").
    static func scientific(_ v: Double, _ significant: Int) -> String {
        if v == 0 { return "0" }
        if !v.isFinite { return fixed(v, 0) }
        var e = exponent(v)
        var m = v / pow10(e)
        let r = trimmed(m, max(0, significant - 1))
        if r == "10" || r == "-10" { e += 1; m /= 10 }
        return trimmed(m, max(0, significant - 1)) + "e" + String(e)
    }

    /// About `significant` significant digits; scientific outside [1e-4, 1e9).
    static func significant(_ v: Double, _ significant: Int = 4) -> String {
        if v == 0 { return "0" }
        if !v.isFinite { return fixed(v, 0) }
        let e = exponent(v)
        if e < -4 || e >= 9 { return scientific(v, significant) }
        return trimmed(v, max(0, significant - 1 - e))
    }

    /// An integer with thousands separators: 1234567 -> "1,234,567".
    static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A coordinate for SVG: at most 2 decimals, no trailing zeros.
    static func coord(_ v: Double) -> String { trimmed(v, 2) }
}

