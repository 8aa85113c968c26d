import BookReport
import RLSupport

/// A book's text outputs as plain text (`outputs.txt` beside `index.html`): each cell's label and
/// status, then what it printed, its notes and errors. `rlbook run BOOK --check` compares a fresh
/// run's transcript with the committed one, so tutorials work as tests.
///
/// Timing is the one thing allowed to differ between two runs with the same seed. Lines that carry
/// it (SB3's `fps` and `time_elapsed`, elapsed-time prints such as "Time with cpu : 12.3 seconds"
/// or "in 345 s") are compared with their numbers masked; everything else must match exactly.
enum Transcript {
    static let fileName = "outputs.txt"

    static func text(_ report: Report) -> String {
        var out = ""
        for block in report.blocks {
            guard case .cell(let c) = block else { continue }
            out += "── cell \(c.index + 1)\(c.label.map { " [\($0)]" } ?? ""): \(c.status.rawValue)\n"
            for o in c.outputs {
                switch o {
                case .text(let s): out += s.hasSuffix("\n") || s.isEmpty ? s : s + "\n"
                case .note(let s): out += "note: \(s)\n"
                case .error(let d): out += "error: \(d.message)\n"
                case .table(let t): out += "table: \(t.rows.count) rows\n"
                case .plot: out += "plot\n"
                case .image: out += "image\n"
                case .animation(let a): out += "animation: \(a.frames.count) frames\n"
                case .html: out += "html\n"
                case .encoded(let m): out += m.summary + "\n"
                }
            }
        }
        return out
    }

    /// Words after which a line's numbers are timings.
    static let timingMarkers = ["fps", "time_elapsed", "Time with", "seconds", " s\n", " s ", "took", " ms", "steps/s", "it/s"]

    /// The line with its digits masked (and runs of spaces, which pad them in tables, collapsed) when
    /// it carries a timing; table borders (dashes only) compare equal whatever their width, since a
    /// timing can widen SB3's log table.
    static func masked(_ line: String) -> String {
        if !line.isEmpty && line.allSatisfy({ $0 == "-" }) { return "-" }
        let probe = line + "\n"
        guard timingMarkers.contains(where: { probe.contains($0) }) else { return line }
        var out = ""
        var inNumber = false
        for ch in line {
            if ch.isNumber || (inNumber && (ch == "." || ch == "e" || ch == "-" || ch == "+")) {
                if !inNumber { out.append("#") }
                inNumber = true
            } else {
                inNumber = false
                if ch == " " && out.last == " " { continue }
                out.append(ch)
            }
        }
        return out
    }

    /// Line differences between the committed transcript and a new one (empty when they match).
    static func differences(expected: String, actual: String) -> [String] {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var diffs: [String] = []
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? e[i] : nil, y = i < a.count ? a[i] : nil
            if x.map(masked) != y.map(masked) {
                diffs.append("line \(i + 1):\n  committed: \(x ?? "(missing)")\n  this run:  \(y ?? "(missing)")")
            }
        }
        return diffs
    }
}
