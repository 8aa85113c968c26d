
/// C's `printf` formatting of one number (`"%.2f"`, `"%.4g"`), which Python's `%`-formatting
/// matches; no Foundation.
public func cFormat(_ format: String, _ value: Double) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { vsnprintf(&buf, 64, format, $0) }
    return String(cString: buf)
}
