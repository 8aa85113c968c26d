import RLSupport

/// Collects diagnostics for one file, filling in the source line under each.
final class DiagnosticSink {
    let file: String
    let lines: [String]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, lines: [String]) {
        self.file = file
        self.lines = lines
    }

    func error(_ message: String, line: Int, column: Int = 0, length: Int = 1, notes: [String] = []) {
        add(.error, message, line: line, column: column, length: length, notes: notes)
    }

    func add(_ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int, length: Int, notes: [String]) {
        let source = line >= 1 && line <= lines.count ? lines[line - 1] : nil
        diagnostics.append(Diagnostic(severity, message, at: SourceLocation(file: file, line: line, column: column),
                                      length: length, sourceLine: source, notes: notes))
    }
}
