/// Turns a TeX math subset into MathML Core markup (which Chromium, Firefox and Safari render
/// without scripts or fonts from the network): letters, numbers and operators; `^` and `_`
/// (limits under/over large operators and `\max`-like functions in display math); `\frac`,
/// `\sqrt`, Greek letters, `\text`, `\mathbb`/`\mathbf`/`\mathcal`/`\mathrm`, accents
/// (`\hat`, `\bar`, ...), `\left( ... \right)`, spacing, and the `aligned`, `cases` and matrix
/// environments. An unknown command becomes `<merror>` showing its TeX source (a visible box);
/// nothing the input contains can break out of the `<math>` element.
struct TeXParser {
    /// One item of a row: its MathML, and scripts attached to it.
    struct Atom {
        var mathml: String
        var limits = false
        var name = ""
        var sub: String?
        var sup: String?

        func render(display: Bool) -> String {
            switch (sub, sup) {
            case (nil, nil): return mathml
            case (let b?, nil): return limits && display ? "<munder>\(mathml)\(b)</munder>" : "<msub>\(mathml)\(b)</msub>"
            case (nil, let p?): return limits && display ? "<mover>\(mathml)\(p)</mover>" : "<msup>\(mathml)\(p)</msup>"
            case (let b?, let p?):
                return limits && display ? "<munderover>\(mathml)\(b)\(p)</munderover>" : "<msubsup>\(mathml)\(b)\(p)</msubsup>"
            }
        }
    }

    enum Stop: Equatable { case end, brace, bracket, right, cell, row, environment }

    static let maxDepth = 60

    let s: [Character]
    let display: Bool
    var i = 0
    var depth = 0
    /// Letter style from `\mathbb` etc. ("" for italic letters).
    var style = ""
    /// Unknown commands met, in order.
    var unsupported: [String] = []

    init(_ tex: String, display: Bool) {
        s = Array(tex)
        self.display = display
    }

    static func escape(_ t: String) -> String { MarkdownEscape.html(t) }

    func peek(_ k: Int = 0) -> Character? { i + k < s.count ? s[i + k] : nil }

    mutating func skipSpaces() { while let c = peek(), c == " " || c == "\n" || c == "\t" { i += 1 } }

    /// Parses atoms up to a stop; returns the row's MathML and which stop ended it.
    mutating func row(until stops: Set<Stop>) -> (String, Stop) {
        depth += 1
        defer { depth -= 1 }
        var atoms: [Atom] = []
        if depth > Self.maxDepth {
            let rest = String(s[i...])
            i = s.count
            unsupported.append("nesting too deep")
            return ("<merror><mtext>" + Self.escape(rest) + "</mtext></merror>", .end)
        }
        while let c = peek() {
            switch c {
            case " ", "\n", "\t", "~":
                i += 1
                if c == "~" { atoms.append(Atom(mathml: "<mspace width=\"0.25em\"></mspace>")) }
            case "}":
                i += 1
                if stops.contains(.brace) { return (Self.join(atoms, display), .brace) }
            case "]" where stops.contains(.bracket):
                i += 1
                return (Self.join(atoms, display), .bracket)
            case "&" where stops.contains(.cell):
                i += 1
                return (Self.join(atoms, display), .cell)
            case "^", "_":
                i += 1
                let arg = argument()
                if atoms.isEmpty { atoms.append(Atom(mathml: "<mrow></mrow>")) }
                if c == "^" {
                    atoms[atoms.count - 1].sup = atoms[atoms.count - 1].sup.map { "<mrow>" + $0 + arg + "</mrow>" } ?? arg
                } else {
                    atoms[atoms.count - 1].sub = arg
                }
            case "'":
                var primes = ""
                while peek() == "'" { primes += "′"; i += 1 }
                if atoms.isEmpty { atoms.append(Atom(mathml: "<mrow></mrow>")) }
                atoms[atoms.count - 1].sup = "<mo>" + primes + "</mo>"
            case "\\":
                if peek(1) == "\\" {
                    i += 2
                    if stops.contains(.row) { return (Self.join(atoms, display), .row) }
                    continue
                }
                let name = commandName()
                if name == "right", stops.contains(.right) { return (Self.join(atoms, display), .right) }
                if name == "end", stops.contains(.environment) {
                    _ = braced()
                    return (Self.join(atoms, display), .environment)
                }
                if let atom = command(name) {
                    if atom.name == "max" || atom.name == "min", let last = atoms.last, last.name == "arg", last.sub == nil, last.sup == nil {
                        atoms[atoms.count - 1] = Atom(mathml: "<mi>arg\u{2009}" + atom.name + "</mi>", limits: true, name: "arg" + atom.name)
                    } else {
                        atoms.append(atom)
                    }
                }
            default:
                atoms.append(single())
            }
        }
        return (Self.join(atoms, display), .end)
    }

    static func join(_ atoms: [Atom], _ display: Bool) -> String {
        atoms.map { $0.render(display: display) }.joined()
    }

    /// One character as an atom: letter, number or operator.
    mutating func single() -> Atom {
        let c = s[i]
        if c.isNumber, c.isASCII {
            var n = ""
            while let d = peek(), d.isASCII, d.isNumber || (d == "." && (peek(1)?.isNumber ?? false)) { n.append(d); i += 1 }
            if !style.isEmpty { return Atom(mathml: "<mn>" + n.map { TeXSymbols.styled($0, style) }.joined() + "</mn>") }
            return Atom(mathml: "<mn>" + n + "</mn>")
        }
        i += 1
        if c.isLetter {
            if style == "rm" { return Atom(mathml: "<mi mathvariant=\"normal\">" + Self.escape(String(c)) + "</mi>") }
            if !style.isEmpty { return Atom(mathml: "<mi>" + TeXSymbols.styled(c, style) + "</mi>") }
            return Atom(mathml: "<mi>" + Self.escape(String(c)) + "</mi>")
        }
        if c == "{" {
            let (inner, _) = row(until: [.brace])
            return Atom(mathml: "<mrow>" + inner + "</mrow>")
        }
        let symbol: String
        switch c {
        case "-": symbol = "−"
        case "*": symbol = "∗"
        default: symbol = String(c)
        }
        return Atom(mathml: "<mo>" + Self.escape(symbol) + "</mo>")
    }

    /// The argument of `^`, `_` or a command: a `{group}`, a command, or one character.
    mutating func argument() -> String {
        skipSpaces()
        guard let c = peek() else { return "<mrow></mrow>" }
        if c == "{" {
            i += 1
            let (inner, _) = row(until: [.brace])
            return "<mrow>" + inner + "</mrow>"
        }
        if c == "\\" {
            let name = commandName()
            return command(name)?.render(display: display) ?? "<mrow></mrow>"
        }
        if c.isNumber {
            // A single digit only (`x^23` is x² followed by 3).
            i += 1
            return "<mn>" + String(c) + "</mn>"
        }
        return single().render(display: display)
    }

    /// The name after `\` (letters, or one other character).
    mutating func commandName() -> String {
        i += 1
        guard let c = peek() else { return "" }
        if c.isASCII, c.isLetter {
            var name = ""
            while let d = peek(), d.isASCII, d.isLetter { name.append(d); i += 1 }
            return name
        }
        i += 1
        return String(c)
    }

    /// The raw text of a `{...}` group (for `\text`, environment names), braces balanced.
    mutating func braced() -> String {
        skipSpaces()
        guard peek() == "{" else {
            if let c = peek() { i += 1; return String(c) }
            return ""
        }
        i += 1
        var level = 1
        var out = ""
        while let c = peek() {
            i += 1
            if c == "\\", let n = peek() { out.append(c); out.append(n); i += 1; continue }
            if c == "{" { level += 1 }
            if c == "}" { level -= 1; if level == 0 { break } }
            out.append(c)
        }
        return out
    }
}
