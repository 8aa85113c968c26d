import Testing
import TestSupport
@testable import BookMarkdown

/// TeX math in prose becomes MathML (no script, no network).
@Suite struct MathMLTests {
    /// The body of the first `<math>` (between `<semantics><mrow>` and `</mrow><annotation`).
    func body(_ md: String) -> String {
        let html = prose(md)
        guard let a = html.range(of: "<semantics><mrow>"), let b = html.range(of: "</mrow><annotation", options: .backwards) else { return "no math in \(html)" }
        return String(html[a.upperBound..<b.lowerBound])
    }

    @Test func delimiters() {
        let inline = prose("Inline \\(k=4\\) and $x^2$ costs $5 and $10.")
        #expect(inline == "<p>Inline <math class=\"math\"><semantics><mrow><mi>k</mi><mo>=</mo><mn>4</mn></mrow><annotation encoding=\"application/x-tex\">k=4</annotation></semantics></math> and <math class=\"math\"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math> costs $5 and $10.</p>")
        #expect(prose("$$a$$").contains("<math display=\"block\" class=\"math math-display\">"))
        #expect(prose("\\[a\\]").contains("<math display=\"block\""))
        #expect(prose("$$\na\n+ b\n$$").contains("<mi>a</mi><mo>+</mo><mi>b</mi>"))
        #expect(prose("\\$5 and \\$6") == "<p>$5 and $6</p>")
        #expect(prose("`$x$`") == "<p><code>$x$</code></p>")
    }

    @Test func ppoReturn() {
        #expect(body("$$G_t=\\sum_{t'} \\gamma^{t-t'} r_t$$") == "<msub><mi>G</mi><mi>t</mi></msub><mo>=</mo><munder><mo largeop=\"true\" movablelimits=\"true\">∑</mo><mrow><msup><mi>t</mi><mo>′</mo></msup></mrow></munder><msup><mi>γ</mi><mrow><mi>t</mi><mo>−</mo><msup><mi>t</mi><mo>′</mo></msup></mrow></msup><msub><mi>r</mi><mi>t</mi></msub>")
    }

    @Test func constructs() {
        #expect(body("$\\frac{a}{b}$") == "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>")
        #expect(body("$\\sqrt{x}\\sqrt[3]{y}$") == "<msqrt><mrow><mi>x</mi></mrow></msqrt><mroot><mrow><mi>y</mi></mrow><mrow><mn>3</mn></mrow></mroot>")
        #expect(body("$\\prod_{i=1}^{n} x_i$") == "<msubsup><mo largeop=\"true\" movablelimits=\"true\">∏</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mrow><mi>n</mi></mrow></msubsup><msub><mi>x</mi><mi>i</mi></msub>")
        #expect(body("$$\\max_a Q$$") == "<munder><mi>max</mi><mi>a</mi></munder><mi>Q</mi>")
        #expect(body("$$\\arg\\max_a Q$$") == "<munder><mi>arg\u{2009}max</mi><mi>a</mi></munder><mi>Q</mi>")
        #expect(body("$\\mathbb{E}[X] \\in \\mathbb{R}$") == "<mrow><mi>𝔼</mi></mrow><mo>[</mo><mi>X</mi><mo>]</mo><mo>∈</mo><mrow><mi>ℝ</mi></mrow>")
        #expect(body("$\\hat{y} \\bar{x}$") == "<mover accent=\"true\"><mrow><mi>y</mi></mrow><mo stretchy=\"false\">ˆ</mo></mover><mover accent=\"true\"><mrow><mi>x</mi></mrow><mo stretchy=\"false\">¯</mo></mover>")
        #expect(body("$\\left( \\frac{1}{2} \\right)$") == "<mrow><mo fence=\"true\" stretchy=\"true\">(</mo><mfrac><mrow><mn>1</mn></mrow><mrow><mn>2</mn></mrow></mfrac><mo fence=\"true\" stretchy=\"true\">)</mo></mrow>")
        #expect(body("$\\text{if } x \\leq 0$") == "<mtext>if </mtext><mi>x</mi><mo>≤</mo><mn>0</mn>")
        #expect(body("$\\alpha \\Gamma$") == "<mi>α</mi><mi mathvariant=\"normal\">Γ</mi>")
        #expect(body("$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$") == "<mtable columnalign=\"right left right left right left\"><mtr><mtd><mi>a</mi></mtd><mtd><mo>=</mo><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mo>=</mo><mi>d</mi></mtd></mtr></mtable>")
        #expect(body("$a < b$") == "<mi>a</mi><mo>&lt;</mo><mi>b</mi>")
        #expect(body("$a \\not= b$") == "<mi>a</mi><mo>=\u{0338}</mo><mi>b</mi>")
        #expect(body("$\\lVert x \\rVert^2 \\cdot x^\\intercal$") == "<mo>‖</mo><mi>x</mi><msup><mo>‖</mo><mn>2</mn></msup><mo>⋅</mo><msup><mi>x</mi><mo>⊺</mo></msup>")
        #expect(body("$$\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$") == "<mrow><mo fence=\"true\" stretchy=\"true\">{</mo><mtable columnalign=\"left left\"><mtr><mtd><mn>1</mn></mtd><mtd><mi>x</mi><mo>&gt;</mo><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mtext>otherwise</mtext></mtd></mtr></mtable></mrow>")
        #expect(body("$$\\sum\\limits_{i} \\operatorname*{argmin}_x f$$") == "<munder><mo largeop=\"true\" movablelimits=\"true\">∑</mo><mrow><mi>i</mi></mrow></munder><munder><mi>argmin</mi><mi>x</mi></munder><mi>f</mi>")
    }

    @Test func unsupportedCommandsShowTheirSource() {
        let html = prose("$x \\weird{y}$")
        #expect(html.contains("<merror><mtext>\\weird</mtext></merror>"))
        #expect(html.contains("title=\"unsupported TeX: \\weird\""))
    }

    @Test func hostileTeXStaysInside() {
        for tex in ["</math><script>alert(1)</script>", "\\text{</mtext><script>}", String(repeating: "{", count: 5_000), "\\frac", "^_^_", "\\left(", "\\begin{aligned} a &", "\\sqrt["] {
            let html = prose("$$" + tex + "$$")
            #expect(!html.contains("<script"), "\(tex)")
            #expect(TagBalance.check(html) == nil, "\(tex): \(html)")
        }
    }
}
