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

    @Test func shortLinesAreUnchanged() {
        let d = Diagnostic(.error, "x", at: SourceLocation(file: "f", line: 1, column: 5), length: 3, sourceLine: "let abc = 1")
        #expect(d.caretLine == "    ^~~")
    }
}
