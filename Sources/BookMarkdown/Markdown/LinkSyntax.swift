/// The pieces of link syntax shared by inline links and link reference definitions: labels,
/// destinations, titles (CommonMark spec 6.3; commonmark.js `lib/inlines.js` parseLinkLabel,
/// parseLinkDestination, parseLinkTitle), backslash unescaping and URL normalisation.
enum LinkSyntax {
    static func isEscapable(_ c: Character) -> Bool { c.isASCII && (c.isPunctuation || c.isSymbol) }
    static func isWhitespace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" }

    /// End index (after `]`) of a link label starting at `i` (`[`), or nil. At most 999 characters inside.
    static func label(_ s: [Character], at i: Int) -> Int? {
        guard i < s.count, s[i] == "[" else { return nil }
        var j = i + 1
        while j < s.count {
            let c = s[j]
            if c == "]" { break }
            if c == "[" { return nil }
            if c == "\\", j + 1 < s.count, isEscapable(s[j + 1]) { j += 2; continue }
            j += 1
            if j - i > 1000 { return nil }
        }
        guard j < s.count else { return nil }
        return j + 1
    }

    /// Skips spaces and tabs with at most one line ending.
    static func spnl(_ s: [Character], _ i: Int) -> Int {
        var j = i
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        if j < s.count, s[j] == "\n" {
            j += 1
            while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        }
        return j
    }

    /// A link destination at `i`: `<...>` or a run without spaces and with balanced parentheses.
    static func destination(_ s: [Character], at i: Int) -> (String, Int)? {
        if i < s.count, s[i] == "<" {
            var j = i + 1
            while j < s.count {
                let c = s[j]
                if c == ">" { return (normalizeURI(unescape(String(s[(i + 1)..<j]))), j + 1) }
                if c == "<" || c == "\n" { return nil }
                if c == "\\", j + 1 < s.count, isEscapable(s[j + 1]) { j += 2; continue }
                j += 1
            }
            return nil
        }
        var j = i
        var parens = 0
        while j < s.count {
            let c = s[j]
            if c == "\\", j + 1 < s.count, isEscapable(s[j + 1]) { j += 2; continue }
            if c == "(" { parens += 1; if parens > 32 { return nil } } else if c == ")" {
                if parens < 1 { break }
                parens -= 1
            } else if isWhitespace(c) || c.unicodeScalars.first!.value < 0x20 || c == "\u{7F}" { break }
            j += 1
        }
        if j == i && (j >= s.count || s[j] != ")") { return nil }
        guard parens == 0 else { return nil }
        return (normalizeURI(unescape(String(s[i..<j]))), j)
    }

    /// A link title at `i` (`"..."`, `'...'` or `(...)`), unescaped, and the index after it.
    static func title(_ s: [Character], at i: Int) -> (String, Int)? {
        guard i < s.count else { return nil }
        let open = s[i]
        let close: Character
        switch open {
        case "\"": close = "\""
        case "'": close = "'"
        case "(": close = ")"
        default: return nil
        }
        var j = i + 1
        while j < s.count {
            let c = s[j]
            if c == close { return (unescape(String(s[(i + 1)..<j])), j + 1) }
            if open == "(" && c == "(" { return nil }
            if c == "\\", j + 1 < s.count, isEscapable(s[j + 1]) { j += 2; continue }
            j += 1
        }
        return nil
    }

    /// Backslash escapes and entity references resolved.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") || s.contains("&") else { return s }
        let c = Array(s)
        var out = ""
        var i = 0
        while i < c.count {
            if c[i] == "\\", i + 1 < c.count, isEscapable(c[i + 1]) { out.append(c[i + 1]); i += 2; continue }
            if c[i] == "&", let (text, end) = Entities.match(c, at: i) { out += text; i = end; continue }
            out.append(c[i]); i += 1
        }
        return out
    }

    /// Percent-encodes what may not appear in a URL, keeping existing `%XX` escapes (commonmark.js
    /// `normalizeURI`, which uses mdurl's encode with its default safe set).
    static func normalizeURI(_ s: String) -> String {
        let safe = Set(";/?:@&=+$,-_.!~*'()#".unicodeScalars)
        let bytes = Array(s.utf8)
        var out = ""
        var i = 0
        func isHex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                out += String(decoding: bytes[i...(i + 2)], as: UTF8.self); i += 3; continue
            }
            let scalar = Unicode.Scalar(b)
            if b < 0x80, (scalar.properties.isAlphabetic && b != 0) || (b >= 48 && b <= 57) || safe.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
            i += 1
        }
        return out
    }
}
