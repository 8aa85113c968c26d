/// The commands and environments of `TeXParser`.
extension TeXParser {
    static let styles: [String: String] = [
        "mathbb": "bb", "mathbf": "bf", "boldsymbol": "bf", "bm": "bf", "mathcal": "cal", "mathscr": "cal",
        "mathfrak": "frak", "mathsf": "sf", "mathtt": "tt", "mathrm": "rm", "mathit": "", "operatorname": "rm",
    ]
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", ".": "", "\\{": "{", "\\}": "}", "\\|": "‖",
        "\\langle": "⟨", "\\rangle": "⟩", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉",
        "\\vert": "|", "\\Vert": "‖", "\\lvert": "|", "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "<": "⟨", ">": "⟩",
    ]
    static let ignored: Set<String> = ["limits", "nolimits", "displaystyle", "textstyle", "scriptstyle", "nonumber", "notag",
                                       "left", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
                                       "biggl", "biggr", "Biggl", "Biggr"]

    static func mo(_ s: String) -> Atom { Atom(mathml: "<mo>" + escape(s) + "</mo>") }

    /// The atom for `\name` (the name already read), or nil when it produces nothing.
    mutating func command(_ name: String) -> Atom? {
        if let g = TeXSymbols.greek[name] {
            let upper = name.first?.isUppercase ?? false
            return Atom(mathml: upper ? "<mi mathvariant=\"normal\">\(g)</mi>" : "<mi>\(g)</mi>")
        }
        if let o = TeXSymbols.operators[name] { return Self.mo(o) }
        if let o = TeXSymbols.identifiers[name] { return Atom(mathml: "<mi>\(Self.escape(o))</mi>") }
        if let o = TeXSymbols.largeOperators[name] { return Atom(mathml: "<mo largeop=\"true\" movablelimits=\"true\">\(o)</mo>", limits: !name.hasSuffix("int")) }
        if let limits = TeXSymbols.functions[name] {
            let shown = name == "argmax" ? "arg\u{2009}max" : name == "argmin" ? "arg\u{2009}min" : name
            return Atom(mathml: "<mi>\(shown)</mi>" + (limits ? "" : "<mspace width=\"0.1667em\"></mspace>"), limits: limits, name: name)
        }
        if let w = TeXSymbols.spaces[name] { return Atom(mathml: "<mspace width=\"\(w)\"></mspace>") }
        if let a = TeXSymbols.accents[name] {
            let base = argument()
            let stretchy = name.hasPrefix("wide") || name == "overline" ? "true" : "false"
            return Atom(mathml: "<mover accent=\"true\">\(base)<mo stretchy=\"\(stretchy)\">\(Self.escape(a))</mo></mover>")
        }
        if let st = Self.styles[name] {
            if name == "operatorname" {
                let star = peek() == "*"
                if star { i += 1 }
                let text = braced().filter { $0 != "\\" }
                return Atom(mathml: "<mi>" + Self.escape(text) + "</mi>" + (star ? "" : "<mspace width=\"0.1667em\"></mspace>"), limits: star)
            }
            let saved = style
            style = st
            let arg = argument()
            style = saved
            return Atom(mathml: arg)
        }
        if Self.ignored.contains(name) {
            if name.hasPrefix("big") || name.hasPrefix("Big") { return delimiter().map { Self.mo($0) } }
            if name == "left" { return leftRight() }
            return nil
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let a = argument(), b = argument()
            return Atom(mathml: "<mfrac>\(a)\(b)</mfrac>")
        case "binom", "tbinom", "dbinom":
            let a = argument(), b = argument()
            return Atom(mathml: "<mrow><mo>(</mo><mfrac linethickness=\"0\">\(a)\(b)</mfrac><mo>)</mo></mrow>")
        case "sqrt":
            skipSpaces()
            if peek() == "[" {
                i += 1
                let (index, _) = row(until: [.bracket])
                let body = argument()
                return Atom(mathml: "<mroot>\(body)<mrow>\(index)</mrow></mroot>")
            }
            return Atom(mathml: "<msqrt>\(argument())</msqrt>")
        case "not":
            // `\not=`, `\not\in`: the next symbol struck through (U+0338 combining long solidus).
            skipSpaces()
            guard peek() != nil else { return nil }
            let next = argument()
            if next.hasPrefix("<mo>"), next.hasSuffix("</mo>") {
                return Atom(mathml: String(next.dropLast(5)) + "\u{0338}</mo>")
            }
            return Atom(mathml: "<menclose notation=\"updiagonalstrike\">\(next)</menclose>")
        case "text", "textrm", "textit", "textbf", "mbox", "textsf", "texttt", "mathop", "hbox", "emph", "textnormal":
            let t = braced()
            if name == "mathop" { return Atom(mathml: "<mi>\(Self.escape(t))</mi>", limits: true) }
            return Atom(mathml: "<mtext>\(Self.escape(t))</mtext>")
        case "underbrace", "overbrace":
            let body = argument()
            let brace = name == "underbrace" ? "⏟" : "⏞"
            let tag = name == "underbrace" ? "munder" : "mover"
            return Atom(mathml: "<\(tag)>\(body)<mo stretchy=\"true\">\(brace)</mo></\(tag)>", limits: true)
        case "underset", "overset", "stackrel":
            let top = argument(), base = argument()
            return Atom(mathml: name == "underset" ? "<munder>\(base)\(top)</munder>" : "<mover>\(base)\(top)</mover>")
        case "label", "tag":
            _ = braced()
            return nil
        case "begin":
            return environment(braced())
        case "%", "$", "#", "&", "_":
            return Self.mo(name)
        case "":
            return nil
        default:
            unsupported.append("\\" + name)
            return Atom(mathml: "<merror><mtext>\\\(Self.escape(name))</mtext></merror>")
        }
    }

    /// A delimiter after `\left`, `\right` or `\big`.
    mutating func delimiter() -> String? {
        skipSpaces()
        guard let c = peek() else { return nil }
        var key = String(c)
        if c == "\\" {
            key = "\\" + commandName()
        } else {
            i += 1
        }
        if let d = Self.delimiters[key] { return d }
        unsupported.append(key)
        return key
    }

    mutating func leftRight() -> Atom {
        let open = delimiter() ?? ""
        let (inner, stop) = row(until: [.right])
        let close = stop == .right ? (delimiter() ?? "") : ""
        func fence(_ d: String) -> String { d.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(Self.escape(d))</mo>" }
        return Atom(mathml: "<mrow>" + fence(open) + inner + fence(close) + "</mrow>")
    }

    /// `aligned`, `align`, `gathered`, `split`, `cases`, `matrix` variants and `array`.
    mutating func environment(_ name: String) -> Atom? {
        if name == "array" { _ = braced() }
        var rows: [[String]] = []
        var cells: [String] = []
        while true {
            let (cell, stop) = row(until: [.cell, .row, .environment])
            cells.append(cell)
            if stop == .cell { continue }
            rows.append(cells)
            cells = []
            if stop != .row { break }
        }
        if let last = rows.last, last.count == 1, last[0].isEmpty, rows.count > 1 { rows.removeLast() }
        let bare = name.hasSuffix("*") ? String(name.dropLast()) : name
        var columnAlign = ""
        switch bare {
        case "aligned", "align", "split", "alignat", "alignedat", "eqnarray": columnAlign = " columnalign=\"right left right left right left\""
        case "cases", "dcases", "array": columnAlign = " columnalign=\"left left\""
        case "gathered", "gather", "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "equation", "multline": break
        default:
            unsupported.append("\\begin{\(name)}")
        }
        var table = "<mtable\(columnAlign)>"
        for r in rows {
            table += "<mtr>" + r.map { "<mtd>" + $0 + "</mtd>" }.joined() + "</mtr>"
        }
        table += "</mtable>"
        let fences: [String: (String, String)] = ["pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"),
                                                  "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "cases": ("{", ""), "dcases": ("{", "")]
        if let (l, r) = fences[bare] {
            let right = r.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\">\(r)</mo>"
            return Atom(mathml: "<mrow><mo fence=\"true\" stretchy=\"true\">\(l)</mo>\(table)\(right)</mrow>")
        }
        return Atom(mathml: table)
    }
}
