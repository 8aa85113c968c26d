/// "Did you mean ...?" suggestions from Damerau-Levenshtein distance, like the Swift compiler.
public enum DidYouMean {
    /// The closest candidate to `name`, or nil when none is close enough.
    ///
    /// A candidate is close when its edit distance (case-insensitive, adjacent transpositions count once)
    /// is at most a third of the name's length (minimum 1, maximum 3), or when one is the other in another case.
    public static func suggest(_ name: String, from candidates: some Sequence<String>) -> String? {
        let lower = Array(name.lowercased())
        let limit = min(3, max(1, lower.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let c = Array(candidate.lowercased())
            if abs(c.count - lower.count) > limit { continue }
            let d = distance(lower, c)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func hint(_ name: String, from candidates: some Sequence<String>) -> String {
        if let s = suggest(name, from: candidates) { return "; did you mean '\(s)'?" }
        return ""
    }

    /// `. Did you mean: `x`?` (Python's wording, for Gymnasium's messages) or the empty string.
    public static func pythonHint(_ name: String, from candidates: some Sequence<String>) -> String {
        suggest(name, from: candidates).map { ". Did you mean: `\($0)`?" } ?? ""
    }

    /// Optimal string alignment distance between two character arrays.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}
