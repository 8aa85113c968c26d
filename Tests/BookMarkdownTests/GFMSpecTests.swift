import Foundation
import Testing
@testable import BookMarkdown

/// The extension examples of the GitHub Flavored Markdown spec 0.29 (tables, strikethrough,
/// extended autolinks, task lists, the tag filter), from cmark-gfm's test/spec.txt
/// (Tests/Markdown/make_spec_json.py --gfm-extensions), rendered with GFM on and math off.
@Suite struct GFMSpecTests {
    struct Example: Decodable {
        let markdown: String
        let html: String
        let example: Int
        let `extension`: String
    }

    static var options: MarkdownOptions {
        var o = MarkdownOptions.commonMark
        o.gfm = true
        return o
    }

    @Test func extensionExamples() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let data = try Data(contentsOf: dir.appendingPathComponent("Fixtures/gfm-extensions-0.29.json"))
        let all = try JSONDecoder().decode([Example].self, from: data)
        #expect(all.count == 24)
        var failing: [Int] = []
        for e in all {
            let got = MarkdownRenderer(options: Self.options).renderDocument(e.markdown)
            if got != e.html {
                failing.append(e.example)
                if Self.knownDifferences[e.example] == nil {
                    Issue.record("GFM example \(e.example) (\(e.extension)) differs:\n--- markdown\n\(e.markdown)--- expected\n\(e.html)--- got\n\(got)")
                }
            }
        }
        for (n, reason) in Self.knownDifferences.sorted(by: { $0.key < $1.key }) where !failing.contains(n) {
            Issue.record("GFM example \(n) now passes; remove it from knownDifferences (\(reason))")
        }
        print("GFM 0.29 extensions: \(all.count - failing.count)/\(all.count) examples exact")
    }

    /// Examples whose output differs on purpose, and why.
    static let knownDifferences: [Int: String] = [
        279: "task list items carry classes for the report's CSS (task-list-item, task-list-item-checkbox)",
        280: "task list items carry classes for the report's CSS (task-list-item, task-list-item-checkbox)",
        653: "the sanitiser escapes a filtered tag whole (&lt;title&gt;), GFM's tag filter only its `<`",
    ]
}
