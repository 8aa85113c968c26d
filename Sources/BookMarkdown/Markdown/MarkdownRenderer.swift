/// Renders Markdown prose to HTML: CommonMark 0.31 (block structure by `BlockParser`, inlines by
/// `InlineParser`), GitHub extensions (tables, strikethrough, task lists, bare-URL autolinks,
/// footnotes, `> [!NOTE]` alerts), raw HTML through `HTMLSanitizer`, and math as MathML.
///
/// Headings get unique GitHub-style `id` anchors. Reference-style links resolve through
/// `references` (the book's definitions, collected before rendering and shared by all prose runs)
/// and the definitions inside the run itself. Output follows commonmark.js's HTML writer.
final class MarkdownRenderer {
    let options: MarkdownOptions
    /// Shared across all prose blocks of a book so anchors stay unique.
    let slugger = Slugger()
    /// The book's link reference definitions (collected before rendering, shared by all prose).
    var references: [String: LinkReference] = [:]
    /// Footnote labels defined anywhere in the book (so a reference may come before its definition's run).
    var footnoteLabels: Set<String> = []
    /// Footnote numbers in order of first reference, across the book.
    var footnoteNumbers: [String: Int] = [:]
    var headings: [Heading] = []
    var sanitizer = HTMLSanitizer(balance: true)
    var out = ""

    init(options: MarkdownOptions = .book) {
        self.options = options
        sanitizer = HTMLSanitizer(balance: options != .commonMark)
    }

    /// Renders the lines of one prose run; returns the HTML and the headings found in it.
    func render(lines: [String]) -> (String, [Heading]) {
        headings = []
        out = ""
        var parser = BlockParser(options: options, references: references)
        parser.parse(lines)
        for (k, v) in parser.references where references[k] == nil { references[k] = v }
        footnoteLabels.formUnion(parser.footnoteLabels)
        var definitions: [BlockNode] = []
        renderChildren(of: parser.document, tight: false, footnotes: &definitions)
        if !definitions.isEmpty { renderFootnotes(definitions) }
        out += sanitizer.closeAll()
        var html = out
        out = ""
        while html.hasSuffix("\n") { html.removeLast() }
        return (html, headings)
    }

    /// A whole document as one run, in the spec's output format (with a final newline).
    func renderDocument(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
            l.hasSuffix("\r") ? String(l.dropLast()) : String(l)
        }
        if text.hasSuffix("\n") { lines.removeLast() }
        let (html, _) = render(lines: lines)
        return html.isEmpty ? "" : html + "\n"
    }

    // MARK: Output helpers

    func cr() {
        if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
    }

    /// A leaf block's inline HTML; inline tags it leaves open are closed at its end.
    func leafHTML(_ text: String) -> String {
        let scope = sanitizer.enter()
        let html = inlineHTML(inline(text))
        return html + sanitizer.leave(scope)
    }

    func inline(_ text: String) -> [InlineNode] {
        // (see `inlineLimit`)
        if text.utf8.count > Self.inlineLimit { return [.text(text)] }
        return InlineParser.parse(text, references: references, footnotes: footnoteLabels, options: options)
    }

    /// Inline text (one paragraph, heading or table cell) longer than this is shown as plain text,
    /// as deeper nesting than the container and emphasis limits is: the inline parser keeps a node
    /// of about 200 bytes for every bracket and delimiter run, so a paragraph of 3 million `[`
    /// took a gigabyte (issue 14). Prose paragraphs are far shorter.
    static let inlineLimit = 256 << 10

    // MARK: Blocks

    func renderChildren(of node: BlockNode, tight: Bool, footnotes: inout [BlockNode]) {
        for child in node.children { renderBlock(child, tight: tight, footnotes: &footnotes) }
    }

    func renderBlock(_ node: BlockNode, tight: Bool, footnotes: inout [BlockNode]) {
        switch node.kind {
        case .document:
            renderChildren(of: node, tight: false, footnotes: &footnotes)
        case .paragraph:
            let text = node.content.trimmingLineSpace
            if tight {
                out += leafHTML(text)
            } else {
                cr()
                out += "<p>" + leafHTML(text) + "</p>"
                cr()
            }
        case .heading:
            let nodes = inline(node.content.trimmingLineSpace)
            let plain = InlineNode.plainText(nodes)
            cr()
            if options.headingIDs {
                let anchor = slugger.slug(plain)
                headings.append(Heading(level: node.level, text: plain, anchor: anchor))
                out += "<h\(node.level) id=\"\(MarkdownEscape.html(anchor))\">"
            } else {
                out += "<h\(node.level)>"
            }
            let scope = sanitizer.enter()
            out += inlineHTML(nodes) + sanitizer.leave(scope) + "</h\(node.level)>"
            cr()
        case .thematicBreak:
            cr()
            out += options.xhtml ? "<hr />" : "<hr>"
            cr()
        case .codeBlock:
            renderCode(node)
        case .htmlBlock:
            cr()
            out += sanitizer.sanitize(node.literal)
            cr()
        case .blockQuote:
            if options.gfm, let alert = Alert(node) {
                renderAlert(alert, node, footnotes: &footnotes)
                return
            }
            cr()
            out += "<blockquote>"
            cr()
            let scope = sanitizer.enter()
            renderChildren(of: node, tight: false, footnotes: &footnotes)
            out += sanitizer.leave(scope)
            cr()
            out += "</blockquote>"
            cr()
        case .list:
            renderList(node, footnotes: &footnotes)
        case .item:
            renderItem(node, tight: tight, footnotes: &footnotes)
        case .table:
            renderTable(node)
        case .footnoteDefinition:
            footnotes.append(node)
        case .mathBlock:
            cr()
            out += "<p>" + MathML.render(tex: MathBlock.tex(node.literal), display: true) + "</p>"
            cr()
        }
    }

    private func renderCode(_ node: BlockNode) {
        cr()
        let lang = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        out += lang.isEmpty ? "<pre><code>" : "<pre><code class=\"language-" + MarkdownEscape.html(lang) + "\">"
        if options.gfm, let language = FenceHighlighter.language(lang) {
            out += FenceHighlighter.html(node.literal, language) + "</code></pre>"
        } else {
            out += MarkdownEscape.html(node.literal) + "</code></pre>"
        }
        cr()
    }

    private func renderList(_ node: BlockNode, footnotes: inout [BlockNode]) {
        let data = node.listData ?? .init(ordered: false)
        let tag = data.ordered ? "ol" : "ul"
        cr()
        let isTaskList = options.gfm && node.children.contains { TaskItem.state(of: $0) != nil }
        var open = "<" + tag
        if data.ordered, data.start != 1 { open += " start=\"\(data.start)\"" }
        if isTaskList { open += " class=\"contains-task-list\"" }
        out += open + ">"
        cr()
        for item in node.children { renderItem(item, tight: data.tight, footnotes: &footnotes) }
        cr()
        out += "</" + tag + ">"
        cr()
    }

    private func renderItem(_ node: BlockNode, tight: Bool, footnotes: inout [BlockNode]) {
        cr()
        if options.gfm, let checked = TaskItem.state(of: node) {
            TaskItem.strip(node)
            out += "<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled"
                + (checked ? " checked" : "") + (options.xhtml ? " /> " : "> ")
        } else {
            out += "<li>"
        }
        let scope = sanitizer.enter()
        renderChildren(of: node, tight: tight, footnotes: &footnotes)
        out += sanitizer.leave(scope) + "</li>"
        cr()
    }
}
