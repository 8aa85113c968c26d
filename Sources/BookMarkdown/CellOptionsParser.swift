import RLSupport

/// Reads the `//| key: value` option lines at the top of a ```swift cell.
///
/// Each unknown key or bad value is an error naming the file line, listing the known keys, with a
/// did-you-mean suggestion. Labels must be unique in the book (checked by `BookParser`).
struct CellOptionsParser {
    let report: DiagnosticSink

    /// One option line as found in the cell.
    struct OptionLine {
        /// 0-based line offset inside the cell.
        var offset: Int
        var key: String
        var value: String
        /// 1-based columns (in the cell's stripped line) of key and value.
        var keyColumn: Int
        var valueColumn: Int
    }

    static let expectations: [String: String] = [
        "label": "a name such as 'train' (letters, digits, '-', '_', '.')",
        "parameters": "true or false",
        "eval": "true or false",
        "echo": "true or false",
        "output": "one of show, hide, fold",
        "error": "one of stop, allow, expect",
        "cache": "true or false",
        "timeout": "a positive number of seconds",
        "requires": "gpu",
        "seed": "an integer",
    ]

    /// Whether a (stripped) cell line is an option line.
    static func isOptionLine(_ line: String) -> Bool {
        SourceLines.trimmed(line).hasPrefix("//|")
    }

    /// Parses the option lines (already known to be option lines) of a cell.
    /// `firstLine` is the file line of the cell's first line, `indent` the columns stripped from each line.
    /// Also returns the file line and column of the label's value, for duplicate-label errors.
    func parse(_ optionLines: [(offset: Int, text: String)], firstLine: Int, indent: Int) -> (CellOptions, labelAt: (line: Int, column: Int)?) {
        var options = CellOptions()
        var labelAt: (line: Int, column: Int)?
        var seen: [String: Int] = [:]
        for (offset, text) in optionLines {
            let fileLine = firstLine + offset
            let chars = Array(text)
            var i = 0
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            i += 3 // "//|"
            while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
            let keyStart = i
            while i < chars.count, chars[i] != ":" { i += 1 }
            let rawKey = SourceLines.trimmed(String(chars[keyStart..<min(i, chars.count)]))
            if rawKey.isEmpty && i >= chars.count {
                continue // a bare `//|` line: nothing to set
            }
            guard i < chars.count else {
                report.error("cell option line must be '//| key: value'", line: fileLine, column: indent + keyStart + 1,
                             length: max(1, rawKey.count), notes: [knownKeysNote])
                continue
            }
            var v = i + 1
            while v < chars.count, chars[v] == " " || chars[v] == "\t" { v += 1 }
            var value = SourceLines.trimmed(YAMLSubsetParser.stripComment(String(chars[v...])))
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            let keyCol = indent + keyStart + 1
            let valueCol = indent + v + 1
            guard CellOptions.knownKeys.contains(rawKey) else {
                let hint = DidYouMean.hint(rawKey, from: CellOptions.knownKeys)
                report.error("unknown cell option '\(rawKey)'\(hint)", line: fileLine, column: keyCol,
                             length: max(1, rawKey.count), notes: [knownKeysNote])
                continue
            }
            if let first = seen[rawKey] {
                report.error("duplicate cell option '\(rawKey)' (first given on line \(first))", line: fileLine, column: keyCol, length: rawKey.count)
                continue
            }
            seen[rawKey] = fileLine
            func bad(_ extra: String = "") {
                let shown = value.isEmpty ? "nothing" : "'\(value)'"
                report.error("bad value \(shown) for cell option '\(rawKey)': expected \(Self.expectations[rawKey] ?? "a value")\(extra)",
                             line: fileLine, column: valueCol, length: max(1, value.count), notes: [knownKeysNote])
            }
            func bool() -> Bool? {
                switch value {
                case "true": return true
                case "false": return false
                default: bad(); return nil
                }
            }
            func choice(_ allowed: [String]) -> String? {
                if allowed.contains(value) { return value }
                let hint = DidYouMean.hint(value, from: allowed)
                bad(hint)
                return nil
            }
            switch rawKey {
            case "label":
                if value.isEmpty || !value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
                    bad()
                } else {
                    options.label = value
                    labelAt = (fileLine, valueCol)
                }
            case "parameters": if let b = bool() { options.parameters = b }
            case "eval": if let b = bool() { options.eval = b }
            case "echo": if let b = bool() { options.echo = b }
            case "cache": if let b = bool() { options.cache = b; options.cacheOption = b }
            case "output": if let c = choice(["show", "hide", "fold"]) { options.output = CellOptions.OutputMode(rawValue: c) ?? .show }
            case "error": if let c = choice(["stop", "allow", "expect"]) { options.error = CellOptions.ErrorMode(rawValue: c) ?? .stop }
            case "requires": if let c = choice(["gpu"]) { options.requires = c }
            case "timeout":
                if let d = ParameterValue.parseDouble(value), d > 0, d.isFinite { options.timeout = d } else { bad() }
            case "seed":
                if let s = ParameterValue.parseInteger(value) { options.seed = s } else { bad() }
            default:
                break
            }
        }
        return (options, labelAt)
    }

    private var knownKeysNote: String {
        "note: known cell options are " + CellOptions.knownKeys.joined(separator: ", ")
    }
}
