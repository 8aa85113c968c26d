/// SB3's stdout table (stable_baselines3/common/logger.py `HumanOutputFormat.write`), byte for byte:
///
///     ----------------------------------
///     | rollout/            |          |
///     |    ep_len_mean      | 21.2     |
///     |    exploration_rate | 0.05     |
///     | time/               |          |
///     |    fps              | 1234     |
///     ----------------------------------
///
/// Keys sorted (by code point, as Python sorts strings); a key "group/name" opens a "group/" header
/// row and is shown as three spaces + "name"; floats as Python's `f"{v:<8.3g}"`, ints and strings as
/// `str(v)`; keys and values longer than `maxLength` (36) cut to `maxLength - 3` characters + "...".
/// Characters are counted as Unicode scalars, as Python's `len` counts code points.
public final class HumanOutputFormat: LogOutputFormat {
    /// SB3's `max_length`: the longest key or value shown.
    public var maxLength = 36
    private let output: (String) -> Void
    private let file: TextFile?

    public var formatNames: Set<String> { ["stdout", "log"] }

    /// Writes each table (one string, ending with a newline) through `write`, e.g. `print(_, terminator: "")`.
    public init(write: @escaping (String) -> Void) {
        output = write
        file = nil
    }

    /// Writes tables to a file (SB3's "log" format, `log.txt`).
    public init(path: String) throws {
        let f = try TextFile(path: path)
        file = f
        output = { try? f.write($0) }
    }

    /// An error for two keys that truncate to the same text (SB3 raises ValueError).
    public struct DuplicateKeyError: Error, CustomStringConvertible {
        public let description: String
    }

    public func write(_ kvs: [(String, LogValue)], step: Int) throws {
        if let text = try HumanOutputFormat.table(kvs, maxLength: maxLength) { output(text) }
    }

    /// A line of free text (SB3's `write_sequence`).
    public func writeLine(_ text: String) { output(text + "\n") }

    public func close() { file?.close() }

    /// The table text, or nil for no keys (SB3 warns "Tried to write empty key-value dict" and writes nothing).
    public static func table(_ kvs: [(String, LogValue)], maxLength: Int = 36) throws -> String? {
        typealias Text = [Unicode.Scalar]
        func truncate(_ s: Text) -> Text {
            s.count > maxLength ? Array(s.prefix(max(0, maxLength - 3))) + Array("...".unicodeScalars) : s
        }
        func contains(_ s: Text, _ part: Text) -> Bool {
            if part.isEmpty { return true }
            if part.count > s.count { return false }
            for start in 0...(s.count - part.count) where s[start..<(start + part.count)].elementsEqual(part) { return true }
            return false
        }
        let sorted = kvs.sorted { a, b in
            a.0.unicodeScalars.lexicographicallyPrecedes(b.0.unicodeScalars) { $0.value < $1.value }
        }
        // key2str: an insertion-ordered dict keyed by (tag, truncated key).
        var rows: [(tag: Text, key: Text, value: Text)] = []
        func index(_ tag: Text, _ key: Text) -> Int? { rows.firstIndex { $0.tag == tag && $0.key == key } }
        var tag: Text = []
        for (keyString, value) in sorted {
            let valueString: String
            switch value {
            case .double(let d):
                let g = PythonFloatFormat.general(d, precision: 3)
                valueString = g + String(repeating: " ", count: max(0, 8 - g.unicodeScalars.count))
            case .int(let i): valueString = String(i)
            case .string(let s): valueString = s
            }
            var key = Array(keyString.unicodeScalars)
            if let slash = key.firstIndex(of: "/"), slash > 0 {
                tag = Array(key[...slash])
                let header = truncate(tag)
                if let i = index(tag, header) { rows[i].value = [] } else { rows.append((tag, header, [])) }
            }
            if !tag.isEmpty && contains(key, tag) {
                key = Array("   ".unicodeScalars) + key[tag.count...]
            }
            let truncatedKey = truncate(key)
            if index(tag, truncatedKey) != nil {
                throw DuplicateKeyError(description: "Key '\(String(String.UnicodeScalarView(key)))' truncated to '\(String(String.UnicodeScalarView(truncatedKey)))' that already exists. Consider increasing `max_length`.")
            }
            rows.append((tag, truncatedKey, truncate(Array(valueString.unicodeScalars))))
        }
        if rows.isEmpty { return nil }
        let keyWidth = rows.map { $0.key.count }.max() ?? 0
        let valueWidth = rows.map { $0.value.count }.max() ?? 0
        let dashes = String(repeating: "-", count: keyWidth + valueWidth + 7)
        var lines = [dashes]
        for row in rows {
            let key = String(String.UnicodeScalarView(row.key)), value = String(String.UnicodeScalarView(row.value))
            lines.append("| " + key + String(repeating: " ", count: keyWidth - row.key.count)
                         + " | " + value + String(repeating: " ", count: valueWidth - row.value.count) + " |")
        }
        lines.append(dashes)
        return lines.joined(separator: "\n") + "\n"
    }
}
