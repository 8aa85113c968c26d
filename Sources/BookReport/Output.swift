import RLSupport
import RLRender

/// One thing a cell produced, in order. The report renders outputs; it never calls the engine.
public enum Output: Sendable {
    /// Printed text (stdout of the cell), as one chunk; consecutive chunks may be merged.
    case text(String)
    case table(Table)
    case plot(Plot)
    case image(ImageOutput)
    case animation(Animation)
    /// Trusted HTML produced by the engine itself (never user text).
    case html(String)
    /// A diagnostic (runtime error, or a warning).
    case error(Diagnostic)
    /// A visible note (e.g. "skipped: needs a GPU", "cached").
    case note(String)
    /// A plot, image or animation already turned into its HTML (the raw pixels or points are gone);
    /// what the report keeps once a medium has been written, so memory and rewrites stay small.
    case encoded(EncodedMedia)
}

/// A medium's HTML, encoded once, and the line `outputs.txt` shows for it (`plot`, `animation: 40 frames`).
public struct EncodedMedia: Sendable, Hashable {
    public var html: String
    public var summary: String
    public init(html: String, summary: String) {
        self.html = html
        self.summary = summary
    }
}

/// A table: column headers and rows of cells.
public struct Table: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        case int(Int)
        case double(Double)
        case string(String)
        case bool(Bool)
        case empty
    }
    public var title: String?
    public var columns: [String]
    public var rows: [[Cell]]
    public init(title: String? = nil, columns: [String], rows: [[Cell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// A 2-D chart of one or more series, rendered as inline SVG.
public struct Plot: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case line, scatter, bar }
    public struct Series: Sendable, Hashable {
        public var label: String?
        public var x: [Double]
        public var y: [Double]
        public init(label: String? = nil, x: [Double], y: [Double]) {
            self.label = label
            self.x = x
            self.y = y
        }
    }
    public var series: [Series]
    public var kind: Kind = .line
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// TensorBoard-style exponential smoothing weight in [0, 1); nil or 0 for none.
    public var smoothing: Double?
    public var logX = false
    public var logY = false
    public init(series: [Series], kind: Kind = .line, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                smoothing: Double? = nil, logX: Bool = false, logY: Bool = false) {
        self.series = series
        self.kind = kind
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.smoothing = smoothing
        self.logX = logX
        self.logY = logY
    }
}

/// An image to show (already converted to 8-bit gray/RGB; colormaps applied by the caller).
public struct ImageOutput: Sendable, Hashable {
    /// One or more images; more than one are laid out as a grid.
    public var images: [RGBImage]
    /// Images per row in a grid.
    public var gridColumns: Int
    public var caption: String?
    public init(images: [RGBImage], gridColumns: Int = 1, caption: String? = nil) {
        self.images = images
        self.gridColumns = max(1, gridColumns)
        self.caption = caption
    }
}

/// A frame animation shown with an HTML player (like matplotlib's `to_jshtml`).
public struct Animation: Sendable, Hashable {
    public var frames: [RGBImage]
    public var fps: Double
    public var caption: String?
    public init(frames: [RGBImage], fps: Double = 30, caption: String? = nil) {
        self.frames = frames
        self.fps = fps
        self.caption = caption
    }
}
