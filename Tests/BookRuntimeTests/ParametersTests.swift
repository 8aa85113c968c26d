import Testing
import BookMarkdown
@testable import BookRuntime

func paramBook(_ source: String) -> Book {
    var opts = CellOptions()
    opts.parameters = true
    var fm = FrontMatter()
    fm.profiles = [("quick", [("steps", .int(5))])]
    let cell = Cell(index: 0, options: opts, source: source, displaySource: source, firstLine: 3)
    return Book(file: "b.md", text: "", frontMatter: fm, blocks: [.cell(cell)])
}

@Test func findsDeclaredParametersAndKinds() {
    let d = Parameters.declared(in: "let steps = 100_000 // how many\nlet lr: Double = 1\nvar name = \"x\"\nlet on = true\nlet f = 1e-4")
    #expect(d.map(\.name) == ["steps", "lr", "name", "on", "f"])
    #expect(d.map(\.kind) == [.int, .double, .string, .bool, .double])
}

@Test func overridesBecomeValuesAndTheDisplayShowsThemKeepingComments() throws {
    let source = "let steps = 100 // n\nlet lr = 0.1\nlet name = \"a\""
    let applied = try Parameters.apply(to: paramBook(source), profile: "quick", overrides: [("lr", "1"), ("name", "b c")])
    // the code is not changed: the values are bound when the cell is compiled
    #expect(applied.book.cells[0].source == source)
    #expect(applied.cellIndex == 0)
    #expect(applied.values.map(\.name) == ["steps", "lr", "name"])
    #expect(applied.values.map(\.value) == [.int(5), .double(1), .string("b c")])
    #expect(applied.shown.map(\.name) == ["steps", "lr", "name"])
    #expect(applied.shown.map(\.value) == ["5", "1.0", "\"b c\""])
    #expect(applied.book.cells[0].displaySource == "let steps = 5 // n · profile 'quick' (default: 100)\nlet lr = 1.0  // -p lr=1 (default: 0.1)\nlet name = \"b c\"  // -p name=b c (default: \"a\")")
}

@Test func unknownParameterHasDidYouMean() {
    #expect(throws: RunError.self) { try Parameters.apply(to: paramBook("let steps = 1"), profile: nil, overrides: [("step", "2")]) }
    do { _ = try Parameters.apply(to: paramBook("let steps = 1"), profile: nil, overrides: [("step", "2")]) } catch {
        #expect(error.description.contains("did you mean 'steps'?"))
        #expect(error.exitCode == 64)
    }
}

@Test func mistypedParameterIsRefused() {
    do { _ = try Parameters.apply(to: paramBook("let steps = 1"), profile: nil, overrides: [("steps", "1.5")]); Issue.record("no error") } catch {
        #expect(error.description.contains("is an Int"))
    }
}

@Test func unknownProfileIsRefused() {
    do { _ = try Parameters.apply(to: paramBook("let steps = 1"), profile: "quik", overrides: []); Issue.record("no error") } catch {
        #expect(error.description.contains("did you mean 'quick'?"))
    }
}

@Test func theScannerReadsTheCompilersTokens() throws {
    // declarations inside a comment or a multi-line string are not parameters; `//` in a string is not a comment
    let source = "let url = \"http://x\" // site\n/* let hidden = 1 */\nlet text = \"\"\"\nlet inside = 2\n\"\"\"\nlet n=-5"
    let d = Parameters.declared(in: source)
    #expect(d.map(\.name) == ["url", "text", "n"])
    #expect(d.map(\.kind) == [.string, .string, .int])
    #expect(d.map(\.lineIndex) == [0, 2, 5])
    let applied = try Parameters.apply(to: paramBook(source), profile: nil, overrides: [("url", "https://y"), ("n", "7")])
    let shown = applied.book.cells[0].displaySource.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(shown[0] == "let url = \"https://y\" // site · -p url=https://y (default: \"http://x\")")
    #expect(shown[5] == "let n=7  // -p n=7 (default: -5)")
    #expect(applied.values.map(\.value) == [.string("https://y"), .int(7)])
}
