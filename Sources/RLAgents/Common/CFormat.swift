#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's `printf` formatting of one number (`%.2f`, `%.3g`), which Python's `%`-formatting matches.
func cFormat(_ format: String, _ x: Double) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = withVaList([x]) { vsnprintf(&buf, 64, format, $0) }
    return String(cString: buf)
}
