import Testing
import TestSupport
import RLSupport
@testable import BookRuntime
@testable import rlbook

/// Inputs that used to end the process with a signal (or take the machine's memory) are located
/// errors now (issue: no input crashes, hangs or escapes rlbook).
@Suite struct ReliabilityTests {
    @Test(arguments: [
        ("print(Tensor.arange(0, Int.max).shape)", "elements"),
        ("let c = Conv2d(1, 1, kernelSize: 3, padding: 1 << 40)", "padding must be in"),
        ("print(conv2d(Tensor.zeros([1, 1, 4, 4]), Tensor.zeros([1, 1, 3, 3]), padding: 1 << 40))", "padding must be in"),
        ("print(Categorical(probs: Tensor([Double.nan, 1.0])).sample())", "Simplex()"),
        ("print(Categorical(probs: Tensor([0.0, 0.0])).sample())", "Simplex()"),
        ("print(Categorical(logits: Tensor([Double.nan, 1.0])).sample())", "lower the learning rate"),
        ("print(Normal(mean: Tensor([0.0]), std: Tensor([-1.0])).sample())", "GreaterThan(lower_bound=0.0)"),
        ("let s = String(repeating: \"ab\", count: 1_000_000_000_000)", "memory budget"),
        ("let a = [Int](repeating: 0, count: 1_000_000_000_000)", "memory budget"),
        ("print(Tensor.zeros([1_000_000_000]).shape)", "memory budget"),
    ])
    func refusedWithALocatedError(_ cell: String, _ message: String) throws {
        // Its own process: `--max-memory` bounds the whole process, and in this one other suites run
        // books side by side (their memory would count against this book's budget).
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir()
        try FileIO.writeAtomically("```swift\n\(cell)\n```\n", to: dir + "/book.md")
        let r = rlbook(["run", dir + "/book.md", "--out", dir + "/out", "--quiet", "--max-memory", "1G"], logs: dir)
        #expect(r.code == 70, "\(cell): \(r.stderr)")
        #expect(r.stderr.contains("book.md:2:"), "\(cell): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(cell): \(r.stderr)")
    }

    @Test func integerTensorsWrapAroundAsPyTorchDoes() throws {
        let r = try runBook(text: """
        ```swift
        let a = Tensor([Int.max], dtype: .int64)
        print(a + a, (a * a).sum(), Tensor([1e30], dtype: .int64))
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout.contains("tensor([-2]) tensor(1) tensor([9223372036854775807])"), "\(r.stdout)")
    }

    @Test(.usesTheTensorGenerator) func printingManyLinesIsLinear() throws {
        let r = try runBook(text: "```swift\nfor i in 0..<200_000 { print(i) }\n```\n")
        #expect(r.code == 0)
        let transcript = String(decoding: try FileIO.read(r.outDir + "/outputs.txt"), as: UTF8.self)
        #expect(transcript.hasSuffix("199999\n"))
    }

    @Test func maxMemoryNeedsASize() throws {
        #expect(throws: RunError.self) { _ = try CommandLineParser.parse(["run", "x.md", "--max-memory", "lots"]) }
    }
}
