/// The seven kinds of CommonMark HTML block: how each starts and (types 1-5) ends
/// (spec section 4.6; commonmark.js `reHtmlBlockOpen` / `reHtmlBlockClose`).
enum HTMLBlockStart {
    static let literalTags = ["pre", "script", "style", "textarea"]
    static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup",
        "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link",
        "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    /// The block type (1-7) a line starting with `<` opens, or nil.
    static func type(of s: [Character]) -> Int? {
        guard s.first == "<" else { return nil }
        let lower = String(s.prefix(12)).lowercased()
        for tag in literalTags where lower.hasPrefix("<" + tag) {
            let after = s.count > tag.count + 1 ? s[tag.count + 1] : nil
            if after == nil || after == ">" || after!.isWhitespace { return 1 }
        }
        if lower.hasPrefix("<!--") { return 2 }
        if lower.hasPrefix("<?") { return 3 }
        if lower.hasPrefix("<![cdata[") { return 5 }
        if lower.hasPrefix("<!"), s.count > 2, s[2].isASCII, s[2].isLetter { return 4 }
        // Type 6: a block-level tag name.
        var i = 1
        if i < s.count, s[i] == "/" { i += 1 }
        var name = ""
        while i < s.count, s[i].isASCII, s[i].isLetter || s[i].isNumber { name.append(s[i]); i += 1 }
        if blockTags.contains(name.lowercased()) {
            if i == s.count || s[i] == " " || s[i] == "\t" || s[i] == ">" { return 6 }
            if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" { return 6 }
        }
        // Type 7: any complete open or closing tag alone on its line.
        if let token = RawHTML.tag(s, at: 0), case .tag(let t) = token.kind, !literalTags.contains(t.name.lowercased()),
           s[token.end...].allSatisfy({ $0 == " " || $0 == "\t" }) {
            return 7
        }
        return nil
    }

    /// Whether a line ends an HTML block of type 1-5.
    static func ends(type: Int, line: [Character]) -> Bool {
        let s = String(line)
        switch type {
        case 1:
            let lower = s.lowercased()
            return literalTags.contains { lower.contains("</" + $0 + ">") }
        case 2: return s.contains("-->")
        case 3: return s.contains("?>")
        case 4: return s.contains(">")
        case 5: return s.contains("]]>")
        default: return false
        }
    }
}
