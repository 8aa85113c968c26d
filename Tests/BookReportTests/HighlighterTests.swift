import Testing
import TestSupport
@testable import BookReport

@Suite struct HighlighterTests {
    func kinds(_ source: String) -> [(SwiftHighlighter.Kind?, String)] {
        SwiftHighlighter.spans(source).map { ($0.kind, $0.text) }.filter { !($0.0 == nil && $0.1.allSatisfy { $0 == " " }) }
    }

    @Test func spansRoundTripAnyInput() {
        for s in ["let x = 1", "\"unterminated", "\"a \\(b(\"c\")) d\"", "/* nested /* c */ */ x", "\"\"\"\nmulti \\(x)\n\"\"\"",
                  "1..<3", "1e-4 + 0x1F", "`weird` $0 ∑ 中文", "\"\\(", "//| label: x\n// c", "\"\\\"\""] {
            #expect(SwiftHighlighter.spans(s).map(\.text).joined() == s)
        }
    }

    @Test func tokenKinds() {
        let spans = kinds("let model = DQN(policy: \"CnnPolicy\", lr: 1e-4) // go")
        #expect(spans.map(\.0) == [.keyword, nil, .type, nil, .string, nil, .number, nil, .comment])
        #expect(spans[6].1 == "1e-4")
        #expect(kinds("model.learn(totalTimesteps: n)").map(\.0) == [nil, .call, nil])
        #expect(kinds("for i in 0..<10 {}").map(\.1) == ["for", " i ", "in", " ", "0", "..<", "10", " {}"].filter { $0 != " " })
    }

    @Test func optionLinesOnlyAtLineStart() {
        #expect(kinds("//| label: a\nx //| not an option").map(\.0) == [.option, nil, .comment])
    }

    @Test func interpolationIsCode() {
        let spans = kinds("\"sum \\(add(1, 2)) ok\"")
        #expect(spans.map(\.0) == [.string, .interpolation, .call, nil, .number, nil, .number, nil, .interpolation, .string])
    }

    @Test func htmlIsEscapedPerLine() {
        let html = SwiftHighlighter.html("let s = \"\"\"\n<b>\n\"\"\"", firstLine: 7)
        #expect(html == "<span class=\"rl-line\" data-n=\"7\"><span class=\"hl-kw\">let</span> s = <span class=\"hl-str\">&quot;&quot;&quot;</span></span>\n"
                + "<span class=\"rl-line\" data-n=\"8\"><span class=\"hl-str\">&lt;b&gt;</span></span>\n"
                + "<span class=\"rl-line\" data-n=\"9\"><span class=\"hl-str\">&quot;&quot;&quot;</span></span>")
    }

    @Test func randomSourcesRoundTripAndStayBalanced() {
        let pieces = ["\"", "\"\"\"", "\\(", "\\", ")", "(", "/*", "*/", "//", "//|", "\n", " ", "let", "Foo", "bar", "1", "1e-", ".", "..<",
                      "$0", "`", "<", ">", "&", "字", "\t", "{", "}", "x(", "0x", "_"]
        var state: UInt64 = 99
        for _ in 0..<800 {
            var source = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 58) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                source += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            #expect(SwiftHighlighter.spans(source).map(\.text).joined() == source)
            let html = SwiftHighlighter.html(source, firstLine: 1, lineIDs: true)
            #expect(TagBalance.check(html) == nil, "\(source.debugDescription)")
        }
    }

    /// A cell past `plainAbove` bytes is shown escaped, line by line, without token spans (its tokens
    /// would cost many times the cell); the text and line numbering are the same.
    @Test func hugeCellsAreShownPlain() {
        let line = "let v = [" + Array(repeating: "1", count: 20_000).joined(separator: ", ") + "] // <b>"
        let source = Array(repeating: line, count: 5).joined(separator: "\n")
        #expect(source.utf8.count > SwiftHighlighter.plainAbove)
        let html = SwiftHighlighter.html(source, firstLine: 3, lineIDs: true)
        #expect(!html.contains("hl-"))
        #expect(html.contains("&lt;b&gt;") && !html.contains("<b>"))
        #expect(html.split(separator: "\n").count == 5)
        #expect(html.hasPrefix("<span class=\"rl-line\" id=\"L3\" data-n=\"3\">let v = [1, 1"))
        #expect(html.contains("data-n=\"7\""))
        #expect(TagBalance.check(html) == nil)
    }
}
