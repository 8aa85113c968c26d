
/// Monotonic and wall-clock time helpers.
public enum Clock {
    /// Seconds on a monotonic clock (for durations).
    public static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Seconds since the Unix epoch.
    public static func wallSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// A UTC timestamp like `2026-11-21 07:58:56 UTC`.
    public static func utcTimestamp(_ seconds: Double = wallSeconds()) -> String {
        var t = time_t(seconds)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func p(_ v: Int32, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(tmv.tm_year + 1900, 4))-\(p(tmv.tm_mon + 1))-\(p(tmv.tm_mday)) \(p(tmv.tm_hour)):\(p(tmv.tm_min)):\(p(tmv.tm_sec)) UTC"
    }

    /// A short human duration: `0.42 s`, `3.1 s`, `2 min 05 s`.
    public static func formatDuration(_ seconds: Double) -> String {
        if seconds < 10 { return String(Int((seconds * 100).rounded())) .leftPaddedDecimal(2) + " s" }
        if seconds < 60 { return String(Int((seconds * 10).rounded())).leftPaddedDecimal(1) + " s" }
        let m = Int(seconds) / 60, s = Int(seconds) % 60
        if m < 60 { return "\(m) min \(s < 10 ? "0" : "")\(s) s" }
        return "\(m / 60) h \(m % 60 < 10 ? "0" : "")\(m % 60) min"
    }
}

extension String {
    /// "42" with 2 decimals -> "0.42"; "314" with 1 -> "31.4".
    func leftPaddedDecimal(_ decimals: Int) -> String {
        var digits = self
        while digits.count <= decimals { digits = "0" + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -decimals)
        return String(digits[..<cut]) + "." + String(digits[cut...])
    }
}
