/// A link reference definition: `[label]: destination "title"`.
struct LinkReference: Equatable {
    var destination: String
    var title: String?

    /// Labels match after Unicode case folding with runs of whitespace collapsed (CommonMark).
    static func normalize(_ label: String) -> String {
        var l = Substring(label)
        if l.hasPrefix("["), l.hasSuffix("]"), l.count >= 2 { l = l.dropFirst().dropLast() }
        return l.lowercased().uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Parses one definition at the start of a paragraph's `content` (it may span lines), adds it to
    /// `references` unless the label is taken, and returns how many characters it used; nil if
    /// the content does not start with a definition (commonmark.js `parseReference`).
    static func parseDefinitions(_ content: String, into references: inout [String: LinkReference]) -> Int? {
        let s = Array(content)
        guard let labelEnd = LinkSyntax.label(s, at: 0), labelEnd < s.count, s[labelEnd] == ":" else { return nil }
        let rawLabel = String(s[0..<labelEnd])
        var j = LinkSyntax.spnl(s, labelEnd + 1)
        guard let (dest, afterDest) = LinkSyntax.destination(s, at: j) else { return nil }
        if s[j] != "<", afterDest == j { return nil }
        j = afterDest
        let beforeTitle = j
        j = LinkSyntax.spnl(s, j)
        var title: String?
        if j > beforeTitle, let (t, afterTitle) = LinkSyntax.title(s, at: j) {
            title = t
            j = afterTitle
        } else {
            j = beforeTitle
        }
        func atLineEnd(_ k: Int) -> Int? {
            var k = k
            while k < s.count, s[k] == " " || s[k] == "\t" { k += 1 }
            if k == s.count { return k }
            return s[k] == "\n" ? k + 1 : nil
        }
        var end = atLineEnd(j)
        if end == nil, title != nil {
            title = nil
            end = atLineEnd(beforeTitle)
        }
        guard let end else { return nil }
        let key = normalize(rawLabel)
        guard !key.isEmpty else { return nil }
        if references[key] == nil { references[key] = LinkReference(destination: dest, title: title) }
        return end
    }

    /// Parses a one-line definition (`[label]: url`, `[label]: <url> "title"`), or nil if the line is not one.
    static func parseDefinition(_ line: String) -> (label: String, reference: LinkReference)? {
        guard SourceLines.indentation(line) <= 3 else { return nil }
        let text = SourceLines.trimmed(line)
        var found: [String: LinkReference] = [:]
        guard let used = parseDefinitions(text, into: &found), used == text.count, let (label, ref) = found.first else { return nil }
        return (label, ref)
    }

}
