import Testing
import TestSupport
@testable import BookMarkdown

/// CommonMark's pathological inputs (cmark `test/pathological_tests.py`) and the cases the
/// reliability issue measured (`[a](` × 8,000, long tables, a line of 8,000 `- `): each must render
/// in time linear in its size. Sizes are chosen so that a quadratic algorithm would need minutes
/// (≥ 10^9 steps) while the linear one takes well under a second, so the time limit is far from both.
@Suite struct PathologicalInputTests {
    static func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    static let cases: [(String, String)] = [
        ("nested strong emph", rep("*a **a ", 6_000) + "b" + rep(" a** a*", 6_000)),
        ("emph closers with no openers", rep("a_ ", 30_000)),
        ("emph openers with no closers", rep("_a ", 30_000)),
        ("link closers with no openers", rep("a]", 50_000)),
        ("link openers with no closers", rep("[a", 50_000)),
        ("mismatched openers and closers", rep("*a_ ", 25_000)),
        ("openers and closers multiple of 3", "a**b" + rep("c* ", 30_000)),
        ("link openers and emph closers", rep("[ a_", 25_000)),
        ("pattern [ (]( repeated", rep("[ (](", 20_000)),
        ("pattern ![[]() repeated", rep("![[]()", 20_000)),
        ("nested brackets", rep("[", 50_000) + "a" + rep("]", 50_000)),
        ("nested block quotes", rep(">", 50_000) + " a"),
        ("deeply nested lists", (0..<300).map { rep("  ", $0) + "* a\n" }.joined()),
        ("backticks", (1..<400).map { "e" + rep("`", $0) }.joined()),
        ("unclosed links A", rep("[a](<b", 15_000)),
        ("unclosed links B", rep("[a](b", 15_000)),
        ("unclosed <!--", "</" + rep("<!--", 25_000)),
        ("unclosed <?", rep("<?", 50_000)),
        ("unclosed <![CDATA[", rep("<![CDATA[", 20_000)),
        ("unclosed declarations", rep("<!A ", 50_000)),
        ("unclosed $ math", rep("$a ", 30_000)),
        ("unclosed $$ math", rep("$$a ", 25_000)),
        ("unclosed \\( math", rep("\\(a ", 25_000)),
        ("[a]( x 8000 (reliability issue)", rep("[a](", 8_000)),
        ("a line of 8000 '- '", rep("- ", 8_000) + "x"),
        ("table of 6000 rows", "| a | b |\n|---|---|\n" + rep("| 1 | *2* |\n", 6_000)),
        ("many emphasis pairs", rep("*a* ", 15_000)),
        ("many links", rep("[a](b) ", 12_000)),
        ("bare URLs", rep("https://example.com/a_(b) ", 8_000)),
        ("footnote-like brackets", rep("[^a", 40_000)),
    ]

    @Test(arguments: cases.indices)
    func rendersInLinearTime(_ k: Int) {
        let (name, input) = Self.cases[k]
        // CPU time of this thread (rendering is single-threaded): the wall clock also counts the
        // other tests running beside this one and whatever else loads the machine.
        let (seconds, html) = CPUTime.measure { prose(input) }
        print("pathological \(name): \(input.count) characters in \(seconds) s of CPU")
        #expect(!html.isEmpty, "\(name): no output")
        #expect(seconds < 8, "\(name): \(input.count) characters took \(seconds) s of CPU")
        #expect(TagBalance.check(html) == nil, "\(name): unbalanced HTML")
    }

    /// A paragraph over `MarkdownRenderer.inlineLimit` is shown as escaped plain text (its inline
    /// parse keeps a node per bracket: 3 million `[` took a gigabyte); one under it is parsed.
    @Test func hugeParagraphsArePlainText() {
        let line = Self.rep("[[", 15_000) + " *a* <b> "
        let huge = Array(repeating: line, count: 10).joined(separator: "\n")
        #expect(huge.utf8.count > MarkdownRenderer.inlineLimit)
        let html = prose(huge)
        #expect(html.hasPrefix("<p>[[[[") && html.hasSuffix("</p>"))
        #expect(html.contains("*a* &lt;b&gt;") && !html.contains("<em>") && !html.contains("<b>"))
        #expect(prose(line).contains("<em>a</em>"))
    }

    @Test func nulCharactersAreReplaced() {
        #expect(prose("abc\u{0}de\u{0}") == "<p>abc\u{FFFD}de\u{FFFD}</p>")
    }
}
