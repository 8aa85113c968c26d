import RLSupport

extension ReportPage {
    /// Title and the run's facts.
    func header(title: String, anchor: String? = nil) -> String {
        var facts: [(String, String)] = []
        facts.append((strings.source, "<span class=\"rl-mono\">" + HTML.escape(report.sourceFile) + "</span>"))
        facts.append((strings.status, HTML.escape(statusText)))
        facts.append((strings.startTime, HTML.escape(report.startTime)))
        if let total = report.totalSeconds {
            facts.append((strings.totalTime, HTML.escape(Self.duration(total))))
        }
        facts.append((strings.device, HTML.escape(report.device)))
        facts.append((strings.seed, report.seed.map { HTML.escape(String($0)) } ?? HTML.escape(strings.none)))
        if let profile = report.profile {
            facts.append((strings.profile, HTML.escape(profile)))
        }
        let params = report.parameters.isEmpty
            ? HTML.escape(strings.none)
            : report.parameters.map { "<code>" + HTML.escape($0.name) + " = " + HTML.escape($0.value) + "</code>" }.joined(separator: ", ")
        facts.append((strings.parameters, params))
        facts.append((strings.rlbookVersion, HTML.escape(report.rlbookVersion)))
        if let commit = report.gitCommit {
            facts.append((strings.gitCommit, "<span class=\"rl-mono\">" + HTML.escape(commit) + "</span>"))
        }
        let id = anchor.map { " id=\"" + HTML.escape($0) + "\"" } ?? ""
        var out = "<header class=\"rl-header\">\n<h1 class=\"rl-title\"\(id)>" + HTML.escape(title) + "</h1>\n<dl class=\"rl-facts\">\n"
        for (name, value) in facts {
            out += "<dt>" + HTML.escape(name) + "</dt><dd>" + value + "</dd>\n"
        }
        return out + "</dl>\n</header>\n"
    }

    var statusText: String {
        switch report.status {
        case .running: return strings.running
        case .completed: return strings.completed
        case .failed: return strings.failed
        case .interrupted: return strings.interrupted
        case .notRun: return strings.notRun
        }
    }

    /// The banner for a run that did not complete (nothing for a completed run).
    func banner() -> String {
        var kind: String
        var paragraphs: [String] = []
        switch report.status {
        case .completed:
            guard !report.diagnostics.isEmpty else { return "" }
            kind = "notrun"
        case .running:
            kind = "running"
            paragraphs.append(HTML.escape(strings.bannerRunning))
            if let live = report.live { paragraphs += liveParagraphs(live) }
        case .failed(let cell, let message):
            kind = "failed"
            paragraphs.append(HTML.escape(strings.bannerFailed(cell)) + cellLink(cell))
            if !message.isEmpty {
                paragraphs.append("<span class=\"rl-banner-msg rl-mono\">" + HTML.escape(message) + "</span>")
            }
        case .interrupted(let cell):
            kind = "interrupted"
            paragraphs.append(HTML.escape(strings.bannerInterrupted(cell)) + (cell.map(cellLink) ?? ""))
        case .notRun(let count):
            kind = "notrun"
            paragraphs.append(HTML.escape(strings.bannerNotRun(count)))
        }
        var out = "<div class=\"rl-banner rl-banner-\(kind)\" id=\"rl-banner\" role=\"status\">\n"
        for p in paragraphs { out += "<p>" + p + "</p>\n" }
        for d in report.diagnostics {
            out += DiagnosticHTML.box(d, strings: strings, lineLink: lineLink) + "\n"
        }
        return out + "</div>\n"
    }

    private func cellLink(_ name: String) -> String {
        guard let anchor = anchor(ofCellNamed: name) else { return "" }
        return " <a href=\"#" + HTML.escape(anchor) + "\">" + HTML.escape(strings.goToCell) + "</a>"
    }

    /// A table of contents of the prose headings (nothing when there are none).
    func toc() -> String {
        var items: [BookHeading] = []
        for block in report.blocks {
            if case .prose(_, let headings) = block { items += headings }
        }
        guard !items.isEmpty else { return "" }
        let top = items.map(\.level).min() ?? 1
        var out = "<nav class=\"rl-toc\" id=\"rl-toc\">\n<h2>" + HTML.escape(strings.contents) + "</h2>\n<ul>\n"
        for h in items {
            let depth = min(6, h.level - top + 1)
            out += "<li class=\"rl-toc-\(depth)\"><a href=\"#" + HTML.escape(h.anchor) + "\">" + HTML.escape(h.text) + "</a></li>\n"
        }
        return out + "</ul>\n</nav>\n"
    }
}
