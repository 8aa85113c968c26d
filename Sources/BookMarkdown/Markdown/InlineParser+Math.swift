/// Math spans: `$...$` and `$$...$$` (the rules of pandoc's `tex_math_dollars`: the opening `$`
/// is not followed by a space, the closing one not preceded by a space nor followed by a digit),
/// `\(...\)` and `\[...\]`. Their content is TeX, kept verbatim (no escapes or emphasis inside).
extension InlineParser {
    mutating func parseDollarMath() -> Bool {
        if peek(pos + 1) == "$" {
            // Display: `$$...$$`.
            let from = pos + 2
            guard let close = find(["$", "$"], from: from, key: "$$"), close > from else { return false }
            root.append(InlineTree(.math(display: true), String(s[from..<close])))
            pos = close + 2
            return true
        }
        guard let next = peek(pos + 1), !Self.isUnicodeWhitespace(next) else { return false }
        if let f = failedSearches["$"], f <= pos + 1 { return false }
        var j = pos + 1
        while j < s.count {
            let c = s[j]
            if c == "\\" { j += 2; continue }
            if c == "$", j > pos + 1, !Self.isUnicodeWhitespace(s[j - 1]), !(peek(j + 1)?.isNumber ?? false) {
                root.append(InlineTree(.math(display: false), String(s[(pos + 1)..<j])))
                pos = j + 1
                return true
            }
            j += 1
        }
        failedSearches["$"] = pos + 1
        return false
    }

    /// `\(` or `\[` at `pos - 1`..`pos`.
    mutating func parseBackslashMath(open: Character) -> Bool {
        let closer: [Character] = open == "(" ? ["\\", ")"] : ["\\", "]"]
        let from = pos + 1
        guard let close = find(closer, from: from, key: String(closer)), close > from else { return false }
        root.append(InlineTree(.math(display: open == "["), String(s[from..<close])))
        pos = close + 2
        return true
    }

    /// Index of the next `marker` at or after `from`; failures are remembered so repeated openers stay linear.
    mutating func find(_ marker: [Character], from: Int, key: String) -> Int? {
        if let f = failedSearches[key], f <= from { return nil }
        var j = from
        while j + marker.count <= s.count {
            if s[j] == marker[0], s[j + 1] == marker[1] { return j }
            j += 1
        }
        failedSearches[key] = from
        return nil
    }
}
