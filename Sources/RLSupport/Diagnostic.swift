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
    /// The source line the location points into, shown under the message with a caret.
    public var sourceLine: String?
    /// Extra lines printed after the caret (`note: ...`, `help: ...`).
    public var notes: [String]

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil,
                length: Int = 1, sourceLine: String? = nil, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.sourceLine = sourceLine
        self.notes = notes
    }

    /// The first line: `file:line:col: error: message`.
    public var headline: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }

    /// The caret line under `sourceLine`, e.g. `        ^~~~`, or nil when there is no source line or column.
    public var caretLine: String? {
        guard let location, location.column > 0, sourceLine != nil else { return nil }
        return String(repeating: " ", count: location.column - 1) + "^" + String(repeating: "~", count: max(0, length - 1))
    }

    /// Headline, source line and caret (each indented by four spaces), then notes.
    public var rendered: String {
        var lines = [headline]
        if let sourceLine {
            lines.append("    " + sourceLine)
            if let caret = caretLine { lines.append("    " + caret) }
        }
        lines.append(contentsOf: notes)
        return lines.joined(separator: "\n")
    }

    public var description: String { rendered }
}

extension Diagnostic {
    /// Fills `sourceLine` from the full text of the file the location points into.
    public func withSource(from fileText: String) -> Diagnostic {
        guard sourceLine == nil, let line = location?.line, line >= 1 else { return self }
        var copy = self
        var current = 1
        var start = fileText.startIndex
        var idx = fileText.startIndex
        while idx < fileText.endIndex {
            if current == line { break }
            if fileText[idx] == "\n" { current += 1; start = fileText.index(after: idx) }
            idx = fileText.index(after: idx)
        }
        if current == line {
            var end = start
            while end < fileText.endIndex, fileText[end] != "\n", fileText[end] != "\r" { end = fileText.index(after: end) }
            copy.sourceLine = String(fileText[start..<end])
        }
        return copy
    }
}
