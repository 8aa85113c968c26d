import Testing
import BookDSL

/// Divergences found by the thirteenth session's sweep (programs run through `swiftc -O` and the cell language):
/// each expected output below is what `swiftc -O` printed for the same source.
@Suite struct SwiftSweep2Tests {
    @Test func anIntStoredIntoAnInferredDoubleElementBecomesADouble() {
        // Element types Swift infers (`var ys = [0.0]`, `(rewards: [Double](), n: 0)`, `["a": 1.5]`, `[P()]`, `(0..<n).map { _ in P() }`)
        // convert an integer stored into them (was: `[5]` for `ps[0].ys[0] = 5`, `(rewards: [7, 8], n: 0)`); an `[Int]` stays Ints
        expectSwift(#"""
        struct P { var ys = [0.0]; var counts = [0, 0]; var m = ["k": 0.5]; var t = (a: 0.0, b: 1) }
        final class C { var w = [1.0, 2.0] }
        var ps = [P()]
        ps[0].ys[0] = 5
        ps[0].ys.append(3)
        ps[0].counts[0] += 2
        ps[0].m["z"] = 4
        ps[0].t.a = 6
        print(ps[0].ys, ps[0].counts, ps[0].m["z"]!, ps[0].t)
        var stats = (rewards: [Double](), n: 0)
        stats.0.append(7)
        stats.rewards.append(8)
        print(stats)
        var d = ["a": 1.5]
        d["b"] = 2
        print(d["b"]!)
        let cs = [C(), C()]
        cs[1].w[0] = 9
        for c in cs { c.w.append(10) }
        print(cs[1].w, cs[0].w)
        let made = (0..<2).map { _ in P() }
        var copy = made
        copy[1].ys.append(11)
        print(copy[1].ys, P(ys: [12], counts: [13], m: [:], t: (a: 14, b: 15)).ys)
        """#, "[5.0, 3.0] [2, 0] 4.0 (a: 6.0, b: 1)\n(rewards: [7.0, 8.0], n: 0)\n2.0\n[9.0, 2.0, 10.0] [1.0, 2.0, 10.0]\n[0.0, 11.0] [12.0]\n")
    }

    @Test func anOptionallyChainedAppendConvertsLikeAPlainOne() {
        // `d["k"]?.append(3)`, `o?.v.append(1)`, `arr?.append(2)` on Double arrays store Doubles (was: `3`)
        expectSwift(#"""
        var nested: [String: [Double]] = ["k": [0.0]]
        nested["k"]?.append(3)
        struct S { var v: [Double] = [] }
        var o: S? = S()
        o?.v.append(1)
        var arr: [Double]? = [1]
        arr?.append(2)
        arr?.insert(0, at: 0)
        print(nested, o!.v, arr!)
        """#, "[\"k\": [0.0, 3.0]] [1.0] [0.0, 1.0, 2.0]\n")
    }

    @Test func aVariableInferredFromACallOrArithmeticKeepsItsDoubleType() {
        // `var v = f()` with `f() -> Double`, a method, a static method, `max()`, `reduce(0, +)`, `v * 2`, `max(1, v)`:
        // an integer assigned later becomes a Double (was: `1` for `v = 1`)
        expectSwift(#"""
        func f() -> Double { 2.5 }
        struct S { var x = 0.5; func g() -> Double { x }; static func make() -> [Double] { [1.5] } }
        var v = f()
        v = 1
        var w = S().g()
        w = 2
        var arr = S.make()
        arr.append(3)
        let qs = [0.5, 1.5]
        var best = qs.max()!
        best = 0
        var s = qs.reduce(0, +)
        s = 5
        var y = v * 2
        y = 7
        var m = max(1, v)
        m = 8
        var n = 3
        n = 4
        print(v, w, arr, best, s, y, m, n)
        """#, "1.0 2.0 [1.5, 3.0] 0.0 5.0 7.0 8.0 4\n")
    }

    @Test func aSwitchOverATupleThatCoversEveryCaseNeedsNoDefault() {
        // Swift accepts these without `default` (was refused: "switch must be exhaustive"); also `case .some:` without a payload
        expectSwift(#"""
        enum Cell { case wall, empty, goal(Int) }
        func describe(_ c: Cell, _ seen: Bool) -> String {
            switch (c, seen) {
            case (.wall, _): return "wall"
            case (.goal(let r), true) where r > 2: return "big goal \(r)"
            case (.goal(let r), _): return "goal \(r)"
            case (.empty, false): return "fresh"
            case (.empty, true): return "seen"
            }
        }
        print(describe(.wall, true), describe(.goal(5), true), describe(.goal(5), false), describe(.empty, false), describe(.empty, true))
        func flags(_ a: Bool, _ b: Bool) -> Int {
            switch (a, b) { case (true, true): return 3; case (true, false): return 2; case (false, _): return 0 }
        }
        print(flags(true, true), flags(true, false), flags(false, true))
        let maybe: Int? = 2
        switch maybe { case .some(let v) where v > 3: print("big", v); case .some: print("small"); case .none: print("none") }
        """#, "wall big goal 5 goal 5 fresh seen\n3 2 0\nsmall\n")
    }

    @Test func dropWhileAndBitCounts() {
        // `drop(while:)`, `nonzeroBitCount`, `leadingZeroBitCount`, `trailingZeroBitCount` (were: "has no member")
        expectSwift(#"""
        let nums = [4, 8, 15, 16, 23]
        print(nums.drop(while: { $0 < 10 }), nums.drop { $0 < 100 })
        let bits = 0b1011_0110
        print(bits.nonzeroBitCount, bits.leadingZeroBitCount, bits.trailingZeroBitCount, 0.trailingZeroBitCount)
        """#, "[15, 16, 23] []\n5 56 1 64\n")
    }

    @Test func aMappedArrayKeepsItsElementTypeAndPrefixTakesAClosure() {
        // `var xs = qs.map { $0 * 2 }` on `[Double]` is a `[Double]` (an appended `10` was kept an Int);
        // `xs.prefix { ... }` with a trailing closure is `prefix(while:)` (was: `[]`, silently)
        expectSwift(#"""
        let qs = [0.5, 1.5]
        var mapped = qs.map { $0 * 2 }
        mapped.append(10)
        var m2 = qs.map { x in x + 1 }
        m2[0] = 3
        var m3 = (0..<3).map { Double($0) * 0.5 }
        m3.append(4)
        var m4 = (0..<3).map { $0 * 2 }
        m4.append(5)
        let x = 2.5
        var m5 = [1, 2].map { x in x * 3 }
        m5.append(6)
        var m6 = qs.map { v -> Double in v }
        m6.append(7)
        print(mapped, m2, m3, m4, m5, m6)
        print("hello".prefix { $0 != "l" }, "hello".drop { $0 != "l" }, "abc".prefix(while: { $0 < "c" }))
        """#, "[1.0, 3.0, 10.0] [3.0, 2.5] [0.0, 0.5, 1.0, 4.0] [0, 2, 4, 5] [3, 6, 6] [0.5, 1.5, 7.0]\nhe llo ab\n")
    }

    @Test func doublesImplicitMembersAndSpelledOutTypeNames() {
        // `var m: Double = .infinity` stored the member's name (printed `infinity`); `x < .ulpOfOne`,
        // `-.infinity`, `min(2.0, .infinity)` were refused when run; `type(of: [1.0])` printed `[Double]`
        expectSwift(#"""
        var m: Double = .infinity
        print(m)
        m = .pi
        print(m, m < .infinity, -.infinity < m, (0.1 * 3 - 0.3).magnitude < .ulpOfOne)
        func f(_ x: Double) -> Double { x }
        print(f(.greatestFiniteMagnitude), [.infinity, 1.0] as [Double])
        var best = -Double.infinity
        best = max(best, 3)
        print(best, min(2.0, .infinity), max(.zero, -1.5))
        var e = Double.pi
        e = 1
        print(e)
        print(type(of: [1.0]), type(of: ["a": [1]]), type(of: Set([1])), type(of: (a: 1, b: 2.5)), type(of: 3))
        let o: Int? = 3
        print(type(of: o))
        """#, "inf\n3.141592653589793 true true true\n1.7976931348623157e+308 [inf, 1.0]\n3.0 2.0 0.0\n1.0\nArray<Double> Dictionary<String, Array<Int>> Set<Int> (a: Int, b: Double) Int\nOptional<Int>\n")
    }
}
