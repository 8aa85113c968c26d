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

    /// HTML for a run of inline nodes; all text is escaped and URLs are sanitised.
    static func html(_ nodes: [InlineNode]) -> String {
        var out = ""
        for node in nodes { node.appendHTML(to: &out) }
        return out
    }

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
            }
        }
        return out
    }

    private func appendHTML(to out: inout String) {
        switch self {
        case .text(let s): out += MarkdownEscape.html(s)
        case .code(let s): out += "<code>" + MarkdownEscape.html(s) + "</code>"
        case .emphasis(let c): out += "<em>" + Self.html(c) + "</em>"
        case .strong(let c): out += "<strong>" + Self.html(c) + "</strong>"
        case .strikethrough(let c): out += "<del>" + Self.html(c) + "</del>"
        case .link(let href, let title, let c):
            out += "<a href=\"" + MarkdownEscape.html(MarkdownEscape.safeURL(href, image: false)) + "\""
            if let title { out += " title=\"" + MarkdownEscape.html(title) + "\"" }
            out += ">" + Self.html(c) + "</a>"
        case .image(let src, let title, let alt):
            out += "<img src=\"" + MarkdownEscape.html(MarkdownEscape.safeURL(src, image: true)) + "\" alt=\""
                + MarkdownEscape.html(Self.plainText(alt)) + "\""
            if let title { out += " title=\"" + MarkdownEscape.html(title) + "\"" }
            out += ">"
        case .hardBreak: out += "<br>\n"
        case .softBreak: out += "\n"
        }
    }
}

/// Escaping and URL sanitising for the Markdown renderer.
///
/// Safety first: raw HTML written in a tutorial is never passed through; it is shown as text.
/// Link targets with schemes other than http, https, mailto (and `data:image/...` raster images
/// for `<img>`) are replaced by `#`, so a `javascript:` link cannot run.
enum MarkdownEscape {
    /// Escapes `& < > " '`.
    static func html(_ s: String) -> String { HTMLEscape.escape(s) }

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
        case "http", "https", "mailto": return trimmed
        case "data":
            let lower = trimmed.lowercased()
            if image, ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: { lower.hasPrefix($0) }) {
                return trimmed
            }
            return "#"
        default: return "#"
        }
    }

    /// A named or numeric character reference (`amp`, `#169`, `#x1F600`) to its text, or nil.
    static func entity(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            guard let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v), v != 0 else { return nil }
            return String(Character(s))
        }
        if name.hasPrefix("#") {
            guard let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v), v != 0 else { return nil }
            return String(Character(s))
        }
        return namedEntities[name]
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©", "reg": "®",
        "trade": "™", "mdash": "—", "ndash": "–", "hellip": "…", "laquo": "«", "raquo": "»", "times": "×",
        "divide": "÷", "plusmn": "±", "deg": "°", "middot": "·", "rarr": "→", "larr": "←", "le": "≤", "ge": "≥",
        "ne": "≠", "infin": "∞", "alpha": "α", "beta": "β", "gamma": "γ", "epsilon": "ε", "theta": "θ",
        "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ",
    ]
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
