/// Renders CommonMark-ish Markdown prose to HTML.
///
/// Blocks: ATX (`#`) and setext (`===`/`---`) headings with unique GitHub-style `id` anchors,
/// paragraphs, nested ordered and unordered lists (tight and loose), block quotes, GFM tables
/// with column alignment, fenced code (class `language-x`), indented code, thematic breaks.
/// Inlines: see `InlineParser`.
///
/// Safety first: ALL text is HTML-escaped. Raw HTML in the Markdown is not passed through; it is
/// shown as escaped text, so a tutorial can never inject markup or script into its report.
/// Block-level HTML comments (`<!-- ... -->` starting a line) are dropped, as viewers hide them.
/// Reference-style links (`[text][ref]`, `[ref]`) resolve through `references`, whose definition
/// lines `BookParser` removes from the prose beforehand.
final class MarkdownRenderer {
    /// Shared across all prose blocks of a book so anchors stay unique.
    let slugger = Slugger()
    /// The book's link reference definitions (collected before rendering, shared by all prose).
    var references: [String: LinkReference] = [:]
    private var headings: [Heading] = []

    /// Renders the lines of one prose run; returns the HTML and the headings found in it.
    func render(lines: [String]) -> (String, [Heading]) {
        headings = []
        let html = renderBlocks(lines.map(SourceLines.expandLeadingTabs), tight: false)
        return (html, headings)
    }

    // MARK: Line classification

    private struct ListMarker {
        var ordered: Bool
        /// `-`, `*`, `+` for bullets; `.` or `)` for ordered lists.
        var delimiter: Character
        var start: Int
        /// Columns from the start of the line to the item's content.
        var contentIndent: Int
        /// The first line's content.
        var content: String
    }

    private static func atxHeading(_ line: String) -> (Int, String)? {
        guard SourceLines.indentation(line) <= 3 else { return nil }
        let s = SourceLines.trimmed(Substring(line))
        let level = s.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(level) else { return nil }
        let rest = s.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = SourceLines.trimmed(rest)
        // Closing sequence of #s (preceded by a space, or the whole content).
        let trailing = text.reversed().prefix(while: { $0 == "#" }).count
        if trailing > 0 {
            let before = text.dropLast(trailing)
            if before.isEmpty || before.last == " " || before.last == "\t" { text = SourceLines.trimmed(before) }
        }
        return (level, String(text))
    }

    private static func isThematicBreak(_ line: String) -> Bool {
        guard SourceLines.indentation(line) <= 3 else { return false }
        let s = line.filter { $0 != " " && $0 != "\t" }
        guard s.count >= 3, let c = s.first, c == "-" || c == "*" || c == "_" else { return false }
        return s.allSatisfy { $0 == c }
    }

    /// `===` (level 1) or `---` (level 2) under a paragraph.
    private static func setextLevel(_ line: String) -> Int? {
        guard SourceLines.indentation(line) <= 3 else { return nil }
        let s = SourceLines.trimmed(line)
        guard let c = s.first, c == "=" || c == "-", s.allSatisfy({ $0 == c }) else { return nil }
        return c == "=" ? 1 : 2
    }

    private static func isBlockQuote(_ line: String) -> Bool {
        SourceLines.indentation(line) <= 3 && SourceLines.trimmed(line).hasPrefix(">")
    }

    private static func listMarker(_ line: String) -> ListMarker? {
        let indent = SourceLines.indentation(line)
        guard indent <= 3 else { return nil }
        let chars = Array(SourceLines.stripIndent(line, indent))
        guard let first = chars.first else { return nil }
        var markerWidth: Int
        var ordered = false
        var delimiter: Character = first
        var start = 1
        if first == "-" || first == "*" || first == "+" {
            markerWidth = 1
        } else if first.isASCII, first.isNumber {
            var digits = ""
            var k = 0
            while k < chars.count, k < 9, chars[k].isASCII, chars[k].isNumber { digits.append(chars[k]); k += 1 }
            guard k < chars.count, chars[k] == "." || chars[k] == ")" else { return nil }
            ordered = true
            delimiter = chars[k]
            start = Int(digits) ?? 1
            markerWidth = k + 1
        } else { return nil }
        if markerWidth == chars.count {
            return ListMarker(ordered: ordered, delimiter: delimiter, start: start, contentIndent: indent + markerWidth + 1, content: "")
        }
        guard chars[markerWidth] == " " || chars[markerWidth] == "\t" else { return nil }
        var spaces = 0
        while markerWidth + spaces < chars.count, chars[markerWidth + spaces] == " " { spaces += 1 }
        let restAll = String(chars[(markerWidth + spaces)...])
        if restAll.isEmpty { spaces = 1 }
        if spaces > 4 {
            // Content starts with indented code: the content column is one space after the marker.
            let content = String(repeating: " ", count: spaces - 1) + restAll
            return ListMarker(ordered: ordered, delimiter: delimiter, start: start, contentIndent: indent + markerWidth + 1, content: content)
        }
        return ListMarker(ordered: ordered, delimiter: delimiter, start: start, contentIndent: indent + markerWidth + spaces, content: restAll)
    }

    /// Whether a line starts a block that interrupts a paragraph.
    private static func interruptsParagraph(_ line: String) -> Bool {
        if atxHeading(line) != nil || isThematicBreak(line) || isBlockQuote(line) { return true }
        if Fence.opening(line, maxIndent: 3) != nil { return true }
        if let m = listMarker(line), !m.content.isEmpty, !m.ordered || m.start == 1 { return true }
        return false
    }

    // MARK: Blocks

    private func renderBlocks(_ lines: [String], tight: Bool) -> String {
        var out: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if SourceLines.isBlank(line) { i += 1; continue }
            let indent = SourceLines.indentation(line)
            if indent >= 4 {
                var code: [String] = []
                while i < lines.count, SourceLines.isBlank(lines[i]) || SourceLines.indentation(lines[i]) >= 4 {
                    code.append(SourceLines.stripIndent(lines[i], 4)); i += 1
                }
                while let last = code.last, SourceLines.isBlank(last) { code.removeLast() }
                out.append("<pre><code>" + MarkdownEscape.html(code.joined(separator: "\n")) + "\n</code></pre>")
                continue
            }
            if SourceLines.trimmed(line).hasPrefix("<!--") {
                // HTML comments are authors' notes: dropped (never passed through as markup).
                while i < lines.count, !lines[i].contains("-->") { i += 1 }
                i += 1
                continue
            }
            if let fence = Fence.opening(line, maxIndent: 3) {
                var code: [String] = []
                i += 1
                while i < lines.count, !fence.isClosed(by: lines[i]) {
                    code.append(SourceLines.stripIndent(lines[i], fence.indent)); i += 1
                }
                i += 1
                let lang = fence.language
                let cls = lang.isEmpty ? "" : " class=\"language-" + MarkdownEscape.html(lang) + "\""
                let body = code.isEmpty ? "" : MarkdownEscape.html(code.joined(separator: "\n")) + "\n"
                out.append("<pre><code\(cls)>" + body + "</code></pre>")
                continue
            }
            if let (level, text) = Self.atxHeading(line) {
                out.append(heading(level: level, text: text))
                i += 1
                continue
            }
            if Self.isThematicBreak(line) {
                out.append("<hr>")
                i += 1
                continue
            }
            if Self.isBlockQuote(line) {
                var inner: [String] = []
                while i < lines.count {
                    let l = lines[i]
                    if Self.isBlockQuote(l) {
                        var s = Substring(SourceLines.stripIndent(l, 3)).dropFirst()
                        if s.first == " " { s = s.dropFirst() }
                        inner.append(String(s))
                    } else if !SourceLines.isBlank(l), let last = inner.last, !SourceLines.isBlank(last), !Self.interruptsParagraph(l) {
                        inner.append(l) // lazy continuation of a quoted paragraph
                    } else { break }
                    i += 1
                }
                out.append("<blockquote>\n" + renderBlocks(inner, tight: false) + "\n</blockquote>")
                continue
            }
            if let marker = Self.listMarker(line) {
                let (html, next) = renderList(lines, from: i, first: marker)
                out.append(html)
                i = next
                continue
            }
            if line.contains("|"), i + 1 < lines.count, let aligns = Self.tableAlignments(lines[i + 1]),
               Self.splitRow(line).count == aligns.count {
                let (html, next) = renderTable(lines, from: i, aligns: aligns)
                out.append(html)
                i = next
                continue
            }
            // Paragraph (maybe a setext heading).
            var para: [String] = [line]
            i += 1
            var setext: Int?
            while i < lines.count {
                let l = lines[i]
                if SourceLines.isBlank(l) { break }
                if let level = Self.setextLevel(l) { setext = level; i += 1; break }
                if Self.interruptsParagraph(l) { break }
                para.append(l)
                i += 1
            }
            // Leading spaces go; trailing ones stay (two spaces mean a hard break) except at the end.
            let text = SourceLines.trimmed(para.map { String($0.drop(while: { $0 == " " || $0 == "\t" })) }.joined(separator: "\n"))
            if let level = setext {
                out.append(heading(level: level, text: text))
            } else {
                let html = InlineNode.html(InlineParser.parse(text, references: references))
                out.append(tight ? html : "<p>" + html + "</p>")
            }
        }
        return out.joined(separator: "\n")
    }

    private func heading(level: Int, text: String) -> String {
        let nodes = InlineParser.parse(text, references: references)
        let plain = InlineNode.plainText(nodes)
        let anchor = slugger.slug(plain)
        headings.append(Heading(level: level, text: plain, anchor: anchor))
        return "<h\(level) id=\"\(MarkdownEscape.html(anchor))\">" + InlineNode.html(nodes) + "</h\(level)>"
    }

    private func renderList(_ lines: [String], from start: Int, first: ListMarker) -> (String, Int) {
        var items: [[String]] = []
        var loose = false
        var i = start
        while i < lines.count, let m = Self.listMarker(lines[i]), m.ordered == first.ordered, m.delimiter == first.delimiter {
            var item: [String] = [m.content]
            i += 1
            while i < lines.count {
                let l = lines[i]
                if SourceLines.isBlank(l) { item.append(""); i += 1; continue }
                if SourceLines.indentation(l) >= m.contentIndent {
                    item.append(SourceLines.stripIndent(l, m.contentIndent)); i += 1; continue
                }
                // Lazy continuation: a paragraph line right after paragraph text.
                if let last = item.last, !SourceLines.isBlank(last), !Self.interruptsParagraph(l), Self.listMarker(l) == nil,
                   Fence.opening(last, maxIndent: 3) == nil {
                    item.append(SourceLines.trimmed(l)); i += 1; continue
                }
                break
            }
            var trailingBlank = 0
            while let last = item.last, SourceLines.isBlank(last), item.count > 1 { item.removeLast(); trailingBlank += 1 }
            if trailingBlank > 0, i < lines.count, let next = Self.listMarker(lines[i]),
               next.ordered == first.ordered, next.delimiter == first.delimiter {
                loose = true
            }
            // A blank line between two direct children of the item makes the list loose.
            for k in item.indices.dropFirst() where SourceLines.isBlank(item[k - 1]) && !SourceLines.isBlank(item[k]) {
                if SourceLines.indentation(item[k]) == 0, Self.listMarker(item[k]) == nil { loose = true }
            }
            items.append(item)
            if trailingBlank > 0, !(i < lines.count && Self.listMarker(lines[i]) != nil) { break }
        }
        let tag = first.ordered ? "ol" : "ul"
        var html = first.ordered && first.start != 1 ? "<ol start=\"\(first.start)\">" : "<\(tag)>"
        for item in items {
            let inner = renderBlocks(item, tight: !loose)
            if inner.isEmpty {
                html += "\n<li></li>"
            } else if loose {
                html += "\n<li>\n" + inner + "\n</li>"
            } else {
                html += "\n<li>" + inner + "</li>"
            }
        }
        html += "\n</\(tag)>"
        return (html, i)
    }

    private enum Alignment { case none, left, center, right }

    /// Splits a table row on unescaped `|` (a leading and a trailing pipe are optional).
    private static func splitRow(_ line: String) -> [String] {
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

    private static func tableAlignments(_ line: String) -> [Alignment]? {
        guard line.contains("-"), SourceLines.indentation(line) <= 3 else { return nil }
        let t = SourceLines.trimmed(line)
        guard t.contains("|") || t.contains(":") || t.allSatisfy({ $0 == "-" }) else { return nil }
        var result: [Alignment] = []
        for cell in splitRow(line) {
            guard !cell.isEmpty else { return nil }
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        // A lone `---` line with no pipe is a setext underline, not a one-column table.
        return t.contains("|") ? result : nil
    }

    private func renderTable(_ lines: [String], from start: Int, aligns: [Alignment]) -> (String, Int) {
        func cellHTML(_ tag: String, _ text: String, _ align: Alignment) -> String {
            let style: String
            switch align {
            case .none: style = ""
            case .left: style = " style=\"text-align:left\""
            case .center: style = " style=\"text-align:center\""
            case .right: style = " style=\"text-align:right\""
            }
            return "<\(tag)\(style)>" + InlineNode.html(InlineParser.parse(text, references: references)) + "</\(tag)>"
        }
        var html = "<table>\n<thead>\n<tr>"
        for (k, cell) in Self.splitRow(lines[start]).enumerated() { html += cellHTML("th", cell, aligns[k]) }
        html += "</tr>\n</thead>"
        var i = start + 2
        var body = ""
        while i < lines.count, !SourceLines.isBlank(lines[i]), !Self.interruptsParagraph(lines[i]) || lines[i].contains("|") {
            if Self.isBlockQuote(lines[i]) || Self.atxHeading(lines[i]) != nil { break }
            var cells = Self.splitRow(lines[i])
            if cells.count < aligns.count { cells += Array(repeating: "", count: aligns.count - cells.count) }
            body += "\n<tr>"
            for k in 0..<aligns.count { body += cellHTML("td", cells[k], aligns[k]) }
            body += "</tr>"
            i += 1
        }
        if !body.isEmpty { html += "\n<tbody>" + body + "\n</tbody>" }
        html += "\n</table>"
        return (html, i)
    }
}
