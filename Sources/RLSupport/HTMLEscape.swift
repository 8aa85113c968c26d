/// Escaping text for HTML, shared by the Markdown renderer and the report.
public enum HTMLEscape {
    /// Escapes `& < > " '` so any text is shown as text, never markup or script; with
    /// `apostrophes: false` it leaves `'` alone, as CommonMark renderers do (attribute values are
    /// always double-quoted there).
    public static func escape(_ s: String, apostrophes: Bool = true) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || (apostrophes && $0 == "'") }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophes: out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
