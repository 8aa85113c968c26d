/// SB3's `TensorBoardOutputFormat` (stable_baselines3/common/logger.py): every number becomes a
/// scalar at the dump's step (keys sorted, as SB3 iterates them), then the file is flushed.
/// Strings (SB3's `add_text`) are not written.
public final class TensorBoardOutputFormat: LogOutputFormat {
    public let writer: TensorBoardWriter

    public var formatNames: Set<String> { ["tensorboard"] }

    /// Creates `logDir` and a new event file in it.
    public init(logDir: String) throws {
        writer = try TensorBoardWriter(logDir: logDir)
    }

    public func write(_ kvs: [(String, LogValue)], step: Int) throws {
        let sorted = kvs.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) { $0.value < $1.value } }
        for (key, value) in sorted {
            if let number = value.number { writer.addScalar(key, number, step: step) }
        }
        try writer.flush()
    }

    public func close() { writer.close() }
}
