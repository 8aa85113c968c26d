import BookDSL
import RLSupport

/// Syntax highlighting for the Swift-like cell language: the compiler's tokens as styled spans.
///
/// Token kinds: keywords, strings (with `\(...)` interpolation highlighted as code), numbers,
/// comments, `//|` option lines (dimmed), capitalised identifiers (types), and function calls
/// (an identifier followed by `(`). Everything else is plain text. Never fails on any input.
public enum SwiftHighlighter {
    /// The kind of a span; `nil` kind means plain text.
    public enum Kind: String, Sendable, Hashable {
        case keyword = "kw"
        case string = "str"
        case interpolation = "interp"
        case number = "num"
        case comment = "com"
        case option = "opt"
        case type = "type"
        case call = "fn"
    }

    /// A piece of source text and how to style it.
    public struct Span: Sendable, Hashable {
        public var kind: Kind?
        public var text: String
    }

    static let keywords: Set<String> = [
        "let", "var", "func", "return", "if", "else", "guard", "while", "for", "in", "repeat", "break", "continue",
        "switch", "case", "default", "fallthrough", "struct", "class", "enum", "protocol", "extension", "init",
        "deinit", "self", "Self", "super", "true", "false", "nil", "import", "where", "inout", "throws", "throw",
        "rethrows", "try", "catch", "do", "defer", "static", "mutating", "nonmutating", "private", "fileprivate",
        "public", "internal", "open", "final", "override", "as", "is", "typealias", "subscript", "lazy", "weak",
        "unowned", "some", "any", "get", "set", "willSet", "didSet", "async", "await",
    ]

    /// Splits `source` into spans; concatenating the spans' text gives back `source` exactly.
    /// The tokens are the compiler's (`SourceTokens`); text between them is plain.
    public static func spans(_ source: String) -> [Span] {
        let chars = Array(source)
        var spans: [Span] = []
        var plain = ""
        var pos = 0
        for token in SourceTokens.scan(chars) {
            let r = token.range
            guard r.lowerBound >= pos, r.upperBound <= chars.count else { continue }   // (tokens never overlap; never trusted)
            if r.lowerBound > pos { plain += String(chars[pos..<r.lowerBound]) }
            let text = String(chars[r])
            pos = r.upperBound
            guard let kind = kind(of: token, text, next: pos < chars.count ? chars[pos] : nil) else {
                plain += text
                continue
            }
            if !plain.isEmpty { spans.append(Span(kind: nil, text: plain)); plain = "" }
            spans.append(Span(kind: kind, text: text))
        }
        if pos < chars.count { plain += String(chars[pos...]) }
        if !plain.isEmpty { spans.append(Span(kind: nil, text: plain)) }
        return spans
    }

    /// How a token is styled; `next` is the character right after it (a name before `(` is a call).
    static func kind(of token: SourceToken, _ text: String, next: Character?) -> Kind? {
        switch token.kind {
        case .comment: return text.hasPrefix("//|") && token.startsLine ? .option : .comment
        case .stringText: return .string
        case .interpolationStart, .interpolationEnd: return .interpolation
        case .int, .double: return .number
        case .name, .dollar:
            if token.kind == .dollar && text.count == 1 { return nil }
            if keywords.contains(text) { return .keyword }
            if text.first?.isUppercase ?? false { return .type }
            return next == "(" ? .call : nil
        case .backtickName, .op, .punct: return nil
        }
    }

    /// Cells larger than this (in UTF-8 bytes) are shown without highlighting.
    public static let plainAbove = 256 << 10

    /// HTML for `source`: one `<span class="rl-line" data-n="LINE">` per line (with `id="L<LINE>"`
    /// when `lineIDs`), tokens as `<span class="hl-KIND">`, everything escaped. Token spans never
    /// cross a line, so every line is well-formed on its own. Lines are separated by `\n`.
    /// Written straight from the tokens into one string (no list of spans or lines: a cell of
    /// millions of tokens costs its characters, its tokens and the page text).
    public static func html(_ source: String, firstLine: Int, lineIDs: Bool = false) -> String {
        let plainAbove = Self.plainAbove
        let chars = Array(source)
        var out = ""
        out.reserveCapacity(source.utf8.count + source.utf8.count / 2 + 64)
        var line = firstLine
        func openLine() {
            out += lineIDs ? "<span class=\"rl-line\" id=\"L\(line)\" data-n=\"\(line)\">" : "<span class=\"rl-line\" data-n=\"\(line)\">"
        }
        /// `chars[r]` as `kind`, one span per line it covers.
        func emit(_ r: Range<Int>, _ kind: Kind?) {
            var start = r.lowerBound
            for k in r where chars[k] == "\n" {
                piece(start..<k, kind)
                out += "</span>\n"
                line += 1
                openLine()
                start = k + 1
            }
            piece(start..<r.upperBound, kind)
        }
        func piece(_ r: Range<Int>, _ kind: Kind?) {
            guard !r.isEmpty else { return }
            let escaped = HTML.escape(String(chars[r]))
            if let kind { out += "<span class=\"hl-\(kind.rawValue)\">" + escaped + "</span>" } else { out += escaped }
        }
        openLine()
        // A cell past `plainAbove` is shown unstyled: its tokens (64 bytes each, a token every two
        // characters in dense code) would cost many times the cell, as code editors stop
        // highlighting huge files.
        guard source.utf8.count <= plainAbove else {
            emit(0..<chars.count, nil)
            return out + "</span>"
        }
        var pos = 0
        for token in SourceTokens.scan(chars) {
            let r = token.range
            guard r.lowerBound >= pos, r.upperBound <= chars.count else { continue }   // (tokens never overlap; never trusted)
            if r.lowerBound > pos { emit(pos..<r.lowerBound, nil) }
            pos = r.upperBound
            emit(r, kind(of: token, String(chars[r]), next: pos < chars.count ? chars[pos] : nil))
        }
        if pos < chars.count { emit(pos..<chars.count, nil) }
        return out + "</span>"
    }
}
