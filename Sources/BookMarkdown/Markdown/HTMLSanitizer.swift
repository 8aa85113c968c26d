/// Lets raw HTML from the Markdown through an allow-list, in the spirit of GitHub's sanitiser:
/// harmless formatting, table, disclosure (`details`/`summary`) and media (`video`, `audio`,
/// `source`, `img`) elements with a fixed set of attributes; `href`/`src`/`poster`/`cite` only
/// with http(s), mailto or relative URLs (entities decoded first, so `jav&#x61;script:` is caught).
///
/// Everything else is neutralised, never passed through: a forbidden tag (`script`, `style`,
/// `iframe`, `object`, `form`, `svg`, `math`, unknown tags ...) is shown as escaped text, a
/// forbidden attribute (`on*`, `style`, `srcdoc` ...) is dropped, and every `<` that does not
/// start an allowed token is escaped, so the browser never sees markup the sanitiser did not check.
/// With `balance`, the output nests: tags a Markdown element's content leaves open are closed at
/// its end (`enter`/`leave`), closing tags that match nothing open in the scope are dropped.
final class HTMLSanitizer {
    static let allowedTags: Set<String> = [
        "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "center",
        "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav",
        "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "tt",
        "u", "ul", "var", "video", "wbr",
    ]
    static let voidTags: Set<String> = ["br", "col", "hr", "img", "source", "track", "wbr"]
    static let allowedAttributes: Set<String> = [
        "abbr", "align", "alt", "autoplay", "border", "cellpadding", "cellspacing", "cite", "class", "colspan", "controls",
        "datetime", "decoding", "default", "dir", "headers", "height", "href", "hreflang", "id", "kind", "label", "lang",
        "loading", "loop", "media", "muted", "open", "playsinline", "poster", "preload", "reversed", "role",
        "rowspan", "scope", "span", "src", "srclang", "start", "summary", "title", "type", "valign", "value", "width",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "poster", "cite", "longdesc"]

    let balance: Bool
    private var open: [String] = []

    init(balance: Bool) {
        self.balance = balance
    }

    /// `html` (an HTML block or one inline token) with everything not allowed neutralised.
    func sanitize(_ html: String) -> String {
        let s = Array(html)
        var failed: [String: Int] = [:]
        var out = ""
        var i = 0
        while i < s.count {
            let c = s[i]
            guard c == "<" else {
                out.append(c)
                i += 1
                continue
            }
            guard let token = RawHTML.token(s, at: i, failed: &failed) else {
                out += "&lt;"
                i += 1
                continue
            }
            let raw = String(s[i..<token.end])
            out += neutralise(token.kind, raw: raw)
            i = token.end
        }
        return out
    }

    /// Closing tags may only close elements opened at or above this index (the current scope).
    private var floor = 0

    /// Starts a scope (a Markdown element's content): raw closing tags inside cannot close what
    /// was opened outside. Pass the result to `leave`.
    func enter() -> (count: Int, floor: Int) {
        defer { floor = open.count }
        return (open.count, floor)
    }

    /// Ends a scope: closing tags for the elements opened inside it.
    func leave(_ scope: (count: Int, floor: Int)) -> String {
        let closing = close(downTo: scope.count)
        floor = scope.floor
        return closing
    }

    private func close(downTo count: Int) -> String {
        guard open.count > count else { return "" }
        defer { open.removeSubrange(count...) }
        return open[count...].reversed().map { "</" + $0 + ">" }.joined()
    }

    /// Closing tags for elements still open (call at the end of a prose run).
    func closeAll() -> String {
        floor = 0
        return close(downTo: 0)
    }

    private func neutralise(_ kind: RawHTML.Kind, raw: String) -> String {
        switch kind {
        case .comment:
            // Browsers also end a comment at `--!>`; such a comment could smuggle markup out.
            return raw.contains("--!>") ? MarkdownEscape.html(raw) : raw
        case .processingInstruction, .declaration, .cdata:
            // Browsers read these as bogus comments ending at the first `>`.
            return raw.firstIndex(of: ">") == raw.index(before: raw.endIndex) ? raw : MarkdownEscape.html(raw)
        case .tag(let tag):
            let name = tag.name.lowercased()
            guard Self.allowedTags.contains(name) else { return MarkdownEscape.html(raw) }
            if tag.closing {
                guard balance else { return raw }
                guard let k = open.lastIndex(of: name), k >= floor else { return "" }
                let closed = open[k...].reversed().map { "</" + $0 + ">" }.joined()
                open.removeSubrange(k...)
                return closed
            }
            var kept: [RawHTML.Attribute] = []
            for a in tag.attributes {
                let an = a.name.lowercased()
                guard Self.allowedAttributes.contains(an) || an.hasPrefix("aria-") else { continue }
                if an == "id" {
                    // Ids are prefixed, as on GitHub, so raw HTML cannot clobber names the report's
                    // script reads (`window.rlbookMedia`, `document.querySelectorAll`...).
                    let value = LinkSyntax.unescape(a.value ?? "")
                    guard !value.isEmpty else { continue }
                    kept.append(RawHTML.Attribute(name: a.name, value: "user-content-" + value,
                                                  raw: " " + a.name + "=\"user-content-" + MarkdownEscape.html(value) + "\""))
                    continue
                }
                if Self.urlAttributes.contains(an) {
                    let decoded = LinkSyntax.unescape(a.value ?? "")
                    let media = name == "img" || name == "video" || name == "audio" || name == "source" || an == "poster"
                    guard MarkdownEscape.safeURL(decoded, image: media) != "#" || decoded.hasPrefix("#") else { continue }
                    // Media sources are written `src="..."` so the report can embed local files (ProseImages).
                    if media || (a.value ?? "").contains("&") || (a.value ?? "").contains(where: { $0.unicodeScalars.first!.value < 0x20 }) {
                        kept.append(RawHTML.Attribute(name: a.name, value: decoded, raw: " " + a.name + "=\"" + MarkdownEscape.html(decoded) + "\""))
                        continue
                    }
                }
                kept.append(a)
            }
            if balance, !tag.selfClosing, !Self.voidTags.contains(name) { open.append(name) }
            if kept == tag.attributes { return raw }
            return "<" + tag.name + kept.map(\.raw).joined() + (tag.selfClosing ? " />" : ">")
        }
    }
}
