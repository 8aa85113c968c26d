import RLSupport

/// Builds the HTML page of one report: header, banner, table of contents, prose and cells.
///
/// Output depends only on the `Report` (no clock, no randomness), so snapshots are stable.
struct ReportPage {
    let report: Report
    let assets: ReportAssets
    /// Media and prose HTML kept between the writes of one run (nil: render everything).
    let cache: ReportRenderCache?
    let strings: ReportStrings
    /// Anchor (`id`) of each cell, by the cell's position among the report's blocks.
    let cellAnchors: [Int: String]
    /// File lines shown in echoed cell sources (they carry `id="L<n>"`).
    let shownLines: Set<Int>

    init(report: Report, assets: ReportAssets, cache: ReportRenderCache? = nil) {
        self.report = report
        self.assets = assets
        self.cache = cache
        self.strings = ReportStrings.forLanguage(report.lang)
        var used: Set<String> = ["rl-top", "rl-toc", "rl-banner"]
        for block in report.blocks {
            if case .prose(_, let headings) = block { for h in headings { used.insert(h.anchor) } }
        }
        var anchors: [Int: String] = [:]
        var lines: Set<Int> = []
        for (k, block) in report.blocks.enumerated() {
            guard case .cell(let cell) = block else { continue }
            let base = cell.label ?? "cell-\(cell.index + 1)"
            var candidate = used.contains(base) || Self.isLineID(base) ? "cell-" + base : base
            var n = 2
            let stem = candidate
            while used.contains(candidate) { candidate = "\(stem)-\(n)"; n += 1 }
            used.insert(candidate)
            anchors[k] = candidate
            if cell.echo {
                let count = cell.source.split(separator: "\n", omittingEmptySubsequences: false).count
                for line in cell.firstLine..<(cell.firstLine + count) { lines.insert(line) }
            }
        }
        self.cellAnchors = anchors
        self.shownLines = lines
    }

    /// Whether an id has the form of a source line id (`L12`), reserved for cell source lines.
    static func isLineID(_ id: String) -> Bool {
        id.count > 1 && id.first == "L" && id.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The complete page.
    func render() -> String {
        let lang = report.lang == "zh" ? "zh" : "en"
        let title = report.title.isEmpty ? report.sourceFile : report.title
        var out = "<!doctype html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<meta name=\"generator\" content=\"rlbook " + HTML.escape(report.rlbookVersion) + "\">\n"
        out += "<title>" + HTML.escape(title) + "</title>\n"
        out += "<style>\n" + ReportStyle.css + "\n" + MediaHTML.styles + "\n" + Self.liveCSS + "\n</style>\n</head>\n<body>\n<div class=\"rl-page\" id=\"rl-top\">\n"
        let repeatedTitle = firstProseRepeats(title: title)
        out += header(title: title, anchor: repeatedTitle?.anchor)
        out += banner()
        out += toc()
        out += "<main class=\"rl-book\">\n"
        var images = ProseImages(sourceFile: report.sourceFile, assets: assets)
        for (k, block) in report.blocks.enumerated() {
            switch block {
            case .prose(var html, _):
                if let repeatedTitle, k == repeatedTitle.block { html = repeatedTitle.rest }
                let rendered = cache.map { c in c.proseHTML(block: k) { images.rewrite(html) } } ?? images.rewrite(html)
                out += "<section class=\"rl-prose\">\n" + rendered + "\n</section>\n"
            case .cell(let cell):
                out += self.cell(cell, anchor: cellAnchors[k] ?? "cell-\(cell.index + 1)")
            }
        }
        out += "</main>\n"
        out += "<footer class=\"rl-footer\">" + HTML.escape(strings.generatedBy) + " rlbook " + HTML.escape(report.rlbookVersion)
            + (report.cacheSummary.map { " · cache: " + HTML.escape($0) } ?? "") + "</footer>\n"
        out += "</div>\n<script>\n" + ReportStyle.script + "\n" + MediaHTML.script + "\n"
        if let live = report.live, report.status == .running { out += Self.liveScript(refreshSeconds: live.refreshSeconds) + "\n" }
        out += "</script>\n</body>\n</html>\n"
        return out
    }

    /// When the first prose block opens with a level-1 heading that repeats the page title (front matter
    /// `title:` equal to the first `#` heading), the prose without it and that heading's anchor: the
    /// header shows the title once and carries the anchor, so the contents still link to it.
    func firstProseRepeats(title: String) -> (block: Int, rest: String, anchor: String)? {
        guard let k = report.blocks.firstIndex(where: { if case .prose = $0 { return true } else { return false } }),
              case .prose(let html, let headings) = report.blocks[k], let h = headings.first, h.level == 1,
              h.text == title else { return nil }
        let trimmed = html.drop { $0 == "\n" || $0 == " " }
        guard trimmed.hasPrefix("<h1"), let end = trimmed.firstRange(of: "</h1>") else { return nil }
        return (k, String(trimmed[end.upperBound...]), h.anchor)
    }

    /// `#L<n>` for a location in the tutorial whose line is shown on the page.
    func lineLink(_ loc: SourceLocation) -> String? {
        loc.file == report.sourceFile && shownLines.contains(loc.line) ? "#L\(loc.line)" : nil
    }

    /// The anchor of a cell named `name` (its label or `cell-N`).
    func anchor(ofCellNamed name: String) -> String? {
        for (k, block) in report.blocks.enumerated() {
            guard case .cell(let cell) = block else { continue }
            if cell.label == name || "cell-\(cell.index + 1)" == name { return cellAnchors[k] }
        }
        return nil
    }
}
