import Testing
import TestSupport
@testable import BookMarkdown

/// Parsing never traps, whatever the input: random mixes of Markdown and YAML syntax characters.
@Suite struct RobustnessTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let pieces = ["#", "##", " ", "  ", "    ", "\t", "\n", "\n\n", "*", "**", "_", "`", "```", "```swift", "~~~", "[", "]", "(", ")",
                         "!", "<", ">", "&", "&amp;", "&#", ";", "\\", "|", "-", "---", ":", "- ", "1. ", "2) ", "> ", "//| ", "label: ",
                         "eval", "x", "字", "é", "\"", "'", "{", "}", ",", "=", "===", "http://a", "<https://b>", "\r\n", "...", "#x41;",
                         "<details>", "</details>", "<summary>", "<b>", "</b>", "<div ", "<video src=", "\"", "<!--", "-->", "<?", "?>",
                         "$", "$$", "\\(", "\\)", "\\[", "\\frac{", "^", "[^1]", "[^1]: ", "> [!NOTE]", "|---|", "~~", "www.x.y",
                         "a@b.c", "- [ ] ", "- [x] ", "\\begin{aligned}", "&", "\\left(", "<script>", "![", "](", "[x]: /u"]

    @Test func randomInputsNeverTrap() {
        var rng = LCG(state: 12345)
        for _ in 0..<2000 {
            var text = rng.next(4) == 0 ? "---\n" : ""
            for _ in 0..<rng.next(80) { text += Self.pieces[rng.next(Self.pieces.count)] }
            let book = BookParser.parse(text: text, file: "fuzz.md")
            for block in book.blocks {
                if case .prose(let html, _) = block, let problem = TagBalance.check(html) {
                    Issue.record("unbalanced HTML (\(problem)) for input \(text.debugDescription):\n\(html)")
                    return
                }
            }
            for d in book.diagnostics { _ = d.rendered }
            _ = book.cells.count
        }
    }

    @Test func frontMatterWithStrayIndentedLines() {
        let d = BookParser.parse(text: "---\n    > a:b\n{x\n  ...\n\nText", file: "x.md").diagnostics
        #expect(d.map { $0.location?.line } == [2, 2, 3, 3])
    }

    @Test func deepNestingIsFine() {
        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        #expect(BookParser.parse(text: lists, file: "d.md").diagnostics.isEmpty)
        let quotes = String(repeating: ">", count: 300) + " deep"
        #expect(prose(quotes).contains("deep"))
        let emphasis = String(repeating: "*", count: 500) + "x" + String(repeating: "_", count: 500)
        #expect(!prose(emphasis).isEmpty)
    }
}
