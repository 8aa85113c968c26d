import RLSupport

/// One plot axis: data domain, scale (linear or log10), pixel range, and "nice" ticks.
struct PlotAxis {
    var lo: Double
    var hi: Double
    var log: Bool
    /// Pixel positions of `lo` and `hi`.
    var p0: Double
    var p1: Double

    /// Axis through the finite values (positive ones for log scales), padded by `pad` of the span.
    init(values: [Double], log: Bool, p0: Double, p1: Double, includeZero: Bool = false, pad: Double = 0.04) {
        self.log = log
        self.p0 = p0
        self.p1 = p1
        var mn = Double.infinity, mx = -Double.infinity
        for v in values where v.isFinite && (!log || v > 0) {
            let t = log ? log10(v) : v
            mn = min(mn, t); mx = max(mx, t)
        }
        if includeZero && !log { mn = min(mn, 0); mx = max(mx, 0) }
        if !mn.isFinite { mn = 0; mx = 1 }
        if mx - mn < 1e-12 * max(1, abs(mx)) {
            let d = mn == 0 ? 1 : abs(mn) * 0.1
            mn -= d; mx += d
        }
        if !(mx - mn).isFinite { mn = max(mn, -1e300); mx = min(mx, 1e300) }
        let span = mx - mn
        lo = mn - span * pad
        hi = mx + span * pad
        if includeZero && !log {
            if mn == 0 { lo = 0 }
            if mx == 0 { hi = 0 }
        }
    }

    /// Pixel position of a data value (nil for values a log axis cannot show).
    func position(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        let t: Double
        if log { guard v > 0 else { return nil }; t = log10(v) } else { t = v }
        let p = p0 + (t - lo) / (hi - lo) * (p1 - p0)
        return p.isFinite ? p : nil
    }

    /// Tick values and their labels. `minSpacing(label)` is the pixel room a label needs along the axis.
    func ticks(minSpacing: (String) -> Double) -> [(value: Double, label: String)] {
        let length = abs(p1 - p0)
        if log { return logTicks(length: length, minSpacing: minSpacing) }
        // Start from ~1 tick per 60 px, then coarsen along 1-2-5 until labels do not overlap.
        var target = max(2.0, length / 60)
        for _ in 0..<12 {
            let step = PlotAxis.niceStep((hi - lo) / target)
            let values = PlotAxis.multiples(of: step, from: lo, to: hi)
            let labels = PlotAxis.labels(values, step: step)
            let pxPerStep = step / (hi - lo) * length
            let need = labels.map(minSpacing).max() ?? 0
            if pxPerStep >= need + 6 || values.count <= 2 { return Array(zip(values, labels)).map { ($0.0, $0.1) } }
            target = max(1, target * 0.6)
        }
        return []
    }

    func logTicks(length: Double, minSpacing: (String) -> Double) -> [(value: Double, label: String)] {
        let e0 = Int(lo.rounded(.up)), e1 = Int(hi.rounded(.down))
        var out: [(Double, String)] = []
        if e1 - e0 >= 2 {
            var every = 1
            while e1 - e0 > 0 && Double(every) / (hi - lo) * length < (minSpacing(PlotAxis.siLabel(NumberText.pow10(e1))) + 6) { every += 1 }
            for e in e0...e1 where (e - e0) % every == 0 {
                let v = NumberText.pow10(e)
                out.append((v, PlotAxis.siLabel(v)))
            }
            return out
        }
        // Less than two decades: 1-2-5 multiples inside the range.
        for e in (e0 - 1)...(e1 + 1) {
            for m in [1.0, 2.0, 5.0] {
                let v = m * NumberText.pow10(e)
                let t = log10(v)
                if t >= lo && t <= hi { out.append((v, PlotAxis.siLabel(v))) }
            }
        }
        if out.count < 2 {
            // Fall back to linear ticks of the values.
            let lin = PlotAxis(lo: pow(10, lo), hi: pow(10, hi), p0: p0, p1: p1)
            return lin.ticks(minSpacing: minSpacing)
        }
        return out
    }

    init(lo: Double, hi: Double, p0: Double, p1: Double) {
        self.lo = lo; self.hi = hi; self.log = false; self.p0 = p0; self.p1 = p1
    }

    /// The 1-2-5 × 10^k step at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = NumberText.exponent(raw)
        let base = NumberText.pow10(e)
        let f = raw / base
        let m: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        return m * base
    }

    /// Multiples of `step` within [lo, hi].
    static func multiples(of step: Double, from lo: Double, to hi: Double) -> [Double] {
        var out: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9 && out.count < 100 {
            let v = k * step
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }

    /// Labels for evenly spaced ticks: each large value with its own SI suffix (k, M, G, T: "800k", "1M",
    /// "1.25M", as TensorBoard labels steps) and enough decimals for the step.
    static func labels(_ values: [Double], step: Double) -> [String] {
        if step < 1e-4 {
            return values.map { $0 == 0 ? "0" : NumberText.scientific($0, 3) }
        }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        return values.map { v in
            var div = 1.0, suffix = ""
            for (d, s) in units where abs(v) >= d { div = d; suffix = s; break }
            let scaledStep = step / div
            // Fewest decimals that show the step exactly (0.25M needs 2).
            var decimals = 0
            while decimals < 8 {
                let scaled = scaledStep * NumberText.pow10(decimals)
                if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { break }
                decimals += 1
            }
            let s = NumberText.trimmed(v / div, decimals)
            return s == "0" ? "0" : s + suffix
        }
    }

    /// A single value with an SI suffix (for log ticks and tooltips).
    static func siLabel(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e3 && a < 1e15 {
            for (d, s) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where a >= d {
                return NumberText.significant(v / d, 3) + s
            }
        }
        return NumberText.significant(v, 3)
    }
}

