import RLSupport

/// Everything the HTML report shows: header facts, then prose and cell results in book order.
///
/// Built up by `BookRuntime` while the book runs; `ReportWriter` turns it into `index.html`
/// (plus assets) at any point, so a failed or interrupted run still gets its partial report.
public struct Report: Sendable {
    public var title: String
    /// `en` or `zh`.
    public var lang: String
    public var sourceFile: String
    public var rlbookVersion: String
    public var gitCommit: String?
    /// Parameter overrides in effect (from `-p` and the profile), in order.
    public var parameters: [(name: String, value: String)]
    public var profile: String?
    public var seed: Int?
    public var device: String
    /// Start time (UTC text).
    public var startTime: String
    /// Total wall time in seconds, once known.
    public var totalSeconds: Double?
    public var blocks: [Block]
    public var status: Status
    /// Problems not attached to a cell (front matter, fences, static errors), shown under the banner.
    public var diagnostics: [Diagnostic] = []
    /// While the book runs: the cell running now and its progress (the live banner); nil in a final report.
    public var live: LiveState?
    /// The cell cache's entries and size after the run (`3 cached cells, 1.2 MB`), shown in the footer.
    public var cacheSummary: String?

    public enum Block: Sendable {
        case prose(html: String, headings: [BookHeading])
        case cell(CellReport)
    }

    public enum Status: Sendable, Hashable {
        /// Still running (a report written mid-run).
        case running
        /// Every cell ran (expected failures and allowed errors included).
        case completed
        /// A cell failed and the book stopped there.
        case failed(cell: String, message: String)
        /// Interrupted (SIGINT) or timed out while in a cell.
        case interrupted(cell: String?)
        /// Static errors: nothing ran.
        case notRun(errorCount: Int)
    }

    public init(title: String, lang: String = "en", sourceFile: String, rlbookVersion: String, gitCommit: String? = nil,
                parameters: [(name: String, value: String)] = [], profile: String? = nil, seed: Int? = nil,
                device: String = "cpu", startTime: String, totalSeconds: Double? = nil, blocks: [Block] = [],
                status: Status = .running, diagnostics: [Diagnostic] = []) {
        self.title = title
        self.lang = lang
        self.sourceFile = sourceFile
        self.rlbookVersion = rlbookVersion
        self.gitCommit = gitCommit
        self.parameters = parameters
        self.profile = profile
        self.seed = seed
        self.device = device
        self.startTime = startTime
        self.totalSeconds = totalSeconds
        self.blocks = blocks
        self.status = status
        self.diagnostics = diagnostics
    }
}

/// A heading for the table of contents (level 1-6, plain text, anchor id).
public struct BookHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// One cell as the report shows it.
public struct CellReport: Sendable {
    public enum Status: String, Sendable, Hashable {
        /// Ran and succeeded.
        case ok
        /// Failed (runtime error, timeout).
        case failed
        /// Failed, but `error: allow` let the book continue.
        case allowedError
        /// Failed as `error: expect` required.
        case expectedError
        /// `error: expect` but it succeeded (this is a failure of the book).
        case unexpectedSuccess
        /// `eval: false`: shown, not run.
        case notEvaluated
        /// Skipped (e.g. `requires: gpu` without a GPU).
        case skipped
        /// Reused from the cache.
        case cached
        /// Not reached because the book stopped earlier (or `--from`/`--until`).
        case notRun
        /// Running when the report was written.
        case running
    }
    public var index: Int
    public var label: String?
    /// The source as written (option lines included).
    public var source: String
    /// 1-based line of the first source line in the tutorial.
    public var firstLine: Int
    public var echo: Bool
    /// `show`, `hide` or `fold`.
    public var outputMode: String
    public var status: Status
    public var seconds: Double?
    public var outputs: [Output]
    /// A run-wide id per output (same count as `outputs`, or empty): a rewrite reuses the HTML of an id
    /// already encoded, and an output updated in place gets a new id.
    public var outputIDs: [Int] = []

    public init(index: Int, label: String?, source: String, firstLine: Int, echo: Bool = true, outputMode: String = "show",
                status: Status = .notRun, seconds: Double? = nil, outputs: [Output] = []) {
        self.index = index
        self.label = label
        self.source = source
        self.firstLine = firstLine
        self.echo = echo
        self.outputMode = outputMode
        self.status = status
        self.seconds = seconds
        self.outputs = outputs
    }
}

/// What a report written mid-run shows in its live banner.
public struct LiveState: Sendable, Hashable {
    /// The running cell's name (its label or `cell-N`) and its position among the cells that run.
    public var cell: String
    public var position: Int
    public var count: Int
    /// Seconds the cell has run, when the report was written.
    public var cellSeconds: Double
    /// The latest training progress reported by the cell, if any.
    public var progress: Progress?
    /// Seconds between refreshes of the page in the browser.
    public var refreshSeconds: Int
    /// When the page was written (seconds since 1970), so the page can say how fresh it is.
    public var writtenAt: Double

    public struct Progress: Sendable, Hashable {
        public var done: Int
        public var total: Int
        public var perSecond: Double
        /// Seconds left at the current rate (nil when unknown).
        public var eta: Double?
        public var unit: String
        public init(done: Int, total: Int, perSecond: Double, eta: Double?, unit: String = "steps") {
            self.done = done
            self.total = total
            self.perSecond = perSecond
            self.eta = eta
            self.unit = unit
        }
    }

    public init(cell: String, position: Int, count: Int, cellSeconds: Double, progress: Progress? = nil, refreshSeconds: Int = 3, writtenAt: Double) {
        self.cell = cell
        self.position = position
        self.count = count
        self.cellSeconds = cellSeconds
        self.progress = progress
        self.refreshSeconds = refreshSeconds
        self.writtenAt = writtenAt
    }
}
