/// HTML character references (`&amp;`, `&#169;`, `&#x1F600;`) as CommonMark decodes them.
enum Entities {
    /// Name (without `&` and `;`) to text, parsed once from `table`.
    static let named: [String: String] = {
        var map: [String: String] = [:]
        map.reserveCapacity(2200)
        for row in table.split(separator: "\n") {
            guard let colon = row.firstIndex(of: ":") else { continue }
            var text = ""
            for hex in row[row.index(after: colon)...].split(separator: " ") {
                if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { text.unicodeScalars.append(s) }
            }
            map[String(row[..<colon])] = text
        }
        return map
    }()

    /// The text of a reference name (`amp`, `#169`, `#x1F600`), or nil if it is not one.
    static func decode(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            let digits = name.dropFirst(2)
            guard (1...6).contains(digits.count), let v = UInt32(digits, radix: 16) else { return nil }
            return scalar(v)
        }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            guard (1...7).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = UInt32(digits) else { return nil }
            return scalar(v)
        }
        return named[name]
    }

    private static func scalar(_ v: UInt32) -> String {
        guard v != 0, let s = Unicode.Scalar(v) else { return "\u{FFFD}" }
        return String(Character(s))
    }

    /// A reference starting at `i` (which holds `&`): its text and the index after `;`.
    static func match(_ s: [Character], at i: Int) -> (String, Int)? {
        var j = i + 1
        var name = ""
        while j < s.count, j - i <= 33, s[j].isASCII, s[j].isLetter || s[j].isNumber || (s[j] == "#" && j == i + 1) {
            name.append(s[j]); j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty, let text = decode(name) else { return nil }
        return (text, j + 1)
    }
}
