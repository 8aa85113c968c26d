import BookDSL
import BookMarkdown
import RLSupport

/// Applies `--profile` and `-p name=value` overrides to the `let`s of the `parameters: true` cell.
///
/// Each parameter line looks like `let name = literal` (optionally `let name: Type = literal`,
/// a trailing comment allowed), found with the compiler's tokens (`SourceTokens`). An override is
/// checked against the original literal (an Int parameter takes an Int; a Double takes an Int or
/// Double; Bool takes true/false; String takes any text), then bound as a value: the cell's code is
/// not changed, the compiler starts the declaration with the value (`Interpreter.compile(_:binding:)`).
/// The report shows the cell with the values the run used.
public enum Parameters {
    public enum Kind: String { case int = "Int", double = "Double", bool = "Bool", string = "String", other = "value" }

    /// A parameter declared by the parameters cell.
    public struct Declared {
        public var name: String
        public var kind: Kind
        /// 0-based line in the cell source.
        public var lineIndex: Int
        /// Character range of the value text in that line.
        public var valueRange: Range<Int>
    }

    /// The overrides of one run, checked against the parameters cell.
    public struct Applied {
        /// The book with the parameters cell shown as the run uses it (its code is unchanged).
        public var book: Book
        /// The parameters cell's index; nil when nothing was overridden.
        public var cellIndex: Int?
        /// The values bound to the cell's declarations, converted to the declared kinds, in order.
        public var values: [(name: String, value: ParameterValue)]
        /// (name, value as a literal) for the report header.
        public var shown: [(name: String, value: String)]
    }

    /// Finds `let name = value` declarations (`let` or `var` first on its line) in a parameters cell's source.
    public static func declared(in source: String) -> [Declared] {
        let chars = Array(source)
        let tokens = SourceTokens.scan(chars).filter { $0.kind != .comment }
        var lineStarts = [0]
        for (k, c) in chars.enumerated() where c == "\n" { lineStarts.append(k + 1) }
        func lineIndex(_ offset: Int) -> Int {
            var lo = 0, hi = lineStarts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
            }
            return lo
        }
        func text(_ k: Int) -> String { String(chars[tokens[k].range]) }
        var out: [Declared] = []
        var k = 0
        while k < tokens.count {
            defer { k += 1 }
            guard tokens[k].startsLine, tokens[k].kind == .name, text(k) == "let" || text(k) == "var" else { continue }
            let line = lineIndex(tokens[k].range.lowerBound)
            let lineStart = lineStarts[line]
            let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : chars.count
            var p = k + 1
            guard p < tokens.count, tokens[p].kind == .name, !tokens[p].startsLine else { continue }
            let name = text(p)
            p += 1
            var annotated: String?
            if p + 1 < tokens.count, tokens[p].kind == .punct, text(p) == ":", tokens[p + 1].kind == .name, !tokens[p + 1].startsLine {
                annotated = text(p + 1)
                p += 2
            }
            guard p < tokens.count, tokens[p].kind == .op, text(p).hasPrefix("="), !tokens[p].startsLine else { continue }
            // The value: from after the `=` to the end of the last token that starts on this line.
            var start = tokens[p].range.lowerBound + 1
            while start < lineEnd, chars[start] == " " || chars[start] == "\t" { start += 1 }
            var end = start
            var q = p
            while q < tokens.count, tokens[q].range.lowerBound < lineEnd {
                end = max(end, min(tokens[q].range.upperBound, lineEnd))
                q += 1
            }
            while end > start, chars[end - 1] == " " || chars[end - 1] == "\t" { end -= 1 }
            var kind = literalKind(String(chars[start..<end]))
            if let annotated { kind = Kind(rawValue: annotated) ?? kind }
            out.append(Declared(name: name, kind: kind, lineIndex: line, valueRange: (start - lineStart)..<(end - lineStart)))
        }
        return out
    }

    static func literalKind(_ text: String) -> Kind {
        if text == "true" || text == "false" { return .bool }
        if text.hasPrefix("\"") { return .string }
        var t = Substring(text)
        if t.hasPrefix("-") { t = t.dropFirst() }
        if !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "_" }) { return .int }
        if !t.isEmpty, t.first!.isNumber, t.allSatisfy({ $0.isNumber || $0 == "_" || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" }) { return .double }
        return .other
    }

    /// Swift literal text for an override, checked against the declared kind.
    static func literal(for value: ParameterValue, kind: Kind, name: String, origin: String) throws(RunError) -> String {
        func mismatch(_ shown: String) -> RunError {
            .usage("\(origin) sets parameter '\(name)' to \(shown), but '\(name)' is a\(kind == .int ? "n" : "") \(kind.rawValue)")
        }
        switch (kind, value) {
        case (.int, .int(let v)), (.other, .int(let v)): return String(v)
        case (.double, .int(let v)): return String(v) + ".0"
        case (.double, .double(let v)), (.other, .double(let v)):
            guard v.isFinite else { throw mismatch("a non-finite number") }
            var s = String(v)
            if !s.contains(".") && !s.contains("e") { s += ".0" }
            return s
        case (.bool, .bool(let v)), (.other, .bool(let v)): return v ? "true" : "false"
        case (.string, let v), (.other, let v): return stringLiteral(v.description)
        case (_, .string(let s)): throw mismatch("\"\(s)\"")
        case (_, let v): throw mismatch(v.description)
        }
    }

    /// The value an override binds, converted to the declared kind (call after `literal` accepted it).
    static func bound(_ value: ParameterValue, kind: Kind) -> ParameterValue {
        switch (kind, value) {
        case (.double, .int(let v)): return .double(Double(v))
        case (.string, let v): return .string(v.description)
        default: return value
        }
    }

    static func stringLiteral(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    /// Checks the overrides against the book's parameters cell; returns the values to bind and the
    /// book with the cell shown as the run uses it.
    public static func apply(to book: Book, profile: String?, overrides: [(name: String, value: String)]) throws(RunError) -> Applied {
        var requested: [(String, ParameterValue, String)] = []
        if let profile {
            let names = book.frontMatter.profiles.map(\.name)
            guard let p = book.frontMatter.profiles.first(where: { $0.name == profile }) else {
                if names.isEmpty { throw .usage("unknown profile '\(profile)': the tutorial defines no profiles (add `profiles:` to its front matter)") }
                throw .usage("unknown profile '\(profile)'\(DidYouMean.hint(profile, from: names)); the tutorial defines: \(names.joined(separator: ", "))")
            }
            for (k, v) in p.values { requested.append((k, v, "profile '\(profile)'")) }
        }
        for (k, v) in overrides { requested.append((k, parseParameterValue(v), "-p \(k)=\(v)")) }
        if requested.isEmpty { return Applied(book: book, cellIndex: nil, values: [], shown: []) }
        var book = book
        guard let blockIndex = book.blocks.firstIndex(where: { if case .cell(let c) = $0 { return c.options.parameters } else { return false } }),
              case .cell(var cell) = book.blocks[blockIndex] else {
            throw .usage("\(requested[0].2) was given, but the tutorial has no parameters cell (a ```swift cell with `//| parameters: true`)")
        }
        let decls = declared(in: cell.source)
        var values: [(name: String, value: ParameterValue)] = []
        var shown: [(name: String, value: String)] = []
        for (name, value, origin) in requested {
            guard let d = decls.first(where: { $0.name == name }) else {
                let names = decls.map(\.name)
                throw .usage("\(origin): the tutorial has no parameter '\(name)'\(DidYouMean.hint(name, from: names)); its parameters (line \(cell.firstLine)) are: \(names.joined(separator: ", "))")
            }
            let lit = try literal(for: value, kind: d.kind, name: name, origin: origin)
            values.removeAll { $0.name == name }
            values.append((name, bound(value, kind: d.kind)))
            shown.removeAll { $0.name == name }
            shown.append((name, lit))
        }
        cell.displaySource = effectiveDisplay(cell.displaySource, decls: decls, shown: shown, origins: requested)
        book.blocks[blockIndex] = .cell(cell)
        return Applied(book: book, cellIndex: cell.index, values: values, shown: shown)
    }

    /// The parameters cell as the report shows it: each overridden value replaced by the value the run
    /// used, with a trailing comment naming where it came from and the default it replaced
    /// (`let steps = 2_000  // -p steps=2000 (default: 40_000)`; after an existing comment, ` · ` and the note).
    static func effectiveDisplay(_ display: String, decls: [Declared], shown: [(String, String)],
                                 origins: [(String, ParameterValue, String)]) -> String {
        var lines = display.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        for (name, lit) in shown {
            guard let d = decls.first(where: { $0.name == name }), d.lineIndex < lines.count,
                  let current = declared(in: lines[d.lineIndex]).first(where: { $0.name == name }) else { continue }
            var chars = Array(lines[d.lineIndex])
            let original = String(chars[current.valueRange])
            guard original != lit else { continue }
            chars.replaceSubrange(current.valueRange, with: Array(lit))
            var line = String(chars)
            let origin = origins.last(where: { $0.0 == name })?.2 ?? "override"
            let note = "\(origin) (default: \(original))"
            if endsInLineComment(line) {
                line += " · " + note
            } else {
                line += "  // " + note
            }
            lines[d.lineIndex] = line
        }
        return lines.joined(separator: "\n")
    }

    /// Whether `line` has a `//` comment (which then runs to its end), by the compiler's tokens.
    static func endsInLineComment(_ line: String) -> Bool {
        let chars = Array(line)
        return SourceTokens.scan(chars).contains { $0.kind == .comment && chars[$0.range.lowerBound + 1] == "/" }
    }
}
