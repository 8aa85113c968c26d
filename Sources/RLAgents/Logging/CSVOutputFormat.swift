import RLSupport

/// SB3's `progress.csv` (stable_baselines3/common/logger.py `CSVOutputFormat.write`): a header of
/// the keys seen so far and one row per dump. When a dump brings new keys, the file is rewritten
/// with the extended header and the old rows padded with empty cells, as SB3 does. New keys are
/// appended in recording order (SB3 takes them from a Python set, whose order is arbitrary).
/// Values: `str(v)` (Python's float repr, e.g. `0.0001`, `1e-05`, `100.0`); strings quoted with
/// `"` and inner quotes doubled; keys missing from a dump give empty cells.
public final class CSVOutputFormat: LogOutputFormat {
    public let path: String
    /// The header keys, in column order.
    public private(set) var keys: [String] = []
    private let file: TextFile

    public var formatNames: Set<String> { ["csv"] }

    /// Creates (truncates) the file, as SB3 opens it with mode "w+".
    public init(path: String) throws {
        self.path = path
        file = try TextFile(path: path)
    }

    public func write(_ kvs: [(String, LogValue)], step: Int) throws {
        var values: [String: LogValue] = [:]
        for (k, v) in kvs { values[k] = v }
        var extra: [String] = []
        for (k, _) in kvs where !keys.contains(k) && !extra.contains(k) { extra.append(k) }
        if !extra.isEmpty {
            keys.append(contentsOf: extra)
            let old: [UInt8]
            do { old = try FileIO.read(path) } catch { throw AgentIOError.io("\(error)") }
            var lines = String(decoding: old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            var text = keys.joined(separator: ",") + "\n"
            for line in lines.dropFirst() {
                text += line + String(repeating: ",", count: extra.count) + "\n"
            }
            try file.rewrite(text)
        }
        var row = ""
        for (i, key) in keys.enumerated() {
            if i > 0 { row += "," }
            switch values[key] {
            case .int(let v)?: row += String(v)
            case .double(let v)?: row += PythonFloatFormat.repr(v)
            case .string(let s)?: row += "\"" + s.replacingQuotes() + "\""
            case nil: break
            }
        }
        try file.write(row + "\n")
    }

    public func close() { file.close() }
}

extension String {
    /// `"` doubled, as SB3 escapes quotes in CSV strings.
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for c in self { out += c == "\"" ? "\"\"" : String(c) }
        return out
    }
}
