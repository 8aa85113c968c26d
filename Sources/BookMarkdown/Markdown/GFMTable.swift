/// GitHub tables: the delimiter row (`|:--|--:|`) and splitting rows into cells on unescaped `|`.
enum GFMTable {
    enum Alignment { case none, left, center, right }

    /// Cells of a row; a leading and a trailing pipe are optional; `\|` is a literal pipe.
    static func splitRow(_ line: String) -> [String] {
        var s = SourceLines.trimmed(line)
        if s.hasPrefix("|") { s.removeFirst() }
        if s.hasSuffix("|"), !s.hasSuffix("\\|") { s.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for ch in s {
            if escaped {
                if ch != "|" { current.append("\\") }
                current.append(ch); escaped = false; continue
            }
            if ch == "\\" { escaped = true; continue }
            if ch == "|" { cells.append(SourceLines.trimmed(current)); current = ""; continue }
            current.append(ch)
        }
        if escaped { current.append("\\") }
        cells.append(SourceLines.trimmed(current))
        return cells
    }

    /// The column alignments if `line` is a delimiter row (it must contain a `|`).
    static func alignments(_ line: String) -> [Alignment]? {
        guard line.contains("-"), line.contains("|") else { return nil }
        var result: [Alignment] = []
        for cell in splitRow(line) {
            guard !cell.isEmpty else { return nil }
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return result
    }

    static func alignAttribute(_ a: Alignment) -> String {
        switch a {
        case .none: ""
        case .left: " align=\"left\""
        case .center: " align=\"center\""
        case .right: " align=\"right\""
        }
    }
}
