import Testing
@testable import RLSupport

/// Carets under long lines, tabs and wide characters (issue 14).
@Suite struct DiagnosticExcerptTests {
    @Test func caretFollowsTabs() {
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 3), sourceLine: "\t\tfoo")
        #expect(d.caretLine == "\t\t^")
    }

    @Test func wideCharactersTakeTwoCells() {
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 4), length: 2, sourceLine: "名字 = 😀x")
        #expect(d.caretLine == "     ^~")   // 名 字 are two cells each, then one space
        let e = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 6), sourceLine: "名字 = 😀x")
        #expect(e.caretLine == "       ^~")  // the emoji is two cells wide
    }

    @Test func longLinesShowAWindow() {
        let line = String(repeating: "}", count: 10_000)
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 5_000), sourceLine: line)
        let shown = d.rendered.split(separator: "\n")
        #expect(shown[1].count < Diagnostic.excerptWidth + 20)
        #expect(shown[1].hasPrefix("    ...") && shown[1].hasSuffix("..."))
        let caretColumn = shown[2].count - 1
        // the caret sits under the same character it points at in the window
        #expect(caretColumn == 4 + 3 + (5_000 - 1 - (5_000 - 1 - Diagnostic.excerptWidth / 3)))
    }

    /// A diagnostic keeps only a window of a long line (a 3 MB line with 100 errors is not copied
    /// 100 times), and shows exactly what it showed from the whole line, caret included.
    @Test(arguments: [1, 7, 150, 161, 400, 30_000, 59_990, 60_000])
    func longLinesKeepAWindowThatShowsTheSame(_ column: Int) {
        let chars = (0..<60_000).map { i -> Character in i % 7 == 0 ? "字" : Character(UnicodeScalar(UInt8(97 + i % 26))) }
        let line = String(chars)
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: column), length: 4, sourceLine: line)
        #expect((d.sourceLine?.count ?? 0) <= 2 * Diagnostic.excerptWidth + 1)
        // what the whole line showed: a window of `excerptWidth` characters, a third of it before the column
        let from = max(0, min(column - 1 - Diagnostic.excerptWidth / 3, chars.count - Diagnostic.excerptWidth))
        let to = min(chars.count, from + Diagnostic.excerptWidth)
        let prefix = from > 0 ? "..." : "", suffix = to < chars.count ? "..." : ""
        #expect(d.shownSource?.text == prefix + String(chars[from..<to]) + suffix)
        #expect(d.shownSource?.column == column - from + prefix.count)
        // and the line found by `Diagnostic.line` is the same
        let text = "first\n" + line + "\nlast"
        let found = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 2, column: column), length: 4).withSource(from: text)
        #expect(found.sourceLine == d.sourceLine && found.sourceLineOffset == d.sourceLineOffset)
        #expect(Diagnostic.line(3, of: text) == "last")
        #expect(Diagnostic.line(4, of: text) == nil)
    }

    @Test func shortLinesAreUnchanged() {
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 5), length: 3, sourceLine: "let abc = 1")
        #expect(d.caretLine == "    ^~~")
    }
}
