import RLSupport

/// A logged value: SB3 logs Python ints, floats and strings.
public enum LogValue: Equatable, Sendable {
    case int(Int)
    case double(Double)
    case string(String)

    /// The value as a number (nil for strings).
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string: return nil
        }
    }
}

/// Where `Logger.dump` writes key/values: SB3's `KVWriter`.
public protocol LogOutputFormat: AnyObject {
    /// Writes one dump: the key/values in recording order (each format sorts as it needs).
    func write(_ kvs: [(String, LogValue)], step: Int) throws
    /// Releases files.
    func close()
    /// The names under which `record(_:_:exclude:)` can leave this format out, e.g. `["stdout", "log"]`.
    var formatNames: Set<String> { get }
}

extension LogOutputFormat {
    public var formatNames: Set<String> { [] }
}

/// SB3's logger (stable_baselines3/common/logger.py `Logger`): values recorded during an iteration
/// and written to every output format by `dump(step:)`, which then forgets them.
public final class Logger {
    /// The folder of file outputs (nil when only stdout is configured).
    public let folder: String?
    /// The output formats, written in order by `dump`.
    public private(set) var outputFormats: [LogOutputFormat]

    private var keys: [String] = []              // insertion order, as Python's dict keeps it
    private var nameToValue: [String: LogValue] = [:]
    private var nameToCount: [String: Int] = [:]
    private var nameToExcluded: [String: Set<String>] = [:]

    public init(folder: String?, outputFormats: [LogOutputFormat]) {
        self.folder = folder
        self.outputFormats = outputFormats
    }

    /// The value recorded for `key` this iteration.
    public func value(_ key: String) -> LogValue? { nameToValue[key] }

    /// The recorded key/values, in recording order (SB3's `name_to_value`).
    public var current: [(String, LogValue)] { keys.compactMap { k in nameToValue[k].map { (k, $0) } } }

    /// Records a value; recording a key again this iteration replaces its value (`Logger.record`).
    /// - Parameter exclude: format names to leave the key out of ("stdout", "log", "csv", "tensorboard").
    public func record(_ key: String, _ value: LogValue, exclude: Set<String> = []) {
        if nameToValue[key] == nil { keys.append(key) }
        nameToValue[key] = value
        nameToExcluded[key] = exclude
    }

    /// Records the running mean of the values given for `key` this iteration (`Logger.record_mean`);
    /// nil is ignored, as SB3 ignores None.
    public func recordMean(_ key: String, _ value: Double?, exclude: Set<String> = []) {
        guard let value else { return }
        let old = nameToValue[key]?.number ?? 0
        let count = nameToCount[key] ?? 0
        // The same arithmetic as SB3: old * count / (count + 1) + value / (count + 1).
        let mean = old * Double(count) / Double(count + 1) + value / Double(count + 1)
        record(key, .double(mean), exclude: exclude)
        nameToCount[key] = count + 1
    }

    /// Writes the recorded values to every output format, then clears them (`Logger.dump`).
    /// A key is left out of a format whose `formatNames` meet the key's `exclude` set.
    /// - Throws: the first output error, after every format has been written.
    public func dump(step: Int = 0) throws {
        let kvs = current
        defer {
            keys.removeAll()
            nameToValue.removeAll()
            nameToCount.removeAll()
            nameToExcluded.removeAll()
        }
        var firstError: Error?
        for format in outputFormats {
            let names = format.formatNames
            let visible = kvs.filter { (nameToExcluded[$0.0] ?? []).isDisjoint(with: names) }
            do { try format.write(visible, step: step) } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }

    /// The values recorded and not yet written, and how long each file output is (for `learn` checkpoints).
    func writePending(into s: inout TrainingState) throws {
        var kinds: [Int] = [], ints: [Int] = [], doubles: [Double] = [], texts: [[UInt8]] = []
        for k in keys {
            switch nameToValue[k] {
            case .int(let i)?: kinds.append(0); ints.append(i)
            case .double(let d)?: kinds.append(1); doubles.append(d)
            case .string(let t)?: kinds.append(2); texts.append(Array(t.utf8))
            case nil: kinds.append(3)
            }
            ints.append(nameToCount[k] ?? -1)
        }
        try s.put("logger.keys", chunks: keys.map { Array($0.utf8) })
        try s.put("logger.excluded", chunks: keys.map { Array((nameToExcluded[$0] ?? []).sorted().joined(separator: ",").utf8) })
        try s.put("logger.kinds", ints: kinds)
        try s.put("logger.ints", ints: ints)
        try s.put("logger.doubles", doubles: doubles)
        try s.put("logger.texts", chunks: texts)
        var files: [[UInt8]] = [], sizes: [Int] = []
        for case let tb as TensorBoardOutputFormat in outputFormats {
            try tb.writer.flush()
            files.append(Array(tb.writer.path.utf8))
            sizes.append(FileIO.size(tb.writer.path) ?? 0)
        }
        try s.put("logger.files", chunks: files)
        try s.put("logger.file_sizes", ints: sizes)
    }

    /// Restores what `writePending` kept. Event files the checkpoint knew are cut back to their length
    /// then (what the interrupted run wrote after the checkpoint is written again by this one).
    func readPending(_ s: TrainingState) throws {
        guard s.has("logger.kinds") else { return }
        let names = try s.chunks("logger.keys").map { String(decoding: $0, as: UTF8.self) }
        let excluded = try s.chunks("logger.excluded").map { String(decoding: $0, as: UTF8.self) }
        let kinds = try s.ints("logger.kinds"), ints = try s.ints("logger.ints"), doubles = try s.doubles("logger.doubles")
        let texts = try s.chunks("logger.texts").map { String(decoding: $0, as: UTF8.self) }
        guard names.count == kinds.count, excluded.count == kinds.count else { throw AgentError.file("the checkpoint's logger state is corrupt") }
        var ii = 0, di = 0, ti = 0
        keys = []; nameToValue = [:]; nameToCount = [:]; nameToExcluded = [:]
        for (i, k) in names.enumerated() {
            func next<T>(_ a: [T], _ j: inout Int) throws -> T {
                guard j < a.count else { throw AgentError.file("the checkpoint's logger state is corrupt") }
                defer { j += 1 }
                return a[j]
            }
            keys.append(k)
            switch kinds[i] {
            case 0: nameToValue[k] = .int(try next(ints, &ii))
            case 1: nameToValue[k] = .double(try next(doubles, &di))
            case 2: nameToValue[k] = .string(try next(texts, &ti))
            default: break
            }
            let count = try next(ints, &ii)
            if count >= 0 { nameToCount[k] = count }
            nameToExcluded[k] = Set(excluded[i].split(separator: ",").map(String.init))
        }
        let files = try s.chunks("logger.files").map { String(decoding: $0, as: UTF8.self) }, sizes = try s.ints("logger.file_sizes")
        for (f, n) in zip(files, sizes) where FileIO.exists(f) && (FileIO.size(f) ?? 0) > n { try FileIO.truncate(f, to: n) }
    }

    /// Writes a line of text to the human-readable outputs (`Logger.log` / `write_sequence`).
    public func log(_ message: String) {
        for case let human as HumanOutputFormat in outputFormats { human.writeLine(message) }
    }

    /// Closes every output format (`Logger.close`).
    public func close() {
        for format in outputFormats { format.close() }
    }

    /// A logger writing to the named formats, as SB3's `configure(folder, format_strings)`:
    /// "stdout" (the `write` closure), "log" (`log.txt`), "csv" (`progress.csv`), "tensorboard"
    /// (an event file in `folder`). Creates `folder` when a format needs files; with no folder, a
    /// folder needing format gets `$TMPDIR/SB3-<unix time>-<pid>` as SB3 uses a temp folder.
    /// Like SB3, prints "Logging to <folder>" unless the formats are only stdout.
    /// - Throws: `AgentIOError.io` for an unknown format or a folder/file that cannot be created.
    /// `displayFolder` is the folder as the user named it, for that message (the files go to `folder`).
    public static func configure(folder: String?, formats: [String], displayFolder: String? = nil, announce: Bool = true,
                                 write: @escaping (String) -> Void) throws -> Logger {
        let names = formats.filter { !$0.isEmpty }
        var dir = folder
        if dir == nil && names.contains(where: { $0 != "stdout" }) { dir = LogFiles.temporaryFolder() }
        if let dir { try LogFiles.createDirectory(dir) }
        var outputs: [LogOutputFormat] = []
        for name in names {
            switch name {
            case "stdout": outputs.append(HumanOutputFormat(write: write))
            case "log": outputs.append(try HumanOutputFormat(path: LogFiles.join(dir ?? ".", "log.txt")))
            case "csv": outputs.append(try CSVOutputFormat(path: LogFiles.join(dir ?? ".", "progress.csv")))
            case "tensorboard": outputs.append(try TensorBoardOutputFormat(logDir: dir ?? "."))
            default: throw AgentIOError.io("unknown log format '\(name)' (use stdout, log, csv or tensorboard)")
            }
        }
        let logger = Logger(folder: dir, outputFormats: outputs)
        if announce && !names.isEmpty && names != ["stdout"], let dir { logger.log("Logging to \(displayFolder ?? dir)") }
        return logger
    }
}
