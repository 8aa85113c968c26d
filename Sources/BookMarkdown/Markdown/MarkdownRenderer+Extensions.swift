/// The GitHub extensions' block output: tables, alerts and the footnote section.
extension MarkdownRenderer {
    /// A GFM table, written as cmark-gfm writes it (one cell per line, `align` attributes).
    func renderTable(_ node: BlockNode) {
        let rows = node.content.split(separator: "\n").map(String.init)
        guard let header = rows.first else { return }
        let aligns = node.alignments
        func cell(_ tag: String, _ text: String, _ k: Int) -> String {
            "<\(tag)\(GFMTable.alignAttribute(aligns[k]))>" + leafHTML(text) + "</\(tag)>\n"
        }
        cr()
        out += "<table>\n<thead>\n<tr>\n"
        for (k, c) in GFMTable.splitRow(header).prefix(aligns.count).enumerated() { out += cell("th", c, k) }
        out += "</tr>\n</thead>\n"
        if rows.count > 1 {
            out += "<tbody>\n"
            for row in rows.dropFirst() {
                var cells = GFMTable.splitRow(row)
                if cells.count < aligns.count { cells += Array(repeating: "", count: aligns.count - cells.count) }
                out += "<tr>\n"
                for k in 0..<aligns.count { out += cell("td", cells[k], k) }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table>"
        cr()
    }

    func renderAlert(_ alert: Alert, _ node: BlockNode, footnotes: inout [BlockNode]) {
        cr()
        out += "<div class=\"markdown-alert markdown-alert-\(alert.kind)\">\n<p class=\"markdown-alert-title\">\(alert.title)</p>"
        cr()
        let scope = sanitizer.enter()
        renderChildren(of: node, tight: false, footnotes: &footnotes)
        out += sanitizer.leave(scope)
        cr()
        out += "</div>"
        cr()
    }

    /// The number of a footnote (assigned at its first reference).
    func footnoteNumber(_ label: String) -> Int {
        if let n = footnoteNumbers[label] { return n }
        let n = footnoteNumbers.count + 1
        footnoteNumbers[label] = n
        return n
    }

    /// The id of a footnote's definition (GitHub's scheme, apart from heading anchors).
    static func footnoteID(_ label: String) -> String { "user-content-fn-" + Slugger.base(label) }

    /// The id of a footnote's first reference (the back link's target).
    static func footnoteReferenceID(_ label: String) -> String { "user-content-fnref-" + Slugger.base(label) }

    func renderFootnotes(_ definitions: [BlockNode]) {
        cr()
        out += "<section class=\"footnotes\">\n<ol>"
        var seen: Set<String> = []
        let ordered = definitions.filter { seen.insert($0.label).inserted }.sorted { footnoteNumber($0.label) < footnoteNumber($1.label) }
        for def in ordered {
            let id = Self.footnoteID(def.label)
            out += "\n<li id=\"\(MarkdownEscape.html(id))\" value=\"\(footnoteNumber(def.label))\">"
            var nested: [BlockNode] = []
            let scope = sanitizer.enter()
            renderChildren(of: def, tight: false, footnotes: &nested)
            out += sanitizer.leave(scope)
            let back = " <a href=\"#" + MarkdownEscape.html(Self.footnoteReferenceID(def.label)) + "\" class=\"footnote-backref\" aria-label=\"Back to reference\">↩</a>"
            if out.hasSuffix("</p>\n") {
                out.removeLast(5)
                out += back + "</p>"
            } else {
                out += back
            }
            cr()
            out += "</li>"
        }
        out += "\n</ol>\n</section>"
        cr()
    }
}

/// A GitHub alert: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]`. Building one removes the marker line from the quote.
struct Alert {
    static let kinds = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"]
    let kind: String
    let title: String

    init?(_ quote: BlockNode) {
        guard let first = quote.children.first, first.kind == .paragraph else { return nil }
        let firstLine = first.content.prefix(while: { $0 != "\n" })
        let marker = SourceLines.trimmed(String(firstLine))
        guard marker.hasPrefix("[!"), marker.hasSuffix("]") else { return nil }
        let name = marker.dropFirst(2).dropLast().lowercased()
        guard let title = Self.kinds[name] else { return nil }
        kind = name
        self.title = title
        let rest = first.content.dropFirst(firstLine.count).drop(while: { $0 == "\n" })
        if rest.allSatisfy({ $0 == " " || $0 == "\n" }) { first.unlink() } else { first.content = String(rest) }
    }
}

/// GFM task list items: `- [ ] todo`, `- [x] done`.
enum TaskItem {
    /// nil if the item is not a task; else whether it is checked.
    static func state(of item: BlockNode) -> Bool? {
        guard item.kind == .item, let p = item.children.first, p.kind == .paragraph else { return item.taskChecked }
        let c = Array(p.content.prefix(4))
        guard c.count == 4, c[0] == "[", c[2] == "]", c[3] == " " || c[3] == "\t" || c[3] == "\n" else { return item.taskChecked }
        switch c[1] {
        case " ": return false
        case "x", "X": return true
        default: return nil
        }
    }

    static func strip(_ item: BlockNode) {
        guard let checked = state(of: item), let p = item.children.first, p.kind == .paragraph, item.taskChecked == nil else { return }
        item.taskChecked = checked
        p.content = String(p.content.dropFirst(4))
    }
}
