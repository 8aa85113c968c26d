import RLSupport

extension BookRunner {
    /// `--check`: runs the book into a scratch folder, then compares its transcript with the committed
    /// one (timings masked); differences are an error that lists them.
    func runAndCompareWithCommittedReport() throws(RunError) {
        let committed = options.resolvedOutDir + "/" + Transcript.fileName
        guard let expectedBytes = try? FileIO.read(committed) else {
            throw .usage("--check compares with the committed report, but \(committed) does not exist; run the book once without --check to write it")
        }
        var opts = options
        opts.check = false
        opts.outDir = "/tmp/rlbook-check-\(getpid())/" + RunOptions.stem(of: options.file)
        let runner = BookRunner(options: opts, stdout: stdoutWrite, stderr: stderrWrite)
        var failure: RunError?
        do { try runner.runBook() } catch { failure = error }
        let actual = (try? FileIO.read(opts.resolvedOutDir + "/" + Transcript.fileName)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let diffs = Transcript.differences(expected: String(decoding: expectedBytes, as: UTF8.self), actual: actual)
        if let failure { throw failure }
        if !diffs.isEmpty {
            throw .checkFailed("\(diffs.count) difference\(diffs.count == 1 ? "" : "s") from \(committed):\n" + diffs.joined(separator: "\n")
                               + "\nThe new report is in \(opts.resolvedOutDir); if the change is intended, run the book without --check to update the committed one.")
        }
        progress("check: the outputs match \(committed)\n")
    }
}
