import Testing
import TestSupport
@testable import BookMarkdown

/// Renders prose only (no cells) and returns the HTML of the first prose block.
func prose(_ md: String) -> String {
    let book = BookParser.parse(text: md, file: "t.md")
    var out: [String] = []
    for block in book.blocks { if case .prose(let html, _) = block { out.append(html) } }
    return out.joined(separator: "\n")
}

@Suite struct MarkdownTests {
    @Test func atxHeadingsGetUniqueAnchors() {
        let md = "# Hello World\n\n## Hello World\n\n### Étape 2: *go*!\n\n# 强化学习 入门 ##\n"
        let book = BookParser.parse(text: md, file: "t.md")
        guard case .prose(let html, let headings)? = book.blocks.first else { Issue.record("no prose"); return }
        #expect(headings.map(\.anchor) == ["hello-world", "hello-world-1", "étape-2-go", "强化学习-入门"])
        #expect(headings.map(\.level) == [1, 2, 3, 1])
        #expect(headings[2].text == "Étape 2: go!")
        #expect(html.contains("<h1 id=\"hello-world\">Hello World</h1>"))
        #expect(html.contains("<h3 id=\"étape-2-go\">Étape 2: <em>go</em>!</h3>"))
        #expect(html.contains("<h1 id=\"强化学习-入门\">强化学习 入门</h1>"))
    }

    @Test func anchorsAreUniqueAcrossProseBlocks() {
        let md = "# Setup\n\n```swift\nlet x = 1\n```\n\n# Setup\n"
        let book = BookParser.parse(text: md, file: "t.md")
        let anchors = book.blocks.compactMap { b -> [String]? in
            if case .prose(_, let h) = b { return h.map(\.anchor) } else { return nil }
        }
        #expect(anchors == [["setup"], ["setup-1"]])
    }

    @Test func setextHeadings() {
        let html = prose("Title\n=====\n\nSub *title*\n---\n")
        #expect(html == "<h1 id=\"title\">Title</h1>\n<h2 id=\"sub-title\">Sub <em>title</em></h2>")
    }

    @Test func paragraphsAndLineBreaks() {
        #expect(prose("one\ntwo\n\nthree") == "<p>one\ntwo</p>\n<p>three</p>")
        #expect(prose("hard  \nbreak") == "<p>hard<br>\nbreak</p>")
        #expect(prose("hard\\\nbreak") == "<p>hard<br>\nbreak</p>")
    }

    @Test func emphasisAndStrong() {
        #expect(prose("*a* _b_ **c** __d__ ***e***") == "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <em><strong>e</strong></em></p>")
        #expect(prose("snake_case_name and 2*3*4") == "<p>snake_case_name and 2<em>3</em>4</p>")
        #expect(prose("**bold *nested* text**") == "<p><strong>bold <em>nested</em> text</strong></p>")
        #expect(prose("a * b * c") == "<p>a * b * c</p>")
        #expect(prose("*unclosed") == "<p>*unclosed</p>")
    }

    @Test func inlineCodeIsEscapedAndLiteral() {
        #expect(prose("use `a < b && *c*` here") == "<p>use <code>a &lt; b &amp;&amp; *c*</code> here</p>")
        #expect(prose("``code with ` tick``") == "<p><code>code with ` tick</code></p>")
        #expect(prose("`unclosed") == "<p>`unclosed</p>")
    }

    @Test func linksAndImages() {
        #expect(prose("[Gym](https://gymnasium.farama.org \"docs\")") == "<p><a href=\"https://gymnasium.farama.org\" title=\"docs\">Gym</a></p>")
        #expect(prose("![a car](img/car.png)") == "<p><img src=\"img/car.png\" alt=\"a car\"></p>")
        #expect(prose("[**bold** link](#train)") == "<p><a href=\"#train\"><strong>bold</strong> link</a></p>")
        #expect(prose("<https://example.com/a?b=1&c=2>") == "<p><a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a></p>")
        #expect(prose("[not a link] here") == "<p>[not a link] here</p>")
        #expect(prose("[x](url(with)parens)") == "<p><a href=\"url(with)parens\">x</a></p>")
    }

    @Test func dangerousURLsAreNeutralised() {
        #expect(prose("[x](javascript:alert(1))") == "<p><a href=\"#\">x</a></p>")
        #expect(prose("[x](JavaScript:alert(1))") == "<p><a href=\"#\">x</a></p>")
        #expect(prose("![x](data:text/html;base64,AAAA)") == "<p><img src=\"#\" alt=\"x\"></p>")
        #expect(prose("![x](data:image/png;base64,AAAA)") == "<p><img src=\"data:image/png;base64,AAAA\" alt=\"x\"></p>")
    }

    @Test func rawHTMLIsSanitised() {
        #expect(prose("<script>alert('x')</script>") == "&lt;script&gt;alert('x')&lt;/script&gt;")
        #expect(prose("<div onclick=\"x\">hi</div>") == "<div>hi</div>")
        #expect(prose("a & b &amp; &copy; &#x41; &bogus;") == "<p>a &amp; b &amp; © A &amp;bogus;</p>")
        #expect(prose("\\*not em\\* \\<b\\>") == "<p>*not em* &lt;b&gt;</p>")
    }

    @Test func unorderedAndOrderedLists() {
        #expect(prose("- a\n- b\n- c") == "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>")
        #expect(prose("3. x\n4. y") == "<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>")
        #expect(prose("1) x\n2) y") == "<ol>\n<li>x</li>\n<li>y</li>\n</ol>")
    }

    @Test func nestedLists() {
        let html = prose("- a\n  - b\n    1. c\n    2. d\n- e")
        #expect(html == "<ul>\n<li>a\n<ul>\n<li>b\n<ol>\n<li>c</li>\n<li>d</li>\n</ol>\n</li>\n</ul>\n</li>\n<li>e</li>\n</ul>")
    }

    @Test func looseListsWrapParagraphs() {
        #expect(prose("- a\n\n- b") == "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>")
    }

    @Test func listItemLazyContinuationAndParagraphAfter() {
        #expect(prose("- item one\ncontinued\n\nAfter.") == "<ul>\n<li>item one\ncontinued</li>\n</ul>\n<p>After.</p>")
    }

    @Test func blockQuotes() {
        #expect(prose("> quoted *text*\n> more\n\n> > nested") == "<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>\n<blockquote>\n<blockquote>\n<p>nested</p>\n</blockquote>\n</blockquote>")
        #expect(prose("> lazy\ncontinuation") == "<blockquote>\n<p>lazy\ncontinuation</p>\n</blockquote>")
    }

    @Test func gfmTablesWithAlignment() {
        let html = prose("| Algo | Return | Note |\n|:-----|------:|:----:|\n| DQN | 900 | *best* |\n| PPO | 850 |\n")
        #expect(html == """
        <table>
        <thead>
        <tr>
        <th align="left">Algo</th>
        <th align="right">Return</th>
        <th align="center">Note</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="left">DQN</td>
        <td align="right">900</td>
        <td align="center"><em>best</em></td>
        </tr>
        <tr>
        <td align="left">PPO</td>
        <td align="right">850</td>
        <td align="center"></td>
        </tr>
        </tbody>
        </table>
        """)
        #expect(prose("a | b\n--|--\n1 | x\\|y").contains("<td>x|y</td>"))
    }

    @Test func fencedCodeThatIsNotSwiftIsProse() {
        let book = BookParser.parse(text: "```python\nprint(\"<hi>\")\n```\n\n~~~\nplain\n~~~\n", file: "t.md")
        #expect(book.cells.isEmpty)
        #expect(book.diagnostics.isEmpty)
        #expect(prose("```python\nprint(\"<hi>\")\n```") == "<pre><code class=\"language-python\"><span class=\"hl-fn\">print</span>(<span class=\"hl-str\">&quot;&lt;hi&gt;&quot;</span>)\n</code></pre>")
        #expect(prose("~~~\nplain\n~~~") == "<pre><code>plain\n</code></pre>")
    }

    @Test func indentedCode() {
        #expect(prose("para\n\n    let x = 1 < 2\n      indented\n\nafter") == "<p>para</p>\n<pre><code>let x = 1 &lt; 2\n  indented\n</code></pre>\n<p>after</p>")
    }

    @Test func thematicBreaks() {
        #expect(prose("a\n\n---\n\n* * *\n\n___\nb") == "<p>a</p>\n<hr>\n<hr>\n<hr>\n<p>b</p>")
    }

    @Test func headingTextWithCodeAndLink() {
        let book = BookParser.parse(text: "## The `step(_:)` [API](#x)\n", file: "t.md")
        guard case .prose(_, let h)? = book.blocks.first else { Issue.record("no prose"); return }
        #expect(h == [Heading(level: 2, text: "The step(_:) API", anchor: "the-step_-api")])
    }

    @Test func referenceLinks() {
        let md = "See [the docs][gym], [Gym] and [here][].\n\n[gym]: https://gymnasium.farama.org \"Gymnasium\"\n[Here]: <#setup>\n\n```swift\nlet x = 1\n```\n\nLater [gym] again.\n"
        let html = prose(md)
        #expect(html.contains("<a href=\"https://gymnasium.farama.org\" title=\"Gymnasium\">the docs</a>, <a href=\"https://gymnasium.farama.org\" title=\"Gymnasium\">Gym</a> and <a href=\"#setup\">here</a>."))
        #expect(html.contains("Later <a href=\"https://gymnasium.farama.org\" title=\"Gymnasium\">gym</a> again."))
        #expect(!html.contains("[gym]:"))
        #expect(prose("[undefined] ref") == "<p>[undefined] ref</p>")
        #expect(prose("[x]: javascript:alert(1)\n\n[x]") == "<p><a href=\"#\">x</a></p>")
    }

    @Test func bareURLsAndStrikethrough() {
        #expect(prose("Visit https://example.com/a_b. Now") == "<p>Visit <a href=\"https://example.com/a_b\">https://example.com/a_b</a>. Now</p>")
        #expect(prose("(see https://en.wikipedia.org/wiki/Q_(x))") == "<p>(see <a href=\"https://en.wikipedia.org/wiki/Q_(x)\">https://en.wikipedia.org/wiki/Q_(x)</a>)</p>")
        #expect(prose("not-a-link:https") == "<p>not-a-link:https</p>")
        #expect(prose("~~old~~ new ~single~ ~~~three~~~") == "<p><del>old</del> new <del>single</del> ~~~three~~~</p>")
        #expect(prose("takes ~5 ms and ~3 s") == "<p>takes ~5 ms and ~3 s</p>")
    }

    @Test func renderedHTMLIsBalanced() {
        let md = "# T\n\n- a\n  > q *e\n  > f*\n- b\n\n  | x | y |\n  |---|---|\n  | 1 | 2 |\n\n1. ```\n   code\n   ```\n2. **s** [l](u)\n"
        #expect(TagBalance.check(prose(md)) == nil)
    }

    @Test func htmlCommentsStayComments() {
        #expect(prose("<!-- a note\nspanning -->\nText") == "<!-- a note\nspanning -->\n<p>Text</p>")
        #expect(prose("Text <!-- inline --> stays") == "<p>Text <!-- inline --> stays</p>")
        // A comment a browser would end early (`--!>`) is shown as text.
        #expect(prose("a <!-- x --!><script>y --> b") == "<p>a &lt;!-- x --!&gt;&lt;script&gt;y --&gt; b</p>")
    }

    @Test func pythonAndShellFencesAreHighlighted() {
        let py = prose("```python\ndef f(x=1.5):  # doc\n    return 'a' if x else None\n```")
        #expect(py == "<pre><code class=\"language-python\"><span class=\"hl-kw\">def</span> <span class=\"hl-fn\">f</span>(x=<span class=\"hl-num\">1.5</span>):  <span class=\"hl-com\"># doc</span>\n    <span class=\"hl-kw\">return</span> <span class=\"hl-str\">'a'</span> <span class=\"hl-kw\">if</span> x <span class=\"hl-kw\">else</span> <span class=\"hl-kw\">None</span>\n</code></pre>")
        let sh = prose("```sh\npip install \"gymnasium[box2d]\" && echo ok # done\n```")
        #expect(sh == "<pre><code class=\"language-sh\"><span class=\"hl-fn\">pip</span> install <span class=\"hl-str\">&quot;gymnasium[box2d]&quot;</span> &amp;&amp; <span class=\"hl-kw\">echo</span> ok <span class=\"hl-com\"># done</span>\n</code></pre>")
        #expect(prose("```text\n<b> & x\n```") == "<pre><code class=\"language-text\">&lt;b&gt; &amp; x\n</code></pre>")
        #expect(TagBalance.check(prose("```python\n'''unclosed\n```")) == nil)
    }
}
