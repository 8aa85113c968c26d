import RLAgents
import RLSupport

/// The checkpoints of one training cell, in its book's cache folder: `<cell key>.learn<k>.rlckpt` for
/// the cell's k-th `learn` call. `learn` writes one every `interval` seconds (atomically, so a crash
/// while writing keeps the previous one); `rlbook run --resume` gives the newest back to the same
/// `learn` call of the same cell (same key: same code, dependencies, seed and generators), which then
/// continues from it. The file also keeps the text training had printed, so the resumed cell's output
/// is the uninterrupted one's.
///
/// Layout: `RLBOOKCKPT\n`, format version (u32), transcript length (u64) and UTF-8 text, state length
/// (u64) and the training state (`TrainingState`), SHA-256 of everything before it (32 bytes).
final class LearnCheckpointFile: LearnCheckpointStore {
    static let fileExtension = ".rlckpt"
    static let magic = Array("RLBOOKCKPT\n".utf8)
    static let formatVersion: UInt32 = 1

    let path: String
    let interval: Double
    let resume: Bool
    /// Printed text of this `learn` call so far.
    var transcript = ""
    private var last = Clock.monotonic()
    /// Where resumed text is printed, and notes and warnings (whole lines, `note:`/`warning:` first).
    let output: (String) -> Void
    let say: (String) -> Void
    /// Checkpoints written by this call.
    private(set) var written = 0
    private var warned = false

    init(folder: String, cellKey: String, call: Int, interval: Double, resume: Bool, output: @escaping (String) -> Void, say: @escaping (String) -> Void) {
        path = folder + "/" + cellKey + ".learn\(call)" + Self.fileExtension
        self.interval = interval
        self.resume = resume
        self.output = output
        self.say = say
    }

    func isDue(numTimesteps: Int) -> Bool { Clock.monotonic() - last >= interval }

    /// Streams the file (header, then the state straight from its tensors, then the checksum), so a
    /// checkpoint costs no second copy of a large replay buffer in memory.
    func write(_ state: TrainingState) throws {
        var w = ByteWriter(bytes: Self.magic)
        w.u32(Self.formatVersion)
        w.blob(Array(transcript.utf8))
        let encoding = try state.encoding()
        w.int(encoding.byteCount)
        do {
            try FileIO.writeAtomically(to: path) { emit in
                var h = SHA256()
                try w.bytes.withUnsafeBytes { h.update($0); try emit($0) }
                try encoding.write { piece in h.update(piece); try emit(piece) }
                try h.finish().withUnsafeBytes { try emit($0) }
            }
            written += 1
        } catch {
            // A checkpoint that cannot be written costs only the ability to resume: say so once and train on.
            if !warned { say("warning: could not write a training checkpoint (\(error)); training goes on without one\n") }
            warned = true
        }
        last = Clock.monotonic()
    }

    func resumeState() -> TrainingState? {
        guard resume, FileIO.exists(path) else { return nil }
        do {
            let (text, bytes) = try Self.decode(try FileIO.read(path))
            let state = try TrainingState.decode(bytes)
            say("note: resuming training from its checkpoint \(path)\n")
            output(text)
            transcript = text
            last = Clock.monotonic()
            return state
        } catch {
            say("warning: the training checkpoint \(path) cannot be used (\(error)); training starts from the beginning\n")
            return nil
        }
    }

    static func decode(_ b: [UInt8]) throws(CacheError) -> (text: String, state: [UInt8]) {
        guard b.count >= magic.count + 4 + 16 + 32, Array(b[0..<magic.count]) == magic else { throw .corrupt("not a training checkpoint") }
        var h = SHA256()
        h.update(b[0..<(b.count - 32)])
        guard h.finish() == Array(b[(b.count - 32)...]) else { throw .corrupt("checksum mismatch (a damaged or truncated file)") }
        // (the reader's bounds checks stop at the blobs' lengths; the checksum after them is not read)
        var r = ByteReader(b, offset: magic.count)
        guard try r.u32() == formatVersion else { throw .corrupt("another checkpoint format") }
        let text = String(decoding: try r.blob(), as: UTF8.self)
        return (text, try r.blob())
    }

    /// The checkpoints of the cell with `key` in `folder`.
    static func files(folder: String, cellKey: String) -> [String] {
        FileIO.listDirectory(folder).filter { $0.hasPrefix(cellKey + ".learn") && $0.hasSuffix(fileExtension) }.map { folder + "/" + $0 }
    }
}

/// Where and how often the running cell's `learn` calls keep checkpoints, and whether they resume.
struct LearnCheckpointPlan {
    var folder: String
    var cellKey: String
    /// Seconds between checkpoints (0: none).
    var interval: Double
    var resume: Bool
    /// `learn` calls the cell has made so far.
    var calls = 0
}
