import RLSupport

/// Parses the YAML subset of front matter: block mappings and lists by indentation, flow maps
/// `{a: 1, b: 2}` and flow lists `[a, b]` on one line, quoted and plain scalars, `#` comments.
///
/// Anchors, tags, multi-document streams and multi-line scalars are not supported; they give errors.
struct YAMLSubsetParser {
    private struct Line {
        var number: Int
        var indent: Int
        /// Content without indentation and without a trailing comment.
        var content: String
    }

    private var lines: [Line] = []
    private var index = 0
    private(set) var errors: [YAMLError] = []
    /// Indentation levels open now (at most `NestingLimit.maximum`).
    private var depth = 0

    /// `rawLines` are the front matter lines; `firstLine` is the file line number of the first one.
    init(rawLines: [String], firstLine: Int) {
        for (offset, raw) in rawLines.enumerated() {
            let number = firstLine + offset
            var indent = 0
            var sawTab = false
            for ch in raw {
                if ch == " " { indent += 1 } else if ch == "\t" { sawTab = true; break } else { break }
            }
            let content = Self.stripComment(String(raw.dropFirst(indent)))
            let trimmed = SourceLines.trimmed(content)
            if trimmed.isEmpty { continue }
            if sawTab {
                errors.append(YAMLError(message: "tabs are not allowed for indentation in front matter; use spaces", line: number, column: indent + 1))
                continue
            }
            lines.append(Line(number: number, indent: indent, content: trimmed))
        }
    }

    /// Parses the whole front matter as a mapping.
    mutating func parseDocument() -> YAMLNode {
        guard let first = lines.first else { return YAMLNode(kind: .map([]), line: 1, column: 1) }
        if first.indent != 0 {
            errors.append(YAMLError(message: "front matter keys must start at the beginning of the line", line: first.number, column: first.indent + 1))
        }
        let node = parseBlock(indent: first.indent)
        while index < lines.count {
            let l = lines[index]
            errors.append(YAMLError(message: "unexpected indentation in front matter; align this line with its siblings", line: l.number, column: l.indent + 1))
            let before = index
            _ = parseBlock(indent: l.indent)
            if index == before { index += 1 }
        }
        return node
    }

    private static func isListItem(_ content: String) -> Bool {
        content == "-" || content.hasPrefix("- ")
    }

    private mutating func parseBlock(indent: Int) -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        if depth > NestingLimit.maximum {
            let l = lines[index]
            errors.append(YAMLError(message: NestingLimit.message("front matter"), line: l.number, column: l.indent + 1))
            skipNested(deeperThan: indent - 1)
            return YAMLNode(kind: .empty, line: l.number, column: l.indent + 1)
        }
        if Self.isListItem(lines[index].content) { return parseList(indent: indent) }
        return parseMap(indent: indent)
    }

    private mutating func parseMap(indent: Int) -> YAMLNode {
        let start = lines[index]
        var entries: [YAMLEntry] = []
        while index < lines.count, lines[index].indent == indent, !Self.isListItem(lines[index].content) {
            let line = lines[index]
            index += 1
            guard let (key, keyLength, rest, restOffset) = Self.splitKey(line.content) else {
                errors.append(YAMLError(message: "expected 'key: value' in front matter", line: line.number, column: line.indent + 1, length: max(1, line.content.count)))
                skipNested(deeperThan: indent)
                continue
            }
            if key.isEmpty {
                errors.append(YAMLError(message: "missing key before ':' in front matter", line: line.number, column: line.indent + 1))
            }
            _ = keyLength
            let value: YAMLNode
            if rest.isEmpty {
                if index < lines.count, lines[index].indent > indent {
                    value = parseBlock(indent: lines[index].indent)
                } else if index < lines.count, lines[index].indent == indent, Self.isListItem(lines[index].content) {
                    value = parseList(indent: indent)
                } else {
                    value = YAMLNode(kind: .empty, line: line.number, column: line.indent + restOffset + 1)
                }
            } else {
                value = parseInline(rest, line: line.number, column: line.indent + restOffset + 1)
                if index < lines.count, lines[index].indent > indent {
                    let l = lines[index]
                    errors.append(YAMLError(message: "unexpected indented line: '\(key)' already has a value on line \(line.number)", line: l.number, column: l.indent + 1))
                    skipNested(deeperThan: indent)
                }
            }
            entries.append(YAMLEntry(key: key, line: line.number, column: line.indent + 1, value: value))
        }
        return YAMLNode(kind: .map(entries), line: start.number, column: start.indent + 1)
    }

    private mutating func parseList(indent: Int) -> YAMLNode {
        let start = lines[index]
        var items: [YAMLNode] = []
        while index < lines.count, lines[index].indent == indent, Self.isListItem(lines[index].content) {
            let line = lines[index]
            let rest = SourceLines.trimmed(String(line.content.dropFirst(1)))
            let restOffset = line.content.count - rest.count
            if rest.isEmpty {
                index += 1
                if index < lines.count, lines[index].indent > indent {
                    items.append(parseBlock(indent: lines[index].indent))
                } else {
                    items.append(YAMLNode(kind: .empty, line: line.number, column: line.indent + 1))
                }
            } else if !rest.hasPrefix("{"), !rest.hasPrefix("["), !rest.hasPrefix("\""), !rest.hasPrefix("'"), Self.splitKey(rest) != nil {
                // `- key: value` starts a mapping whose keys sit at the column after `- `.
                lines[index] = Line(number: line.number, indent: indent + restOffset, content: rest)
                items.append(parseMap(indent: indent + restOffset))
            } else {
                index += 1
                items.append(parseInline(rest, line: line.number, column: line.indent + restOffset + 1))
            }
        }
        return YAMLNode(kind: .list(items), line: start.number, column: start.indent + 1)
    }

    private mutating func skipNested(deeperThan indent: Int) {
        while index < lines.count, lines[index].indent > indent { index += 1 }
    }

    /// Splits `key: rest` at the first `:` followed by a space or the end (outside quotes).
    /// Returns the key (unquoted), its length, the trimmed rest and the rest's character offset.
    private static func splitKey(_ content: String) -> (String, Int, String, Int)? {
        let chars = Array(content)
        var i = 0
        var key = ""
        if let q = chars.first, q == "\"" || q == "'" {
            var j = 1
            while j < chars.count, chars[j] != q { j += 1 }
            guard j < chars.count else { return nil }
            key = String(chars[1..<j])
            i = j + 1
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count, chars[i] == ":" else { return nil }
        } else {
            while i < chars.count {
                if chars[i] == ":", i + 1 == chars.count || chars[i + 1] == " " { break }
                i += 1
            }
            guard i < chars.count else { return nil }
            key = SourceLines.trimmed(String(chars[0..<i]))
        }
        var r = i + 1
        while r < chars.count, chars[r] == " " { r += 1 }
        return (key, i, String(chars[r...]), r)
    }

    /// Removes a `#` comment (one at the start or preceded by a space, outside quotes).
    static func stripComment(_ text: String) -> String {
        var quote: Character?
        var prev: Character = " "
        var idx = text.startIndex
        while idx < text.endIndex {
            let ch = text[idx]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                if prev == " " || prev == "{" || prev == "[" || prev == "," || prev == ":" { quote = ch }
            } else if ch == "#", prev == " " || prev == "\t" {
                return String(text[..<idx])
            }
            prev = ch
            idx = text.index(after: idx)
        }
        return text
    }

    // MARK: Flow values on one line

    private mutating func parseInline(_ text: String, line: Int, column: Int) -> YAMLNode {
        var flow = FlowParser(chars: Array(text), line: line, column: column)
        let node = flow.parseValue(inFlow: false)
        flow.skipSpaces()
        if flow.error == nil, flow.pos < flow.chars.count {
            flow.fail("unexpected '\(flow.chars[flow.pos])' after the value")
        }
        if let e = flow.error { errors.append(e) }
        return node
    }
}

/// A one-line parser for flow collections and scalars.
private struct FlowParser {
    let chars: [Character]
    let line: Int
    let column: Int
    var pos = 0
    var error: YAMLError?
    /// `[` and `{` open now (at most `NestingLimit.maximum`).
    var depth = 0

    init(chars: [Character], line: Int, column: Int) {
        self.chars = chars
        self.line = line
        self.column = column
    }

    mutating func fail(_ message: String) {
        if error == nil { error = YAMLError(message: message, line: line, column: column + min(pos, max(0, chars.count - 1))) }
    }

    mutating func skipSpaces() {
        while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" { pos += 1 }
    }

    mutating func parseValue(inFlow: Bool) -> YAMLNode {
        skipSpaces()
        let col = column + pos
        guard pos < chars.count else {
            return YAMLNode(kind: .empty, line: line, column: col)
        }
        switch chars[pos] {
        case "{", "[":
            depth += 1
            defer { depth -= 1 }
            if depth > NestingLimit.maximum {
                fail(NestingLimit.message("front matter value"))
                pos = chars.count
                return YAMLNode(kind: .empty, line: line, column: col)
            }
            return chars[pos] == "{" ? parseFlowMap() : parseFlowList()
        case "\"", "'":
            let s = parseQuoted()
            return YAMLNode(kind: .scalar(text: s, quoted: true), line: line, column: col)
        case "&", "*", "!", "|", ">":
            if !inFlow {
                fail("front matter supports plain values, quoted strings, {maps} and [lists]; '\(chars[pos])' (anchors, tags, block scalars) is not supported")
                pos = chars.count
                return YAMLNode(kind: .empty, line: line, column: col)
            }
            fallthrough
        default:
            let start = pos
            while pos < chars.count {
                let ch = chars[pos]
                if inFlow, ch == "," || ch == "}" || ch == "]" { break }
                if inFlow, ch == ":", pos + 1 < chars.count, chars[pos + 1] == " " { break }
                pos += 1
            }
            let text = SourceLines.trimmed(String(chars[start..<pos]))
            if text.isEmpty { return YAMLNode(kind: .empty, line: line, column: col) }
            return YAMLNode(kind: .scalar(text: text, quoted: false), line: line, column: col)
        }
    }

    private mutating func parseQuoted() -> String {
        let q = chars[pos]
        pos += 1
        var out = ""
        while pos < chars.count {
            let ch = chars[pos]
            if ch == q {
                if q == "'", pos + 1 < chars.count, chars[pos + 1] == "'" { out.append("'"); pos += 2; continue }
                pos += 1
                return out
            }
            if q == "\"", ch == "\\", pos + 1 < chars.count {
                let e = chars[pos + 1]
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "/": out.append("/")
                default: out.append("\\"); out.append(e)
                }
                pos += 2
                continue
            }
            out.append(ch)
            pos += 1
        }
        fail("unterminated string: add the closing \(q)")
        return out
    }

    private mutating func parseFlowMap() -> YAMLNode {
        let col = column + pos
        pos += 1
        var entries: [YAMLEntry] = []
        while true {
            skipSpaces()
            guard pos < chars.count else { fail("'{' is not closed on this line: add '}'"); break }
            if chars[pos] == "}" { pos += 1; break }
            let keyCol = column + pos
            let keyNode = parseValue(inFlow: true)
            guard let key = keyNode.scalarText else { fail("expected a key in '{...}'"); pos = chars.count; break }
            skipSpaces()
            guard pos < chars.count, chars[pos] == ":" else { fail("expected ':' after '\(key)' in '{...}'"); pos = chars.count; break }
            pos += 1
            let value = parseValue(inFlow: true)
            entries.append(YAMLEntry(key: key, line: line, column: keyCol, value: value))
            skipSpaces()
            guard pos < chars.count else { fail("'{' is not closed on this line: add '}'"); break }
            if chars[pos] == "," { pos += 1; continue }
            if chars[pos] == "}" { pos += 1; break }
            fail("expected ',' or '}' in '{...}'")
            pos = chars.count
            break
        }
        return YAMLNode(kind: .map(entries), line: line, column: col)
    }

    private mutating func parseFlowList() -> YAMLNode {
        let col = column + pos
        pos += 1
        var items: [YAMLNode] = []
        while true {
            skipSpaces()
            guard pos < chars.count else { fail("'[' is not closed on this line: add ']'"); break }
            if chars[pos] == "]" { pos += 1; break }
            items.append(parseValue(inFlow: true))
            skipSpaces()
            guard pos < chars.count else { fail("'[' is not closed on this line: add ']'"); break }
            if chars[pos] == "," { pos += 1; continue }
            if chars[pos] == "]" { pos += 1; break }
            fail("expected ',' or ']' in '[...]'")
            pos = chars.count
            break
        }
        return YAMLNode(kind: .list(items), line: line, column: col)
    }
}
