/// Math in prose and cell output as MathML, rendered by the browser itself (no script, no fonts
/// or files from the network).
enum MathML {
    /// `<math>` for the TeX `tex`; a block when `display`. The TeX is kept as an annotation
    /// (copy-paste, and screen readers), and unknown commands are listed in a `title`.
    static func render(tex: String, display: Bool) -> String {
        var parser = TeXParser(tex, display: display)
        let (body, _) = parser.row(until: [])
        var attrs = display ? " display=\"block\" class=\"math math-display\"" : " class=\"math\""
        if !parser.unsupported.isEmpty {
            attrs += " title=\"" + MarkdownEscape.html("unsupported TeX: " + parser.unsupported.joined(separator: " ")) + "\""
        }
        return "<math\(attrs)><semantics><mrow>\(body)</mrow><annotation encoding=\"application/x-tex\">"
            + MarkdownEscape.html(tex) + "</annotation></semantics></math>"
    }
}
