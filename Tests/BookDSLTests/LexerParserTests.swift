import Testing
@testable import BookDSL

@Suite struct LexerTests {
    func kinds(_ s: String) -> [String] {
        var l = Lexer(s)
        return l.tokenize().dropLast().map { t in
            switch t.kind {
            case .int: return "int:\(t.intValue)"
            case .double: return "double:\(t.doubleValue)"
            case .string: return "string"
            default: return t.text
            }
        }
    }

    @Test func numbers() {
        #expect(kinds("1_000_000 1e-4 2.5 0x1F 7.isMultiple") == ["int:1000000", "double:0.0001", "double:2.5", "int:31", "int:7", ".", "isMultiple"])
    }

    @Test func operatorsAndRanges() {
        #expect(kinds("0..<3 1...n a?.b x! a ?? b -> ") == ["int:0", "..<", "int:3", "int:1", "...", "n", "a", "?", ".", "b", "x", "!", "a", "??", "b", "->"])
        #expect(kinds("x+=1") == ["x", "+=", "int:1"])
    }

    @Test func commentsAreSkipped() {
        #expect(kinds("a // line\n/* block /* nested */ */ b") == ["a", "b"])
    }

    @Test func stringInterpolationAndEscapes() {
        var l = Lexer(#""a\t\"b\" \(x + 1)!""#)
        let t = l.tokenize()[0]
        #expect(t.kind == .string)
        #expect(t.parts.count == 3)
        if case .text(let s) = t.parts[0] { #expect(s == "a\t\"b\" ") } else { Issue.record("expected text") }
        if case .interpolation(let toks, _) = t.parts[1] { #expect(toks.map(\.text).prefix(3) == ["x", "+", "1"]) } else { Issue.record("expected interpolation") }
    }

    @Test func multilineStringStripsIndentation() {
        var l = Lexer("let s = \"\"\"\n    one\n      two\n    \"\"\"")
        let toks = l.tokenize()
        #expect(l.errors.isEmpty)
        if case .text(let s) = toks[3].parts[0] { #expect(s == "one\n  two") } else { Issue.record("expected text") }
    }

    @Test func unterminatedStringIsAnError() {
        var l = Lexer("let s = \"abc\nprint(1)")
        _ = l.tokenize()
        #expect(l.errors.first?.message == "unterminated string literal")
    }
}

@Suite struct ParserRecoveryTests {
    func errors(_ code: String) -> [String] {
        var l = Lexer(code)
        var p = Parser(tokens: l.tokenize())
        _ = p.parseProgram()
        return (l.errors.map(\.message) + p.errors.map { "\($0.loc.line):\($0.message)" })
    }

    @Test func reportsSeveralErrorsPerCell() {
        let e = errors("let a = (1 +\nlet b = 2\nlet c = [1, 2\nprint(a b)\n")
        #expect(e.count >= 3, "\(e)")
        #expect(e.contains { $0.hasPrefix("2:") && $0.contains("expected expression") })
        #expect(e.contains { $0.hasPrefix("3:") && $0.contains("expected ']'") })
    }

    @Test func missingParenPointsAtTheLineOfTheOpenExpression() {
        let e = errors("let x = (1 + 2\nprint(\"after\")")
        #expect(e.first == "1:expected ')' in expression list")
    }

    @Test func consecutiveStatementsNeedSemicolon() {
        #expect(errors("let a = 1 let b = 2").contains { $0.contains("consecutive statements on a line must be separated by ';'") })
    }

    @Test func validCodeHasNoErrors() {
        let code = """
        struct P { var x = 0; mutating func inc() { x += 1 } }
        class A: B { override init() { super.init() } }
        enum Mode { case train, eval }
        let f = { (x: Int) -> Int in x * 2 }
        for (i, x) in [1, 2].enumerated() where i > 0 { print(x) }
        switch 3 { case 1, 2: break; case 3...5: print("m"); default: print("d") }
        let t: (min: Int, max: Int)? = nil
        guard let y = t else { fatalError() }
        """
        #expect(errors(code).isEmpty)
    }
}

@Suite struct HostileInputTests {
    @Test func deepNestingIsAnErrorNotACrash() {
        let code = "let x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let o = BookHarness.run(code)
        #expect(o.code == 65)
        #expect(o.diagnostics.first?.message.contains("too deeply nested") == true)
    }
}
