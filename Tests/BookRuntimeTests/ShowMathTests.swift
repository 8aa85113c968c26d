import Testing
import BookDSL
import BookReport
@testable import BookRuntime

/// `show(math:)` puts TeX rendered as MathML into the cell's output.
@Test func showMathAddsMathML() {
    let h = CellHarness()
    _ = h.output("""
    show(math: "G_t = \\\\sum_{k} \\\\gamma^k r_{t+k}")
    show(math: "x < \\\\unknown", display: false)
    """)
    let html = h.session.outputs.compactMap { o -> String? in if case .html(let s) = o { return s }; return nil }
    #expect(html.count == 2)
    #expect(html.first?.hasPrefix("<div class=\"rl-math\"><math display=\"block\"") == true)
    #expect(html.first?.contains("<mi>γ</mi>") == true)
    #expect(html.last?.contains("<mo>&lt;</mo>") == true)
    #expect(html.last?.contains("<merror><mtext>\\unknown</mtext></merror>") == true)
    #expect(h.run("show(math: 3)") != nil)
}
