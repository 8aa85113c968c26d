import Testing
import RLSupport
@testable import BookRuntime

/// Books of a megabyte or more made of lines tens of thousands of characters long (what the fuzz
/// script's repeated lines and nesting runs make): reading, compiling and reporting them took
/// hundreds of times their size (issue 14: two 3-4 MB fuzz books peaked at 617 MB and 1,294 MB
/// under a 512 MB budget) and tens of seconds. Each is generated here, run in its own `rlbook`
/// process under `--max-memory 256M`, and must end as a small book would (its static errors, or
/// a clean run) with a peak resident size within the budget; a book still too large for the
/// budget ends with exit 70, the stage named, and a report.
@Suite struct LongLineBookTests {
    static let budget = 256 << 20

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        /// Exit codes it may end with.
        var codes: Set<Int32>
        /// A text stderr must contain (for its expected code, the first one).
        var message: String
        var description: String { name }
    }

    static let lines = 40

    static func cell(_ body: String) -> String { "# Long lines\n\nProse.\n\n```swift\n" + body + "\n```\n" }

    static let cases: [Case] = [
        // 1.2 M stray braces: thousands of errors, each once repeating its whole 30,000-character line
        Case(name: "stray-braces", text: cell(Array(repeating: String(repeating: "}", count: 30_000), count: lines).joined(separator: "\n")),
             codes: [65], message: "extraneous '}' at top level"),
        // 400,000 calls of an unknown function: one "did you mean" search over every name for each
        Case(name: "unknown-calls", text: cell(Array(repeating: String(repeating: "f(); ", count: 6_000), count: lines).joined(separator: "\n")),
             codes: [65], message: "cannot find 'f' in scope"),
        // the same without `;`: 400,000 syntax errors
        Case(name: "glued-calls", text: cell(Array(repeating: String(repeating: "f()", count: 10_000), count: lines).joined(separator: "\n")),
             codes: [65], message: "consecutive statements on a line must be separated by ';'"),
        Case(name: "open-parens", text: cell(Array(repeating: String(repeating: "(", count: 30_000), count: lines).joined(separator: "\n")),
             codes: [65], message: "too deeply nested"),
        // a valid cell of 800,000 tokens: compiled, run, highlighted in the report
        Case(name: "dense-literals", text: cell((0..<lines).map { "let v\($0) = [" + Array(repeating: "1", count: 10_000).joined(separator: ", ") + "]" }
                .joined(separator: "\n") + "\nprint(v0.count)"),
             codes: [0], message: ""),
        // one paragraph of 1.2 million `[`: shown as plain text (the inline parser's nodes took a gigabyte)
        Case(name: "prose-brackets", text: "# Long lines\n\n" + Array(repeating: String(repeating: "[[", count: 15_000), count: lines).joined(separator: "\n")
                + "\n\n```swift\nprint(1)\n```\n", codes: [0], message: ""),
        Case(name: "long-comments", text: cell(Array(repeating: "// " + String(repeating: "x", count: 30_000), count: lines).joined(separator: "\n") + "\nprint(1)"),
             codes: [0], message: ""),
    ]

    @Test(arguments: cases)
    func endsWithinTheBudget(_ c: Case) throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("long-lines")
        let path = dir + "/\(c.name).md"
        try FileIO.writeAtomically(c.text, to: path)
        #expect(c.text.utf8.count >= 1 << 20)
        let p = RLBookProcess(["run", path, "--out", dir + "/out", "--quiet", "--max-memory", "256M"], logs: dir)
        let r = p.waitWithPeak()
        #expect(c.codes.contains(r.code), "\(c.name): exit \(r.code), peak \(r.peakBytes >> 20) MB\n\(r.stderr.prefix(1500))")
        if r.code == 70 {
            #expect(r.stderr.contains("memory budget exceeded while"), "\(c.name): \(r.stderr.prefix(1500))")
        } else if !c.message.isEmpty {
            #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr.prefix(1500))")
        }
        #expect(r.stderr.utf8.count < 100_000, "\(c.name): \(r.stderr.utf8.count) bytes of diagnostics")
        #expect(r.peakBytes > 0, "\(c.name): no peak measured")
        #expect(r.peakBytes <= Self.budget, "\(c.name): peak \(r.peakBytes >> 20) MB over the 256 MB budget")
        #expect(FileIO.exists(dir + "/out/index.html"), "\(c.name): no report")
    }

    /// The last resort: a book too large for the budget where nothing can stop it (one prose run of
    /// thousands of nested brackets, one cell of a million tokens) ends with exit 70, the stage it
    /// was in, a report, and a peak within the budget, not with the kernel's SIGKILL.
    @Test func aBookTooLargeForTheBudgetEndsCleanly() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("long-lines")
        let path = dir + "/too-large.md"
        let body = (0..<100).map { "let v\($0) = [" + Array(repeating: "1", count: 10_000).joined(separator: ", ") + "]" }.joined(separator: "\n")
        try FileIO.writeAtomically(Self.cell(body), to: path)
        let p = RLBookProcess(["run", path, "--out", dir + "/out", "--quiet", "--max-memory", "64M"], logs: dir)
        let r = p.waitWithPeak()
        #expect(r.code == 70, "exit \(r.code), peak \(r.peakBytes >> 20) MB\n\(r.stderr.prefix(1500))")
        #expect(r.stderr.contains("memory budget exceeded while"), "\(r.stderr.prefix(1500))")
        #expect(r.stderr.contains("too-large.md"), "\(r.stderr.prefix(1500))")
        #expect(r.peakBytes <= 64 << 20, "peak \(r.peakBytes >> 20) MB over the 64 MB budget")
        #expect(FileIO.exists(dir + "/out/index.html"), "no report")
    }
}
