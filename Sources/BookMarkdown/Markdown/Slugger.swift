/// Makes GitHub-style heading anchors, unique across one book.
///
/// Lowercases, keeps letters and digits of any script (CJK included), `-` and `_`, turns spaces
/// into `-` and drops other punctuation; repeats get `-1`, `-2`, ... like GitHub.
final class Slugger {
    private var used: [String: Int] = [:]

    /// The slug of `text` without registering it.
    static func base(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch == " " || ch == "\t" || ch == "\n" { out.append("-") }
            else if ch == "-" || ch == "_" || ch.isLetter || ch.isNumber { out.append(ch) }
        }
        return out.isEmpty ? "section" : out
    }

    /// A unique anchor for `text`.
    func slug(_ text: String) -> String {
        let base = Self.base(text)
        var candidate = base
        if let n = used[base] {
            var k = n
            repeat { candidate = "\(base)-\(k)"; k += 1 } while used[candidate] != nil
            used[base] = k
        }
        used[candidate] = used[candidate] ?? 1
        return candidate
    }
}
