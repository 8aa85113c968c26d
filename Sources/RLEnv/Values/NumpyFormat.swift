// numpy's printing of scalars and arrays (numpy/_core/arrayprint.py: FloatingFormat with
// floatmode="maxprec", precision=8; IntegerFormat; _formatArray line wrapping at 75 columns),
// so spaces print exactly like Gymnasium's (`Box([-4.8  -inf ...], ...)`).

/// numpy-compatible text forms of numbers and arrays.
public enum NumpyFormat {
    /// A decimal number as sign, significant digits and the position of the decimal point
    /// (value = 0.d1d2d3... x 10^point).
    struct Decimal {
        var negative: Bool
        var digits: [UInt8]
        var point: Int
    }

    /// Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e-05`, `inf`.
    public static func pythonFloat(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }

    /// numpy's `str` of a scalar of `dtype` (`-1.0` for float32, `255` for uint8).
    public static func scalar(_ v: Double, dtype: DType) -> String {
        if dtype.isFloat {
            if v.isNaN { return "nan" }
            if v.isInfinite { return v < 0 ? "-inf" : "inf" }
            return dtype == .float32 ? Float(v).description : v.description
        }
        if dtype == .bool { return v != 0 ? "True" : "False" }
        return String(Int(v))
    }

    /// Shortest round-trip decimal of a float of `dtype`.
    static func shortest(_ v: Double, dtype: DType) -> Decimal {
        let text = dtype == .float32 ? Float(v).description : v.description
        var negative = false
        var mantissa = Substring(text)
        if mantissa.hasPrefix("-") { negative = true; mantissa = mantissa.dropFirst() }
        var exp10 = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp10 = Int(mantissa[mantissa.index(after: e)...]) ?? 0
            mantissa = mantissa[..<e]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? "0"
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array((intPart + fracPart).utf8).map { $0 - 48 }
        var point = intPart.count + exp10
        while let f = digits.first, f == 0, digits.count > 1 { digits.removeFirst(); point -= 1 }
        while let l = digits.last, l == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { point = 1 }
        return Decimal(negative: negative, digits: digits, point: point)
    }

    /// Rounds `d` to at most `maxFraction` digits after the point (half away from zero on the digits).
    static func roundFraction(_ d: Decimal, _ maxFraction: Int) -> Decimal {
        let keep = d.point + maxFraction
        guard d.digits.count > keep else { return d }
        if keep < 0 { return Decimal(negative: d.negative, digits: [0], point: 1) }
        var digits = Array(d.digits[0..<keep])
        var point = d.point
        if d.digits[keep] >= 5 {
            var i = digits.count - 1
            var carry = true
            while carry && i >= 0 {
                if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; carry = false }
            }
            if carry { digits.insert(1, at: 0); point += 1 }
        }
        while let l = digits.last, l == 0, digits.count > 1 { digits.removeLast() }
        if digits.isEmpty || digits == [0] { return Decimal(negative: d.negative, digits: [0], point: 1) }
        return Decimal(negative: d.negative, digits: digits, point: point)
    }

    /// (integer part with sign, fraction digits) of the positional form.
    static func positionalParts(_ v: Double, dtype: DType, precision: Int) -> (String, String) {
        let d = roundFraction(shortest(v, dtype: dtype), precision)
        var intPart = ""
        var frac = ""
        if d.point <= 0 {
            intPart = "0"
            frac = String(repeating: "0", count: -d.point) + d.digits.map { String($0) }.joined()
        } else {
            for i in 0..<d.point { intPart += i < d.digits.count ? String(d.digits[i]) : "0" }
            if d.digits.count > d.point { frac = d.digits[d.point...].map { String($0) }.joined() }
        }
        if d.digits == [0] { frac = "" }
        return ((d.negative ? "-" : "") + intPart, frac)
    }

    /// (mantissa integer digit with sign, mantissa fraction, exponent) of the scientific form.
    static func scientificParts(_ v: Double, dtype: DType, precision: Int) -> (String, String, Int) {
        var d = shortest(v, dtype: dtype)
        let exponent = d.digits == [0] ? 0 : d.point - 1
        // round the mantissa to `precision` fraction digits
        var m = Decimal(negative: d.negative, digits: d.digits, point: 1)
        m = roundFraction(m, precision)
        d = m
        var exp = exponent
        if d.point == 2 { exp += 1; d.point = 1 }
        let intDigit = String(d.digits[0])
        let frac = d.digits.count > 1 ? d.digits[1...].map { String($0) }.joined() : ""
        return ((d.negative ? "-" : "") + intDigit, frac, exp)
    }

    /// Formats every element of a float array as numpy does inside an array (common padding).
    static func floatElements(_ values: [Double], dtype: DType) -> [String] {
        let finite = values.filter { $0.isFinite }
        let nonzero = finite.filter { $0 != 0 }.map { abs($0) }
        var expFormat = false
        if let maxV = nonzero.max(), let minV = nonzero.min() {
            expFormat = maxV >= 1e8 || minV < 0.0001 || maxV / minV > 1000
        }
        var padLeft = 0, padRight = 0
        var out: [String] = []
        if finite.isEmpty {
            padLeft = 0; padRight = 0
        } else if expFormat {
            let parts = finite.map { scientificParts($0, dtype: dtype, precision: 8) }
            let precision = parts.map { $0.1.count }.max() ?? 0
            let expSize = max(2, parts.map { String(abs($0.2)).count }.max() ?? 2)
            padLeft = parts.map { $0.0.count }.max() ?? 0
            padRight = expSize + 2 + precision
            padLeft = nonFinitePad(values, padLeft: padLeft, padRight: padRight)
            for v in values {
                if !v.isFinite { out.append(nonFinite(v, width: padLeft + padRight + 1)); continue }
                let (i, f, e) = scientificParts(v, dtype: dtype, precision: 8)
                let fracPadded = f + String(repeating: "0", count: precision - f.count)
                let expText = String(abs(e))
                let expStr = (e < 0 ? "e-" : "e+") + String(repeating: "0", count: max(0, expSize - expText.count)) + expText
                out.append(String(repeating: " ", count: max(0, padLeft - i.count)) + i + "." + fracPadded + expStr)
            }
            return out
        } else {
            let parts = finite.map { positionalParts($0, dtype: dtype, precision: 8) }
            padLeft = parts.map { $0.0.count }.max() ?? 0
            padRight = parts.map { $0.1.count }.max() ?? 0
        }
        padLeft = nonFinitePad(values, padLeft: padLeft, padRight: padRight)
        for v in values {
            if !v.isFinite { out.append(nonFinite(v, width: padLeft + padRight + 1)); continue }
            let (i, f) = positionalParts(v, dtype: dtype, precision: 8)
            out.append(String(repeating: " ", count: max(0, padLeft - i.count)) + i + "." + f + String(repeating: " ", count: max(0, padRight - f.count)))
        }
        return out
    }

    /// numpy widens `pad_left` so that `nan` / `inf` / `-inf` fit when the array has any.
    static func nonFinitePad(_ values: [Double], padLeft: Int, padRight: Int) -> Int {
        guard values.contains(where: { !$0.isFinite }) else { return padLeft }
        let negInf = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
        return max(padLeft, 3 - (padRight + 1), 3 + negInf - (padRight + 1))
    }

    static func nonFinite(_ v: Double, width: Int) -> String {
        let s = v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf")
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// numpy's `str(array)` (no `array(...)` wrapper): `[-1.  -1.  -8.]`, `[3 2]`, nested rows.
    public static func array(_ a: EnvArray) -> String {
        let values = a.scalars
        let words: [String]
        if a.dtype.isFloat {
            words = floatElements(values, dtype: a.dtype)
        } else if a.dtype == .bool {
            let w = values.map { $0 != 0 ? " True" : "False" }
            words = w
        } else {
            let s = values.map { String(Int($0)) }
            let width = s.map { $0.count }.max() ?? 0
            words = s.map { String(repeating: " ", count: width - $0.count) + $0 }
        }
        if a.shape.isEmpty { return words.first ?? "" }
        var index = 0
        return format(words, shape: a.shape[...], index: &index, indent: " ")
    }

    static func format(_ words: [String], shape: ArraySlice<Int>, index: inout Int, indent: String) -> String {
        guard let n = shape.first else { return "" }
        if shape.count == 1 {
            var s = ""
            var line = indent
            for i in 0..<n {
                let word = index < words.count ? words[index] : ""
                index += 1
                let limit = i == n - 1 ? 74 : 75
                if line.count + word.count > limit && line.count > indent.count {
                    s += line.trailingSpacesTrimmed + "\n"
                    line = indent
                }
                line += word
                if i < n - 1 { line += " " }
            }
            s += line
            return "[" + s.dropFirst(indent.count) + "]"
        }
        var rows: [String] = []
        for _ in 0..<n {
            rows.append(format(words, shape: shape.dropFirst(), index: &index, indent: indent + " "))
        }
        let sep = "\n" + String(repeating: "\n", count: max(0, shape.count - 2)) + indent
        return "[" + rows.joined(separator: sep) + "]"
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
