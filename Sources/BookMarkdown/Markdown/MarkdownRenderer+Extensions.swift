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
