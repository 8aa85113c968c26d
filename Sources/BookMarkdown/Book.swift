import RLSupport

/// A parsed tutorial: front matter, then prose and cells in file order.
///
/// Produced by `BookParser.parse(text:file:)`; parsing never fails on prose, and problems with
/// front matter, fences or cell options are collected as `diagnostics` (errors mean: do not run).
public struct Book: Sendable {
    /// The path the user gave (used in every diagnostic location).
    public var file: String
    /// The whole file text (for source lines under diagnostics).
    public var text: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// Static problems found while parsing (front matter, fences, cell options).
    public var diagnostics: [Diagnostic]

    public init(file: String, text: String, frontMatter: FrontMatter = FrontMatter(), blocks: [Block] = [], diagnostics: [Diagnostic] = []) {
        self.file = file
        self.text = text
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.diagnostics = diagnostics
    }

    /// The cells in order.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
    }

    public enum Block: Sendable {
        /// Rendered HTML of a run of prose (already escaped; headings carry `id` anchors).
        case prose(html: String, headings: [Heading])
        /// An executable ```swift cell.
        case cell(Cell)
    }
}

/// A heading in the prose, for the table of contents.
public struct Heading: Sendable, Hashable {
    public var level: Int
    /// Plain text of the heading.
    public var text: String
    /// The `id` anchor given to it in the HTML (unique in the book).
    public var anchor: String
    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// A scalar value from front matter or a `-p name=value` override.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return String(v)
        case .bool(let v): return String(v)
        case .string(let v): return v
        }
    }
}

/// The tutorial's YAML-subset front matter.
public struct FrontMatter: Sendable {
    public var title: String?
    /// Report language: `en` (default) or `zh`.
    public var lang: String = "en"
    /// Default device: `auto`, `cpu` or `cuda`.
    public var device: String = "auto"
    /// Book seed.
    public var seed: Int?
    /// Named parameter sets, in file order: profile name -> ordered (parameter, value).
    public var profiles: [(name: String, values: [(String, ParameterValue)])] = []
    /// Folders outside the book's folder and its output folder that cells may read and write
    /// (relative ones are relative to the book's folder).
    public var files: [String] = []
    /// `cache: true`: every cell without its own `//| cache:` is cached (see docs/cache.md).
    public var cache = false
    public init() {}
}

/// One ```swift cell and its `//|` options.
public struct Cell: Sendable {
    /// 0-based index among the book's cells.
    public var index: Int
    public var options: CellOptions
    /// The code with the `//|` option lines removed (blank lines kept so line numbers stay right).
    public var source: String
    /// The full code as written between the fences (options included), for display.
    public var displaySource: String
    /// 1-based line in the file of the first line of `source` (the line after the opening fence).
    public var firstLine: Int
    /// Number of characters of indentation stripped from each line (fences inside lists); add it to columns.
    public var indent: Int

    public init(index: Int, options: CellOptions, source: String, displaySource: String, firstLine: Int, indent: Int = 0) {
        self.index = index
        self.options = options
        self.source = source
        self.displaySource = displaySource
        self.firstLine = firstLine
        self.indent = indent
    }

    /// The label, or `cell-N` (1-based) when none was given.
    public var name: String { options.label ?? "cell-\(index + 1)" }
}

/// Quarto-style cell options (`//| key: value`).
public struct CellOptions: Sendable, Hashable {
    public enum OutputMode: String, Sendable, Hashable { case show, hide, fold }
    public enum ErrorMode: String, Sendable, Hashable { case stop, allow, expect }

    public static let knownKeys = ["label", "parameters", "eval", "echo", "output", "error", "cache", "timeout", "requires", "seed"]

    public var label: String?
    public var parameters = false
    public var eval = true
    public var echo = true
    public var output: OutputMode = .show
    public var error: ErrorMode = .stop
    public var cache = false
    /// `cache:` as written in the cell (nil: not written; the front matter's `cache:` applies).
    public var cacheOption: Bool?
    /// Seconds; nil for no limit.
    public var timeout: Double?
    /// `gpu` when the cell needs one.
    public var requires: String?
    public var seed: Int?

    public init() {}
}
