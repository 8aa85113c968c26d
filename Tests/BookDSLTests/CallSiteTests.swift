import Testing
import BookDSL

/// Engine functions take labels in any order; cell functions keep Swift's order; members of
/// built-in values are checked before running; per-site caches keep Swift's dispatch when one
/// call site sees several types.
@Suite struct CallSiteTests {
    /// A host function with several optional labelled arguments, like `EvalCallback` or `show`.
    func runWithEngine(_ code: String) -> BookHarness.Outcome {
        BookHarness.run([BookHarness.CellSpec(text: code, firstLine: 1)]) { interp in
            interp.defineFunction("callback", signature: Signature("_?, evalEnv?, bestModelSavePath?, nEvalEpisodes?, evalFreq?")) { a in
                .string("\(try a.string("evalEnv", default: "-")) \(try a.string("bestModelSavePath", default: "-")) \(try a.int("nEvalEpisodes", default: 5)) \(try a.int("evalFreq", default: 10))")
            }
        }
    }

    @Test func engineFunctionsTakeLabelsInAnyOrder() {
        let o = runWithEngine("""
        print(callback(evalEnv: "e", bestModelSavePath: "best", nEvalEpisodes: 2, evalFreq: 100))
        print(callback(evalFreq: 100, nEvalEpisodes: 2, bestModelSavePath: "best", evalEnv: "e"))
        print(callback(nEvalEpisodes: 3))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "e best 2 100\ne best 2 100\n- - 3 10\n")
    }

    @Test func engineFunctionsStillRefuseUnknownLabels() {
        let o = runWithEngine("print(callback(evalFreq: 1, nEvalEpisode: 2))")
        #expect(o.code == 65)
        #expect(o.stderr.contains("nEvalEpisode"), "\(o.stderr)")
    }

    @Test func cellFunctionsKeepSwiftsLabelOrder() {
        let o = BookHarness.run("""
        func f(a: Int, b: Int = 2) -> Int { a * 10 + b }
        print(f(b: 1, a: 3))
        """)
        #expect(o.code == 65)
        #expect(o.stderr.contains("argument"), "\(o.stderr)")
        #expect(BookHarness.run("func f(a: Int, b: Int = 2) -> Int { a * 10 + b }\nprint(f(a: 3, b: 1))").stdout == "31\n")
    }

    @Test func misspelledMemberOfABuiltinValueIsAStaticError() {
        let o = BookHarness.run("""
        print("runs before")
        let xs = [1, 2, 3]
        print(xs.lenght)
        """)
        #expect(o.code == 65, "nothing runs: \(o.stdout)")
        #expect(o.stdout.isEmpty)
        #expect(o.stderr.contains("has no member 'lenght'; did you mean 'count'?"), "\(o.stderr)")
        BookHarness.expectError("let name = \"cart\"\nprint(name.lenght)", code: 65, contains: "did you mean 'count'?")
    }

    @Test func builtinMembersThatExistStillRun() {
        let o = BookHarness.run("""
        extension Array { var second: Element { self[1] } }
        let xs = [1, 2, 3]
        let d = ["a": 1]
        let s = "abc"
        print(xs.count, xs.isEmpty, xs.first!, xs.last!, xs.second, d.count, s.count, s.isEmpty)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "3 false 1 3 2 1 3 false\n")
    }

    @Test func oneCallSiteDispatchesOnEveryClass() {
        // one `s.area()` site and one `s.name` site over five classes (more than the cache's four ways)
        let o = BookHarness.run("""
        class Shape { var name: String { "shape" }; func area() -> Double { 0 } }
        class A: Shape { override var name: String { "a" }; override func area() -> Double { 1 } }
        class B: Shape { override func area() -> Double { 2 } }
        class C: A { override func area() -> Double { super.area() + 10 } }
        class D: Shape { let k: Double; init(k: Double) { self.k = k }; override func area() -> Double { k } }
        class E: D { init() { super.init(k: 5) }; override var name: String { "e" } }
        var out: [String] = []
        for _ in 0..<3 {
            for s in [Shape(), A(), B(), C(), D(k: 4), E()] as [Shape] { out.append("\\(s.name):\\(s.area())") }
        }
        print(out.joined(separator: " "))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        let row = "shape:0.0 a:1.0 shape:2.0 a:11.0 shape:4.0 e:5.0"
        #expect(o.stdout == [row, row, row].joined(separator: " ") + "\n")
    }

    @Test func cachedWritesKeepConversionsAndObservers() {
        let o = BookHarness.run("""
        class P { var x: Double = 0; var y = 0 { didSet { print("y", oldValue, "->", y) } } }
        struct Q { var x: Double = 0 }
        let p = P()
        var q = Q()
        for i in 1...2 { p.x = i; q.x = i; p.y = i }
        print(p.x, q.x)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "y 0 -> 1\ny 1 -> 2\n2.0 2.0\n")
    }

    @Test func mutatingMethodThroughACachedSiteChangesOnlyItsCopy() {
        let o = BookHarness.run("""
        struct V { var x = 0; mutating func bump(_ k: Int) { x += k }; func get() -> Int { x } }
        var a = V()
        var copies: [V] = []
        for i in 1...3 { a.bump(i); copies.append(a) }
        print(a.get(), copies.map { $0.x })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "6 [1, 3, 6]\n")
    }

    @Test func returnedTuplesKeepTheirDeclaredShape() {
        let o = BookHarness.run("""
        func pair(_ i: Int) -> (a: Double, b: Int) { (i, i) }
        let p = pair(2)
        print(p.a, p.b, p)
        func same(_ i: Int) -> (Int, String) { (i, "x") }
        print(same(1))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "2.0 2 (a: 2.0, b: 2)\n(1, \"x\")\n")
    }

    @Test func argumentsThatCallTheSameFunctionGetTheirOwnFrames() {
        // arguments are evaluated straight into the callee's frame: nested calls of the same
        // function, method or initializer among them must not share it
        let o = BookHarness.run("""
        func f(_ a: Int, _ b: Int, _ c: Int) -> Int { a * 100 + b * 10 + c }
        class Node { let v: Int; let next: Node?; init(v: Int, next: Node?) { self.v = v; self.next = next } }
        struct M { func g(_ a: Int, _ b: Int) -> Int { a - b } }
        let m = M()
        let n = Node(v: 1, next: Node(v: 2, next: Node(v: 3, next: nil)))
        print(f(f(1, 2, 3), f(0, 0, 4), 5), n.v, n.next!.v, n.next!.next!.v, m.g(m.g(10, 3), m.g(2, 1)))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "12345 1 2 3 6\n")
    }

    @Test func anErrorWhileEvaluatingArgumentsLeavesCallsWorking() {
        let o = BookHarness.run("""
        enum E: Error { case bad }
        func boom() throws -> Int { throw E.bad }
        func f(_ a: Int, _ b: Int, _ c: Int) -> Int { a + b + c }
        class P { let x: Int; let y: Int; init(x: Int, y: Int) { self.x = x; self.y = y } }
        for _ in 0..<3 {
            do { _ = f(1, try boom(), 3) } catch { print("caught", error) }
            do { _ = P(x: 1, y: try boom()) } catch { print("caught", error) }
        }
        print(f(1, 2, 3), P(x: 4, y: 5).y)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == String(repeating: "caught bad\ncaught bad\n", count: 3) + "6 5\n")
    }
}
