import RLSupport

/// Writes TensorBoard event files by hand: the scalars that SB3's `TensorBoardOutputFormat` writes
/// through `torch.utils.tensorboard.SummaryWriter.add_scalar`, readable by TensorBoard itself.
///
/// A file is a sequence of TFRecords (tensorflow/core/lib/io/record_writer.cc): a uint64 length,
/// its masked CRC-32C, the data, the data's masked CRC-32C (all little-endian). Each record holds
/// an `Event` protocol buffer (tensorflow/core/util/event.proto):
/// `Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }`,
/// `Summary { repeated Value value = 1; }`, `Summary.Value { string tag = 1; float simple_value = 2; }`.
/// The first record carries `file_version: "brain.Event:2"`, as TensorBoard's `EventFileWriter` writes.
///
/// Records are buffered in memory and appended to the file by `flush()`, by `close()`, and whenever
/// more than 64 KiB are waiting.
public final class TensorBoardWriter {
    /// The folder holding the event file.
    public let logDir: String
    /// The event file's path: `<logDir>/events.out.tfevents.<unix seconds>.<hostname>.<pid>.<n>`.
    public let path: String

    private var file: UnsafeMutablePointer<FILE>?
    private var pending: [UInt8] = []
    private var deferredError: AgentIOError?
    static let flushThreshold = 64 * 1024

    /// Creates `logDir` (like `mkdir -p`) and a new event file in it, starting with the file-version event.
    /// The name follows TensorBoard's `EventFileWriter` (tensorboard/summary/writer/event_file_writer.py);
    /// the trailing counter is the first one that names no existing file.
    public init(logDir: String) throws {
        do { try FileIO.createDirectory(logDir) } catch { throw AgentIOError.io("\(error)") }
        self.logDir = logDir
        let now = Clock.wallSeconds()
        let seconds = String(Int(now))
        let stamp = String(repeating: "0", count: max(0, 10 - seconds.count)) + seconds
        let base = (logDir.hasSuffix("/") ? logDir : logDir + "/")
            + "events.out.tfevents.\(stamp).\(TensorBoardWriter.hostname()).\(getpid())."
        var counter = 0
        while FileIO.exists(base + String(counter)) { counter += 1 }
        path = base + String(counter)
        guard let f = fopen(path, "ab") else {
            throw AgentIOError.io("cannot create event file '\(path)': \(String(cString: strerror(errno)))")
        }
        file = f
        var event = ProtoWriter()
        event.double(1, now)
        event.string(3, "brain.Event:2")
        appendRecord(event.bytes)
        try flush()
    }

    deinit { close() }

    /// Records a scalar, as `SummaryWriter.add_scalar(tag, value, step)`: stored as a float32 `simple_value`.
    /// - Parameter wallTime: seconds since the Unix epoch; now when nil.
    public func addScalar(_ tag: String, _ value: Double, step: Int, wallTime: Double? = nil) {
        var v = ProtoWriter()
        v.string(1, tag)
        v.float(2, Float(value))
        var summary = ProtoWriter()
        summary.lengthDelimited(1, v.bytes)
        var event = ProtoWriter()
        event.double(1, wallTime ?? Clock.wallSeconds())
        if step != 0 { event.int64(2, Int64(step)) } // proto3 leaves default (zero) fields out
        event.lengthDelimited(5, summary.bytes)
        appendRecord(event.bytes)
        if pending.count > TensorBoardWriter.flushThreshold {
            do { try flush() } catch { deferredError = error as? AgentIOError ?? .io("\(error)") }
        }
    }

    /// Appends the waiting records to the file and flushes the C stream.
    /// - Throws: `AgentIOError.io` when writing fails now, or failed during an automatic flush.
    public func flush() throws {
        if let e = deferredError {
            deferredError = nil
            throw e
        }
        guard let f = file else {
            if pending.isEmpty { return }
            throw AgentIOError.io("event file '\(path)' is closed")
        }
        if !pending.isEmpty {
            let written = pending.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
            if written != pending.count {
                throw AgentIOError.io("cannot write event file '\(path)': \(String(cString: strerror(errno)))")
            }
            pending.removeAll(keepingCapacity: true)
        }
        if fflush(f) != 0 { throw AgentIOError.io("cannot flush event file '\(path)': \(String(cString: strerror(errno)))") }
    }

    /// Flushes what is waiting and closes the file; later scalars are dropped. Errors are not reported
    /// here: call `flush()` first to see them.
    public func close() {
        guard let f = file else { return }
        try? flush()
        fclose(f)
        file = nil
        pending = []
    }

    /// Frames one record: length, masked CRC-32C of the length, data, masked CRC-32C of the data.
    private func appendRecord(_ data: [UInt8]) {
        guard file != nil else { return }
        var header = LittleEndianWriter()
        header.u64(UInt64(data.count))
        pending.append(contentsOf: header.bytes)
        var crcs = LittleEndianWriter()
        crcs.u32(CRC32C.masked(header.bytes))
        crcs.u32(CRC32C.masked(data))
        pending.append(contentsOf: crcs.bytes[0..<4])
        pending.append(contentsOf: data)
        pending.append(contentsOf: crcs.bytes[4..<8])
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
