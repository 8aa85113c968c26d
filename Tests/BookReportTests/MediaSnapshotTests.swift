import Testing
import RLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compares `text` with `Snapshots/<name>` beside this file; `RLBOOK_RECORD_SNAPSHOTS=1` re-records.
func assertMediaSnapshot(_ text: String, named name: String, filePath: String = #filePath, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let dir = FileIO.parentDirectory(of: filePath) + "/Snapshots"
    let path = dir + "/" + name
    let record = getenv("RLBOOK_RECORD_SNAPSHOTS").map { String(cString: $0) == "1" } ?? false
    if record {
        try? FileIO.writeAtomically(text, to: path)
        return
    }
    guard let old = try? FileIO.read(path) else {
        Issue.record("missing snapshot \(path); run with RLBOOK_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: old, as: UTF8.self)
    if expected != text {
        let a = Array(expected), b = Array(text)
        var i = 0
        while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
        let ctxA = String(a[max(0, i - 60)..<min(a.count, i + 60)])
        let ctxB = String(b[max(0, i - 60)..<min(b.count, i + 60)])
        Issue.record("snapshot \(name) differs at character \(i):\nexpected …\(ctxA)…\n     got …\(ctxB)…", sourceLocation: sourceLocation)
    }
}

/// The package root (three levels above this file).
func packageRoot(filePath: String = #filePath) -> String {
    FileIO.parentDirectory(of: FileIO.parentDirectory(of: FileIO.parentDirectory(of: filePath)))
}
