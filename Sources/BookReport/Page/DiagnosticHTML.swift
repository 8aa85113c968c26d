import RLSupport

/// HTML for a diagnostic: an error box with `file:line:col`, the message, the source line and a caret.
///
/// The caret is aligned by an invisible copy of the source text before the column, so it sits under
/// the right character whatever the font does with tabs or wide (CJK) characters.
enum DiagnosticHTML {
    /// `lineLink` returns the `href` for a location's line when that line is shown in the page.
    static func box(_ d: Diagnostic, strings: ReportStrings, lineLink: (SourceLocation) -> String?) -> String {
        let kind: String
        switch d.severity {
        case .error: kind = strings.error
        case .warning: kind = strings.warning
        case .note: kind = strings.note
        }
        var out = "<div class=\"rl-error rl-severity-\(d.severity.rawValue)\" role=\"alert\">"
        out += "<div class=\"rl-error-head\"><span class=\"rl-error-kind\">" + HTML.escape(kind) + "</span>"
        if let loc = d.location {
            let text = HTML.escape(loc.description)
            if let href = lineLink(loc) {
                out += " <a class=\"rl-error-loc rl-mono\" href=\"" + HTML.escape(href) + "\">" + text + "</a>"
            } else {
                out += " <span class=\"rl-error-loc rl-mono\">" + text + "</span>"
            }
        }
        out += "</div>"
        out += "<div class=\"rl-error-msg\">" + HTML.escape(d.message) + "</div>"
        // a long line is shown as a window around the column (`Diagnostic.shownSource`)
        if let (source, column) = d.shownSource {
            let number = d.location.map { String($0.line) } ?? ""
            let gutter = number.isEmpty ? "" : number + " | "
            let blankGutter = number.isEmpty ? "" : String(repeating: " ", count: number.count) + " | "
            out += "<pre class=\"rl-error-src\">"
            out += "<span class=\"rl-error-lineno\">" + gutter + "</span>" + HTML.escape(source)
            if column > 0 {
                let chars = Array(source)
                let prefixCount = min(column - 1, chars.count)
                var pad = String(chars[0..<prefixCount])
                if column - 1 > chars.count { pad += String(repeating: " ", count: column - 1 - chars.count) }
                let caret = "^" + String(repeating: "~", count: max(0, min(d.length, Diagnostic.excerptWidth) - 1))
                out += "\n<span class=\"rl-error-lineno\">" + blankGutter + "</span>"
                out += "<span class=\"rl-caret-pad\" aria-hidden=\"true\">" + HTML.escape(pad) + "</span>"
                out += "<span class=\"rl-caret\">" + caret + "</span>"
            }
            out += "</pre>"
        }
        if !d.notes.isEmpty {
            out += "<div class=\"rl-error-notes\">" + HTML.escape(d.notes.joined(separator: "\n")) + "</div>"
        }
        return out + "</div>"
    }
}
