/// Parses inline Markdown (CommonMark's delimiter-run algorithm, simplified): backslash escapes,
/// entities, code spans, `*`/`_` emphasis and strong, inline links and images, `<url>` autolinks,
/// hard (two spaces or `\` before a newline) and soft line breaks.
///
/// Raw HTML tags are not recognised: they stay text and are escaped on output.
struct InlineParser {
    private final class Delimiter {
        let char: Character
        var count: Int
        let originalCount: Int
        let canOpen: Bool
        let canClose: Bool
        init(char: Character, count: Int, canOpen: Bool, canClose: Bool) {
            self.char = char
            self.count = count
            self.originalCount = count
            self.canOpen = canOpen
            self.canClose = canClose
        }
    }

    private enum Item {
        case node(InlineNode)
        case delimiter(Delimiter)
        /// `[` or `![` waiting for its `]`.
        case bracket(image: Bool, active: Bool, start: Int)
    }

    private let chars: [Character]
    private let references: [String: LinkReference]
    private var pos = 0
    private var items: [Item] = []
    private var text = ""

    /// Parses `source` (a paragraph's text, lines joined by `\n`).
    /// `references` are the book's `[label]: url "title"` definitions (keys normalised by `LinkReference.normalize`).
    static func parse(_ source: String, references: [String: LinkReference] = [:]) -> [InlineNode] {
        var p = InlineParser(chars: Array(source), references: references)
        return p.run()
    }

    private init(chars: [Character], references: [String: LinkReference]) {
        self.chars = chars
        self.references = references
    }

    /// `[text][label]`, `[text][]` or `[text]` resolved through the reference definitions.
    private func referenceLink(textStart: Int, textEnd: Int) -> (String, String?, Int)? {
        guard !references.isEmpty, textStart <= textEnd else { return nil }
        var label = String(chars[textStart..<textEnd])
        var end = textEnd + 1
        if end < chars.count, chars[end] == "[" {
            var j = end + 1
            var inner = ""
            while j < chars.count, chars[j] != "]", chars[j] != "[" { inner.append(chars[j]); j += 1 }
            guard j < chars.count, chars[j] == "]" else { return nil }
            if !inner.isEmpty { label = inner }
            end = j + 1
        }
        guard let ref = references[LinkReference.normalize(label)] else { return nil }
        return (ref.destination, ref.title, end)
    }

    private static func isPunctuation(_ c: Character) -> Bool {
        if c.isASCII { return c.isPunctuation || c.isSymbol }
        return c.isPunctuation || c.isSymbol
    }

    private static func isASCIIPunctuation(_ c: Character) -> Bool {
        c.isASCII && (c.isPunctuation || c.isSymbol)
    }

    private mutating func flushText() {
        if !text.isEmpty { items.append(.node(.text(text))); text = "" }
    }

    private mutating func run() -> [InlineNode] {
        while pos < chars.count {
            let c = chars[pos]
            switch c {
            case "\\":
                if pos + 1 < chars.count, chars[pos + 1] == "\n" {
                    flushText(); items.append(.node(.hardBreak)); pos += 2; skipLeadingSpaces()
                } else if pos + 1 < chars.count, Self.isASCIIPunctuation(chars[pos + 1]) {
                    text.append(chars[pos + 1]); pos += 2
                } else { text.append("\\"); pos += 1 }
            case "&":
                parseEntity()
            case "`":
                parseCodeSpan()
            case "*", "_":
                parseDelimiterRun(c)
            case "!":
                if pos + 1 < chars.count, chars[pos + 1] == "[" {
                    flushText(); items.append(.bracket(image: true, active: true, start: pos + 2)); pos += 2
                } else { text.append("!"); pos += 1 }
            case "[":
                flushText(); items.append(.bracket(image: false, active: true, start: pos + 1)); pos += 1
            case "]":
                closeBracket()
            case "<":
                if !parseAutolink() { text.append("<"); pos += 1 }
            case "\n":
                var hard = false
                var trailing = 0
                while text.hasSuffix(" ") { text.removeLast(); trailing += 1 }
                if trailing >= 2 { hard = true }
                flushText()
                items.append(.node(hard ? .hardBreak : .softBreak))
                pos += 1
                skipLeadingSpaces()
            case "h" where bareURLLength() > 0:
                let n = bareURLLength()
                let url = String(chars[pos..<(pos + n)])
                flushText()
                items.append(.node(.link(href: url, title: nil, children: [.text(url)])))
                pos += n
            case "~" where pos + 1 < chars.count && chars[pos + 1] == "~":
                parseDelimiterRun(c)
            default:
                text.append(c)
                pos += 1
            }
        }
        flushText()
        return Self.resolveEmphasis(items)
    }

    /// Length of a bare `http://` or `https://` URL starting here (GFM autolink extension), or 0.
    /// Trailing punctuation (`.,:;!?'"`) and an unbalanced `)` are left out of the link.
    private func bareURLLength() -> Int {
        if pos > 0, chars[pos - 1].isLetter || chars[pos - 1].isNumber || chars[pos - 1] == "/" { return 0 }
        let rest = chars[pos..<min(chars.count, pos + 8)]
        let prefix = String(rest)
        guard prefix.hasPrefix("http://") || prefix.hasPrefix("https://") else { return 0 }
        var j = pos
        while j < chars.count, !chars[j].isWhitespace, chars[j] != "<", chars[j] != ">", chars[j] != "`" { j += 1 }
        while j > pos {
            let last = chars[j - 1]
            if ".,:;!?'\"*_~".contains(last) { j -= 1; continue }
            if last == ")" {
                let opens = chars[pos..<j].filter { $0 == "(" }.count, closes = chars[pos..<j].filter { $0 == ")" }.count
                if closes > opens { j -= 1; continue }
            }
            break
        }
        let schemeLength = prefix.hasPrefix("https://") ? 8 : 7
        return j - pos > schemeLength ? j - pos : 0
    }

    private mutating func skipLeadingSpaces() {
        while pos < chars.count, chars[pos] == " " { pos += 1 }
    }

    private mutating func parseEntity() {
        var j = pos + 1
        var name = ""
        while j < chars.count, j - pos <= 32, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "#" {
            name.append(chars[j]); j += 1
        }
        if j < chars.count, chars[j] == ";", let decoded = MarkdownEscape.entity(name) {
            text += decoded
            pos = j + 1
        } else {
            text.append("&")
            pos += 1
        }
    }

    private mutating func parseCodeSpan() {
        var n = 0
        while pos + n < chars.count, chars[pos + n] == "`" { n += 1 }
        var j = pos + n
        while j < chars.count {
            if chars[j] == "`" {
                var m = 0
                while j + m < chars.count, chars[j + m] == "`" { m += 1 }
                if m == n {
                    var content = String(chars[(pos + n)..<j]).replacingNewlines()
                    if content.count >= 2, content.first == " ", content.last == " ", !content.allSatisfy({ $0 == " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    flushText()
                    items.append(.node(.code(content)))
                    pos = j + m
                    return
                }
                j += m
            } else { j += 1 }
        }
        text += String(repeating: "`", count: n)
        pos += n
    }

    private mutating func parseDelimiterRun(_ c: Character) {
        var n = 0
        while pos + n < chars.count, chars[pos + n] == c { n += 1 }
        let before: Character = pos > 0 ? chars[pos - 1] : " "
        let after: Character = pos + n < chars.count ? chars[pos + n] : " "
        let beforeSpace = before.isWhitespace, afterSpace = after.isWhitespace
        let beforePunct = Self.isPunctuation(before), afterPunct = Self.isPunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool, canClose: Bool
        if c == "_" {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        flushText()
        items.append(.delimiter(Delimiter(char: c, count: n, canOpen: canOpen, canClose: canClose)))
        pos += n
    }

    private mutating func parseAutolink() -> Bool {
        var j = pos + 1
        var inner = ""
        while j < chars.count, chars[j] != ">", chars[j] != "<", !chars[j].isWhitespace { inner.append(chars[j]); j += 1 }
        guard j < chars.count, chars[j] == ">", !inner.isEmpty else { return false }
        let lower = inner.lowercased()
        let href: String
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") {
            href = inner
        } else if inner.contains("@"), !inner.contains(":"), inner.split(separator: "@").count == 2 {
            href = "mailto:" + inner
        } else {
            return false
        }
        flushText()
        items.append(.node(.link(href: href, title: nil, children: [.text(inner)])))
        pos = j + 1
        return true
    }

    private mutating func closeBracket() {
        flushText()
        guard let b = items.lastIndex(where: { if case .bracket = $0 { return true } else { return false } }),
              case .bracket(let image, let active, let start) = items[b] else {
            text.append("]"); pos += 1
            return
        }
        guard active, let (dest, title, end) = parseLinkTail(from: pos + 1) ?? referenceLink(textStart: start, textEnd: pos) else {
            items[b] = .node(.text(image ? "![" : "["))
            text.append("]"); pos += 1
            return
        }
        let children = Self.resolveEmphasis(Array(items[(b + 1)...]))
        items.removeSubrange(b...)
        if image {
            items.append(.node(.image(src: dest, title: title, alt: children)))
        } else {
            items.append(.node(.link(href: dest, title: title, children: children)))
            // No links inside links: earlier `[` can no longer form a link.
            for k in items.indices {
                if case .bracket(let img, _, let st) = items[k], !img { items[k] = .bracket(image: false, active: false, start: st) }
            }
        }
        pos = end
    }

    /// Parses `(dest "title")` starting at `start`; returns destination, title and the index after `)`.
    private func parseLinkTail(from start: Int) -> (String, String?, Int)? {
        guard start < chars.count, chars[start] == "(" else { return nil }
        var j = start + 1
        func skipSpace() { while j < chars.count, chars[j] == " " || chars[j] == "\n" || chars[j] == "\t" { j += 1 } }
        skipSpace()
        var dest = ""
        if j < chars.count, chars[j] == "<" {
            j += 1
            while j < chars.count, chars[j] != ">", chars[j] != "\n" {
                if chars[j] == "\\", j + 1 < chars.count, Self.isASCIIPunctuation(chars[j + 1]) { dest.append(chars[j + 1]); j += 2; continue }
                dest.append(chars[j]); j += 1
            }
            guard j < chars.count, chars[j] == ">" else { return nil }
            j += 1
        } else {
            var depth = 0
            while j < chars.count, !chars[j].isWhitespace {
                let ch = chars[j]
                if ch == "\\", j + 1 < chars.count, Self.isASCIIPunctuation(chars[j + 1]) { dest.append(chars[j + 1]); j += 2; continue }
                if ch == "(" { depth += 1 }
                if ch == ")" { if depth == 0 { break }; depth -= 1 }
                dest.append(ch); j += 1
            }
        }
        skipSpace()
        var title: String?
        if j < chars.count, chars[j] == "\"" || chars[j] == "'" || chars[j] == "(" {
            let close: Character = chars[j] == "(" ? ")" : chars[j]
            j += 1
            var t = ""
            while j < chars.count, chars[j] != close {
                if chars[j] == "\\", j + 1 < chars.count, Self.isASCIIPunctuation(chars[j + 1]) { t.append(chars[j + 1]); j += 2; continue }
                t.append(chars[j]); j += 1
            }
            guard j < chars.count else { return nil }
            j += 1
            title = t
            skipSpace()
        }
        guard j < chars.count, chars[j] == ")" else { return nil }
        return (dest, title, j + 1)
    }

    /// Turns matched delimiter runs into emphasis/strong nodes (CommonMark "process emphasis").
    private static func resolveEmphasis(_ input: [Item]) -> [InlineNode] {
        var items = input
        var c = 0
        while c < items.count {
            guard case .delimiter(let closer) = items[c], closer.canClose, closer.count > 0 else { c += 1; continue }
            var found: Int?
            var o = c - 1
            while o >= 0 {
                if case .delimiter(let opener) = items[o], opener.char == closer.char, opener.canOpen, opener.count > 0 {
                    let oddMatch = (opener.canClose || closer.canOpen)
                        && (opener.originalCount + closer.originalCount) % 3 == 0
                        && !(opener.originalCount % 3 == 0 && closer.originalCount % 3 == 0)
                    if !oddMatch { found = o; break }
                }
                o -= 1
            }
            guard let openerIndex = found, case .delimiter(let opener) = items[openerIndex] else { c += 1; continue }
            if closer.char == "~", opener.count != 2 || closer.count != 2 { c += 1; continue }
            let use = opener.count >= 2 && closer.count >= 2 ? 2 : 1
            let inner = nodes(Array(items[(openerIndex + 1)..<c]))
            opener.count -= use
            closer.count -= use
            var replacement: [Item] = []
            if opener.count > 0 { replacement.append(.delimiter(opener)) }
            let node: InlineNode = closer.char == "~" ? .strikethrough(inner) : use == 2 ? .strong(inner) : .emphasis(inner)
            replacement.append(.node(node))
            if closer.count > 0 { replacement.append(.delimiter(closer)) }
            items.replaceSubrange(openerIndex...c, with: replacement)
            c = openerIndex + replacement.count - (closer.count > 0 ? 1 : 0)
        }
        return nodes(items)
    }

    /// Flattens items to nodes: unmatched delimiters and brackets become text; adjacent texts merge.
    private static func nodes(_ items: [Item]) -> [InlineNode] {
        var out: [InlineNode] = []
        func appendText(_ s: String) {
            if case .text(let prev)? = out.last { out[out.count - 1] = .text(prev + s) } else { out.append(.text(s)) }
        }
        for item in items {
            switch item {
            case .node(.text(let s)): appendText(s)
            case .node(let n): out.append(n)
            case .delimiter(let d): if d.count > 0 { appendText(String(repeating: d.char, count: d.count)) }
            case .bracket(let image, _, _): appendText(image ? "![" : "[")
            }
        }
        return out
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
