/// Line-level text helpers shared by the tutorial and Markdown parsers.
enum SourceLines {
    /// Splits text into lines on `\n`, dropping a trailing `\r` from each (CRLF files) and a leading BOM.
    static func split(_ text: String) -> [String] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is a single Character in Swift, so both separators are listed.
        return body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
    }

    /// Number of leading spaces (tabs count as advancing to the next multiple of 4).
    static func indentation(_ line: String) -> Int {
        var n = 0
        for ch in line {
            if ch == " " { n += 1 } else if ch == "\t" { n += 4 - n % 4 } else { break }
        }
        return n
    }

    /// Whether the line has only spaces and tabs.
    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Removes up to `count` columns of leading whitespace (tabs expanded to multiples of 4).
    static func stripIndent(_ line: String, _ count: Int) -> String {
        var removed = 0
        var idx = line.startIndex
        while idx < line.endIndex, removed < count {
            let ch = line[idx]
            if ch == " " { removed += 1 } else if ch == "\t" {
                let width = 4 - removed % 4
                if removed + width > count {
                    // A tab straddles the cut: keep the remaining columns as spaces.
                    let keep = removed + width - count
                    return String(repeating: " ", count: keep) + line[line.index(after: idx)...]
                }
                removed += width
            } else { break }
            idx = line.index(after: idx)
        }
        return String(line[idx...])
    }

    /// Expands leading tabs to spaces (tab stops of 4) so indentation can be counted in columns.
    static func expandLeadingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = ""
        var col = 0
        var idx = line.startIndex
        while idx < line.endIndex {
            let ch = line[idx]
            if ch == " " { out.append(" "); col += 1 } else if ch == "\t" {
                let w = 4 - col % 4
                out += String(repeating: " ", count: w)
                col += w
            } else { break }
            idx = line.index(after: idx)
        }
        return out + line[idx...]
    }

    static func trimmed(_ s: Substring) -> Substring {
        var sub = s
        while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
        return sub
    }

    static func trimmed(_ s: String) -> String { String(trimmed(Substring(s))) }
}

/// A code fence opening line: ```` ```info ```` or `~~~info`.
struct Fence {
    /// Columns of indentation before the fence characters.
    var indent: Int
    var char: Character
    var count: Int
    /// The info string, trimmed (e.g. `swift`, `python title="x"`).
    var info: String

    /// The first word of the info string (the language).
    var language: String {
        String(info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," }).first ?? "")
    }

    /// Parses an opening fence; `maxIndent` limits the indentation (3 in plain Markdown, unlimited for cells in lists).
    static func opening(_ line: String, maxIndent: Int = .max) -> Fence? {
        let indent = SourceLines.indentation(line)
        guard indent <= maxIndent else { return nil }
        let rest = Substring(SourceLines.stripIndent(line, indent))
        guard let ch = rest.first, ch == "`" || ch == "~" else { return nil }
        let count = rest.prefix(while: { $0 == ch }).count
        guard count >= 3 else { return nil }
        let info = SourceLines.trimmed(rest.dropFirst(count))
        if ch == "`", info.contains("`") { return nil }
        return Fence(indent: indent, char: ch, count: count, info: String(info))
    }

    /// Whether `line` closes this fence (same character, at least as long, nothing else but spaces).
    func isClosed(by line: String) -> Bool {
        let trimmedLine = SourceLines.trimmed(Substring(line))
        guard trimmedLine.count >= count, trimmedLine.allSatisfy({ $0 == char }) else { return false }
        return true
    }
}
