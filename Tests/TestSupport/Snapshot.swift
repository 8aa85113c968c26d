import Testing
import RLSupport

/// Compares text with a stored snapshot file. `RLBOOK_RECORD_SNAPSHOTS=1` rewrites the snapshot and
/// still fails the test (a recording run is never a passing run: rerun without the variable).
public enum Snapshot {
    /// The `Snapshots` folder beside the calling test file (so recording writes into the source tree).
    public static func directory(besides filePath: String = #filePath) -> String {
        FileIO.parentDirectory(of: filePath) + "/Snapshots"
    }

    public static var recording: Bool {
        guard let v = getenv("RLBOOK_RECORD_SNAPSHOTS") else { return false }
        return String(cString: v) == "1"
    }

    /// Records an issue when `actual` differs from `<directory>/<name>` (first differing line and
    /// character shown); in record mode writes the file and records an issue saying so.
    public static func assertMatches(_ actual: String, named name: String, in directory: String,
                                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        if recording {
            do {
                try FileIO.writeAtomically(actual, to: path)
                Issue.record("recorded snapshot \(path); rerun without RLBOOK_RECORD_SNAPSHOTS=1 to check it", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let bytes = try? FileIO.read(path) else {
            Issue.record("missing snapshot \(path); run the tests with RLBOOK_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: bytes, as: UTF8.self)
        if let difference = firstDifference(expected: expected, actual: actual) {
            Issue.record("snapshot \(name) differs \(difference)\n(RLBOOK_RECORD_SNAPSHOTS=1 re-records)", sourceLocation: sourceLocation)
        }
    }

    /// Where two texts first differ (line, then the characters around it), or nil when equal.
    public static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var line = 0
        while line < min(e.count, a.count), e[line] == a[line] { line += 1 }
        let want = line < e.count ? Array(e[line]) : [], got = line < a.count ? Array(a[line]) : []
        var i = 0
        while i < min(want.count, got.count), want[i] == got[i] { i += 1 }
        func around(_ s: [Character]) -> String { s.isEmpty ? "<end>" : "…" + String(s[max(0, i - 60)..<min(s.count, i + 60)]) + "…" }
        return "at line \(line + 1), character \(i + 1):\n  expected: \(around(want))\n  actual:   \(around(got))"
    }
}
