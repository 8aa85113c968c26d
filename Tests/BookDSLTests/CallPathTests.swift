import Testing
import BookDSL

/// The call paths' fast cases give what the general ones give: closures given to array builtins
/// (called in one reused frame, their arguments lent to it), comparisons used as values, calls of
/// top-level functions that skip loading the function value. Expected outputs are what Swift
/// prints for the same code.
@Suite struct CallPathTests {
    @Test func closuresGivenToBuiltinsSeeEachElement() {
        let o = BookHarness.run("""
        struct P { let name: String; let price: Double }
        let ps = [P(name: "a", price: 3), P(name: "b", price: 1), P(name: "c", price: 2)]
        print(ps.sorted { $0.price > $1.price }.map { $0.name })
        print(ps.sorted(by: { (x: P, y: P) -> Bool in x.name > y.name }).map { $0.name })
        print(ps.filter { $0.price >= 2 }.count, ps.contains { $0.name == "c" }, ps.allSatisfy { $0.price > 0 })
        print(ps.map { $0.price }.reduce(0.0) { $0 + $1 }, [1, 2, 3].reduce(0, +))
        let total = [1, 2, 3].reduce(0) { (acc: Double, x: Double) -> Double in acc + x / 2 }
        print(total)
        print(ps.first { $0.price < 3 }!.name, ps.firstIndex { $0.name == "c" }!, ps.min { $0.price < $1.price }!.name)
        var names: [String] = []
        ps.forEach { names.append($0.name.uppercased()) }
        print(names, [3, 1, 2].map { _ in 0 }, [[1, 2], [3]].flatMap { $0 })
        var xs = [5, 3, 9, 1]
        xs.sort { $0 > $1 }
        xs.removeAll { $0 == 3 }
        print(xs, [4, 6, 7].compactMap { $0 % 2 == 0 ? $0 / 2 : nil })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        ["a", "c", "b"]
        ["c", "b", "a"]
        2 true true
        6.0 6
        3.0
        b 2 b
        ["A", "B", "C"] [0, 0, 0] [1, 2, 3]
        [9, 5, 1] [2, 3]

        """)
    }

    @Test func closuresMadeInsideBuiltinCallsKeepTheirOwnValues() {
        // each call's frame is kept by the closure it makes: the next element gets a new frame
        let o = BookHarness.run("""
        let makers: [() -> Int] = [1, 2, 3].map { k in
            let twice = k * 2
            return { twice + k }
        }
        print(makers.map { $0() })
        var kept: [() -> String] = []
        ["x", "y"].forEach { s in kept.append({ s + s }) }
        print(kept.map { $0() })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[3, 6, 9]\n[\"xx\", \"yy\"]\n")
    }

    @Test func errorsInsideBuiltinClosuresStopTheCallAndLeaveTheCallerUsable() {
        let o = BookHarness.run("""
        enum E: Error { case bad(Int) }
        func check(_ x: Int) throws -> Int {
            if x == 3 { throw E.bad(x) }
            return x * 10
        }
        for _ in 0..<2 {
            do {
                let r = try [1, 2, 3, 4].map { try check($0) }
                print(r)
            } catch {
                print("caught", error)
            }
        }
        let sorted = try? [3, 1, 2].sorted { a, b in
            if a == 2 || b == 2 { throw E.bad(0) }
            return a < b
        }
        print(sorted == nil, [1, 2].map { try! check($0) })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "caught bad(3)\ncaught bad(3)\ntrue [10, 20]\n")
    }

    @Test func recursionThroughBuiltinClosuresStillCounts() {
        BookHarness.expectError("""
        func deep(_ n: Int) -> Int { [n].map { deep($0 + 1) }[0] }
        print(deep(0))
        """, code: 70, contains: "maximum recursion depth")
        let o = BookHarness.run("""
        func sumTree(_ depth: Int) -> Int {
            if depth == 0 { return 1 }
            return [1, 2].map { _ in sumTree(depth - 1) }.reduce(0) { $0 + $1 }
        }
        print(sumTree(6))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "64\n")
    }

    @Test func comparisonsUsedAsValues() {
        let o = BookHarness.run("""
        let a = 1.5, b = 2.5, i = 2, j = 2
        let r = [a < b, a > b, a <= 1.5, b >= 3.0, i == j, i != j, a == 1.5, a != b]
        print(r)
        let nan = Double.nan
        print(nan < 1.0, nan >= 1.0, nan == nan, nan != nan, 1 < 2.5, "a" < "b", (1, 2) < (1, 3))
        let f = { (x: Double) in x > 0 }
        print(f(1), f(-1), [3.0, -1.0].map { $0 < 0 })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        [true, false, true, false, true, false, true, true]
        false false false true true true true
        true false [false, true]

        """)
    }

    @Test func topLevelFunctionCallsConvertTheirArguments() {
        let o = BookHarness.run("""
        func zero() -> Int { 7 }
        func two(_ a: Double, _ b: Int) -> Double { a * Double(b) }
        func three(_ a: Int, _ b: Double, _ c: String) -> String { "\\(a) \\(b) \\(c)" }
        func withDefault(_ a: Int, _ b: Int = 5) -> Int { a + b }
        func sum(_ xs: Int...) -> Int { xs.reduce(0, +) }
        func bump(_ x: inout Int, by k: Int) { x += k }
        var v = 1
        bump(&v, by: 4)
        print(zero(), two(3, 2), three(1, 2, "c"), withDefault(1), withDefault(1, 2), sum(), sum(1, 2, 3), v)
        func counter(_ n: Int) -> Int { n <= 0 ? 0 : 1 + counter(n - 1) }
        print(counter(500))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "7 6.0 1 2.0 c 6 3 0 6 5\n500\n")
    }

    @Test func methodsRecurseThroughThemselves() {
        let o = BookHarness.run("""
        struct T {
            let k: Int
            func depth(_ n: Int) -> Int { n == 0 ? k : depth(n - 1) + 1 }
        }
        class C {
            var calls = 0
            func walk(_ n: Int) -> Int { calls += 1; return n == 0 ? 0 : walk(n - 1) + n }
        }
        let c = C()
        print(T(k: 3).depth(10), c.walk(10), c.calls)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "13 55 11\n")
    }

    @Test func arrayMethodNamesOnOtherReceivers() {
        // call sites naming an array method run it directly on arrays only: user types with
        // methods of those names, dictionaries, strings and Array extensions keep their own
        let o = BookHarness.run("""
        struct Bag {
            var items: [Int]
            func contains(_ x: Int) -> Bool { items.contains(x * 2) }
            func first(_ n: Int) -> [Int] { Array(items.prefix(n)) }
        }
        class Stats {
            var seen = 0
            func max(_ x: Int) -> Int { seen += 1; return x > seen ? x : seen }
        }
        let bag = Bag(items: [2, 4, 6])
        let st = Stats()
        var hits = 0
        for i in 0..<4 { if bag.contains(i) { hits += 1 }; _ = st.max(i) }
        print(hits, bag.first(2), st.seen, st.max(0))
        let d = ["a": 1, "b": 2]
        print(d.contains { $0.value == 2 }, d.filter { $0.value > 1 }.count, "abc".contains("b"), "hello".first!)
        let xs = [3, 1, 4, 1, 5]
        print(xs.contains(4), xs.firstIndex(of: 1)!, xs.lastIndex(of: 1)!, xs.prefix(2), xs.max { $0 < $1 }!, xs.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "3 [2, 4] 4 5\ntrue 1 true h\ntrue 1 3 [3, 1] 5 5\n")
        let e = BookHarness.run("""
        extension Array {
            func first(_ n: Int) -> Int { n * 10 }
        }
        print([1, 2].first(1), [1, 2].map { $0 * 3 })
        """)
        #expect(e.code == 0, "\(e.stderr)")
        #expect(e.stdout == "10 [3, 6]\n")
    }

    @Test func reduceIntoChangesItsAccumulatorInPlace() {
        let o = BookHarness.run("""
        let ys = (0..<20000).map { $0 }.reduce(into: [Int]()) { acc, x in acc.append(x * 2) }
        print(ys.count, ys[19999])
        let words = ["a", "bb", "a", "ccc", "bb", "a"]
        let counts = words.reduce(into: [String: Int]()) { d, w in d.updateValue((d[w] ?? 0) + 1, forKey: w) }
        print(counts["a"]!, counts["bb"]!, counts["ccc"]!)
        var readers: [() -> Int] = []
        let total = [1, 2, 3].reduce(into: [Int]()) { acc, x in
            acc.append(x)
            readers.append({ x * 100 })
        }
        print(total, readers.map { $0() })
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "20000 39998\n3 2 1\n[1, 2, 3] [100, 200, 300]\n")
    }

    @Test func reduceIntoAccumulatorIsInoutWithAnonymousAndNamedParameters() {
        // `reduce(into:_:)`'s closure takes its accumulator `inout`: `$0.append`, `$0 += `,
        // `$0[k] = ` and `acc += x` change it, as in Swift (`$0` used to be changed on a copy).
        let o = BookHarness.run("""
        print([1, 2, 3].reduce(into: [Int]()) { $0.append($1) })
        print([1, 2, 3].reduce(into: 0) { $0 += $1 }, [1, 2, 3].reduce(into: 0) { acc, x in acc += x * 2 })
        print(["a", "b", "a"].reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }.sorted { $0.key < $1.key })
        print(["x": 1, "y": 2].reduce(into: 0) { $0 += $1.value }, Set([1, 2]).reduce(into: [Int]()) { $0.append($1) }.sorted())
        let rev: ([Int]) -> [Int] = { xs in xs.reduce(into: []) { $0.insert($1, at: 0) } }
        print(rev([1, 2, 3]))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        [1, 2, 3]
        6 12
        [(key: "a", value: 2), (key: "b", value: 1)]
        3 [1, 2]
        [3, 2, 1]

        """)
        // other closures' parameters stay constants
        BookHarness.expectError("print([1, 2].map { $0 += 1 })", code: 65, contains: "'$0' is immutable")
        BookHarness.expectError("print([1, 2].reduce(0) { acc, x in acc += x })", code: 65, contains: "'acc' is a 'let' constant")
    }

    @Test func mutatingCallsOnClosureParametersAreRefused() {
        // Swift rejects a mutating call on a closure parameter. Untyped, it is refused when it runs
        // (the parameter's type is not known before); it never changes a copy silently.
        BookHarness.expectError("""
        let a = [[1], [2]]
        let b = a.map { x in x.append(9); return x.count }
        print(b)
        """, code: 70, contains: "cannot use mutating member 'append' on immutable value: 'x' is a 'let' constant")
    }
}
