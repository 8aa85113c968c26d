import Testing
import BookDSL

/// Arrays and dictionaries kept in struct fields, dictionary values and typed parameters are
/// changed and passed without copying the whole collection, with Swift's value semantics and
/// results. Expected outputs are what `swiftc` prints for the same code.
@Suite struct InPlaceFieldMutationTests {
    /// `[Double]` fields changed in place, through typed bases (the change converts what it stores,
    /// and the field is not walked again afterwards: 40,000 appends to a class's `[Double]` field took
    /// 0.8 s) and through bases whose type the compiler does not know (an array's element: the field's
    /// conversion runs after the change). Every mutation path that stores Ints must store Doubles.
    @Test func doubleArrayFieldsConvertWhatEveryMutationStores() {
        let o = BookHarness.run("""
        struct S { var h: [Double] = []; var g: [[Double]] = [[]]; var d: [String: Double] = [:] }
        final class C { var h: [Double] = []; var g: [[Double]] = [[]] }
        var s = S()
        let c = C()
        s.h.append(1); c.h.append(1)
        s.h.append(contentsOf: [2, 3]); c.h.append(contentsOf: [2, 3])
        s.h.insert(4, at: 0); c.h.insert(4, at: 0)
        s.h[1] = 5; c.h[1] = 5
        s.h += [6]; c.h += [6]
        s.h[0] += 1; c.h[0] += 1
        s.h.sort(); c.h.sort()
        s.h.reverse(); c.h.reverse()
        s.h.swapAt(0, 1); c.h.swapAt(0, 1)
        _ = s.h.removeLast(); _ = c.h.removeLast()
        s.h.removeAll(where: { $0 > 5.5 }); c.h.removeAll(where: { $0 > 5.5 })
        s.g[0].append(7); c.g[0].append(7)
        s.g.append([8, 9]); c.g.append([8, 9])
        s.g[1][0] = 10; c.g[1][0] = 10
        s.g += [[11]]; c.g += [[11]]
        s.d["a"] = 1; s.d["b", default: 0] += 2
        print(s.h, c.h)
        print(s.g, c.g)
        print(s.d.sorted { $0.key < $1.key })
        s.h = [12, 13]; c.h = [12, 13]
        print(s.h, c.h)
        var arr = [S(), S()]
        arr[1].h.append(14); arr[1].h += [15]; arr[0].g[0].append(16)
        print(arr[1].h, arr[0].g)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        [5.0, 5.0, 3.0] [5.0, 5.0, 3.0]
        [[7.0], [10.0, 9.0], [11.0]] [[7.0], [10.0, 9.0], [11.0]]
        [(key: "a", value: 1.0), (key: "b", value: 2.0)]
        [12.0, 13.0] [12.0, 13.0]
        [14.0, 15.0] [[16.0]]

        """)
    }

    /// Tuple elements changed in place, by label and by index, with value semantics for copies and
    /// `inout` tuples (each change copied the tuple, and with it the array: 20,000 appends to
    /// `stats.rewards` took 6.3 s). Expected output from `swiftc -O`.
    @Test func tupleElementsChangeInPlaceWithValueSemantics() {
        let o = BookHarness.run("""
        var stats = (rewards: [Double](), lengths: [Int](), n: 0)
        for i in 0..<2000 { stats.rewards.append(Double(i)); stats.lengths.append(i); stats.n += 1 }
        var t = ([Int](), "x")
        for i in 0..<2000 { t.0.append(i) }
        var copy = stats
        copy.rewards.append(-1.5)
        copy.n = 99
        stats.0.append(7.5)
        print(stats.rewards.count, stats.lengths.count, stats.n, t.0.count, t.1, copy.rewards.count, copy.n, stats.rewards.last!, copy.rewards.last!)
        var pairs = [(a: [1], b: 2), (a: [3], b: 4)]
        pairs[1].a.append(5); pairs[0].b += 10
        var saved = pairs
        pairs[0].a.append(6)
        print(pairs, saved)
        func bump(_ p: inout (x: Int, ys: [Int])) { p.ys.append(p.x); p.x += 1 }
        var q = (x: 1, ys: [Int]())
        bump(&q); bump(&q)
        print(q)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        2001 2000 2000 2000 x 2001 99 7.5 -1.5
        [(a: [1, 6], b: 12), (a: [3, 5], b: 4)] [(a: [1], b: 12), (a: [3, 5], b: 4)]
        (x: 3, ys: [1, 2])

        """)
    }

    @Test func valueSemanticsAndResults() {
        let o = BookHarness.run("""
        struct G { var cells: [Int] = []; var tags: [String: [Int]] = [:] }
        var g = G()
        g.cells.append(1)
        var h = g
        g.cells.append(2)
        g.cells[0] = 10
        h.cells.swapAt(0, 0)
        g.tags["a", default: []].append(1)
        g.tags["a"]!.append(2)
        g.tags["b"]?.append(3)
        var gs = [g]
        gs[0].cells.append(7)
        print(g.cells, h.cells, g.tags, gs[0].cells)
        var xs = [5, 1, 4]
        xs.swapAt(0, 2)
        xs.insert(9, at: 1)
        print(xs, xs.remove(at: 0), xs.removeFirst(), xs.popLast() as Any, xs.removeLast(), xs)
        var empty: [Int] = []
        print(empty.popLast() as Any)
        func total(_ a: [Int]) -> Int { a.reduce(0, +) }
        func names(_ d: [String: Int]) -> [String] { d.keys.sorted() }
        func grid(_ g: [[Int]]) -> [[Int]] { g }
        let nums = [1, 2, 3]
        print(total(nums), names(["b": 1, "a": 2]), grid([[1], [2, 3]]), total([]))
        func avg(_ a: [Double]) -> Double { a.reduce(0, +) / Double(a.count) }
        print(avg([1, 2]))
        struct V { var x: Double; static func + (a: V, b: V) -> V { V(x: a.x + b.x) }; static func - (a: V, b: V) -> V { V(x: a.x - b.x) } }
        print((V(x: 1) + V(x: 2) - V(x: 0.5)).x)
        let env = ["x": 1, "y": 2]
        print(env["x"]! + env["y"]!, env.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        [10, 2] [1] ["a": [1, 2]] [10, 2, 7]
        [4, 9, 1, 5] 4 9 Optional(5) 1 []
        nil
        6 ["a", "b"] [[1], [2, 3]] 0
        1.5
        2.5
        3 2

        """)
    }

    /// A mutating method that throws after changing a dictionary's value: Swift writes the
    /// change back (the inout access ends on the throw too).
    @Test func dictionaryValueWrittenBackOnThrow() {
        let o = BookHarness.run("""
        struct S {
            var n = 0
            mutating func bump() throws { n += 1; if n > 1 { throw E.bad } }
        }
        enum E: Error { case bad }
        var m: [String: S] = ["s": S()]
        try m["s"]!.bump()
        do { try m["s"]!.bump() } catch { print("caught", m["s"]!.n) }
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "caught 2\n")
    }

    /// `f(&xs)`: the callee's changes reach the variable, also when the call throws (Swift
    /// writes an inout argument back on a throw; this printed `[]` before).
    @Test func inoutArgumentsWrittenBack() {
        let o = BookHarness.run("""
        enum E: Error { case bad }
        var xs = [1]
        func put(_ a: inout [Int]) { a.append(2) }
        put(&xs)
        func f(_ a: inout [Int]) throws { a.append(1); throw E.bad }
        var ys: [Int] = []
        do { try f(&ys) } catch { print(ys) }
        func g(_ a: inout Int, _ b: inout Int) { a += 1; b += 10 }
        var p = 1, q = 2
        g(&p, &q)
        print(p, q, xs)
        struct S { var v: [Int] = [] }
        var s = S()
        put(&s.v)
        print(s.v)
        func h(_ n: inout Int) { n *= 2 }
        var arr = [1, 2]
        h(&arr[1])
        print(arr)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[1]\n2 12 [1, 2]\n[2]\n[1, 4]\n")
    }

    /// Ints inserted or appended into a `[Double]` become Doubles (they printed as Ints before).
    @Test func typedArrayElementsConverted() {
        let o = BookHarness.run("""
        var xs: [Double] = []
        xs.insert(1, at: 0)
        xs.append(contentsOf: [2, 3])
        xs.append(4)
        struct P { var h: [Double] = [] }
        var p = P()
        p.h.insert(1, at: 0)
        p.h.append(contentsOf: [2])
        print(xs, p.h)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[1.0, 2.0, 3.0, 4.0] [1.0, 2.0]\n")
    }

    @Test func arrayMethodErrorsKeepTheirMessages() {
        let a = BookHarness.run("var xs = [1, 2]\nxs.swapAt(0, 3)")
        #expect(a.stderr.contains("index out of range: index 3, but the array has 2 elements"), "\(a.stderr)")
        let b = BookHarness.run("var xs: [Int] = []\nxs.removeLast()")
        #expect(b.stderr.contains("can't remove last element from an empty collection"), "\(b.stderr)")
        let c = BookHarness.run("var xs = [1]\nxs.insert(2, at: 5)")
        #expect(c.stderr.contains("cannot insert at 5 in an array with 1 elements"), "\(c.stderr)")
    }

    /// Each change below copied the whole array or set before (quadratic: minutes for these sizes);
    /// in place they take milliseconds. The time limit is far above either build's need.
    @Test func fieldAndDictionaryArraysChangeInPlace() {
        let code = """
        struct G { var cells: [Int] = [] }
        var g = G()
        var d: [String: [Int]] = ["a": []]
        var seen: Set<Int> = []
        var buf: [Int] = []
        func fill() {
            var local = G()
            for i in 0..<60_000 { local.cells.append(i); local.cells[i] = i * 2 }
            print(local.cells[59_999])
        }
        func put(_ a: inout [Int], _ x: Int) { a.append(x) }
        for i in 0..<60_000 { g.cells.append(i); g.cells[i] += 1; d["a"]!.append(i); seen.insert(i); put(&buf, i) }
        fill()
        print(g.cells.count, g.cells[59_999], d["a"]!.count, seen.count, buf.count)
        """
        let interp = Interpreter()
        var out = ""
        interp.output = { out += $0 }
        guard case .success(let cell) = interp.compile(SourceText(file: "t.md", text: code, firstLine: 1)) else {
            Issue.record("did not compile")
            return
        }
        let d = interp.run(cell, timeout: 20)
        #expect(d == nil, "\(d?.message ?? "")")
        #expect(out == "119998\n60000 60000 60000 60000 60000\n")
    }
}
