/// Highlighting for prose code fences the books show beside Swift cells: ```python (also `py`),
/// ```sh (`bash`, `shell`, `console`, `zsh`) and ```text (plain). Tokens become
/// `<span class="hl-KIND">` with the classes of the report's Swift highlighter (`kw`, `str`, `num`,
/// `com`, `fn`), so one stylesheet colours both. Linear, never fails; all text is escaped.
enum FenceHighlighter {
    enum Language { case python, shell }

    static func language(_ info: String) -> Language? {
        switch info.lowercased() {
        case "python", "py", "python3", "pycon": .python
        case "sh", "bash", "shell", "console", "zsh", "shell-session": .shell
        default: nil
        }
    }

    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "self",
    ]
    static let shellKeywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function",
        "export", "local", "return", "source", "cd", "echo", "set", "unset", "exit", "sudo",
    ]

    /// Highlighted HTML of `code` (already the fence's literal text).
    static func html(_ code: String, _ language: Language) -> String {
        let c = Array(code)
        var out = ""
        var i = 0
        func span(_ kind: String, _ from: Int, _ to: Int) {
            out += "<span class=\"hl-\(kind)\">" + MarkdownEscape.html(String(c[from..<to])) + "</span>"
        }
        let keywords = language == .python ? pythonKeywords : shellKeywords
        var lineStart = true
        while i < c.count {
            let ch = c[i]
            if ch == "#" && (language == .python || i == 0 || c[i - 1] == " " || c[i - 1] == "\t" || c[i - 1] == "\n") {
                let s = i
                while i < c.count, c[i] != "\n" { i += 1 }
                span("com", s, i)
                continue
            }
            if ch == "\"" || ch == "'" {
                let s = i
                let triple = language == .python && i + 2 < c.count && c[i + 1] == ch && c[i + 2] == ch
                i += triple ? 3 : 1
                while i < c.count {
                    if c[i] == "\\", language == .python || ch == "\"" { i += 2; continue }
                    if triple {
                        if c[i] == ch, i + 2 < c.count, c[i + 1] == ch, c[i + 2] == ch { i += 3; break }
                    } else if c[i] == ch {
                        i += 1; break
                    } else if c[i] == "\n", language == .python { break }
                    i += 1
                }
                span("str", s, min(i, c.count))
                i = min(i, c.count)
                continue
            }
            if ch.isNumber, i == 0 || !(c[i - 1].isLetter || c[i - 1] == "_" || c[i - 1].isNumber) {
                let s = i
                while i < c.count, c[i].isNumber || c[i] == "." || c[i] == "_" || c[i] == "e" || c[i] == "x" { i += 1 }
                span("num", s, i)
                continue
            }
            if ch.isLetter || ch == "_" {
                let s = i
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" || (language == .shell && c[i] == "-") { i += 1 }
                let word = String(c[s..<i])
                if keywords.contains(word) {
                    span("kw", s, i)
                } else if language == .python, i < c.count, c[i] == "(" {
                    span("fn", s, i)
                } else if language == .shell, lineStart {
                    span("fn", s, i) // the command
                } else {
                    out += MarkdownEscape.html(word)
                }
                lineStart = false
                continue
            }
            if ch == "\n" { lineStart = true } else if ch == "|" || ch == ";" || ch == "&" { lineStart = true }
            else if ch != " " && ch != "\t" && ch != "$" && ch != ">" { lineStart = false }
            out += MarkdownEscape.html(String(ch))
            i += 1
        }
        return out
    }
}
