import RLSupport
@testable import BookReport

/// Small reports used by the snapshot and behaviour tests.
enum SampleReports {
    static let file = "tutorials/sample.md"

    static let intro = Report.Block.prose(
        html: "<h1 id=\"cartpole\">CartPole</h1>\n<p>We train an <em>agent</em>.</p>\n<h2 id=\"setup\">Setup</h2>",
        headings: [BookHeading(level: 1, text: "CartPole", anchor: "cartpole"), BookHeading(level: 2, text: "Setup", anchor: "setup")])

    /// A completed book: ok cells with text, a note, hidden echo.
    static var ok: Report {
        Report(
            title: "Sample <book> & friends", lang: "en", sourceFile: file, rlbookVersion: "0.1.0", gitCommit: "abc1234",
            parameters: [("totalTimesteps", "20000"), ("name", "\"quick\"")], profile: "quick", seed: 42, device: "cpu",
            startTime: "2026-11-21 08:00:00 UTC", totalSeconds: 1.25,
            blocks: [
                intro,
                .cell(CellReport(index: 0, label: "params", source: "//| label: params\n//| parameters: true\nlet totalTimesteps = 100_000 // steps\nlet name = \"run \\(totalTimesteps)\"",
                                 firstLine: 8, status: .ok, seconds: 0.01)),
                .cell(CellReport(index: 1, label: nil, source: "for i in 0..<3 {\n    print(\"step\", i, 1.5e-3)\n}", firstLine: 15,
                                 status: .ok, seconds: 0.42, outputs: [.text("step 0 0.0015\n"), .text("step 1 0.0015\n"), .text("step 2 0.0015\n")])),
                .prose(html: "<p>Done.</p>", headings: []),
                .cell(CellReport(index: 2, label: "quiet", source: "print(secret)", firstLine: 22, echo: false, status: .cached,
                                 seconds: 0, outputs: [.note("cached"), .text("42\n")])),
            ],
            status: .completed)
    }

    static let runtimeError = Diagnostic(.error, "index out of range: index 5, count 3",
                                         at: RLSupport.SourceLocation(file: file, line: 12, column: 11), length: 4,
                                         sourceLine: "let x = xs[i + 2]", notes: ["note: in cell 'train'"])

    /// A book that failed in its second cell; the third did not run.
    static var failed: Report {
        Report(
            title: "Failing book", lang: "en", sourceFile: file, rlbookVersion: "0.1.0", device: "cpu",
            startTime: "2026-11-21 08:00:00 UTC", totalSeconds: 0.5,
            blocks: [
                .cell(CellReport(index: 0, label: nil, source: "let xs = [1, 2, 3]", firstLine: 4, status: .ok, seconds: 0.001)),
                .cell(CellReport(index: 1, label: "train", source: "//| label: train\nlet i = 3\nlet x = xs[i + 2]", firstLine: 10,
                                 status: .failed, seconds: 0.002, outputs: [.text("before\n"), .error(runtimeError)])),
                .cell(CellReport(index: 2, label: "eval", source: "print(x)", firstLine: 16, status: .notRun)),
            ],
            status: .failed(cell: "train", message: runtimeError.headline))
    }

    /// A Chinese book with folded output, an allowed error and a hidden-output cell.
    static var foldZh: Report {
        let long = (1...40).map { "第 \($0) 行 reward=\($0 * 10)" }.joined(separator: "\n") + "\n"
        let warning = Diagnostic(.error, "division by zero", at: RLSupport.SourceLocation(file: file, line: 9, column: 13),
                                 sourceLine: "let 平均 = 总和 / n")
        return Report(
            title: "强化学习入门", lang: "zh", sourceFile: file, rlbookVersion: "0.1.0", seed: 7, device: "cuda",
            startTime: "2026-11-21 08:00:00 UTC", totalSeconds: 75,
            blocks: [
                .prose(html: "<h1 id=\"强化学习\">强化学习</h1>", headings: [BookHeading(level: 1, text: "强化学习", anchor: "强化学习")]),
                .cell(CellReport(index: 0, label: "loop", source: "//| output: fold\nfor i in 1...40 { print(\"第 \\(i) 行\") }", firstLine: 5,
                                 outputMode: "fold", status: .ok, seconds: 12.5, outputs: [.text(long)])),
                .cell(CellReport(index: 1, label: "avg", source: "//| error: allow\n//| output: hide\nprint(\"hidden\")\nlet 平均 = 总和 / n", firstLine: 7,
                                 outputMode: "hide", status: .allowedError, seconds: 0.003, outputs: [.text("hidden\n"), .error(warning)])),
                .cell(CellReport(index: 2, label: "gpu", source: "train()", firstLine: 13, status: .skipped,
                                 outputs: [.note("跳过：需要 GPU")])),
            ],
            status: .completed)
    }
}
