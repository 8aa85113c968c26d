/// A link reference definition: `[label]: destination "title"`.
struct LinkReference: Equatable {
    var destination: String
    var title: String?

    /// Labels match case-insensitively with runs of whitespace collapsed (CommonMark).
    static func normalize(_ label: String) -> String {
        label.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    /// Parses a definition line (`[label]: url`, `[label]: <url> "title"`), or nil if the line is not one.
    static func parseDefinition(_ line: String) -> (label: String, reference: LinkReference)? {
        guard SourceLines.indentation(line) <= 3 else { return nil }
        let chars = Array(SourceLines.trimmed(line))
        guard chars.first == "[" else { return nil }
        var i = 1
        var label = ""
        while i < chars.count, chars[i] != "]" {
            if chars[i] == "[" { return nil }
            if chars[i] == "\\", i + 1 < chars.count { label.append(chars[i]); label.append(chars[i + 1]); i += 2; continue }
            label.append(chars[i]); i += 1
        }
        guard i + 1 < chars.count, chars[i] == "]", chars[i + 1] == ":", !SourceLines.trimmed(label).isEmpty else { return nil }
        i += 2
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        var dest = ""
        if i < chars.count, chars[i] == "<" {
            i += 1
            while i < chars.count, chars[i] != ">" { dest.append(chars[i]); i += 1 }
            guard i < chars.count else { return nil }
            i += 1
        } else {
            while i < chars.count, !chars[i].isWhitespace { dest.append(chars[i]); i += 1 }
        }
        guard !dest.isEmpty else { return nil }
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        var title: String?
        if i < chars.count {
            let open = chars[i]
            let close: Character = open == "(" ? ")" : open
            guard open == "\"" || open == "'" || open == "(", chars.last == close, chars.count - 1 > i else { return nil }
            title = String(chars[(i + 1)..<(chars.count - 1)])
        }
        return (normalize(label), LinkReference(destination: dest, title: title))
    }
}
