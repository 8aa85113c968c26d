import Testing
import BookDSL
import RLSupport

@Suite struct RuntimeErrorTests {
    func failure(_ code: String) -> (message: String, line: Int, col: Int) {
        let o = BookHarness.run(code)
        guard let d = o.diagnostics.first else { return ("no error", 0, 0) }
        return (d.message, d.location?.line ?? 0, d.location?.column ?? 0)
    }

    @Test func overflow() {
        let f = failure("var x = Int.max\nx = x * 2")
        #expect(f.message.contains("overflow") && f.line == 2)
        #expect(failure("let m = Int.min\nprint(-m)").message.contains("overflow"))
        #expect(failure("var a = [Int.max]\na[0] += 1").message.contains("overflow"))
    }

    @Test func divisionByZero() {
        let f = failure("let z = 0\nprint(10 / z)")
        #expect(f.message == "division by zero" && f.line == 2 && f.col == 10)
        #expect(failure("var k = 5\nk %= 0").message.contains("division by zero"))
    }

    @Test func indexOutOfRange() {
        #expect(failure("var a = [1]\na[1] = 2").message.contains("index out of range"))
        #expect(failure("let a = [1, 2]\nprint(a[-1])").message.contains("index out of range"))
        #expect(failure("var a: [Int] = []\n_ = a.removeLast()").message.contains("empty"))
    }

    @Test func nilUnwrap() {
        let f = failure("let d: [String: Int] = [:]\nlet x = d[\"a\"]!")
        #expect(f.message.contains("unexpectedly found nil") && f.line == 2)
    }

    @Test func deepRecursion() {
        let f = failure("func r(_ n: Int) -> Int { r(n + 1) }\nprint(r(0))")
        #expect(f.message.contains("recursion"))
    }

    @Test func typeMismatchAtRunTime() {
        #expect(failure("let a: Any = 1\nlet b = \"x\"\nprint(1 + b)").message.contains("cannot be applied"))
        #expect(failure("func f(_ x: Int) -> Int { x }\nlet v: [Any] = [\"s\"]\nprint(f(v[0] as! Int))").message.contains("could not cast"))
    }

    @Test func errorRenderingHasSourceLineAndCaret() {
        let o = BookHarness.run([.init(text: "let a = [1]\nprint(a[5])", firstLine: 10)], file: "t.md")
        let r = o.diagnostics.first?.rendered ?? ""
        #expect(r.hasPrefix("t.md:11:8: error: index out of range"))
        #expect(r.contains("    print(a[5])\n           ^"))
    }
}

@Suite struct StaticCheckTests {
    func errors(_ code: String) -> [String] { BookHarness.run(code).diagnostics.map(\.message) }

    @Test func unknownNameWithSuggestion() {
        #expect(errors("let reward = 1\nprint(rewrad)") == ["cannot find 'rewrad' in scope; did you mean 'reward'?"])
    }

    @Test func nothingRunsWhenALaterCellHasAnError() {
        let o = BookHarness.run([.init(text: "print(\"a\")", firstLine: 1), .init(text: "print(nope)", firstLine: 5)])
        #expect(o.stdout == "" && o.code == 65)
    }

    @Test func letAssignmentAndMutation() {
        #expect(errors("let a = 1\na += 1") == ["cannot assign to value: 'a' is a 'let' constant"])
        #expect(errors("let xs = [1]\nxs.append(2)").first?.contains("'xs' is a 'let' constant") == true)
        #expect(errors("struct P { var x = 0 }\nlet p = P()\np.x = 1").first == "cannot assign to property: 'p' is a 'let' constant")
        #expect(errors("struct P { var x = 0; func f() { x = 1 } }").first == "cannot assign to property: 'self' is immutable")
        #expect(errors("class C { var x = 0 }\nlet c = C()\nc.x = 1").isEmpty)
    }

    @Test func argumentLabelsAndArity() {
        #expect(errors("func f(a: Int) {}\nf(b: 1)") == ["incorrect argument label in call (have 'b:', expected 'a:')"])
        #expect(errors("func f(_ a: Int, _ b: Int) {}\nf(1)") == ["missing argument for parameter #2 in call"])
        #expect(errors("func f() {}\nf(1)") == ["argument passed to call that takes no arguments"])
        #expect(errors("func f(x: Int) {}\nf(1)") == ["missing argument label 'x:' in call"])
        #expect(errors("struct P { var x: Double; var y: Double }\nlet p = P(x: 1, z: 2)").first?.contains("incorrect argument label") == true)
        #expect(errors("print(1, sep: \"-\")").first?.contains("argument") == true)
    }

    @Test func literalTypeMismatch() {
        #expect(errors("let n: Int = \"five\"") == ["cannot convert value of type 'String' to specified type 'Int'"])
        #expect(errors("let n: Int = 2.5") == ["cannot convert value of type 'Double' to specified type 'Int'"])
        #expect(errors("let xs: [Double] = [1, \"a\"]") == ["cannot convert value of type 'String' to expected element type 'Double'"])
        #expect(errors("func f(_ s: String) {}\nf(3)") == ["cannot convert value of type 'Int' to expected argument type 'String'"])
        #expect(errors("let d: Double = 1\nlet o: Int? = nil").isEmpty)
    }

    @Test func syntaxErrorsComeFirst() {
        // the unknown name `y` is not reported while the cell has a syntax error
        #expect(errors("let x = (1 + 2\nprint(y)") == ["expected ')' in expression list"])
        #expect(errors("let a = 1 +\n\nlet b = [1, 2\nprint(a)").count == 2)
    }
}

@Suite struct MemberCheckTests {
    @Test func methodsOfKnownTypesAreCheckedStatically() {
        let e = BookHarness.run("struct Agent { func act(state: Int) -> Int { state } }\nlet a = Agent()\nprint(a.act(1))\nprint(a.actt(state: 1))").diagnostics.map(\.message)
        #expect(e == ["missing argument label 'state:' in call", "value of type 'Agent' has no member 'actt'; did you mean 'act'?"])
    }

    @Test func optionalChainingCalls() {
        #expect(run("class A { func f() -> Int { 1 } }\nvar a: A? = nil\nprint(a?.f() as Any)\na = A()\nprint(a?.f() ?? 0, a?.f() as Any)") == "nil\n1 Optional(1)\n")
    }
}

@Suite struct CrossCellLocationTests {
    @Test func errorInsideAFunctionFromAnEarlierCellPointsIntoThatCell() {
        let o = BookHarness.run([
            .init(text: "func at(_ xs: [Int], _ i: Int) -> Int {\n    xs[i]\n}", firstLine: 3),
            .init(text: "print(\"x\")\nprint(at([1], 5))", firstLine: 20),
        ], file: "book.md")
        let d = o.diagnostics.first
        #expect(d?.message.contains("index out of range") == true)
        #expect(d?.location?.line == 4 && d?.location?.column == 7)
        #expect(d?.sourceLine == "    xs[i]")
    }
}
