import BookReport

/// The report of the running book, shared by the stages and the closures that rewrite it while a
/// cell runs (the live report, display handles replacing a finished cell's output).
final class ReportInProgress {
    var report: Report
    /// `Clock.monotonic()` of the last write.
    var lastWrite: Double
    /// The block of each cell, by cell index.
    private var cellBlock: [Int: Int] = [:]

    init(_ report: Report, lastWrite: Double) {
        self.report = report
        self.lastWrite = lastWrite
        for (i, block) in report.blocks.enumerated() {
            if case .cell(let c) = block { cellBlock[c.index] = i }
        }
    }

    /// Changes the report of cell `index`.
    func update(_ index: Int, _ f: (inout CellReport) -> Void) {
        guard let b = cellBlock[index], case .cell(var r) = report.blocks[b] else { return }
        f(&r)
        report.blocks[b] = .cell(r)
    }

    /// Replaces output `id` of a finished cell with `output` under `newID`; false when no cell has it.
    func replaceFinished(_ id: Int, _ output: Output, _ newID: Int) -> Bool {
        for b in report.blocks.indices {
            guard case .cell(var r) = report.blocks[b], let k = r.outputIDs.firstIndex(of: id) else { continue }
            r.outputs[k] = output
            r.outputIDs[k] = newID
            report.blocks[b] = .cell(r)
            return true
        }
        return false
    }
}
