/// A position in a source file (1-based line and column, columns counted in characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (e.g. `tutorials/hello.md`).
    public var file: String
    /// 1-based line number in `file`.
    public var line: Int
    /// 1-based column (in Unicode characters) on `line`; 0 when unknown.
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col` (or `file:line` when the column is unknown), like a compiler.
    public var description: String {
        column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}

/// A compiler-style message that points into a tutorial: what went wrong, where, and what to do.
///
/// Every user-facing error of rlbook is a `Diagnostic`. It renders as
/// ```
/// tutorials/x.md:57:19: error: value of type 'Env' has no member 'stepp'; did you mean 'step'?
///     let result = env.stepp(action)
///                      ^~~~~
/// ```
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    /// The message, without location (e.g. `cannot find 'foo' in scope; did you mean 'for'?`).
    public var message: String
    /// Where it happened, when known.
    public var location: SourceLocation?
    /// Number of characters to underline (`^~~~`), at least 1.
    public var length: Int
    /// The source line the location points into, shown under the message with a caret; of a long
    /// line only a window around the column (see `setSourceLine`), which starts `sourceLineOffset`
    /// characters into the line.
    public var sourceLine: String?
    /// Characters of the line before `sourceLine` (0: it starts the line).
    public var sourceLineOffset = 0
    /// Extra lines printed after the caret (`note: ...`, `help: ...`).
    public var notes: [String]

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil,
                length: Int = 1, sourceLine: String? = nil, sourceLineOffset: Int = 0, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.notes = notes
        if sourceLineOffset > 0 {
            self.sourceLine = sourceLine
            self.sourceLineOffset = sourceLineOffset
        } else if let sourceLine {
            setSourceLine(sourceLine)
        }
    }

    /// The first line: `file:line:col: error: message`.
    public var headline: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }

    /// The caret line under `sourceLine`, e.g. `        ^~~~`, or nil when there is no source line or column.
    /// Tabs before the column are repeated and wide characters (CJK, emoji) count two cells, so the
    /// caret sits under the column in a terminal.
    public var caretLine: String? { excerpt?.caret }

    /// Source lines longer than this are shown as a window around the column (a 10,000-character
    /// line of stray braces is not printed once per error).
    public static let excerptWidth = 160

    /// The part of `sourceLine` to show (all of it, or a window of a long line with `...` where
    /// cut) and the location's 1-based column within that text (0 when unknown).
    public var shownSource: (text: String, column: Int)? {
        guard let sourceLine else { return nil }
        let column = max(0, (location?.column ?? 0) - sourceLineOffset)
        guard sourceLineOffset > 0 || sourceLine.utf8.count > Self.excerptWidth else { return (sourceLine, column) }
        let chars = Array(sourceLine)
        guard sourceLineOffset > 0 || chars.count > Self.excerptWidth else { return (sourceLine, column) }
        let from = max(0, min(column - 1 - Self.excerptWidth / 3, chars.count - Self.excerptWidth))
        let to = min(chars.count, from + Self.excerptWidth)
        let prefix = from + sourceLineOffset > 0 ? "..." : "", suffix = to < chars.count ? "..." : ""
        return (prefix + String(chars[from..<to]) + suffix, column > 0 ? column - from + prefix.count : 0)
    }

    /// Sets `sourceLine` from `line`, the whole line the location points into. Of a line longer
    /// than four excerpt widths only what `shownSource` can show is kept (a window from one excerpt
    /// width before the column to one after, and a character more to mark the cut), so a diagnostic
    /// holds a few hundred characters however long its line: a 3 MB line with 100 errors on it
    /// is not copied 100 times.
    public mutating func setSourceLine<S: StringProtocol>(_ line: S) {
        sourceLineOffset = 0
        guard line.utf8.count > 4 * Self.excerptWidth else { sourceLine = String(line); return }
        let column = max(1, location?.column ?? 1)
        let from = max(0, column - 1 - Self.excerptWidth)
        let start = line.index(line.startIndex, offsetBy: from, limitedBy: line.endIndex) ?? line.endIndex
        let end = line.index(start, offsetBy: column - 1 - from + Self.excerptWidth + 1, limitedBy: line.endIndex) ?? line.endIndex
        sourceLine = String(line[start..<end])
        sourceLineOffset = from
    }

    /// The source line as shown and its caret line.
    var excerpt: (line: String, caret: String?)? {
        guard let (line, column) = shownSource else { return nil }
        let chars = Array(line)
        guard column > 0 else { return (line, nil) }
        var caret = ""
        for k in 0..<min(column - 1, chars.count) {
            let c = chars[k]
            caret += c == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth(c))
        }
        if column - 1 > chars.count { caret += String(repeating: " ", count: column - 1 - chars.count) }
        // the underline covers `length` characters, as many cells as they take
        var marks = 0
        for k in (column - 1)..<(column - 1 + min(length, Self.excerptWidth)) {
            marks += k < chars.count ? Self.displayWidth(chars[k]) : 1
        }
        caret += "^" + String(repeating: "~", count: max(0, marks - 1))
        return (line, caret)
    }
    /// Terminal cells a character takes: 2 for East Asian wide characters and emoji, else 1.
    public static func displayWidth(_ c: Character) -> Int {
        guard let s = c.unicodeScalars.first, s.value >= 0x1100 else { return 1 }
        if s.properties.isEmojiPresentation { return 2 }
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD: return 2
        default: return 1
        }
    }

    /// Headline, source line and caret (each indented by four spaces), then notes.
    public var rendered: String {
        var lines = [headline]
        if let excerpt {
            lines.append("    " + excerpt.line)
            if let caret = excerpt.caret { lines.append("    " + caret) }
        }
        lines.append(contentsOf: notes)
        return lines.joined(separator: "\n")
    }

    public var description: String { rendered }
}

extension Diagnostic {
    /// The most errors a run reports (as clang's error limit: the first ones are the useful ones).
    public static let reportLimit = 100

    /// The first `limit` of `diagnostics`; the last one shown gets a note counting the rest.
    public static func capped(_ diagnostics: [Diagnostic], limit: Int = reportLimit) -> [Diagnostic] {
        guard diagnostics.count > limit, limit > 0 else { return diagnostics }
        var shown = Array(diagnostics.prefix(limit))
        let hidden = diagnostics.count - limit
        shown[limit - 1].notes.append("note: \(hidden) more error\(hidden == 1 ? "" : "s") not shown; fix these first")
        return shown
    }

    /// Fills `sourceLine` from the full text of the file the location points into.
    public func withSource(from fileText: String) -> Diagnostic {
        guard sourceLine == nil, let line = location?.line, line >= 1, let text = Self.line(line, of: fileText) else { return self }
        var copy = self
        copy.setSourceLine(text)
        return copy
    }

    /// Line `number` (1-based) of `text` without its line break, found by one pass over the UTF-8
    /// bytes (no copy of the text or of its lines); nil past the last line.
    public static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        let u = text.utf8
        var current = 1
        var start = u.startIndex
        if number > 1 {
            var i = u.startIndex
            while i < u.endIndex {
                if u[i] == 0x0A {
                    current += 1
                    if current == number { start = u.index(after: i); break }
                }
                i = u.index(after: i)
            }
            if current < number { return nil }
        }
        var end = start
        while end < u.endIndex, u[end] != 0x0A, u[end] != 0x0D { end = u.index(after: end) }
        return text[start..<end]
    }
}
