extension MediaHTML {
    /// Text of one table cell: ints (thousands separators from 10,000), doubles to 4 significant digits.
    public static func cellText(_ cell: Table.Cell) -> String {
        switch cell {
        case .int(let v): return abs(v) >= 10_000 ? NumberText.grouped(v) : String(v)
        case .double(let v): return NumberText.significant(v, 4)
        case .string(let v): return v
        case .bool(let v): return v ? "true" : "false"
        case .empty: return ""
        }
    }

    static func isNumeric(_ cell: Table.Cell) -> Bool {
        switch cell {
        case .int, .double: return true
        default: return false
        }
    }

    /// An HTML table; numeric cells (and headers of all-numeric columns) right-aligned.
    public static func table(_ table: Table) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        var numericColumn = [Bool](repeating: true, count: width)
        for c in 0..<width {
            var any = false
            for row in table.rows where c < row.count {
                if case .empty = row[c] { continue }
                if !isNumeric(row[c]) { numericColumn[c] = false }
                any = true
            }
            if !any { numericColumn[c] = false }
        }
        var s = "<div class=\"rl-table-wrap\"><table class=\"rl-table\">"
        if let t = table.title { s += "<caption>\(HTML.escape(t))</caption>" }
        if !table.columns.isEmpty {
            s += "<thead><tr>"
            for c in 0..<width {
                let name = c < table.columns.count ? table.columns[c] : ""
                s += numericColumn[c] ? "<th class=\"num\">" : "<th>"
                s += HTML.escape(name) + "</th>"
            }
            s += "</tr></thead>"
        }
        s += "<tbody>"
        for row in table.rows {
            s += "<tr>"
            for c in 0..<width {
                let cell = c < row.count ? row[c] : .empty
                s += isNumeric(cell) ? "<td class=\"num\">" : "<td>"
                s += HTML.escape(cellText(cell)) + "</td>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table></div>"
    }

    /// Tables for the Stable-Baselines3 logger blocks in printed text (a `----` line, then
    /// `| rollout/ |  |` section rows and `|    ep_rew_mean | 12.3 |` value rows, then `----`).
    /// Keys are joined with their section (`rollout/ep_rew_mean`), as SB3 names them.
    public static func parseSB3Logger(_ text: String) -> [Table] {
        SB3LogText.segments(text).compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }

    /// HTML for printed text: SB3 logger blocks as tables, everything else escaped in `<pre>`.
    public static func printedText(_ text: String) -> String {
        var s = ""
        for seg in SB3LogText.segments(text) {
            switch seg {
            case .text(let t): s += "<pre class=\"rl-stdout\">\(HTML.escape(t))</pre>"
            case .table(let t): s += "<div class=\"rl-sb3\">" + table(t) + "</div>"
            }
        }
        return s
    }
}

/// Splits printed text into plain text and SB3 logger tables.
enum SB3LogText {
    enum Segment { case text(String), table(Table) }

    static func isRule(_ line: Substring) -> Bool {
        let t = line.trimmingSpaces()
        return t.count >= 3 && t.allSatisfy { $0 == "-" }
    }

    static func segments(_ text: String) -> [Segment] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Segment] = []
        var plain: [Substring] = []
        func flushPlain() {
            if !plain.isEmpty {
                out.append(.text(plain.joined(separator: "\n")))
                plain.removeAll()
            }
        }
        var i = 0
        while i < lines.count {
            if isRule(lines[i]), let (table, end) = block(lines, from: i) {
                flushPlain()
                out.append(.table(table))
                i = end + 1
                continue
            }
            plain.append(lines[i])
            i += 1
        }
        // Drop the empty line that a trailing newline leaves.
        if plain.last == "" { plain.removeLast(); if plain.isEmpty && !out.isEmpty { return out } }
        flushPlain()
        return out
    }

    /// A block starting at rule line `start`: rows `| key | value |` up to the next rule.
    static func block(_ lines: [Substring], from start: Int) -> (Table, Int)? {
        var rows: [[Table.Cell]] = []
        var section = ""
        var i = start + 1
        while i < lines.count {
            let line = lines[i].trimmingSpaces()
            if isRule(line[...]) {
                return rows.isEmpty ? nil : (Table(columns: ["metric", "value"], rows: rows), i)
            }
            guard line.hasPrefix("|"), line.hasSuffix("|"), line.count >= 3 else { return nil }
            let inner = line.dropFirst().dropLast()
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let rawKey = parts[0]
            let key = rawKey.trimmingSpaces()
            let value = parts[1].trimmingSpaces()
            if key.isEmpty { return nil }
            if value.isEmpty && key.hasSuffix("/") {
                section = String(key)
            } else {
                let indented = rawKey.hasPrefix("    ") || rawKey.hasPrefix(" \t")
                let name = indented || section.isEmpty ? section + key : String(key)
                rows.append([.string(name), parseValue(String(value))])
            }
            i += 1
        }
        return nil
    }

    static func parseValue(_ v: String) -> Table.Cell {
        if let i = Int(v) { return .int(i) }
        if let d = Double(v) { return .double(d) }
        return .string(v)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return String(s)
    }
}

extension MediaHTML {
    /// A table from records (`table([["step": 1, "reward": 2.5], ...])` in a cell): columns in order of
    /// first appearance, a missing key an empty cell.
    public static func tableFromRecords(_ records: [[(key: String, value: Table.Cell)]], title: String? = nil) -> Table {
        var columns: [String] = []
        var index: [String: Int] = [:]
        for rec in records {
            for (k, _) in rec where index[k] == nil {
                index[k] = columns.count
                columns.append(k)
            }
        }
        let rows = records.map { rec -> [Table.Cell] in
            var row = [Table.Cell](repeating: .empty, count: columns.count)
            for (k, v) in rec { if let i = index[k] { row[i] = v } }
            return row
        }
        return Table(title: title, columns: columns, rows: rows)
    }
}
