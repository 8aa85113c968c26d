import Testing
@testable import BookMarkdown

/// Raw HTML in prose: what readers need passes, every forbidden construct is neutralised.
@Suite struct HTMLSanitizerTests {
    @Test func allowedBlocksPassThrough() {
        #expect(prose("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>") ==
            "<details>\n<summary>More</summary>\n<p>Hidden <em>text</em>.</p>\n</details>")
        #expect(prose("<video controls width=\"320\" src=\"videos/best.mp4\"></video>") ==
            "<p><video controls width=\"320\" src=\"videos/best.mp4\"></video></p>")
        #expect(prose("H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd><br>next") ==
            "<p>H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd><br>next</p>")
        #expect(prose("<table>\n<tr><td align=\"right\">1</td></tr>\n</table>") == "<table>\n<tr><td align=\"right\">1</td></tr>\n</table>")
    }

    /// Each forbidden construct and what becomes of it.
    static let forbidden: [(String, String)] = [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<style>body{display:none}</style>", "&lt;style&gt;body{display:none}&lt;/style&gt;"),
        ("<iframe src=\"https://evil.example\"></iframe>", "&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;"),
        ("x <object data=\"a.swf\"></object>", "<p>x &lt;object data=&quot;a.swf&quot;&gt;&lt;/object&gt;</p>"),
        ("x <svg onload=alert(1)>", "<p>x &lt;svg onload=alert(1)&gt;</p>"),
        ("x <img src=\"a.png\" onerror=\"alert(1)\">", "<p>x <img src=\"a.png\"></p>"),
        ("x <b onmouseover=alert(1) style=\"color:red\">b</b>", "<p>x <b>b</b></p>"),
        ("x <a href=\"javascript:alert(1)\">a</a>", "<p>x <a>a</a></p>"),
        ("x <a href=\"jav&#x61;script:alert(1)\">a</a>", "<p>x <a>a</a></p>"),
        ("x <a href=\"java&Tab;script:alert(1)\">a</a>", "<p>x <a>a</a></p>"),
        // Browsers decode `&#x61` without `;`: the value is written with `&` escaped, so they see it literally.
        ("x <a href=\"jav&#x61script:alert(1)\">a</a>", "<p>x <a href=\"jav&amp;#x61script:alert(1)\">a</a></p>"),
        ("x <a href=\" JAVASCRIPT:alert(1)\">a</a>", "<p>x <a>a</a></p>"),
        ("x <video src=\"data:text/html,<script>\">", "<p>x <video></video></p>"),
        ("x <video poster=\"vbscript:x\" src=\"v.mp4\">", "<p>x <video src=\"v.mp4\"></video></p>"),
        ("x <img/src=x onerror=alert(1)>", "<p>x &lt;img/src=x onerror=alert(1)&gt;</p>"),
        ("x <form action=\"https://e.com\"><input name=a></form>", "<p>x &lt;form action=&quot;https://e.com&quot;&gt;&lt;input name=a&gt;&lt;/form&gt;</p>"),
        ("x <!-- a --!><script>alert(1)</script> -->", "<p>x &lt;!-- a --!&gt;&lt;script&gt;alert(1)&lt;/script&gt; --&gt;</p>"),
        ("x <? a ><script>alert(1)</script> ?>", "<p>x &lt;? a &gt;&lt;script&gt;alert(1)&lt;/script&gt; ?&gt;</p>"),
        ("<textarea><b>x</b></textarea>", "&lt;textarea&gt;<b>x</b>&lt;/textarea&gt;"),
        ("<math><mi>x</mi></math>", "<p>&lt;math&gt;&lt;mi&gt;x&lt;/mi&gt;&lt;/math&gt;</p>"),
        // DOM clobbering: ids are prefixed, `name` is dropped.
        ("x <span id=\"rlbookMedia\">s</span> <img name=\"querySelectorAll\" src=\"a.png\">", "<p>x <span id=\"user-content-rlbookMedia\">s</span> <img src=\"a.png\"></p>"),
        ("<base href=\"https://evil.example/\">", "&lt;base href=&quot;https://evil.example/&quot;&gt;"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=https://e.com\">", "&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://e.com&quot;&gt;"),
        ("<link rel=\"stylesheet\" href=\"https://e.com/x.css\">", "&lt;link rel=&quot;stylesheet&quot; href=&quot;https://e.com/x.css&quot;&gt;"),
    ]

    @Test(arguments: forbidden.indices)
    func forbiddenConstructsAreNeutralised(_ k: Int) {
        let (input, expected) = Self.forbidden[k]
        let html = prose(input)
        #expect(html == expected, "input: \(input)")
        // What the browser sees as tags: each `<` up to the next `>`.
        for tag in html.lowercased().split(separator: "<").dropFirst().map({ $0.prefix(while: { $0 != ">" }) }) {
            for bad in ["script", "style", "iframe", "object", "svg", "form", "textarea", "math", "base", "meta", "link"] {
                #expect(!tag.hasPrefix(bad), "<\(tag)> survived in \(html)")
            }
            for bad in [" on", "style=", "javascript:", "vbscript:", "data:text"] {
                #expect(!tag.contains(bad), "\(bad) survived in <\(tag)>")
            }
        }
    }

    @Test func unbalancedTagsAreClosedAndStrayClosersDropped() {
        #expect(prose("<div>open <b>bold") == "<div>open <b>bold\n</b></div>")
        // Inline tags left open are closed at the end of their paragraph.
        #expect(prose("a <b>bold\n\nnext") == "<p>a <b>bold</b></p>\n<p>next</p>")
        #expect(prose("a </div> b") == "<p>a  b</p>")
    }

    @Test func commentsAreKept() {
        #expect(prose("<!-- note -->\ntext") == "<!-- note -->\n<p>text</p>")
    }
}
