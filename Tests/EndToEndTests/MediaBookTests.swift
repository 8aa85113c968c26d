import Testing
import RLSupport
@testable import BookRuntime

@Test func mediaBookRendersTablesPlotsImagesAndAnimations() throws {
    let r = try runBook(path: "Tests/EndToEndTests/Books/media.md")
    #expect(r.code == 0, "\(r.stderr)")
    let html = try #require(r.html)
    #expect(html.contains("<table"))
    #expect(html.contains("Evaluation"))
    #expect(html.contains("<svg"))
    #expect(html.contains("AvgReturn"))
    #expect(html.contains("data-rlbook-player"))
    #expect(html.contains("data:image/png;base64,"))
    #expect(html.contains("videos/checker.gif"))
    #expect(!html.contains("<script>window.rlbookInjected"))
    #expect(html.contains("&lt;script&gt;window.rlbookInjected"))
    // Prose: math as MathML (prose and `show(math:)`), details, alert, task list, footnote; raw <script> neutralised.
    #expect(html.components("<math").count - 1 == 4)
    #expect(html.contains("<details>\n<summary>Hyperparameters</summary>"))
    #expect(html.contains("markdown-alert-note"))
    #expect(html.contains("task-list-item-checkbox"))
    #expect(html.contains("<section class=\"footnotes\">"))
    #expect(html.contains("&lt;script&gt;window.rlbookProseInjected"))
    #expect(!html.contains("<script>window.rlbookProseInjected"))
    let gif = try FileIO.read(r.outDir + "/videos/checker.gif")
    #expect(Array(gif.prefix(6)) == Array("GIF89a".utf8))
}

@Test func mediaErrorsAreReportedAtTheCall() throws {
    let r = try runBook(text: "```swift\nplot(x: [1, 2, 3], y: [1, 2])\n```\n")
    #expect(r.code == 70)
    #expect(r.stderr.contains("book.md:2:"))
    #expect(r.stderr.contains("same length"))
    let s = try runBook(text: "```swift\nshow([[1, 2], [3]])\n```\n")
    #expect(s.code == 70)
    let k = try runBook(text: "```swift\nplot([1.0, 2.0], kind: \"lin\")\n```\n")
    #expect(k.stderr.contains("did you mean 'line'?"))
}
