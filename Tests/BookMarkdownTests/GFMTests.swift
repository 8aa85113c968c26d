import Testing
@testable import BookMarkdown

/// GitHub extensions as github.com renders them (the markup differs only in class names).
@Suite struct GFMTests {
    @Test func taskLists() {
        #expect(prose("- [ ] todo\n- [x] done *em*\n- plain") == """
        <ul class="contains-task-list">
        <li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled> todo</li>
        <li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> done <em>em</em></li>
        <li>plain</li>
        </ul>
        """)
        #expect(prose("- [y] not a task") == "<ul>\n<li>[y] not a task</li>\n</ul>")
    }

    @Test func alerts() {
        #expect(prose("> [!NOTE]\n> Useful *info*.\n\n> [!warning]\n> Careful.") == """
        <div class="markdown-alert markdown-alert-note">
        <p class="markdown-alert-title">Note</p>
        <p>Useful <em>info</em>.</p>
        </div>
        <div class="markdown-alert markdown-alert-warning">
        <p class="markdown-alert-title">Warning</p>
        <p>Careful.</p>
        </div>
        """)
        #expect(prose("> [!BOGUS]\n> text") == "<blockquote>\n<p>[!BOGUS]\ntext</p>\n</blockquote>")
        for kind in ["TIP", "IMPORTANT", "CAUTION"] {
            #expect(prose("> [!\(kind)]\n> x").hasPrefix("<div class=\"markdown-alert markdown-alert-\(kind.lowercased())\">"))
        }
    }

    @Test func footnotes() {
        let html = prose("Text with a note[^1] and another[^two], again[^1].\n\n[^1]: The *first* note.\n[^two]: Second,\n    continued.\n\n[^unused]: never cited")
        #expect(html == """
        <p>Text with a note<sup class="footnote-ref"><a href="#user-content-fn-1" id="user-content-fnref-1">1</a></sup> and another<sup class="footnote-ref"><a href="#user-content-fn-two" id="user-content-fnref-two">2</a></sup>, again<sup class="footnote-ref"><a href="#user-content-fn-1">1</a></sup>.</p>
        <section class="footnotes">
        <ol>
        <li id="user-content-fn-1" value="1">
        <p>The <em>first</em> note. <a href="#user-content-fnref-1" class="footnote-backref" aria-label="Back to reference">↩</a></p>
        </li>
        <li id="user-content-fn-two" value="2">
        <p>Second,
        continued. <a href="#user-content-fnref-two" class="footnote-backref" aria-label="Back to reference">↩</a></p>
        </li>
        <li id="user-content-fn-unused" value="3">
        <p>never cited <a href="#user-content-fnref-unused" class="footnote-backref" aria-label="Back to reference">↩</a></p>
        </li>
        </ol>
        </section>
        """)
        #expect(prose("An [^undefined] label.") == "<p>An [^undefined] label.</p>")
        // A footnote whose text is a URL is not taken for a link reference definition.
        let url = prose("See[^src].\n\n[^src]: https://example.com/paper\n")
        #expect(url.contains("<li id=\"user-content-fn-src\" value=\"1\">\n<p><a href=\"https://example.com/paper\">https://example.com/paper</a>"))
    }

    @Test func footnotesAcrossCells() {
        let html = prose("Cited here[^n].\n\n```swift\nlet x = 1\n```\n\n[^n]: Defined after a cell.\n")
        #expect(html.contains("<a href=\"#user-content-fn-n\" id=\"user-content-fnref-n\">1</a>"))
        #expect(html.contains("<li id=\"user-content-fn-n\" value=\"1\">"))
    }

    @Test func extendedAutolinks() {
        #expect(prose("Visit www.example.com, https://x.org/a?b=1. or mail me@example.com.") ==
            "<p>Visit <a href=\"http://www.example.com\">www.example.com</a>, <a href=\"https://x.org/a?b=1\">https://x.org/a?b=1</a>. or mail <a href=\"mailto:me@example.com\">me@example.com</a>.</p>")
        #expect(prose("a https://e.com/x&hl; b") == "<p>a <a href=\"https://e.com/x\">https://e.com/x</a>&amp;hl; b</p>")
        #expect(prose("`https://in.code` and [t](https://a.b) no double") == "<p><code>https://in.code</code> and <a href=\"https://a.b\">t</a> no double</p>")
    }

    @Test func tables() {
        #expect(prose("| a | b \\| c |\n|:--|--:|\n| `x\\|y` | 2 |") == """
        <table>
        <thead>
        <tr>
        <th align="left">a</th>
        <th align="right">b | c</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="left"><code>x|y</code></td>
        <td align="right">2</td>
        </tr>
        </tbody>
        </table>
        """)
        // A paragraph line before the header row stays a paragraph; a mismatched delimiter row is no table.
        #expect(prose("intro\n| h |\n|---|\n| c |").hasPrefix("<p>intro</p>\n<table>"))
        #expect(prose("| a | b |\n|---|\n| c |") == "<p>| a | b |\n|---|\n| c |</p>")
        // A table ends at a blank line or another block.
        #expect(prose("| a |\n|---|\n| 1 |\n> q").hasSuffix("</table>\n<blockquote>\n<p>q</p>\n</blockquote>"))
    }

    @Test func strikethrough() {
        #expect(prose("~~gone~~ and ~also~ but not ~~~this~~~ or ~~mis~") == "<p><del>gone</del> and <del>also</del> but not ~~~this~~~ or ~~mis~</p>")
    }
}
