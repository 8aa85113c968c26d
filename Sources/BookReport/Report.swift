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
