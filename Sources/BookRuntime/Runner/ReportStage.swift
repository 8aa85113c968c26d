import BookMarkdown
import BookReport
import RLSupport

extension BookRunner {
    /// Stage 5, report: writes the final report (status, cache summary, total time) and throws the
    /// error that decides the exit code (interrupted, or the failed cell).
    func report(_ parsed: ParsedBook, _ checked: CheckedBook, _ outcome: RunOutcome) throws(RunError) {
        let state = checked.report
        if state.report.status == .running { state.report.status = .completed }
        partialReport?.finish()
        state.report.cacheSummary = outcome.cacheSummary
        state.report.totalSeconds = Clock.monotonic() - parsed.started
        do { try writeReport(state.report, parsed.outDir) } catch {
            throw .output("cannot write the report into '\(parsed.outDir)': \(error)")
        }
        progress("report: \(parsed.outDir)/index.html (\(Clock.formatDuration(state.report.totalSeconds ?? 0)))\n")
        if getenv("RLBOOK_REPORT_STATS") != nil, let total = state.report.totalSeconds {
            let rewrite = max(0, reportWriteSeconds - renderCache.encodeSeconds)
            let share = total > 0 ? rewrite / total * 100 : 0
            progress("report writes: \(reportWrites), \(cFormat("%.3f", reportWriteSeconds)) s; rewriting \(cFormat("%.3f", rewrite)) s (\(cFormat("%.2f", share)) % of the run), encoding \(renderCache.encodings) new media \(cFormat("%.3f", renderCache.encodeSeconds)) s\n")
        }
        if interruptFlag.isSet { throw .interrupted }
        if let failure = outcome.failure { throw failure }
    }

    /// A report for the book with its header facts, prose, and cells not yet run.
    func newReport(_ book: Book, startTime: String, device: String, seed: Int?, parameters: [(name: String, value: String)]) -> Report {
        var report = Report(title: book.frontMatter.title ?? firstHeading(book) ?? RunOptions.stem(of: options.file),
                            lang: book.frontMatter.lang, sourceFile: options.file, rlbookVersion: RLBookVersion.string,
                            gitCommit: GitInfo.commit(near: options.file), parameters: parameters, profile: options.profile,
                            seed: seed, device: DistributedRun.deviceLabel(device, processes: processCount, lang: book.frontMatter.lang), startTime: startTime)
        report.blocks = proseAndCells(book)
        return report
    }

    /// The report's blocks for a book: prose as rendered, cells not yet run.
    func proseAndCells(_ book: Book) -> [Report.Block] {
        book.blocks.map { block in
            switch block {
            case .prose(let html, let headings):
                return .prose(html: html, headings: headings.map { BookHeading(level: $0.level, text: $0.text, anchor: $0.anchor) })
            case .cell(let c):
                return .cell(CellReport(index: c.index, label: c.options.label, source: c.displaySource, firstLine: c.firstLine,
                                        echo: c.options.echo, outputMode: c.options.output.rawValue,
                                        status: c.options.eval ? .notRun : .notEvaluated))
            }
        }
    }

    func firstHeading(_ book: Book) -> String? {
        for b in book.blocks { if case .prose(_, let hs) = b, let h = hs.first { return h.text } }
        return nil
    }

    /// Writes the report and its transcript (only rank 0 under MPI).
    func writeReport(_ report: Report, _ outDir: String) throws {
        guard writesReport else { return }
        let t0 = Clock.monotonic()
        defer { reportWriteSeconds += Clock.monotonic() - t0; reportWrites += 1 }
        try ReportWriter(cache: renderCache).write(report, to: outDir)
        try FileIO.writeAtomically(Transcript.text(report), to: outDir + "/" + Transcript.fileName)
        memoryGuard?.noteReportWritten()
    }
}
