/// Raw HTML as CommonMark recognises it (spec 6.6): open tags, closing tags, comments,
/// processing instructions, declarations and CDATA sections; tags are split into attributes
/// so that `HTMLSanitizer` can check them.
enum RawHTML {
    struct Attribute: Equatable {
        var name: String
        /// The value without quotes (nil for a bare attribute such as `controls`).
        var value: String?
        /// The attribute as written, including the whitespace before it.
        var raw: String
    }

    struct Tag: Equatable {
        var name: String
        var closing: Bool
        var attributes: [Attribute]
        var selfClosing: Bool
    }

    enum Kind: Equatable { case tag(Tag), comment, processingInstruction, declaration, cdata }

    struct Token: Equatable {
        var kind: Kind
        /// Index after the token.
        var end: Int
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }

    /// Any raw HTML token at `i` (`<`). `failed` remembers failed searches for closing markers.
    static func token(_ s: [Character], at i: Int, failed: inout [String: Int]) -> Token? {
        guard i + 1 < s.count, s[i] == "<" else { return nil }
        let c = s[i + 1]
        if c.isASCII, c.isLetter || c == "/" { return tag(s, at: i) }
        if c == "!" {
            if starts(s, i, "<!-->") { return Token(kind: .comment, end: i + 5) }
            if starts(s, i, "<!--->") { return Token(kind: .comment, end: i + 6) }
            if starts(s, i, "<!--") {
                guard let e = search(s, "-->", from: i + 4, failed: &failed) else { return nil }
                return Token(kind: .comment, end: e + 3)
            }
            if starts(s, i, "<![CDATA[") {
                guard let e = search(s, "]]>", from: i + 9, failed: &failed) else { return nil }
                return Token(kind: .cdata, end: e + 3)
            }
            if i + 2 < s.count, s[i + 2].isASCII, s[i + 2].isLetter {
                guard let e = search(s, ">", from: i + 3, failed: &failed) else { return nil }
                return Token(kind: .declaration, end: e + 1)
            }
            return nil
        }
        if c == "?" {
            guard let e = search(s, "?>", from: i + 2, failed: &failed) else { return nil }
            return Token(kind: .processingInstruction, end: e + 2)
        }
        return nil
    }

    static func starts(_ s: [Character], _ i: Int, _ prefix: String) -> Bool {
        var j = i
        for p in prefix {
            guard j < s.count, s[j] == p else { return false }
            j += 1
        }
        return true
    }

    static func search(_ s: [Character], _ marker: String, from: Int, failed: inout [String: Int]) -> Int? {
        if let f = failed[marker], f <= from { return nil }
        let m = Array(marker)
        var j = from
        while j + m.count <= s.count {
            if s[j] == m[0] {
                var ok = true
                for k in 1..<m.count where s[j + k] != m[k] { ok = false; break }
                if ok { return j }
            }
            j += 1
        }
        failed[marker] = from
        return nil
    }

    /// An open or closing tag at `i`.
    static func tag(_ s: [Character], at i: Int) -> Token? {
        guard i + 1 < s.count, s[i] == "<" else { return nil }
        var j = i + 1
        let closing = s[j] == "/"
        if closing { j += 1 }
        guard j < s.count, s[j].isASCII, s[j].isLetter else { return nil }
        var name = ""
        while j < s.count, s[j].isASCII, s[j].isLetter || s[j].isNumber || s[j] == "-" { name.append(s[j]); j += 1 }
        if closing {
            while j < s.count, isSpace(s[j]) { j += 1 }
            guard j < s.count, s[j] == ">" else { return nil }
            return Token(kind: .tag(Tag(name: name, closing: true, attributes: [], selfClosing: false)), end: j + 1)
        }
        var attributes: [Attribute] = []
        while true {
            let wsStart = j
            while j < s.count, isSpace(s[j]) { j += 1 }
            guard j < s.count else { return nil }
            if s[j] == ">" {
                return Token(kind: .tag(Tag(name: name, closing: false, attributes: attributes, selfClosing: false)), end: j + 1)
            }
            if s[j] == "/" {
                guard j + 1 < s.count, s[j + 1] == ">" else { return nil }
                return Token(kind: .tag(Tag(name: name, closing: false, attributes: attributes, selfClosing: true)), end: j + 2)
            }
            // An attribute needs whitespace before it.
            guard j > wsStart else { return nil }
            let c = s[j]
            guard c.isASCII, c.isLetter || c == "_" || c == ":" else { return nil }
            var attrName = ""
            while j < s.count, s[j].isASCII, s[j].isLetter || s[j].isNumber || "_.:-".contains(s[j]) { attrName.append(s[j]); j += 1 }
            // Optional value.
            var k = j
            while k < s.count, isSpace(s[k]) { k += 1 }
            var value: String?
            if k < s.count, s[k] == "=" {
                k += 1
                while k < s.count, isSpace(s[k]) { k += 1 }
                guard k < s.count else { return nil }
                if s[k] == "\"" || s[k] == "'" {
                    let q = s[k]
                    var e = k + 1
                    while e < s.count, s[e] != q { e += 1 }
                    guard e < s.count else { return nil }
                    value = String(s[(k + 1)..<e])
                    j = e + 1
                } else {
                    var e = k
                    while e < s.count, !isSpace(s[e]), !"\"'=<>`".contains(s[e]) { e += 1 }
                    guard e > k else { return nil }
                    value = String(s[k..<e])
                    j = e
                }
            }
            attributes.append(Attribute(name: attrName, value: value, raw: String(s[wsStart..<j])))
        }
    }
}
