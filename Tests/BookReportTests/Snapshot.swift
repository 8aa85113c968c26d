import Testing
import RLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares text with a stored snapshot under `Tests/BookReportTests/Snapshots/` (found from this
/// file's path, so recording writes into the source tree). `RLBOOK_RECORD_SNAPSHOTS=1` rewrites them.
enum Snapshot {
    static var directory: String {
        FileIO.parentDirectory(of: #filePath) + "/Snapshots"
    }

    static var recording: Bool {
        guard let v = getenv("RLBOOK_RECORD_SNAPSHOTS") else { return false }
        return String(cString: v) == "1"
    }

    static func assertMatches(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        if recording {
            do { try FileIO.writeAtomically(actual, to: path) } catch { Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation) }
            return
        }
        guard let bytes = try? FileIO.read(path) else {
            Issue.record("missing snapshot \(name); run the tests with RLBOOK_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: bytes, as: UTF8.self)
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var line = 0
            while line < min(e.count, a.count), e[line] == a[line] { line += 1 }
            let want = line < e.count ? String(e[line]) : "<end>"
            let got = line < a.count ? String(a[line]) : "<end>"
            Issue.record("snapshot \(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(RLBOOK_RECORD_SNAPSHOTS=1 re-records)", sourceLocation: sourceLocation)
        }
    }
}
