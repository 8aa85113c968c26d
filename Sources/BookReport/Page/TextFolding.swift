/// How long printed text is shown: short text whole, long text as head, a `<details>` with the
/// middle, and tail.
struct TextFolding: Sendable {
    /// Fold when the text has more lines than this.
    var maxLines: Int
    var head: Int
    var tail: Int

    /// For `output: show`: only very long outputs are folded.
    static let show = TextFolding(maxLines: 120, head: 50, tail: 20)
    /// For `output: fold`: anything longer than a screenful is folded.
    static let fold = TextFolding(maxLines: 16, head: 8, tail: 4)
    /// Very long single lines are cut into the fold as well.
    static let maxCharacters = 200_000

    /// HTML for one text output.
    func html(_ text: String, strings: ReportStrings) -> String {
        var body = Substring(text)
        if body.hasSuffix("\n") { body = body.dropLast() }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count <= maxLines && body.utf8.count <= Self.maxCharacters {
            return "<div class=\"rl-text\"><pre>" + HTML.escape(String(body)) + "</pre></div>"
        }
        if lines.count <= maxLines {
            // Few but huge lines: fold by characters.
            let chars = Array(body)
            let headCount = Self.maxCharacters / 2, tailCount = Self.maxCharacters / 4
            let headText = String(chars[0..<headCount])
            let middle = String(chars[headCount..<(chars.count - tailCount)])
            let tailText = String(chars[(chars.count - tailCount)...])
            let hiddenLines = middle.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } + 1
            return folded(headText, middle, tailText, hidden: hiddenLines, strings: strings)
        }
        let headText = lines[0..<head].joined(separator: "\n")
        let middle = lines[head..<(lines.count - tail)].joined(separator: "\n")
        let tailText = lines[(lines.count - tail)...].joined(separator: "\n")
        return folded(headText, middle, tailText, hidden: lines.count - head - tail, strings: strings)
    }

    private func folded(_ head: String, _ middle: String, _ tail: String, hidden: Int, strings: ReportStrings) -> String {
        "<div class=\"rl-text rl-folded\"><pre>" + HTML.escape(head) + "</pre>"
            + "<details class=\"rl-fold\"><summary>" + HTML.escape(strings.hiddenLines(hidden)) + "</summary><pre>"
            + HTML.escape(middle) + "</pre></details>"
            + "<pre>" + HTML.escape(tail) + "</pre></div>"
    }
}
