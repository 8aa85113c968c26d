/// The TeX commands `TeXParser` knows, by kind.
enum TeXSymbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Operators, relations, arrows and other symbols shown as `<mo>`.
    static let operators: [String: String] = [
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
        "equiv": "≡", "propto": "∝", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "cdot": "⋅", "times": "×", "div": "÷", "pm": "±",
        "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "∙", "oplus": "⊕", "otimes": "⊗", "odot": "⊙",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑",
        "downarrow": "↓", "longrightarrow": "⟶", "forall": "∀", "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧",
        "wedge": "∧", "lor": "∨", "vee": "∨", "mid": "∣", "parallel": "∥", "|": "‖", "perp": "⊥", "ll": "≪", "gg": "≫",
        "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "coloneqq": "≔", "triangleq": "≜", "doteq": "≐",
        "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "dots": "…", "langle": "⟨", "rangle": "⟩",
        "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
        "vert": "|", "Vert": "‖", "backslash": "∖", "colon": ":", "sharp": "♯", "lvert": "|", "rvert": "|",
        "lVert": "‖", "rVert": "‖", "lbrack": "[", "rbrack": "]", "leqslant": "⩽", "geqslant": "⩾", "nleq": "≰",
        "ngeq": "≱", "cong": "≅", "models": "⊨", "vdash": "⊢", "intercal": "⊺", "hookrightarrow": "↪",
        "rightleftharpoons": "⇌", "longleftarrow": "⟵", "Longrightarrow": "⟹", "nearrow": "↗", "searrow": "↘",
    ]

    /// Symbols shown as identifiers.
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "emptyset": "∅", "varnothing": "∅", "ell": "ℓ", "hbar": "ℏ",
        "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "top": "⊤", "bot": "⊥", "prime": "′", "angle": "∠", "triangle": "△",
        "dagger": "†", "imath": "ı", "jmath": "ȷ",
    ]

    /// Large operators (limits go below and above in display math).
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮", "bigcup": "⋃",
        "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
    ]

    /// Upright function names; the `true` ones take limits below (`\max_{a}`).
    static let functions: [String: Bool] = [
        "max": true, "min": true, "lim": true, "sup": true, "inf": true, "argmax": true, "argmin": true, "limsup": true,
        "liminf": true, "det": true, "Pr": true, "gcd": true,
        "log": false, "ln": false, "exp": false, "sin": false, "cos": false, "tan": false, "sinh": false, "cosh": false,
        "tanh": false, "arg": false, "dim": false, "ker": false, "deg": false, "sec": false, "csc": false, "cot": false,
        "arcsin": false, "arccos": false, "arctan": false, "sgn": false, "softmax": false, "KL": false,
    ]

    static let accents: [String: String] = [
        "hat": "ˆ", "widehat": "ˆ", "bar": "¯", "overline": "¯", "tilde": "˜", "widetilde": "˜", "vec": "→",
        "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘", "acute": "´", "grave": "`",
    ]

    /// Spacing commands and their widths in em.
    static let spaces: [String: String] = [",": "0.1667em", ":": "0.2222em", ">": "0.2222em", ";": "0.2778em",
                                           "!": "-0.1667em", "quad": "1em", "qquad": "2em", " ": "0.25em", "enspace": "0.5em"]

    /// Letters in the Mathematical Alphanumeric Symbols block (MathML Core renders `mathvariant` only for "normal").
    static func styled(_ c: Character, _ style: String) -> String {
        let specials: [String: [Character: String]] = [
            "bb": ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
            "cal": ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"],
            "frak": ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"],
        ]
        if let s = specials[style]?[c] { return s }
        guard let v = c.asciiValue else { return String(c) }
        let upper = v >= 65 && v <= 90, lower = v >= 97 && v <= 122, digit = v >= 48 && v <= 57
        let base: UInt32
        switch style {
        case "bb":
            if digit { base = 0x1D7D8 - 48 } else if upper { base = 0x1D538 - 65 } else if lower { base = 0x1D552 - 97 } else { return String(c) }
        case "bf":
            if digit { base = 0x1D7CE - 48 } else if upper { base = 0x1D400 - 65 } else if lower { base = 0x1D41A - 97 } else { return String(c) }
        case "cal":
            if upper { base = 0x1D49C - 65 } else if lower { base = 0x1D4B6 - 97 } else { return String(c) }
        case "frak":
            if upper { base = 0x1D504 - 65 } else if lower { base = 0x1D51E - 97 } else { return String(c) }
        case "sf":
            if digit { base = 0x1D7E2 - 48 } else if upper { base = 0x1D5A0 - 65 } else if lower { base = 0x1D5BA - 97 } else { return String(c) }
        case "tt":
            if digit { base = 0x1D7F6 - 48 } else if upper { base = 0x1D670 - 65 } else if lower { base = 0x1D68A - 97 } else { return String(c) }
        default: return String(c)
        }
        guard let scalar = Unicode.Scalar(base + UInt32(v)) else { return String(c) }
        return String(Character(scalar))
    }
}
