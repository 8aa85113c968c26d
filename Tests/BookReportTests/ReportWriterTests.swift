import Testing
import TestSupport
import RLSupport
@testable import BookReport

private func page(_ report: Report) -> String {
    ReportWriter().html(report, assets: ReportAssets())
}

private func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

extension String {
    /// Pieces of the string between occurrences of `separator` (no Foundation needed).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

@Suite struct ReportSnapshotTests {
    @Test func completedBook() {
        Snapshot.assertMatches(page(SampleReports.ok), named: "ok-en.html", in: snapshotDirectory)
    }

    @Test func failedBook() {
        Snapshot.assertMatches(page(SampleReports.failed), named: "failed-en.html", in: snapshotDirectory)
    }

    @Test func foldedChineseBook() {
        Snapshot.assertMatches(page(SampleReports.foldZh), named: "fold-zh.html", in: snapshotDirectory)
    }

    @Test func pagesAreWellFormed() {
        for report in [SampleReports.ok, SampleReports.failed, SampleReports.foldZh] {
            #expect(TagBalance.check(page(report)) == nil)
        }
    }

    @Test func outputIsDeterministic() {
        #expect(page(SampleReports.ok) == page(SampleReports.ok))
        #expect(page(SampleReports.foldZh) == page(SampleReports.foldZh))
    }
}

@Suite struct ReportContentTests {
    @Test func headerHasTheRunFacts() {
        let html = page(SampleReports.ok)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.contains("<title>Sample &lt;book&gt; &amp; friends</title>"))
        for fact in ["tutorials/sample.md", "0.1.0", "abc1234", "quick", "totalTimesteps = 20000", "name = &quot;quick&quot;",
                     "<dd>42</dd>", "<dd>cpu</dd>", "2026-11-21 08:00:00 UTC", "1.25 s", "completed"] {
            #expect(html.contains(fact), "missing \(fact)")
        }
        #expect(!html.contains("<div class=\"rl-banner"), "a completed run has no banner")
    }

    @Test func tableOfContentsFromHeadings() {
        let html = page(SampleReports.ok)
        #expect(html.contains("<li class=\"rl-toc-1\"><a href=\"#cartpole\">CartPole</a></li>"))
        #expect(html.contains("<li class=\"rl-toc-2\"><a href=\"#setup\">Setup</a></li>"))
    }

    @Test func cellsHaveBadgesDurationsAnchorsAndHighlightedSource() {
        let html = page(SampleReports.ok)
        #expect(html.contains("<section class=\"rl-cell rl-status-ok\" id=\"params\">"))
        #expect(html.contains("<section class=\"rl-cell rl-status-ok\" id=\"cell-2\">"))
        #expect(html.contains("<span class=\"rl-badge rl-badge-ok\">ok</span> <span class=\"rl-duration\">0.42 s</span>"))
        #expect(html.contains("<span class=\"rl-badge rl-badge-cached\">cached</span>"))
        #expect(html.contains("<span class=\"hl-opt\">//| label: params</span>"))
        #expect(html.contains("<span class=\"hl-kw\">let</span> totalTimesteps = <span class=\"hl-num\">100_000</span> <span class=\"hl-com\">// steps</span>"))
        #expect(html.contains("<span class=\"hl-str\">&quot;run </span><span class=\"hl-interp\">\\(</span>totalTimesteps<span class=\"hl-interp\">)</span><span class=\"hl-str\">&quot;</span>"))
        #expect(html.contains("<span class=\"rl-line\" id=\"L15\" data-n=\"15\">"))
    }

    @Test func consecutiveTextIsMerged() {
        let html = page(SampleReports.ok)
        #expect(html.contains("<div class=\"rl-text\"><pre>step 0 0.0015\nstep 1 0.0015\nstep 2 0.0015</pre></div>"))
    }

    @Test func echoFalseHidesTheSource() {
        let html = page(SampleReports.ok)
        #expect(!html.contains("secret"))
        #expect(html.contains("<div class=\"rl-note\">cached</div>"))
    }

    @Test func failedReportHasBannerLocationAndCaret() {
        let html = page(SampleReports.failed)
        #expect(html.contains("<div class=\"rl-banner rl-banner-failed\" id=\"rl-banner\" role=\"status\">"))
        #expect(html.contains("The run failed in cell train; the cells after it did not run. <a href=\"#train\">Go to the cell</a>"))
        #expect(html.contains("tutorials/sample.md:12:11: error: index out of range: index 5, count 3"))
        #expect(html.contains("<a class=\"rl-error-loc rl-mono\" href=\"#L12\">tutorials/sample.md:12:11</a>"))
        #expect(html.contains("<span class=\"rl-error-lineno\">12 | </span>let x = xs[i + 2]\n<span class=\"rl-error-lineno\">   | </span><span class=\"rl-caret-pad\" aria-hidden=\"true\">let x = xs</span><span class=\"rl-caret\">^~~~</span>"))
        #expect(html.contains("note: in cell &#39;train&#39;"))
        #expect(html.contains("<span class=\"rl-badge rl-badge-notRun\">not run</span>"))
        #expect(html.contains("<span class=\"rl-badge rl-badge-failed\">failed</span>"))
    }

    @Test func otherBanners() {
        var r = SampleReports.failed
        r.status = .interrupted(cell: "train")
        #expect(page(r).contains("The run was interrupted in cell train; this report is partial. <a href=\"#train\">"))
        r.status = .running
        #expect(page(r).contains("rl-banner-running"))
        r.status = .notRun(errorCount: 2)
        r.diagnostics = [Diagnostic(.error, "unknown front matter key 'titel'; did you mean 'title'?",
                                    at: RLSupport.SourceLocation(file: SampleReports.file, line: 2, column: 1), length: 5, sourceLine: "titel: x")]
        let html = page(r)
        #expect(html.contains("The tutorial has 2 errors; nothing ran."))
        #expect(html.contains("unknown front matter key &#39;titel&#39;"))
        #expect(html.contains("<span class=\"rl-caret\">^~~~~</span>"))
        r.status = .failed(cell: "cell-1", message: "")
        #expect(page(r).contains("<a href=\"#cell-1\">Go to the cell</a>"))
    }

    @Test func chineseStrings() {
        let html = page(SampleReports.foldZh)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"zh\">"))
        for s in ["源文件", "开始时间", "总用时", "随机种子", "设备", "目录", "成功", "允许的错误", "已跳过", "1 min 15 s", "还有 28 行"] {
            #expect(html.contains(s), "missing \(s)")
        }
        var failed = SampleReports.failed
        failed.lang = "zh"
        let f = page(failed)
        #expect(f.contains("运行在单元 train 失败"))
        #expect(f.contains(">错误</span>"))
        #expect(!f.contains("Go to the cell"))
    }

    @Test func foldShowsHeadAndTailAndHidesTheMiddle() {
        let html = page(SampleReports.foldZh)
        #expect(html.contains("<div class=\"rl-text rl-folded\"><pre>第 1 行 reward=10\n"))
        #expect(html.contains("第 8 行 reward=80</pre><details class=\"rl-fold\"><summary>还有 28 行</summary><pre>第 9 行 reward=90\n"))
        #expect(html.contains("第 36 行 reward=360</pre></details><pre>第 37 行 reward=370\n"))
        #expect(html.contains("第 40 行 reward=400</pre></div>"))
    }

    @Test func veryLongOutputFoldsEvenInShowMode() {
        let text = (1...1000).map { "line \($0)" }.joined(separator: "\n")
        let r = Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now",
                       blocks: [.cell(CellReport(index: 0, label: nil, source: "x", firstLine: 1, status: .ok, outputs: [.text(text)]))])
        let html = page(r)
        #expect(html.contains("<summary>930 more lines</summary>"))
        #expect(html.contains("line 1\n") && html.contains("line 1000</pre>"))
        let short = Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now",
                           blocks: [.cell(CellReport(index: 0, label: nil, source: "x", firstLine: 1, status: .ok, outputs: [.text("a\nb\n")]))])
        #expect(!page(short).contains("<details"))
    }

    @Test func hugeSingleLineOutputIsFoldedByCharacters() {
        let text = String(repeating: "x", count: 300_000)
        let r = Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now",
                       blocks: [.cell(CellReport(index: 0, label: nil, source: "x", firstLine: 1, status: .ok, outputs: [.text(text)]))])
        let html = page(r)
        #expect(html.contains("<details class=\"rl-fold\">"))
        #expect(count("x", in: html) > 300_000)
    }

    @Test func hideKeepsErrorsOnly() {
        let html = page(SampleReports.foldZh)
        #expect(!html.contains("<pre>hidden</pre>"))
        #expect(html.contains("division by zero"))
        #expect(html.contains("<span class=\"rl-caret-pad\" aria-hidden=\"true\">let 平均 = 总和 </span><span class=\"rl-caret\">^</span>"))
    }

    @Test func scriptInOutputsIsEscaped() {
        let evil = "<script>alert('x')</script>"
        let d = Diagnostic(.error, evil, at: RLSupport.SourceLocation(file: "<x>.md", line: 1, column: 2), sourceLine: evil, notes: [evil])
        let r = Report(title: evil, sourceFile: evil, rlbookVersion: evil, gitCommit: evil, parameters: [(evil, evil)],
                       profile: evil, device: evil, startTime: evil,
                       blocks: [.prose(html: "<p>ok</p>", headings: [BookHeading(level: 1, text: evil, anchor: "a\"b")]),
                                .cell(CellReport(index: 0, label: "l\"><script>", source: "print(\"\(evil)\") // \(evil)", firstLine: 1,
                                                 status: .failed, outputs: [.text(evil), .note(evil), .error(d)]))],
                       status: .failed(cell: evil, message: evil), diagnostics: [d])
        let html = page(r)
        #expect(count("<script", in: html) == 1, "only the report's own script tag")
        #expect(count("</script>", in: html) == 1)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("a\"b"))
        #expect(TagBalance.check(html) == nil)
    }

    @Test func mediaGoesThroughMediaHTML() {
        let table = Table(columns: ["step", "return"], rows: [[.int(1), .double(2.5)]])
        let r = Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now",
                       blocks: [.cell(CellReport(index: 0, label: nil, source: "table(x)", firstLine: 1, status: .ok,
                                                 outputs: [.text("a\n"), .table(table), .html("<b>engine</b>"), .text("b\n")]))])
        let html = page(r)
        let expected = "<div class=\"rl-text\"><pre>a</pre></div>\n" + MediaHTML.table(table) + "\n<div class=\"rl-html\"><b>engine</b></div>\n<div class=\"rl-text\"><pre>b</pre></div>"
        #expect(html.contains(expected))
    }

    @Test func cellAnchorsAvoidHeadingAnchors() {
        let r = Report(title: "t", sourceFile: "t.md", rlbookVersion: "0", startTime: "now",
                       blocks: [.prose(html: "", headings: [BookHeading(level: 1, text: "Train", anchor: "train")]),
                                .cell(CellReport(index: 0, label: "train", source: "x", firstLine: 1)),
                                .cell(CellReport(index: 1, label: nil, source: "y", firstLine: 3)),
                                .cell(CellReport(index: 2, label: "L5", source: "z", firstLine: 5)),
                                .cell(CellReport(index: 3, label: "cell-2", source: "w", firstLine: 7))])
        let html = page(r)
        #expect(html.contains("id=\"cell-train\""))
        #expect(html.contains("id=\"cell-2\""))
        #expect(html.contains("id=\"cell-L5\""))
        #expect(html.contains("id=\"cell-cell-2\""))
        #expect(count("id=\"L5\"", in: html) == 1)
    }
}

@Suite struct ReportFileTests {
    /// Names in a folder (without `.` and `..`).
    func listing(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { p in
                p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    @Test func writeIsAtomicAndLeavesNoTempFiles() throws {
        var template = Array("/tmp/rlbook-report-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { Issue.record("mkdtemp failed"); return }
        let base = String(cString: made)
        let dir = base + "/out/sample"
        try ReportWriter().write(SampleReports.failed, to: dir)
        try ReportWriter().write(SampleReports.ok, to: dir)
        #expect(listing(dir) == ["index.html"])
        let written = String(decoding: try FileIO.read(dir + "/index.html"), as: UTF8.self)
        #expect(written == page(SampleReports.ok))
        FileIO.remove(dir + "/index.html")
        rmdir(dir); rmdir(base + "/out"); rmdir(base)
    }

    @Test func unwritableFolderThrows() {
        #expect(throws: FileError.self) { try ReportWriter().write(SampleReports.ok, to: "/proc/rlbook-cannot-write-here") }
    }
}
