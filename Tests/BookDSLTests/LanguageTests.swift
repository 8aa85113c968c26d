import Testing
import BookDSL

/// Runs `code` as one cell and returns what it printed (or the first error).
func run(_ code: String) -> String {
    let o = BookHarness.run(code)
    if o.code != 0 { return "ERROR \(o.code): " + (o.diagnostics.first?.message ?? "?") }
    return o.stdout
}

@Suite struct ValueSemanticsTests {
    @Test func arraysAndStructsCopyOnAssignment() {
        #expect(run("""
        var a = [1, 2]; var b = a; b.append(3); print(a, b)
        struct S { var v = [0] }
        var s = S(); var t = s; t.v[0] = 9; print(s.v, t.v)
        var d = ["k": 1]; var e = d; e["k"] = 2; print(d, e)
        """) == "[1, 2] [1, 2, 3]\n[0] [9]\n[\"k\": 1] [\"k\": 2]\n")
    }

    @Test func structInsideArrayMutatesInPlace() {
        #expect(run("""
        struct P { var x: Double }
        var ps = [P(x: 1), P(x: 2)]
        ps[1].x += 10
        let copy = ps
        ps[0].x = -1
        print(ps[0].x, ps[1].x, copy[0].x)
        """) == "-1.0 12.0 1.0\n")
    }

    @Test func classesShareReferences() {
        #expect(run("""
        class Box { var n = 0 }
        let a = Box(); let b = a; b.n = 5
        var list = [a]; list[0].n += 1
        print(a.n, a === b)
        """) == "6 true\n")
    }

    @Test func mutatingMethodOnStructVariable() {
        #expect(run("""
        struct Counter { var n = 0; mutating func bump(by k: Int = 1) { n += k } }
        var c = Counter(); c.bump(); c.bump(by: 5)
        var d = c; d.bump()
        print(c.n, d.n)
        """) == "6 7\n")
    }
}

@Suite struct ClosureTests {
    @Test func captureByReference() {
        #expect(run("""
        var total = 0
        let add = { (x: Int) in total += x }
        add(2); add(3)
        print(total)
        func counter() -> () -> Int { var c = 0; return { c += 1; return c } }
        let k = counter(); _ = k(); print(k())
        """) == "5\n2\n")
    }

    @Test func trailingClosuresAndShorthand() {
        #expect(run("""
        let xs = [3, 1, 2]
        print(xs.map { $0 * 10 }, xs.sorted(by: <), xs.reduce(1, *))
        print(xs.filter { x in x != 1 }.count, xs.contains { $0 > 2 })
        func apply(_ n: Int, _ f: (Int) -> Int) -> Int { f(n) }
        print(apply(4) { $0 + 1 })
        let pairs = zip([1, 2], [10, 20]).map { $0 + $1 }
        print(pairs)
        """) == "[30, 10, 20] [1, 2, 3] 6\n2 true\n5\n[11, 22]\n")
    }

    @Test func nestedFunctionsSeeEnclosingLocals() {
        #expect(run("""
        func outer() -> Int {
            var acc = 0
            func add(_ x: Int) { acc += x }
            for i in 1...4 { add(i) }
            return acc
        }
        print(outer())
        """) == "10\n")
    }
}

@Suite struct ClassTests {
    @Test func inheritanceOverrideSuperAndDynamicDispatch() {
        #expect(run("""
        class Shape {
            var name: String
            init(name: String) { self.name = name }
            func area() -> Double { 0 }
            func describe() -> String { "\\(name): \\(area())" }
        }
        class Square: Shape {
            var side: Double
            init(side: Double) { self.side = side; super.init(name: "square") }
            override func area() -> Double { side * side }
        }
        class Unit: Square {
            init() { super.init(side: 1) }
            override func describe() -> String { "unit " + super.describe() }
        }
        let shapes: [Shape] = [Shape(name: "blob"), Square(side: 2), Unit()]
        for s in shapes { print(s.describe()) }
        print(shapes[1] is Square, shapes[0] is Square)
        """) == "blob: 0.0\nsquare: 4.0\nunit square: 1.0\ntrue false\n")
    }

    @Test func computedPropertiesWithSetters() {
        #expect(run("""
        struct Temp {
            var c: Double
            var f: Double {
                get { c * 9 / 5 + 32 }
                set { c = (newValue - 32) * 5 / 9 }
            }
        }
        var t = Temp(c: 100)
        print(t.f)
        t.f = 32
        print(t.c)
        """) == "212.0\n0.0\n")
    }

    @Test func customDescription() {
        #expect(run("""
        struct P: CustomStringConvertible { var x = 1; var description: String { "P<\\(x)>" } }
        class K {}
        print(P(), [P(x: 2)])
        print(K())
        """) == "P<1> [P<2>]\nmain.K\n")
    }
}

@Suite struct SwitchAndEnumTests {
    @Test func switchOnTuplesRangesAndEnums() {
        #expect(run("""
        enum Dir: Int { case left, right, up }
        func f(_ d: Dir) -> String {
            switch d {
            case .left: return "L"
            case .right, .up: return "other"
            }
        }
        print(f(.left), f(Dir.up), Dir.right.rawValue, Dir(rawValue: 2) == .up)
        let p = (1, 0)
        switch p {
        case (0, _): print("y axis")
        case (_, 0): print("x axis")
        default: print("elsewhere")
        }
        switch 42 {
        case let n where n > 40: print("big", n)
        default: print("small")
        }
        """) == "L other 1 true\nx axis\nbig 42\n")
    }

    @Test func fallthroughAndBreak() {
        #expect(run("""
        for i in 0..<3 {
            switch i {
            case 0: print("zero"); fallthrough
            case 1: print("zero or one")
            default: break
            }
        }
        """) == "zero\nzero or one\nzero or one\n")
    }
}

@Suite struct PrintingTests {
    @Test func swiftFormatting() {
        #expect(run("""
        print(1.0, 0.1, 1e20, 1e-5, 100.0 / 3, -0.0, Double.infinity, 5e15, 1e16)
        let o: Int? = 3
        let n: String? = nil
        print(o, n as Any, [1: "a"], [String: Int](), (1, "x"), (a: 1, b: [2.5]))
        print("a", 1, separator: "|", terminator: "$\\n")
        print([Optional(1), nil])
        """) == "1.0 0.1 1e+20 1e-05 33.333333333333336 -0.0 inf 5000000000000000.0 1e+16\nOptional(3) nil [1: \"a\"] [:] (1, \"x\") (a: 1, b: [2.5])\na|1$\n[Optional(1), nil]\n")
    }

    @Test func stringFormat() {
        #expect(run(#"print(String(format: "%6.3f|%-4d|%s|%e|%%", 3.14159, 7, "hi", 12345.678))"#) == " 3.142|7   |hi|1.234568e+04|%\n")
    }
}

@Suite struct ScopingTests {
    @Test func cellsShareGlobalsAndFunctions() {
        let o = BookHarness.run([
            .init(text: "var xs: [Double] = []\nfunc push(_ x: Double) { xs.append(x) }", firstLine: 1),
            .init(text: "push(1); push(2)\nlet total = xs.reduce(0, +)", firstLine: 10),
            .init(text: "print(total, xs)", firstLine: 20),
        ])
        #expect(o.stdout == "3.0 [1.0, 2.0]\n")
    }

    @Test func laterCellCanShadowEarlierGlobal() {
        let o = BookHarness.run([
            .init(text: "let x = 1", firstLine: 1),
            .init(text: "let x = \"two\"\nprint(x)", firstLine: 5),
        ])
        #expect(o.stdout == "two\n")
    }

    @Test func blockScopesAndShadowing() {
        #expect(run("""
        let x = 1
        if true { let x = 2; print(x) }
        for x in 5...5 { print(x) }
        print(x)
        """) == "2\n5\n1\n")
    }

    @Test func redeclarationInSameScopeIsAnError() {
        #expect(run("let a = 1\nlet a = 2") == "ERROR 65: invalid redeclaration of 'a'")
    }
}

@Suite struct LoopCaptureTests {
    @Test func eachIterationHasItsOwnLoopVariable() {
        #expect(run("""
        var fs: [() -> Int] = []
        for i in 0..<3 { fs.append { i * 10 } }
        print(fs.map { $0() })
        func firstBig(_ xs: [Int]) -> Int { for x in xs { let f = { x > 2 }; if f() { return x } }; return -1 }
        print(firstBig([1, 5, 7]))
        """) == "[0, 10, 20]\n5\n")
    }
}

@Suite struct InoutTests {
    @Test func inoutParametersWriteBack() {
        #expect(run("""
        func bump(_ x: inout Int, by k: Int = 1) { x += k }
        var n = 1
        bump(&n); bump(&n, by: 10)
        var xs = [1, 2]
        bump(&xs[1])
        var a = 1, b = 2
        swap(&a, &b)
        print(n, xs, a, b)
        """) == "12 [1, 3] 2 1\n")
    }
}

@Suite struct EnumAssignmentTests {
    @Test func implicitMembersBecomeCasesOfTheTargetType() {
        #expect(run("""
        enum Phase: String { case warmup, train }
        var phase = Phase.warmup
        if phase == .warmup { phase = .train }
        struct Cfg { var p: Phase = .warmup; var ps: [Phase] = [] }
        var c = Cfg(p: .train)
        c.ps.append(.warmup)
        print(phase.rawValue, c.p, c.ps, [Double](repeating: 0, count: 2))
        """) == "train train [main.Phase.warmup] [0.0, 0.0]\n")   // Swift qualifies cases inside collections
    }
}

@Suite struct OptionalTests {
    @Test func optionalChainingMutatesInPlaceAndOptionalMap() {
        #expect(run("""
        var maybe: [Int]? = [1, 2]
        maybe?.append(3)
        var none: [Int]? = nil
        none?.append(1)
        let o: Int? = 4
        let n: Int? = nil
        print(maybe ?? [], none as Any, o.map { $0 * 2 } as Any, n.map { $0 * 2 } as Any)
        """) == "[1, 2, 3] nil Optional(8) nil\n")
    }

    @Test func callAsFunctionOnUserClasses() {
        #expect(run("""
        class Net { var calls = 0; func callAsFunction(_ x: Double) -> Double { calls += 1; return x * 2 } }
        let net = Net()
        print(net(1.5), net(2), net.calls)
        """) == "3.0 4.0 2\n")
    }
}
