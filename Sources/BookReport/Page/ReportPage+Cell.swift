import RLSupport

extension ReportPage {
    /// One cell: a head line (label anchor, badge, duration, line), the highlighted source, the outputs.
    func cell(_ cell: CellReport, anchor: String) -> String {
        let a = HTML.escape(anchor)
        var out = "<section class=\"rl-cell rl-status-\(cell.status.rawValue)\" id=\"\(a)\">\n"
        out += "<div class=\"rl-cell-head\">"
        out += "<a class=\"rl-cell-label rl-mono\" href=\"#\(a)\">" + HTML.escape(cell.label ?? "\(strings.cell) \(cell.index + 1)") + "</a>"
        out += " <span class=\"rl-badge rl-badge-\(cell.status.rawValue)\">" + HTML.escape(strings.badge(cell.status)) + "</span>"
        if let seconds = cell.seconds {
            out += " <span class=\"rl-duration\">" + HTML.escape(Self.duration(seconds)) + "</span>"
        }
        out += " <span class=\"rl-cell-line\">" + HTML.escape(strings.lineNumber(cell.firstLine)) + "</span>"
        out += "</div>\n"
        if cell.echo {
            out += "<pre class=\"rl-source\"><code>" + sourceHTML(cell) + "</code></pre>\n"
        }
        out += "<div class=\"rl-outputs\">" + outputs(cell) + "</div>\n"
        return out + "</section>\n"
    }

    /// Highlighted source; each line has `id="L<file line>"` so error locations can link to it.
    /// Made once per cell for all the writes of a run (with a render cache).
    private func sourceHTML(_ cell: CellReport) -> String {
        let render = { SwiftHighlighter.html(cell.source, firstLine: cell.firstLine, lineIDs: true) }
        return cache.map { $0.sourceHTML(cell: cell.index, source: cell.source, firstLine: cell.firstLine, render) } ?? render()
    }

    /// Outputs in order: text (consecutive chunks merged, long text folded), errors, notes, HTML, media.
    func outputs(_ cell: CellReport) -> String {
        let hide = cell.outputMode == "hide"
        let folding = cell.outputMode == "fold" ? TextFolding.fold : TextFolding.show
        var parts: [String] = []
        var pendingText = ""
        func flushText() {
            if !pendingText.isEmpty, pendingText != "\n" {
                parts.append(folding.html(pendingText, strings: strings))
            }
            pendingText = ""
        }
        let ids = cell.outputIDs.count == cell.outputs.count ? cell.outputIDs : nil
        /// A medium's HTML: from the run's cache when the output has an id, else rendered now.
        func media(_ k: Int, _ encode: () -> EncodedMedia) -> String {
            guard let cache, let ids else { return encode().html }
            return cache.encoded(id: ids[k], encode).html
        }
        for (k, output) in cell.outputs.enumerated() {
            if case .text(let t) = output {
                if !hide { pendingText += t }
                continue
            }
            flushText()
            switch output {
            case .text: break
            case .error(let d):
                parts.append(DiagnosticHTML.box(d, strings: strings, lineLink: lineLink))
            case .note(let text):
                parts.append("<div class=\"rl-note\">" + HTML.escape(text) + "</div>")
            case .html(let html):
                if !hide { parts.append("<div class=\"rl-html\">" + html + "</div>") }
            case .table(let table):
                if !hide { parts.append(MediaHTML.table(table)) }
            case .plot(let plot):
                if !hide { parts.append(media(k) { EncodedMedia(html: MediaHTML.plot(plot, assets: assets), summary: "plot") }) }
            case .image(let image):
                if !hide { parts.append(media(k) { EncodedMedia(html: MediaHTML.image(image, assets: assets), summary: "image") }) }
            case .animation(let animation):
                if !hide { parts.append(media(k) { EncodedMedia(html: MediaHTML.animation(animation, assets: assets), summary: "animation: \(animation.frames.count) frames") }) }
            case .encoded(let m):
                if !hide { parts.append(m.html) }
            }
        }
        flushText()
        return parts.isEmpty ? "" : "\n" + parts.joined(separator: "\n") + "\n"
    }
}

extension ReportPage {
    /// A cell duration: milliseconds under 0.1 s (`3 ms`), else `Clock.formatDuration` (`0.42 s`, `2 min 05 s`).
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 0.1 { return "\(Int((seconds * 1000).rounded())) ms" }
        return Clock.formatDuration(min(seconds, 1e9))
    }
}
