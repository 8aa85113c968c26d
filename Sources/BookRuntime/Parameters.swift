import BookMarkdown
import RLSupport

/// Applies `--profile` and `-p name=value` overrides to the `let`s of the `parameters: true` cell.
///
/// Each parameter line looks like `let name = literal` (optionally `let name: Type = literal`,
/// a trailing comment allowed). The override replaces the literal in the executed source, after a type
/// check against the original literal (an Int parameter takes an Int; a Double takes an Int or Double;
/// Bool takes true/false; String takes any text).
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

    /// Finds `let name = value` declarations in a parameters cell's source.
    public static func declared(in source: String) -> [Declared] {
        var out: [Declared] = []
        for (i, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(rawLine)
            var p = 0
            while p < line.count, line[p] == " " || line[p] == "\t" { p += 1 }
            var kw = ""
            while p < line.count, line[p].isLetter { kw.append(line[p]); p += 1 }
            guard kw == "let" || kw == "var" else { continue }
            while p < line.count, line[p] == " " { p += 1 }
            var name = ""
            while p < line.count, line[p].isLetter || line[p].isNumber || line[p] == "_" { name.append(line[p]); p += 1 }
            guard !name.isEmpty else { continue }
            var annotated: String?
            while p < line.count, line[p] == " " { p += 1 }
            if p < line.count, line[p] == ":" {
                p += 1
                while p < line.count, line[p] == " " { p += 1 }
                var t = ""
                while p < line.count, line[p].isLetter || line[p].isNumber { t.append(line[p]); p += 1 }
                annotated = t
                while p < line.count, line[p] == " " { p += 1 }
            }
            guard p < line.count, line[p] == "=" else { continue }
            p += 1
            while p < line.count, line[p] == " " { p += 1 }
            let start = p
            var end = line.count
            // The value ends at a `//` comment outside a string.
            var inString = false
            var q = start
            while q < line.count {
                if line[q] == "\"" { inString.toggle() }
                if !inString, line[q] == "/", q + 1 < line.count, line[q + 1] == "/" { end = q; break }
                q += 1
            }
            while end > start, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
            let valueText = String(line[start..<end])
            var kind = literalKind(valueText)
            if let annotated { kind = Kind(rawValue: annotated) ?? kind }
            out.append(Declared(name: name, kind: kind, lineIndex: i, valueRange: start..<end))
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

    /// Applies overrides to the book's parameters cell; returns the new book and the (name, value) list shown in the report.
    public static func apply(to book: Book, profile: String?, overrides: [(name: String, value: String)]) throws(RunError) -> (Book, [(name: String, value: String)]) {
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
        if requested.isEmpty { return (book, []) }
        var book = book
        guard let blockIndex = book.blocks.firstIndex(where: { if case .cell(let c) = $0 { return c.options.parameters } else { return false } }),
              case .cell(var cell) = book.blocks[blockIndex] else {
            throw .usage("\(requested[0].2) was given, but the tutorial has no parameters cell (a ```swift cell with `//| parameters: true`)")
        }
        let decls = declared(in: cell.source)
        var lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var shown: [(String, String)] = []
        for (name, value, origin) in requested {
            guard let d = decls.first(where: { $0.name == name }) else {
                let names = decls.map(\.name)
                throw .usage("\(origin): the tutorial has no parameter '\(name)'\(DidYouMean.hint(name, from: names)); its parameters (line \(cell.firstLine)) are: \(names.joined(separator: ", "))")
            }
            let lit = try literal(for: value, kind: d.kind, name: name, origin: origin)
            // Recompute the range on the current line text (an earlier override may have changed it).
            let current = declared(in: String(lines[d.lineIndex])).first!
            lines[d.lineIndex].replaceSubrange(current.valueRange, with: Array(lit))
            shown.removeAll { $0.0 == name }
            shown.append((name, lit))
        }
        cell.source = lines.map { String($0) }.joined(separator: "\n")
        cell.displaySource = effectiveDisplay(cell.displaySource, decls: decls, shown: shown, origins: requested)
        book.blocks[blockIndex] = .cell(cell)
        return (book, shown)
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
            if let c = line.firstRange(of: "//"), !insideString(line, at: c.lowerBound) {
                line += " · " + note
            } else {
                line += "  // " + note
            }
            lines[d.lineIndex] = line
        }
        return lines.joined(separator: "\n")
    }

    /// Whether position `i` of `line` lies inside a string literal.
    static func insideString(_ line: String, at i: String.Index) -> Bool {
        var inString = false
        var escaped = false
        for j in line.indices {
            if j == i { return inString }
            let ch = line[j]
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "\"" { inString.toggle() }
        }
        return false
    }
}
