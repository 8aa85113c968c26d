import RLSupport

/// Syntax highlighting for the Swift-like cell language: a small tokenizer producing styled spans.
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
    public static func spans(_ source: String) -> [Span] {
        var lexer = Lexer(chars: Array(source))
        lexer.code(untilCloseParen: false)
        lexer.flush()
        return lexer.spans
    }

    /// HTML for `source`: one `<span class="rl-line" data-n="LINE">` per line (with `id="L<LINE>"`
    /// when `lineIDs`), tokens as `<span class="hl-KIND">`, everything escaped. Token spans never
    /// cross a line, so every line is well-formed on its own. Lines are separated by `\n`.
    public static func html(_ source: String, firstLine: Int, lineIDs: Bool = false) -> String {
        var lines: [String] = [""]
        for span in spans(source) {
            let parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (k, part) in parts.enumerated() {
                if k > 0 { lines.append("") }
                if part.isEmpty { continue }
                let escaped = HTML.escape(String(part))
                if let kind = span.kind {
                    lines[lines.count - 1] += "<span class=\"hl-\(kind.rawValue)\">" + escaped + "</span>"
                } else {
                    lines[lines.count - 1] += escaped
                }
            }
        }
        var out: [String] = []
        for (k, line) in lines.enumerated() {
            let n = firstLine + k
            let id = lineIDs ? " id=\"L\(n)\"" : ""
            out.append("<span class=\"rl-line\"\(id) data-n=\"\(n)\">" + line + "</span>")
        }
        return out.joined(separator: "\n")
    }

    private struct Lexer {
        let chars: [Character]
        var pos = 0
        /// String interpolations open now (at most `NestingLimit.maximum`).
        var interpolationDepth = 0
        var spans: [Span] = []
        private var plain = ""

        init(chars: [Character]) { self.chars = chars }

        mutating func flush() {
            if !plain.isEmpty { spans.append(Span(kind: nil, text: plain)); plain = "" }
        }

        mutating func emit(_ kind: Kind?, _ text: String) {
            guard !text.isEmpty else { return }
            if kind == nil { plain += text; return }
            flush()
            spans.append(Span(kind: kind, text: text))
        }

        func peek(_ offset: Int = 0) -> Character? {
            pos + offset < chars.count ? chars[pos + offset] : nil
        }

        func atLineStart() -> Bool {
            var k = pos - 1
            while k >= 0 {
                if chars[k] == "\n" { return true }
                if chars[k] != " " && chars[k] != "\t" { return false }
                k -= 1
            }
            return true
        }

        mutating func take(while pred: (Character) -> Bool) -> String {
            var s = ""
            while pos < chars.count, pred(chars[pos]) { s.append(chars[pos]); pos += 1 }
            return s
        }

        static func isIdentStart(_ c: Character) -> Bool { c == "_" || c.isLetter }
        static func isIdent(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }

        /// Lexes code; in interpolation mode, stops before the `)` that closes `\(`.
        mutating func code(untilCloseParen: Bool) {
            var depth = 0
            while pos < chars.count {
                let c = chars[pos]
                if c == "/", peek(1) == "/" {
                    let isOption = peek(2) == "|" && atLineStart()
                    let text = take(while: { $0 != "\n" })
                    emit(isOption ? .option : .comment, text)
                } else if c == "/", peek(1) == "*" {
                    var text = "/*"
                    pos += 2
                    var nesting = 1
                    while pos < chars.count, nesting > 0 {
                        if chars[pos] == "*", peek(1) == "/" { nesting -= 1; text += "*/"; pos += 2; continue }
                        if chars[pos] == "/", peek(1) == "*" { nesting += 1; text += "/*"; pos += 2; continue }
                        text.append(chars[pos]); pos += 1
                    }
                    emit(.comment, text)
                } else if c == "\"" {
                    string()
                } else if c.isASCII, c.isNumber {
                    let text = take(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
                    // `1..<3`: a number followed by a range operator must not swallow the dots.
                    if let dot = text.firstIndex(of: "."), text[dot...].hasPrefix("..") {
                        let keep = String(text[..<dot])
                        pos -= text.count - keep.count
                        emit(.number, keep)
                    } else if text.last == "." {
                        pos -= 1
                        emit(.number, String(text.dropLast()))
                    } else if (text.hasSuffix("e") || text.hasSuffix("E")), let sign = peek(), sign == "-" || sign == "+",
                              !text.hasPrefix("0x") {
                        pos += 1
                        let exponent = take(while: { $0.isASCII && $0.isNumber })
                        emit(.number, text + String(sign) + exponent)
                    } else {
                        emit(.number, text)
                    }
                } else if Self.isIdentStart(c) || (c == "$" && (peek(1)?.isNumber ?? false)) || (c == "`") {
                    var text: String
                    if c == "`" {
                        pos += 1
                        text = "`" + take(while: { $0 != "`" && $0 != "\n" })
                        if peek() == "`" { text += "`"; pos += 1 }
                        emit(nil, text)
                        continue
                    }
                    if c == "$" { pos += 1; text = "$" + take(while: { $0.isNumber }) } else { text = take(while: Self.isIdent) }
                    if SwiftHighlighter.keywords.contains(text) {
                        emit(.keyword, text)
                    } else if text.first?.isUppercase ?? false {
                        emit(.type, text)
                    } else if peek() == "(" {
                        emit(.call, text)
                    } else {
                        emit(nil, text)
                    }
                } else if c == "(" {
                    depth += 1
                    emit(nil, "("); pos += 1
                } else if c == ")" {
                    if untilCloseParen, depth == 0 { return }
                    depth -= 1
                    emit(nil, ")"); pos += 1
                } else if c == "\n", untilCloseParen {
                    // An unterminated interpolation ends at the line end (like an unterminated string).
                    return
                } else {
                    emit(nil, String(c)); pos += 1
                }
            }
        }

        /// Lexes a string literal starting at `"` (single-line or `"""` multi-line), with interpolation.
        mutating func string() {
            let multi = peek(1) == "\"" && peek(2) == "\""
            var text = multi ? "\"\"\"" : "\""
            pos += multi ? 3 : 1
            while pos < chars.count {
                let c = chars[pos]
                if c == "\\" {
                    if peek(1) == "(" {
                        if interpolationDepth >= NestingLimit.maximum {
                            // deeper nesting (the compiler refuses it) is shown as string text
                            text.append(c); pos += 1
                            continue
                        }
                        emit(.string, text); text = ""
                        emit(.interpolation, "\\("); pos += 2
                        interpolationDepth += 1
                        code(untilCloseParen: true)
                        interpolationDepth -= 1
                        if peek() == ")" { emit(.interpolation, ")"); pos += 1 } else if !multi { return }
                        continue
                    }
                    text.append(c); pos += 1
                    if pos < chars.count { text.append(chars[pos]); pos += 1 }
                    continue
                }
                if multi {
                    if c == "\"", peek(1) == "\"", peek(2) == "\"" { text += "\"\"\""; pos += 3; emit(.string, text); return }
                } else {
                    if c == "\"" { text.append(c); pos += 1; emit(.string, text); return }
                    if c == "\n" { break }
                }
                text.append(c); pos += 1
            }
            emit(.string, text)
        }
    }
}
