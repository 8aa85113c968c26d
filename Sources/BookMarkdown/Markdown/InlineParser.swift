/// Parses inline Markdown: CommonMark 0.31 inlines (backslash escapes, entities, code spans,
/// emphasis with the delimiter-run algorithm, links and images with reference labels, autolinks,
/// raw HTML, hard and soft breaks), GFM strikethrough and footnote references, and math spans.
///
/// A port of commonmark.js `lib/inlines.js` (BSD-2) to Swift, including its guards against
/// quadratic behaviour: `openersBottom` in emphasis processing, remembered backtick runs for
/// code spans, bracket deactivation that stops at the first inactive opener, and remembered
/// failed searches for closing HTML and math markers.
struct InlineParser {
    final class Delimiter {
        let char: Character
        var count: Int
        let originalCount: Int
        let node: InlineTree
        var previous: Delimiter?
        weak var next: Delimiter?
        let canOpen: Bool
        let canClose: Bool
        init(char: Character, count: Int, node: InlineTree, previous: Delimiter?, canOpen: Bool, canClose: Bool) {
            self.char = char
            self.count = count
            self.originalCount = count
            self.node = node
            self.previous = previous
            self.canOpen = canOpen
            self.canClose = canClose
        }
    }

    final class Bracket {
        let node: InlineTree
        var previous: Bracket?
        /// The nearest link (not image) opener below this one.
        weak var previousLinkOpener: Bracket?
        let previousDelimiter: Delimiter?
        let index: Int
        let image: Bool
        var active = true
        var bracketAfter = false
        init(node: InlineTree, previous: Bracket?, previousDelimiter: Delimiter?, index: Int, image: Bool) {
            self.node = node
            self.previous = previous
            self.previousDelimiter = previousDelimiter
            self.index = index
            self.image = image
        }
    }

    let s: [Character]
    let references: [String: LinkReference]
    let footnotes: Set<String>
    let options: MarkdownOptions
    var pos = 0
    let root = InlineTree(.root)
    var delimiters: Delimiter?
    var brackets: Bracket?
    /// Start positions of backtick runs by length (filled on first use).
    var backtickRuns: [Int: [Int]]?
    var backtickCursor: [Int: Int] = [:]
    /// Positions from which a search for a closing marker already failed.
    var failedSearches: [String: Int] = [:]

    /// Parses `source` (a paragraph's text, lines joined by `\n`).
    static func parse(_ source: String, references: [String: LinkReference] = [:], footnotes: Set<String> = [],
                      options: MarkdownOptions = .book) -> [InlineNode] {
        var p = InlineParser(s: Array(source), references: references, footnotes: footnotes, options: options)
        p.run()
        let nodes = p.root.nodes(autolink: options.gfm)
        p.root.dismantle()
        return nodes
    }

    /// Backslash escapes and entities resolved (for info strings and titles).
    static func unescape(_ s: String) -> String { LinkSyntax.unescape(s) }

    private mutating func run() {
        while pos < s.count { parseInline() }
        processEmphasis(stackBottom: nil)
        // Break the delimiter and bracket chains iteratively (long chains would recurse on release).
        while let d = delimiters { delimiters = d.previous; d.previous = nil; d.next = nil }
        while let b = brackets { brackets = b.previous; b.previous = nil }
    }

    func peek(_ i: Int) -> Character? { i < s.count ? s[i] : nil }

    mutating func text(_ t: String) {
        root.append(InlineTree(.text, t))
    }

    private mutating func parseInline() {
        let c = s[pos]
        switch c {
        case "\n": parseNewline()
        case "\\": parseBackslash()
        case "`": parseBackticks()
        case "*", "_": handleDelimiter(c)
        case "~" where options.gfm: handleDelimiter(c)
        case "[": parseOpenBracket()
        case "!": parseBang()
        case "]": parseCloseBracket()
        case "<": if !parseAutolink() && !parseHTMLTag() { text("<"); pos += 1 }
        case "&": parseEntity()
        case "$" where options.math: if !parseDollarMath() { text("$"); pos += 1 }
        default: parseString()
        }
    }

    private static func isSpecial(_ c: Character, _ options: MarkdownOptions) -> Bool {
        switch c {
        case "\n", "`", "[", "]", "\\", "!", "<", "&", "*", "_": true
        case "~": options.gfm
        case "$": options.math
        default: false
        }
    }

    private mutating func parseString() {
        let start = pos
        pos += 1
        while pos < s.count, !Self.isSpecial(s[pos], options) { pos += 1 }
        text(String(s[start..<pos]))
    }

    private mutating func parseNewline() {
        pos += 1
        if let last = root.last, case .text = last.kind, last.literal.hasSuffix(" ") {
            var lit = last.literal
            var spaces = 0
            while lit.hasSuffix(" ") { lit.removeLast(); spaces += 1 }
            last.literal = lit
            root.append(InlineTree(spaces >= 2 ? .hardBreak : .softBreak))
        } else {
            root.append(InlineTree(.softBreak))
        }
        while pos < s.count, s[pos] == " " { pos += 1 }
    }

    private mutating func parseBackslash() {
        pos += 1
        if peek(pos) == "\n" {
            pos += 1
            root.append(InlineTree(.hardBreak))
            while pos < s.count, s[pos] == " " { pos += 1 }
        } else if options.math, let c = peek(pos), c == "(" || c == "[", parseBackslashMath(open: c) {
            return
        } else if let c = peek(pos), LinkSyntax.isEscapable(c) {
            text(String(c))
            pos += 1
        } else {
            text("\\")
        }
    }

    private mutating func parseBackticks() {
        let start = pos
        while pos < s.count, s[pos] == "`" { pos += 1 }
        let n = pos - start
        if backtickRuns == nil {
            var runs: [Int: [Int]] = [:]
            var i = 0
            while i < s.count {
                if s[i] == "`" {
                    let b = i
                    while i < s.count, s[i] == "`" { i += 1 }
                    runs[i - b, default: []].append(b)
                } else { i += 1 }
            }
            backtickRuns = runs
        }
        let runs = backtickRuns?[n] ?? []
        var k = backtickCursor[n] ?? 0
        while k < runs.count, runs[k] < pos { k += 1 }
        backtickCursor[n] = k
        guard k < runs.count else {
            text(String(repeating: "`", count: n))
            return
        }
        let close = runs[k]
        var content = String(s[pos..<close]).replacingNewlines()
        if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
            content = String(content.dropFirst().dropLast())
        }
        root.append(InlineTree(.code, content))
        pos = close + n
    }

    private mutating func parseEntity() {
        if let (decoded, end) = Entities.match(s, at: pos) {
            text(decoded)
            pos = end
        } else {
            text("&")
            pos += 1
        }
    }

    private mutating func parseAutolink() -> Bool {
        guard let (inner, end) = Autolink.angle(s, at: pos) else { return false }
        let node = InlineTree(.link)
        node.destination = inner.email ? "mailto:" + LinkSyntax.normalizeURI(inner.text) : LinkSyntax.normalizeURI(inner.text)
        node.append(InlineTree(.text, inner.text))
        root.append(node)
        pos = end
        return true
    }

    private mutating func parseHTMLTag() -> Bool {
        guard let token = RawHTML.token(s, at: pos, failed: &failedSearches) else { return false }
        root.append(InlineTree(.html, String(s[pos..<token.end])))
        pos = token.end
        return true
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
