/// Inline nodes to HTML: text escaped, URLs checked, raw HTML sanitised, math as MathML.
extension MarkdownRenderer {
    func inlineHTML(_ nodes: [InlineNode]) -> String {
        var s = ""
        for n in nodes { append(n, to: &s) }
        return s
    }

    /// Children of an element: raw tags they leave open are closed inside it, so the HTML stays nested.
    private func nested(_ nodes: [InlineNode]) -> String {
        let scope = sanitizer.enter()
        let html = inlineHTML(nodes)
        return html + sanitizer.leave(scope)
    }

    private func append(_ node: InlineNode, to s: inout String) {
        switch node {
        case .text(let t): s += MarkdownEscape.html(t)
        case .code(let t): s += "<code>" + MarkdownEscape.html(t) + "</code>"
        case .emphasis(let c): s += "<em>" + nested(c) + "</em>"
        case .strong(let c): s += "<strong>" + nested(c) + "</strong>"
        case .strikethrough(let c): s += "<del>" + nested(c) + "</del>"
        case .link(let href, let title, let c):
            s += "<a href=\"" + MarkdownEscape.html(MarkdownEscape.safeURL(href, image: false)) + "\""
            if let title, !title.isEmpty { s += " title=\"" + MarkdownEscape.html(title) + "\"" }
            s += ">" + nested(c) + "</a>"
        case .image(let src, let title, let alt):
            s += "<img src=\"" + MarkdownEscape.html(MarkdownEscape.safeURL(src, image: true)) + "\" alt=\""
                + MarkdownEscape.html(InlineNode.plainText(alt)) + "\""
            if let title, !title.isEmpty { s += " title=\"" + MarkdownEscape.html(title) + "\"" }
            s += options.xhtml ? " />" : ">"
        case .hardBreak: s += options.xhtml ? "<br />\n" : "<br>\n"
        case .softBreak: s += "\n"
        case .html(let raw): s += sanitizer.sanitize(raw)
        case .math(let tex, let display): s += MathML.render(tex: tex, display: display)
        case .footnoteReference(let label):
            let first = footnoteNumbers[label] == nil
            let n = footnoteNumber(label)
            let id = MarkdownEscape.html(Self.footnoteID(label))
            let refID = MarkdownEscape.html(Self.footnoteReferenceID(label))
            s += "<sup class=\"footnote-ref\"><a href=\"#\(id)\"" + (first ? " id=\"\(refID)\"" : "") + ">\(n)</a></sup>"
        }
    }
}
