/// Checks that HTML tags nest properly (void elements excepted); returns a description of the
/// first problem or nil. Used on renderer output, which never contains raw `<` in text.
public enum TagBalance {
    public static let void: Set<String> = ["br", "hr", "img", "meta", "input", "link", "source", "track", "wbr", "col"]

    public static func check(_ html: String) -> String? {
        var stack: [String] = []
        let chars = Array(html)
        var i = 0
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            var j = i + 1
            if j + 2 < chars.count, chars[j] == "!", chars[j + 1] == "-", chars[j + 2] == "-" {
                // A comment ends at `-->` (or is `<!-->` / `<!--->`), as browsers read it.
                let rest = String(chars[(j + 3)...])
                if rest.hasPrefix(">") { i = j + 4; continue }
                if rest.hasPrefix("->") { i = j + 5; continue }
                guard let end = rest.range(of: "-->") else { return "unclosed comment at \(i)" }
                i = j + 3 + rest.distance(from: rest.startIndex, to: end.upperBound)
                continue
            }
            if j < chars.count, chars[j] == "!" || chars[j] == "?" {
                while j < chars.count, chars[j] != ">" { j += 1 }
                i = j + 1
                continue
            }
            let closing = j < chars.count && chars[j] == "/"
            if closing { j += 1 }
            var name = ""
            while j < chars.count, chars[j].isLetter || chars[j].isNumber { name.append(chars[j]); j += 1 }
            while j < chars.count, chars[j] != ">" { j += 1 }
            if name.isEmpty { return "stray '<' at \(i)" }
            if closing {
                guard stack.last == name else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else if !void.contains(name) {
                stack.append(name)
                if name == "script" || name == "style" {
                    // Skip raw text up to the closing tag.
                    let end = "</" + name
                    while j < chars.count, !String(chars[j..<min(chars.count, j + end.count)]).hasPrefix(end) { j += 1 }
                    i = j
                    continue
                }
            }
            i = j + 1
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "><"))>"
    }
}
