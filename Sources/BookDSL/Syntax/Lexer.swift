import RLSupport

/// Turns a cell's text into tokens (Swift's lexical rules, including operator whitespace rules).
struct Lexer {
    struct LexError { var message: String; var loc: Loc }

    private let chars: [Character]
    private var i = 0
    /// Where this lexer stops (an interpolation's lexer reads a slice of its parent's characters).
    private let end: Int
    /// How many string interpolations enclose this text (at most `NestingLimit.maximum`).
    private let interpolationDepth: Int
    private var line: Int
    private var col: Int
    /// The cell being lexed (stored in every `Loc`).
    let cell: Int
    private(set) var errors: [LexError] = []
    /// The comments read, as character ranges (`//` to the line end, `/* */` nested), in source order.
    private(set) var comments: [Range<Int>] = []

    init(_ text: String, line: Int = 1, col: Int = 1, cell: Int = 0) {
        chars = Array(text)
        end = chars.count
        interpolationDepth = 0
        self.line = line
        self.col = col
        self.cell = cell
    }

    init(chars: [Character], from start: Int, to end: Int, depth: Int, line: Int, col: Int, cell: Int) {
        self.chars = chars
        i = start
        self.end = end
        interpolationDepth = depth
        self.line = line
        self.col = col
        self.cell = cell
    }

    static let operatorChars: Set<Character> = ["/", "=", "-", "+", "!", "*", "%", "<", ">", "&", "|", "^", "~", "?"]

    private func peek(_ k: Int = 0) -> Character? { i + k < end ? chars[i + k] : nil }

    /// Keeps an error, up to `Parser.errorCap` of them (a line of thousands of stray characters
    /// does not make thousands of errors nobody is shown).
    private mutating func report(_ e: LexError) {
        if errors.count < Parser.errorCap { errors.append(e) } else { droppedErrors = true }
    }
    /// Whether errors past `Parser.errorCap` were dropped.
    private(set) var droppedErrors = false

    private mutating func advance() {
        if chars[i] == "\n" { line += 1; col = 1 } else { col += 1 }
        i += 1
    }

    /// Lexes everything; the last token is `.eof`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        var space = true, newline = true
        while true {
            // whitespace and comments
            while let c = peek() {
                if c == "\n" || c == "\r\n" { newline = true; space = true; advance() }
                else if c == " " || c == "\t" || c == "\r" { space = true; advance() }
                else if c == "/" && peek(1) == "/" {
                    let from = i
                    while let d = peek(), d != "\n", d != "\r\n" { advance() }
                    comments.append(from..<i)
                    space = true
                } else if c == "/" && peek(1) == "*" {
                    let from = i
                    defer { comments.append(from..<i) }
                    var depth = 0
                    let start = Loc(cell: cell, line: line, col: col, len: 2)
                    repeat {
                        if peek() == "/" && peek(1) == "*" { depth += 1; advance(); advance() }
                        else if peek() == "*" && peek(1) == "/" { depth -= 1; advance(); advance() }
                        else if peek() == nil { report(LexError(message: "unterminated '/*' comment", loc: start)); break }
                        else { advance() }
                    } while depth > 0
                    space = true
                } else { break }
            }
            if !tokens.isEmpty {
                tokens[tokens.count - 1].spaceAfter = space || peek() == nil
            }
            guard let c = peek() else {
                tokens.append(Token(kind: .eof, text: "", loc: Loc(cell: cell, line: line, col: col), spaceBefore: true, newlineBefore: true, spaceAfter: true, range: i..<i))
                return tokens
            }
            let startLine = line, startCol = col, start = i
            var tok = Token(kind: .punct, text: "", loc: Loc(cell: cell, line: line, col: col), spaceBefore: space, newlineBefore: newline, spaceAfter: false)
            if c.isLetter || c == "_" {
                while let d = peek(), d.isLetter || d.isNumber || d == "_" { advance() }
                tok.kind = .identifier
                tok.text = String(chars[start..<i])
            } else if c == "`" {
                advance()
                let s = i
                while let d = peek(), d != "`", d != "\n" { advance() }
                tok.kind = .identifier
                tok.text = String(chars[s..<i])
                if peek() == "`" { advance() }
            } else if c == "$" {
                advance()
                while let d = peek(), d.isNumber { advance() }
                tok.kind = .dollar
                tok.text = String(chars[start..<i])
                tok.intValue = Int(String(chars[(start + 1)..<i])) ?? 0
            } else if c.isASCII && c.isNumber {
                lexNumber(&tok)
            } else if c == "\"" {
                lexString(&tok)
            } else if c == "#" && (peek(1) == "\"" || peek(1) == "#") {
                lexRawString(&tok)
            } else if c == "." && (peek(1) == "." ) {
                // dot operators: ..<  ...
                while let d = peek(), d == "." || Lexer.operatorChars.contains(d) { advance() }
                tok.kind = .op
                tok.text = String(chars[start..<i])
            } else if Lexer.operatorChars.contains(c) {
                let leftBound = !space && !(tokens.last.map { $0.kind == .punct && ["(", "[", "{", ",", ":", ";"].contains($0.text) } ?? true)
                if (c == "!" || c == "?") && leftBound && peek(1) != "=" {
                    advance()   // postfix ! or ? (optional chaining / force unwrap)
                } else if c == "-" && peek(1) == ">" {
                    advance(); advance()
                    tok.kind = .punct
                    tok.text = "->"
                    tokens.append(finish(tok, startLine, startCol, start))
                    space = false; newline = false
                    continue
                } else {
                    while let d = peek(), Lexer.operatorChars.contains(d) {
                        // do not swallow a comment start
                        if d == "/" && (peek(1) == "/" || peek(1) == "*") && i > start { break }
                        advance()
                    }
                }
                tok.kind = .op
                tok.text = String(chars[start..<i])
            } else if "()[]{},:;.@#\\".contains(c) {
                advance()
                tok.kind = .punct
                tok.text = String(c)
            } else {
                advance()
                report(LexError(message: "unexpected character '\(c)'", loc: Loc(cell: cell, line: startLine, col: startCol)))
                space = true; newline = false
                continue
            }
            tokens.append(finish(tok, startLine, startCol, start))
            space = false; newline = false
        }
    }

    private func finish(_ t: Token, _ l: Int, _ c: Int, _ start: Int) -> Token {
        var t = t
        let len = l == line ? max(1, col - c) : max(1, t.text.count)
        t.loc = Loc(cell: cell, line: l, col: c, len: len)
        t.range = start..<i
        return t
    }

    private mutating func lexNumber(_ tok: inout Token) {
        let start = i
        var isDouble = false
        if peek() == "0", let x = peek(1), x == "x" || x == "b" || x == "o" {
            advance(); advance()
            let ds = i
            while let d = peek(), d.isHexDigit || d == "_" { advance() }
            let digits = String(chars[ds..<i]).replacingUnderscores()
            let radix = x == "x" ? 16 : (x == "b" ? 2 : 8)
            tok.kind = .int
            tok.text = String(chars[start..<i])
            if let v = Int(digits, radix: radix) { tok.intValue = v } else {
                report(LexError(message: "integer literal '\(tok.text)' overflows when stored into 'Int'", loc: Loc(cell: cell, line: line, col: col)))
            }
            return
        }
        while let d = peek(), d.isASCII && (d.isNumber || d == "_") { advance() }
        if peek() == ".", let n = peek(1), n.isASCII && n.isNumber {
            isDouble = true
            advance()
            while let d = peek(), d.isASCII && (d.isNumber || d == "_") { advance() }
        }
        if let e = peek(), e == "e" || e == "E" {
            let save = (i, line, col)
            advance()
            if let s = peek(), s == "+" || s == "-" { advance() }
            if let d = peek(), d.isASCII && d.isNumber {
                isDouble = true
                while let d = peek(), d.isASCII && (d.isNumber || d == "_") { advance() }
            } else {
                (i, line, col) = save
            }
        }
        tok.text = String(chars[start..<i])
        let clean = tok.text.replacingUnderscores()
        if isDouble {
            tok.kind = .double
            tok.doubleValue = Double(clean) ?? 0
        } else {
            tok.kind = .int
            if let v = Int(clean) { tok.intValue = v } else {
                report(LexError(message: "integer literal '\(tok.text)' overflows when stored into 'Int'", loc: Loc(cell: cell, line: line, col: col)))
            }
        }
    }

    private mutating func lexString(_ tok: inout Token) {
        tok.kind = .string
        let startLoc = Loc(cell: cell, line: line, col: col)
        if peek(1) == "\"" && peek(2) == "\"" {
            advance(); advance(); advance()
            lexMultiline(&tok, startLoc)
            return
        }
        advance()
        var parts: [StringPart] = []
        var buf = ""
        while true {
            guard let c = peek(), c != "\n", c != "\r\n" else {
                report(LexError(message: "unterminated string literal", loc: startLoc))
                break
            }
            if c == "\"" { advance(); break }
            if c == "\\" {
                if peek(1) == "(" {
                    if !buf.isEmpty { parts.append(.text(buf)); buf = "" }
                    parts.append(lexInterpolation())
                    continue
                }
                buf.append(lexEscape())
                continue
            }
            buf.append(c)
            advance()
        }
        if !buf.isEmpty || parts.isEmpty { parts.append(.text(buf)) }
        tok.parts = parts
        tok.text = "string"
    }

    /// `#"raw \n"#` (any number of `#`): the characters as written, on one line. Interpolation and escapes
    /// (`\#(x)`, `\#n`) and multi-line raw strings are refused.
    private mutating func lexRawString(_ tok: inout Token) {
        tok.kind = .string
        let startLoc = Loc(cell: cell, line: line, col: col)
        var hashes = 0
        while peek() == "#" { advance(); hashes += 1 }
        guard peek() == "\"" else {
            report(LexError(message: "expected '\"' after '#' to start a raw string", loc: startLoc))
            return
        }
        if peek(1) == "\"" && peek(2) == "\"" {
            report(LexError(message: "multi-line raw strings (#\"\"\") are not supported; use a multi-line string \"\"\" with '\\\\' for each backslash", loc: startLoc))
        }
        advance()
        var buf = ""
        let closing = String(repeating: "#", count: hashes)
        while true {
            guard let c = peek(), c != "\n", c != "\r\n" else {
                report(LexError(message: "unterminated raw string literal; end it with '\"\(closing)'", loc: startLoc))
                break
            }
            if c == "\"" && (1...hashes).allSatisfy({ peek($0) == "#" }) {
                advance()
                for _ in 0..<hashes { advance() }
                break
            }
            if c == "\\" && (1...hashes).allSatisfy({ peek($0) == "#" }) {
                report(LexError(message: "escapes and interpolation in raw strings ('\\\(closing)') are not supported; use an ordinary string \"...\" with '\\(x)'", loc: Loc(cell: cell, line: line, col: col)))
            }
            buf.append(c)
            advance()
        }
        tok.parts = [.text(buf)]
        tok.text = "string"
    }

    /// `\(` ... `)`: collects the balanced characters and lexes them as tokens.
    private mutating func lexInterpolation() -> StringPart {
        advance(); advance() // \(
        let l = line, c = col, s = i
        var depth = 1
        while let ch = peek() {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1; if depth == 0 { break } }
            if ch == "\"" {
                // nested string literal inside the interpolation
                advance()
                while let d = peek(), d != "\"", d != "\n" { if d == "\\" { advance() }; if peek() != nil { advance() } }
                if peek() == "\"" { advance() }
                continue
            }
            if ch == "\n" { break }
            advance()
        }
        let innerEnd = i
        let loc = Loc(cell: cell, line: l, col: c, len: max(1, innerEnd - s))
        if peek() == ")" { advance() } else {
            // Not lexed further: its text runs to the end of the line, and lexing it would scan
            // that rest again at every level of a line of `"\(\"\(...` (quadratic).
            report(LexError(message: "unterminated string interpolation", loc: loc))
            return .text("")
        }
        if interpolationDepth >= NestingLimit.maximum {
            report(LexError(message: NestingLimit.message("string interpolation"), loc: Loc(cell: cell, line: l, col: c - 2, len: 2)))
            return .text("")
        }
        // the interpolation's lexer reads the same characters (no copy per level)
        var sub = Lexer(chars: chars, from: s, to: innerEnd, depth: interpolationDepth + 1, line: l, col: c, cell: cell)
        var toks = sub.tokenize()
        for e in sub.errors { report(e) }
        comments += sub.comments
        if !toks.isEmpty { toks[0].spaceBefore = true }
        toks[toks.count - 1].range = s..<innerEnd
        return .interpolation(toks, loc)
    }

    private mutating func lexEscape() -> String {
        let loc = Loc(cell: cell, line: line, col: col, len: 2)
        advance() // backslash
        guard let e = peek() else { return "" }
        advance()
        switch e {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "\\": return "\\"
        case "\"": return "\""
        case "'": return "'"
        case "u":
            if peek() == "{" {
                advance()
                var hex = ""
                while let d = peek(), d != "}" , d.isHexDigit { hex.append(d); advance() }
                if peek() == "}" { advance() }
                if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { return String(Character(s)) }
            }
            report(LexError(message: "invalid unicode scalar", loc: loc))
            return ""
        default:
            report(LexError(message: "invalid escape sequence in literal", loc: loc))
            return String(e)
        }
    }

    private mutating func lexMultiline(_ tok: inout Token, _ startLoc: Loc) {
        tok.multiline = true
        // content starts on the next line
        while let c = peek(), c == " " || c == "\t" { advance() }
        if peek() == "\n" || peek() == "\r\n" { advance() } else {
            report(LexError(message: "multi-line string literal content must begin on a new line", loc: startLoc))
        }
        // Gather raw lines up to the closing delimiter; then strip the closing line's indentation.
        var rawParts: [[StringPart]] = [[]]
        var buf = ""
        var closed = false
        var indent = 0
        while let c = peek() {
            if c == "\"" && peek(1) == "\"" && peek(2) == "\"" {
                // closing delimiter: the text on this line before it must be whitespace
                let lineText: String = { if case .text(let t)? = rawParts[rawParts.count - 1].last, rawParts[rawParts.count - 1].count == 1 { return t + buf }; return buf }()
                if rawParts[rawParts.count - 1].isEmpty && buf.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    indent = buf.count
                    rawParts.removeLast()
                } else {
                    _ = lineText
                    if !buf.isEmpty { rawParts[rawParts.count - 1].append(.text(buf)) }
                    report(LexError(message: "multi-line string literal closing delimiter must begin on a new line", loc: Loc(cell: cell, line: line, col: col)))
                }
                buf = ""
                advance(); advance(); advance()
                closed = true
                break
            }
            if c == "\n" || c == "\r\n" {
                if !buf.isEmpty { rawParts[rawParts.count - 1].append(.text(buf)) }
                buf = ""
                rawParts.append([])
                advance()
                continue
            }
            if c == "\\" {
                if peek(1) == "(" {
                    if !buf.isEmpty { rawParts[rawParts.count - 1].append(.text(buf)); buf = "" }
                    rawParts[rawParts.count - 1].append(lexInterpolation())
                    continue
                }
                buf.append(lexEscape())
                continue
            }
            buf.append(c)
            advance()
        }
        if !closed { report(LexError(message: "unterminated string literal", loc: startLoc)) }
        var parts: [StringPart] = []
        for (n, lineParts) in rawParts.enumerated() {
            var lp = lineParts
            if case .text(let t)? = lp.first {
                var k = 0
                var idx = t.startIndex
                while k < indent, idx < t.endIndex, t[idx] == " " || t[idx] == "\t" { idx = t.index(after: idx); k += 1 }
                lp[0] = .text(String(t[idx...]))
            }
            parts += lp
            if n < rawParts.count - 1 { parts.append(.text("\n")) }
        }
        // merge adjacent text parts
        var merged: [StringPart] = []
        for p in parts {
            if case .text(let t) = p, case .text(let prev)? = merged.last { merged[merged.count - 1] = .text(prev + t) } else { merged.append(p) }
        }
        if merged.isEmpty { merged = [.text("")] }
        tok.parts = merged
        tok.text = "string"
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
