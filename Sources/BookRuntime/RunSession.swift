import BookReport
import RLSupport

/// State shared by the runner and the engine bindings while a book runs.
///
/// Bindings append to `outputs` (tables, plots, images, animations); `print` appends text.
public final class RunSession: @unchecked Sendable {
    /// Outputs of the cell now running.
    public var outputs: [Output] = []
    /// Where the report and files saved by cells go.
    public let outDir: String
    /// The folder of the tutorial file (relative paths in cells are resolved against the working directory).
    public let bookFile: String
    /// `cpu` or `cuda`.
    public let device: String
    /// The book seed, if any.
    public var seed: Int?
    /// Writes text to the terminal as it is produced.
    public var echo: (String) -> Void

    public init(outDir: String, bookFile: String, device: String, seed: Int?, echo: @escaping (String) -> Void) {
        self.outDir = outDir
        self.bookFile = bookFile
        self.device = device
        self.seed = seed
        self.echo = echo
    }

    /// Appends printed text, merging with the previous text output.
    public func appendText(_ s: String) {
        if case .text(let prev)? = outputs.last {
            outputs[outputs.count - 1] = .text(prev + s)
        } else {
            outputs.append(.text(s))
        }
    }

    /// A file path of a cell, resolved against the report folder (where every file a cell writes goes).
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : outDir + "/" + path
    }

    /// Takes the outputs collected so far (for the cell that just ended).
    public func takeOutputs() -> [Output] {
        defer { outputs = [] }
        return outputs
    }
}
