import RLSupport

/// Parses a tutorial file into a `Book`: front matter, prose rendered to HTML, and ```swift cells.
///
/// Parsing never fails: prose is always rendered (Markdown has no syntax errors), and problems
/// with the front matter, code fences and cell options become `Book.diagnostics` (each with
/// `file:line:col` and the source line). A book with error diagnostics must not be run.
///
/// Only fences whose info string starts with `swift` (```` ``` ```` or `~~~`) are cells, at any
/// indentation (fences inside list items are cells too; `Cell.indent` says how much was stripped).
/// Every other fence is prose and shown as escaped code.
///
/// Safety first: all prose text is HTML-escaped, and raw HTML written in the Markdown goes through
/// an allow-list sanitiser (see `HTMLSanitizer`); link targets with unsafe schemes such as
/// `javascript:` become `#`.
public enum BookParser {
    /// Parses `text`; `file` is the path used in diagnostics.
    public static func parse(text: String, file: String) -> Book {
        let lines = SourceLines.split(text)
        let sink = DiagnosticSink(file: file, lines: lines)
        var book = Book(file: file, text: text)

        // Front matter: `---` on the first line, closed by `---` or `...`.
        var bodyStart = 0
        if let first = lines.first, SourceLines.trimmed(first) == "---" {
            if let close = lines.indices.dropFirst().first(where: { SourceLines.trimmed(lines[$0]) == "---" || SourceLines.trimmed(lines[$0]) == "..." }) {
                let parser = FrontMatterParser(report: sink)
                book.frontMatter = parser.parse(rawLines: Array(lines[1..<close]), firstLine: 2)
                bodyStart = close + 1
            } else {
                sink.error("the front matter starting here is never closed; end it with a line '---'", line: 1, column: 1, length: 3)
                bodyStart = lines.count
            }
        }

        var builder = BlockBuilder(lines: lines, sink: sink)
        builder.scan(from: bodyStart)
        book.blocks = builder.blocks

        let hasProse = lines[bodyStart...].contains { !SourceLines.isBlank($0) }
        if book.cells.isEmpty && !hasProse {
            sink.error("the tutorial is empty; write some Markdown prose and ```swift cells", line: 1)
        }
        book.diagnostics = sink.diagnostics
        return book
    }
}

/// Splits the body into prose runs and cells.
private struct BlockBuilder {
    let lines: [String]
    let sink: DiagnosticSink
    var blocks: [Book.Block] = []
    private var prose: [String] = []
    private let renderer = MarkdownRenderer()
    private var labels: [String: Int] = [:]
    private var cellCount = 0

    init(lines: [String], sink: DiagnosticSink) {
        self.lines = lines
        self.sink = sink
    }

    /// Finds `[label]: url` definitions outside fences (not interrupting a paragraph); the first wins.
    private mutating func collectReferences(from start: Int) -> Set<Int> {
        var definitionLines: Set<Int> = []
        var i = start
        var previousBlank = true
        while i < lines.count {
            let line = lines[i]
            if let fence = Fence.opening(line) {
                var k = i + 1
                while k < lines.count, !fence.isClosed(by: lines[k]) { k += 1 }
                i = k + 1
                previousBlank = true
                continue
            }
            let trimmed = SourceLines.trimmed(line)
            if trimmed.hasPrefix("[^"), let close = trimmed.firstIndex(of: "]"), trimmed[close...].hasPrefix("]:") {
                // A footnote definition (GFM), not a link reference definition.
                renderer.footnoteLabels.insert(LinkReference.normalize(String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close])))
            } else if previousBlank || definitionLines.contains(i - 1), let (label, ref) = LinkReference.parseDefinition(line) {
                if renderer.references[label] == nil { renderer.references[label] = ref }
                definitionLines.insert(i)
            }
            previousBlank = SourceLines.isBlank(line)
            i += 1
        }
        return definitionLines
    }

    mutating func scan(from start: Int) {
        let definitionLines = collectReferences(from: start)
        var i = start
        while i < lines.count {
            let line = lines[i]
            guard let fence = Fence.opening(line) else {
                prose.append(definitionLines.contains(i) ? "" : line)
                i += 1
                continue
            }
            var close: Int?
            var k = i + 1
            while k < lines.count {
                if fence.isClosed(by: lines[k]) { close = k; break }
                k += 1
            }
            if close == nil {
                let fenceText = String(repeating: fence.char, count: fence.count)
                sink.error("unclosed code fence: no closing '\(fenceText)' before the end of the file",
                           line: i + 1, column: fence.indent + 1, length: fence.count,
                           notes: ["note: add a line '\(fenceText)' after the last line of this block"])
            }
            let end = close ?? lines.count
            if fence.language == "swift" {
                flushProse()
                addCell(fence: fence, openLine: i, bodyLines: Array(lines[(i + 1)..<end]))
                i = end + 1
            } else {
                prose.append(contentsOf: lines[i..<min(end + 1, lines.count)])
                i = end + 1
            }
        }
        flushProse()
    }

    private mutating func flushProse() {
        defer { prose = [] }
        guard prose.contains(where: { !SourceLines.isBlank($0) }) else { return }
        let (html, headings) = renderer.render(lines: prose)
        blocks.append(.prose(html: html, headings: headings))
    }

    private mutating func addCell(fence: Fence, openLine: Int, bodyLines: [String]) {
        let indent = fence.indent
        let body = bodyLines.map { SourceLines.stripIndent($0, indent) }
        let firstLine = openLine + 2
        var optionLines: [(offset: Int, text: String)] = []
        for (offset, line) in body.enumerated() {
            guard CellOptionsParser.isOptionLine(line) else { break }
            optionLines.append((offset, line))
        }
        let (options, labelAt) = CellOptionsParser(report: sink).parse(optionLines, firstLine: firstLine, indent: indent)
        if let label = options.label, let at = labelAt {
            if let previous = labels[label] {
                sink.error("duplicate cell label '\(label)' (first used by the cell on line \(previous)); labels must be unique in the book",
                           line: at.line, column: at.column, length: label.count)
            } else {
                labels[label] = firstLine
            }
        }
        var source = body
        for (offset, _) in optionLines { source[offset] = "" }
        blocks.append(.cell(Cell(index: cellCount, options: options, source: source.joined(separator: "\n"),
                                 displaySource: body.joined(separator: "\n"), firstLine: firstLine, indent: indent)))
        cellCount += 1
    }
}
