/// The cell language's tokens as character ranges of the source, for tools that read cell code
/// without compiling it: the report's highlighter and the runner's parameters scanner. They come
/// from the compiler's own `Lexer`, so every reader of cell code splits it the same way.
///
/// A string literal comes as its pieces: the literal's text (quotes and escapes included) around each
/// interpolation, the `\(` and `)` of the interpolation, and the interpolated code's own tokens.
/// Comments are tokens here. Whitespace and characters the lexer refuses are in no token.
public struct SourceToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A name or keyword; `backtickName` when written in backticks.
        case name, backtickName
        /// `$0`, `$1`...
        case dollar
        case int, double
        /// Text of a string literal (the quotes and escapes as written).
        case stringText
        /// `\(` and `)` around an interpolation.
        case interpolationStart, interpolationEnd
        case op, punct
        /// `// ...` (to the line end) or `/* ... */`.
        case comment
    }

    public var kind: Kind
    /// The token's characters: 0-based offsets into the source's `Character`s.
    public var range: Range<Int>
    /// Only whitespace comes before the token on its line (or it is the first token).
    public var startsLine: Bool

    public init(kind: Kind, range: Range<Int>, startsLine: Bool) {
        self.kind = kind
        self.range = range
        self.startsLine = startsLine
    }
}

public enum SourceTokens {
    /// The tokens of `source` in source order (the lexer's errors are left to the compiler).
    public static func scan(_ source: String) -> [SourceToken] { scan(Array(source)) }

    /// The tokens of a cell given as its characters.
    public static func scan(_ chars: [Character]) -> [SourceToken] {
        var lexer = Lexer(chars: chars, from: 0, to: chars.count, depth: 0, line: 1, col: 1, cell: 0)
        let tokens = lexer.tokenize()
        var out: [SourceToken] = []
        out.reserveCapacity(tokens.count + lexer.comments.count)
        for t in tokens { flatten(t, chars, into: &out) }
        // comments go between the tokens (both lists are in source order)
        guard !lexer.comments.isEmpty else { return out }
        var merged: [SourceToken] = []
        merged.reserveCapacity(out.count + lexer.comments.count)
        var k = 0
        for c in lexer.comments {
            while k < out.count, out[k].range.lowerBound < c.lowerBound { merged.append(out[k]); k += 1 }
            merged.append(SourceToken(kind: .comment, range: c, startsLine: startsLine(c.lowerBound, chars)))
        }
        merged += out[k...]
        return merged
    }

    /// Whether only spaces and tabs come before offset `i` on its line.
    static func startsLine(_ i: Int, _ chars: [Character]) -> Bool {
        var k = i - 1
        while k >= 0 {
            if chars[k] == "\n" || chars[k] == "\r\n" { return true }
            if chars[k] != " " && chars[k] != "\t" { return false }
            k -= 1
        }
        return true
    }

    /// Appends `t` (a string literal as its pieces); tokens inside an interpolation never start a line.
    private static func flatten(_ t: Token, _ chars: [Character], nested: Bool = false, into out: inout [SourceToken]) {
        let first = t.newlineBefore && !nested
        switch t.kind {
        case .eof: return
        case .identifier:
            out.append(SourceToken(kind: chars[t.range.lowerBound] == "`" ? .backtickName : .name, range: t.range, startsLine: first))
        case .dollar: out.append(SourceToken(kind: .dollar, range: t.range, startsLine: first))
        case .int: out.append(SourceToken(kind: .int, range: t.range, startsLine: first))
        case .double: out.append(SourceToken(kind: .double, range: t.range, startsLine: first))
        case .op: out.append(SourceToken(kind: .op, range: t.range, startsLine: first))
        case .punct: out.append(SourceToken(kind: .punct, range: t.range, startsLine: first))
        case .string:
            var from = t.range.lowerBound
            var startsLine = first
            func text(to end: Int) {
                if end > from { out.append(SourceToken(kind: .stringText, range: from..<end, startsLine: startsLine)) }
                startsLine = false
            }
            for case .interpolation(let inner, _) in t.parts {
                guard let code = inner.last?.range else { continue }
                text(to: code.lowerBound - 2)
                out.append(SourceToken(kind: .interpolationStart, range: (code.lowerBound - 2)..<code.lowerBound, startsLine: false))
                for it in inner { flatten(it, chars, nested: true, into: &out) }
                out.append(SourceToken(kind: .interpolationEnd, range: code.upperBound..<(code.upperBound + 1), startsLine: false))
                from = code.upperBound + 1
            }
            text(to: t.range.upperBound)
        }
    }
}
