import RLSupport
/// Inline Markdown content after parsing: text, code, emphasis, links, images, breaks.
indirect enum InlineNode: Equatable {
    case text(String)
    case code(String)
    case emphasis([InlineNode])
    case strong([InlineNode])
    case strikethrough([InlineNode])
    case link(href: String, title: String?, children: [InlineNode])
    case image(src: String, title: String?, alt: [InlineNode])
    case hardBreak
    case softBreak
    /// Raw HTML (one tag, comment, ...), passed through `HTMLSanitizer` on output.
    case html(String)
    /// TeX source of `$...$` (inline) or `$$...$$` (display) math.
    case math(String, display: Bool)
    /// `[^label]` (normalised label) of a defined footnote.
    case footnoteReference(String)

    /// The plain text of a run of nodes (for heading anchors, alt text and the table of contents).
    static func plainText(_ nodes: [InlineNode]) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let s), .code(let s): out += s
            case .emphasis(let c), .strong(let c), .strikethrough(let c): out += plainText(c)
            case .link(_, _, let c): out += plainText(c)
            case .image(_, _, let alt): out += plainText(alt)
            case .hardBreak, .softBreak: out += " "
            case .math(let tex, _): out += tex
            case .html, .footnoteReference: break
            }
        }
        return out
    }
}

/// Escaping and URL sanitising for the Markdown renderer.
///
/// Raw HTML written in a tutorial goes through `HTMLSanitizer`.
/// Link targets with the schemes that can run code or read local files (`javascript:`, `vbscript:`,
/// `file:`, and `data:` except raster images for `<img>`) are replaced by `#` (cmark's safe-mode list).
enum MarkdownEscape {
    /// Escapes `& < > "` (as CommonMark renderers do; attribute values are always double-quoted).
    static func html(_ s: String) -> String { HTMLEscape.escape(s, apostrophes: false) }

    /// The URL if its scheme is safe (or it is relative), else `#`.
    static func safeURL(_ url: String, image: Bool) -> String {
        let trimmed = url.trimmingWhitespaceAndControls()
        var scheme = ""
        for ch in trimmed {
            if ch == ":" { break }
            if ch == "/" || ch == "?" || ch == "#" { return trimmed }
            scheme.append(ch)
        }
        if scheme.count == trimmed.count { return trimmed } // no scheme: relative
        switch scheme.lowercased() {
        case "javascript", "vbscript", "file": return "#"
        case "data":
            let lower = trimmed.lowercased()
            if image, ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: { lower.hasPrefix($0) }) {
                return trimmed
            }
            return "#"
        default: return trimmed
        }
    }
}

extension String {
    func trimmingWhitespaceAndControls() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace || f.unicodeScalars.allSatisfy({ $0.value < 0x20 }) { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace || l.unicodeScalars.allSatisfy({ $0.value < 0x20 }) { s = s.dropLast() }
        // Control characters inside the scheme (e.g. "java\tscript:") are removed too.
        return String(s.filter { !$0.unicodeScalars.allSatisfy { $0.value < 0x20 } })
    }
}
