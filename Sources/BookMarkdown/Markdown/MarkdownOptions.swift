/// What the Markdown renderer recognises and how it writes HTML.
struct MarkdownOptions: Equatable {
    /// GitHub extensions: tables, strikethrough, task lists, bare-URL autolinks, footnotes, alerts.
    var gfm = true
    /// `$...$`, `$$...$$`, `\(...\)`, `\[...\]` as MathML.
    var math = true
    /// `<hr />`, `<br />`, `<img ... />` (the CommonMark spec's output) instead of `<hr>`.
    var xhtml = false
    /// `id` anchors on headings (GitHub-style slugs).
    var headingIDs = true

    /// What reports use.
    static let book = MarkdownOptions()
    /// Plain CommonMark with the spec's output conventions (the conformance test).
    static let commonMark = MarkdownOptions(gfm: false, math: false, xhtml: true, headingIDs: false)
}

extension String {
    /// Without leading and trailing spaces, tabs and line endings (a paragraph's raw content).
    var trimmingLineSpace: String {
        var sub = Substring(self)
        while let f = sub.first, f == " " || f == "\t" || f == "\n" || f == "\r" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\n" || l == "\r" { sub = sub.dropLast() }
        return String(sub)
    }
}
