import Testing
import BookDSL

/// Paths that skip the general machinery give what the general one gives: numeric builtins and
/// conversions run at the call site, frames recycled without a reference-count check when the
/// function makes no closures. Expected outputs are what Swift prints for the same code.
@Suite struct FastPathTests {
    @Test func numericBuiltinsGiveWhatSwiftGives() {
        let o = BookHarness.run("""
        print(max(1, 2), min(1, 2), max(2.5, 1.0), min(-0.0, 0.0), max(1, 2.5), min(3, 2.5))
        print(abs(-3), abs(-2.5), sqrt(16), sqrt(2.0), exp(0))
        print(Double(3), Int(2.9), Int(-2.9), Double(7) / 2, Int(Double(5)))
        let f = sqrt
        print(f(9.0))
        print(max(1, 5, 3), min("b", "a"))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "2 1 2.5 -0.0 2.5 2.5\n3 2.5 4.0 1.4142135623730951 1.0\n3.0 2 -2 3.5 5\n3.0\n5 a\n")
    }

    @Test func numericBuiltinsKeepTheirErrors() {
        BookHarness.expectError("let d = Double.infinity\nprint(Int(d))", code: 70, contains: "either infinite or NaN")
        BookHarness.expectError("let x = Int.min\nprint(abs(x))", code: 70, contains: "abs(Int.min)")
    }

    @Test func cellFunctionsNamedLikeBuiltinsAreCalled() {
        let o = BookHarness.run("""
        func g() -> Int {
            let max = { (a: Int, b: Int) -> Int in a * b }
            return max(3, 4)
        }
        print(g())
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "12\n")
    }

    @Test func framesKeptByClosuresAreNotReused() {
        let o = BookHarness.run("""
        func counter() -> () -> Int {
            var n = 0
            return { n += 1; return n }
        }
        let c1 = counter()
        let c2 = counter()
        print(c1(), c1(), c2(), c1())
        func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
        func adders() -> [(Int) -> Int] {
            var out: [(Int) -> Int] = []
            for i in 0..<3 { out.append({ $0 + i + fib(5) }) }
            return out
        }
        print(adders().map { $0(10) })
        enum E: Error { case bad }
        func check(_ x: Int) throws -> Int {
            if x > 2 { throw E.bad }
            return x
        }
        var s = 0
        for i in 0..<5 {
            do { s += try check(i) } catch { s += 100 }
        }
        print(s, fib(15))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "1 2 1 3\n[15, 16, 17]\n203 610\n")
    }

    /// A case pattern compares ordinals once it knows the enum type; one site seeing two enum
    /// types whose cases share names at other positions still matches by name (cells may switch
    /// over a protocol-typed value, which Swift itself would refuse).
    @Test func casePatternsMatchByNameAcrossEnumTypes() {
        let o = BookHarness.run("""
        protocol P {}
        enum A: P { case x, y }
        enum B: P { case y, x, z(Int) }
        let vs: [P] = [A.x, B.x, A.y, B.y, B.z(3), A.x, B.z(1)]
        var out: [String] = []
        for v in vs {
            switch v {
            case .x: out.append("x")
            case .z(let n) where n > 2: out.append("z\\(n)")
            case .y: out.append("y")
            default: out.append("-")
            }
        }
        print(out)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[\"x\", \"x\", \"y\", \"y\", \"z3\", \"x\", \"-\"]\n")
    }

    /// A closure that uses nothing of the enclosing frames is made once, without an environment;
    /// closures that use a local, `self`, a local function or an outer closure's variable keep
    /// their environment.
    @Test func closuresKeepWhatTheyUse() {
        let o = BookHarness.run("""
        struct Acc {
            var k = 3
            func scaled(_ xs: [Int]) -> [Int] { xs.map { $0 * k } }
            func plusOne(_ xs: [Int]) -> [Int] { xs.map { $0 + 1 } }
        }
        func outer(_ n: Int) -> [Int] {
            func twice(_ x: Int) -> Int { 2 * x }
            var fs: [(Int) -> Int] = []
            for i in 0..<n {
                fs.append({ $0 + 100 })
                fs.append({ x in x + i })
                fs.append({ twice($0) })
                fs.append({ x in { y in x + y + n }(1) })
            }
            return fs.map { $0(10) }
        }
        let a = Acc()
        print(a.scaled([1, 2]), a.plusOne([1, 2]), outer(2))
        var fns: [() -> Int] = []
        for _ in 0..<3 { fns.append({ 7 }) }
        print(fns.map { $0() }, [3, 1, 2].sorted { $0 > $1 })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[3, 6] [2, 3] [110, 10, 20, 13, 110, 11, 20, 13]\n[7, 7, 7] [3, 2, 1]\n")
    }

    /// `count` and `isEmpty` of built-in values, `String(x)`: Characters are counted as Swift
    /// counts them (a CR LF pair is one Character, so is an accented letter or an emoji).
    @Test func sizesAndStringConversions() {
        let o = BookHarness.run("""
        let words = ["a", "bc"]
        let d = ["k": 1]
        let e: [Int] = []
        print(words.count, d.count, e.isEmpty, "héllo".count, "a\\r\\nb".count, "👍🏽x".count, "plain".count, "".isEmpty)
        print(String(42) + String(2.5) + String(true) + String("s"), String([1, 2]).count)
        struct Box { var count = 7 }
        print(Box().count, Set([1, 2, 2]).count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "2 1 true 5 3 2 5 true\n422.5trues 6\n7 2\n")
    }

    @Test func returnedAndPassedValuesKeepTheirConversions() {
        // arguments and returned values whose kind already matches skip the conversion; the
        // others still convert (Int to Double, tuple labels) or fail as before
        let o = BookHarness.run("""
        func half(_ x: Double) -> Double { x / 2 }
        func pair(_ a: Int) -> (Int, Int) { (a, a + 1) }
        func named(_ a: Int) -> (lo: Int, hi: Int) { (a, a + 1) }
        func relabel(_ t: (x: Int, y: Int)) -> (Int, Int) { t }
        func asDouble(_ k: Int) -> Double { Double(k) * 1 }
        let (p, q) = pair(3)
        let n = named(5)
        print(half(3), half(2.5), p, q, n.lo, n.hi, relabel((x: 1, y: 2)), asDouble(4))
        let (a, (b, c)) = (1, (2, 3))
        print(a, b, c)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "1.5 1.25 3 4 5 6 (1, 2) 4.0\n1 2 3\n")
    }

    @Test func doubleMethodsAtTheCallSite() {
        let o = BookHarness.run("""
        struct R { func squareRoot() -> String { "mine" } }
        let xs = [2.0, 2.5, -2.5, 9.0]
        print(xs.filter { $0 > 0 }.map { $0.squareRoot() }, xs.map { $0.rounded() }, R().squareRoot())
        let x = 3.0, y = 4.0
        print((x * x + y * y).squareRoot())
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[1.4142135623730951, 1.5811388300841898, 3.0] [2.0, 3.0, -3.0, 9.0] mine\n5.0\n")
    }
}
