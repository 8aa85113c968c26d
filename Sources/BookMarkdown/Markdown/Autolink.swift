/// `<scheme:...>` and `<user@host>` autolinks (CommonMark spec 6.5).
enum Autolink {
    struct Target { var text: String; var email: Bool }

    /// The autolink starting at `i` (`<`), and the index after `>`.
    static func angle(_ s: [Character], at i: Int) -> (Target, Int)? {
        var j = i + 1
        // URI: scheme of 2-32 characters, `:`, then no spaces, `<`, `>` or controls.
        var k = j
        if k < s.count, s[k].isASCII, s[k].isLetter {
            k += 1
            while k < s.count, s[k].isASCII, s[k].isLetter || s[k].isNumber || s[k] == "+" || s[k] == "." || s[k] == "-" { k += 1 }
            let schemeLength = k - j
            if (2...32).contains(schemeLength), k < s.count, s[k] == ":" {
                k += 1
                while k < s.count, s[k] != "<", s[k] != ">", let v = s[k].unicodeScalars.first?.value, v > 0x20, s[k].unicodeScalars.count == 1 || v > 0x7F {
                    k += 1
                }
                if k < s.count, s[k] == ">" { return (Target(text: String(s[j..<k]), email: false), k + 1) }
            }
        }
        // Email.
        let localChars = Set(".!#$%&'*+/=?^_`{|}~-")
        while j < s.count, s[j].isASCII, s[j].isLetter || s[j].isNumber || localChars.contains(s[j]) { j += 1 }
        guard j > i + 1, j < s.count, s[j] == "@" else { return nil }
        j += 1
        var labelLength = 0
        var lastWasHyphen = false
        let domainStart = j
        while j < s.count {
            let c = s[j]
            if c.isASCII, c.isLetter || c.isNumber {
                labelLength += 1; lastWasHyphen = false
            } else if c == "-" {
                if labelLength == 0 { return nil }
                labelLength += 1; lastWasHyphen = true
            } else if c == "." {
                if labelLength == 0 || lastWasHyphen { return nil }
                labelLength = 0
            } else { break }
            if labelLength > 63 { return nil }
            j += 1
        }
        guard j > domainStart, labelLength > 0, !lastWasHyphen, j < s.count, s[j] == ">" else { return nil }
        return (Target(text: String(s[(i + 1)..<j]), email: true), j + 1)
    }
}
