import Testing
@testable import BookDSL

/// `Interpreter.compile(_:binding:)`: values bound to a cell's top-level declarations (the runner's
/// parameter overrides), never spliced into the code as text.
@Suite struct BoundValueTests {
    func runBound(_ code: String, _ values: [String: Value]) -> (printed: String, errors: [String]) {
        let interp = Interpreter()
        var printed = ""
        interp.output = { printed += $0 }
        switch interp.compile(SourceText(file: "b.md", text: code, firstLine: 3), binding: values) {
        case .failure(let ds): return ("", ds.map { "\($0.location?.line ?? 0): \($0.message)" })
        case .success(let cell):
            if let d = interp.run(cell, timeout: nil) { return (printed, [d.message]) }
            return (printed, [])
        }
    }

    @Test func aStringWithQuotesBackslashesAndInterpolationSyntaxArrivesExactly() {
        let tricky = "he said \"hi\" \\ \\(x) \\n \"\"\" // not a comment\n\ttab 中文 \\\""
        let r = runBound("let name = \"default\"  // the name\nlet x = 1\nprint(name, terminator: \"\")", ["name": .string(tricky)])
        #expect(r.errors.isEmpty)
        #expect(r.printed == tricky)
    }

    @Test func valuesReplaceTheWrittenInitialValueWithTheirOwnType() {
        let code = "let steps = 40_000\nvar lr: Double = 0.1\nlet on = true\nlet total = steps * 2\nprint(steps, lr, on, total, lr * 2)"
        #expect(runBound(code, [:]).printed == "40000 0.1 true 80000 0.2\n")
        let r = runBound(code, ["steps": .int(3), "lr": .double(0.5), "on": .bool(false)])
        #expect(r.errors.isEmpty)
        #expect(r.printed == "3 0.5 false 6 1.0\n")
    }

    @Test func aValueOfTheWrongTypeIsAnErrorAtTheDeclaration() {
        let r = runBound("let steps: Int = 4\nprint(steps)", ["steps": .string("four")])
        #expect(!r.errors.isEmpty)
        #expect(r.errors.first?.hasPrefix("3: ") == true, "\(r.errors)")
    }

    @Test func aNameTheCellDoesNotDeclareAtItsTopLevelIsAnError() {
        let r = runBound("func f() {\n    let steps = 4\n    print(steps)\n}\nf()", ["steps": .int(9)])
        #expect(r.errors.contains { $0.contains("declares no top-level 'let steps'") })
    }
}
