/// GFM's extended autolinks in plain text: `www.example.com`, `https://...`, `http://...`, `ftp://...` and
/// `user@example.com` (GFM spec 6.9), with its rules for trailing punctuation and parentheses.
enum GFMAutolink {
    static func link(_ text: String) -> [InlineNode] {
        guard text.contains("www.") || text.contains("http") || text.contains("ftp://") || text.contains("@") else { return [.text(text)] }
        let c = Array(text)
        var out: [InlineNode] = []
        var textStart = 0
        var i = 0
        func emit(_ from: Int, _ to: Int, href: String) {
            if from > textStart { out.append(.text(String(c[textStart..<from]))) }
            out.append(.link(href: href, title: nil, children: [.text(String(c[from..<to]))]))
            textStart = to
            i = to
        }
        while i < c.count {
            let boundary = i == 0 || c[i - 1].isWhitespace || "*_~(".contains(c[i - 1])
            if boundary, c[i] == "w" || c[i] == "h" || c[i] == "f" {
                let rest = String(c[i..<min(c.count, i + 8)])
                let scheme = ["www.", "https://", "http://", "ftp://"].first { rest.hasPrefix($0) }
                if let scheme, let end = urlEnd(c, from: i, schemeLength: scheme.count) {
                    let t = String(c[i..<end])
                    emit(i, end, href: scheme == "www." ? "http://" + t : t)
                    continue
                }
            }
            if c[i] == "@", let (from, to) = email(c, at: i, notBefore: textStart) {
                emit(from, to, href: "mailto:" + String(c[from..<to]))
                continue
            }
            i += 1
        }
        if textStart < c.count { out.append(.text(String(c[textStart...]))) }
        return out
    }

    /// End of a URL starting at `from` whose scheme (or `www.`) is `schemeLength` long, or nil.
    static func urlEnd(_ c: [Character], from: Int, schemeLength: Int) -> Int? {
        var j = from + schemeLength
        // Domain: alphanumerics, `-`, `_`, `.`; at least one character.
        let domainStart = j
        while j < c.count, c[j].isLetter || c[j].isNumber || c[j] == "-" || c[j] == "_" || c[j] == "." { j += 1 }
        guard j > domainStart else { return nil }
        let domain = c[domainStart..<j]
        if schemeLength == 4, !domain.contains(".") { return nil }
        // The last two labels may not contain `_`.
        let labels = domain.split(separator: ".")
        if labels.suffix(2).contains(where: { $0.contains("_") }) { return nil }
        while j < c.count, !c[j].isWhitespace, c[j] != "<" { j += 1 }
        // Trailing punctuation is not part of the link; nor is an unbalanced `)` or an entity-like `&x;`.
        while j > domainStart {
            let last = c[j - 1]
            if "?!.,:*_~'\"".contains(last) { j -= 1; continue }
            if last == ")" {
                let opens = c[from..<j].filter { $0 == "(" }.count, closes = c[from..<j].filter { $0 == ")" }.count
                if closes > opens { j -= 1; continue }
            }
            if last == ";" {
                var k = j - 2
                while k > from, c[k].isASCII, c[k].isLetter || c[k].isNumber { k -= 1 }
                if k >= from, c[k] == "&", k < j - 2 { j = k; continue }
            }
            break
        }
        return j > domainStart ? j : nil
    }

    /// The email address around the `@` at `at`: its start and end.
    static func email(_ c: [Character], at: Int, notBefore: Int) -> (Int, Int)? {
        func local(_ ch: Character) -> Bool { ch.isASCII && (ch.isLetter || ch.isNumber || ".+-_".contains(ch)) }
        var from = at
        while from > notBefore, local(c[from - 1]) { from -= 1 }
        guard from < at else { return nil }
        if from > 0, c[from - 1] == "/" || c[from - 1].isLetter { return nil }
        var j = at + 1
        var dots = 0
        while j < c.count, c[j].isASCII, c[j].isLetter || c[j].isNumber || "-_.".contains(c[j]) {
            if c[j] == "." { dots += 1 }
            j += 1
        }
        while j > at + 1, c[j - 1] == "." { j -= 1; dots -= 1 }
        guard dots > 0, j > at + 1, c[j - 1] != "-", c[j - 1] != "_" else { return nil }
        return (from, j)
    }
}
