/// Parses the value of a `-p name=value` override.
///
/// `20_000` and `-3` are ints, `1e-4` and `0.5` doubles, `true`/`false` bools; anything else is a
/// string. Surrounding quotes (`"..."` or `'...'`) are stripped and always give a string.
public func parseParameterValue(_ text: String) -> ParameterValue {
    let t = SourceLines.trimmed(text)
    if t.count >= 2, let q = t.first, q == "\"" || q == "'", t.last == q {
        return .string(String(t.dropFirst().dropLast()))
    }
    return ParameterValue.resolvePlain(t)
}
