import Testing
import BookDSL

/// The order Swift evaluates an assignment's parts in (`Compiler+AssignOrder.swift`): each expected output is what
/// `swiftc -O` printed for the same program.
@Suite struct AssignmentOrderTests {
    @Test func indicesAreEvaluatedBeforeTheValueAndTheStorageIsAccessedAfterIt() {
        // subscript indices (nested too) before the value; the array the value changes is the one assigned (was: the value first (`v i`), then the indices from the outside in (`v j i`))
        expectSwift("""
        var log: [String] = []
        func i(_ n: Int, _ tag: String) -> Int { log.append(tag); return n }
        var a = [1, 2, 3]
        a[i(0, "i")] = i(9, "v")
        a[i(1, "i")] += i(5, "v")
        var m = [[1, 2], [3, 4]]
        m[i(0, "i")][i(1, "j")] = i(7, "v")
        m[i(1, "i")][i(0, "j")] *= 2
        var n = 0
        func incr() -> Int { n += 1; log.append("incr"); return n }
        var b = [0, 0, 0]
        b[n] = incr()
        var w = [1, 2, 3]
        func shrink() -> Int { w = [9]; log.append("shrink"); return 0 }
        w[i(0, "i")] = shrink()
        print(log.joined(separator: " "))
        print(a, m, b, w)
        """, "i v i v i j v i j incr i shrink\n[9, 7, 3] [[1, 7], [6, 4]] [1, 0, 0] [0]\n")
    }

    @Test func classReferencesAreLoadedBeforeTheValueAndStructStorageAfterIt() {
        // a class reference on the target is the one it held before the value; a struct variable is read after it (was: `c.v += swap()` changed the instance `swap` put in `c`)
        expectSwift("""
        class C { var v = 0; var arr = [0, 0]; let name: String; init(_ n: String) { name = n } }
        var c = C("one")
        let first = c
        func swap() -> Int { c = C("two"); return 10 }
        c.v += swap()
        print(first.v, c.name, c.v)
        c = first
        c.arr[1] = swap()
        print(first.arr, c.arr)
        var cs = [C("a"), C("b")]
        let a0 = cs[0]
        func replace() -> Int { cs[0] = C("z"); return 7 }
        cs[0].v = replace()
        print(a0.v, cs[0].name, cs[0].v)
        struct S { var x = 0; var arr = [1, 2] }
        var s = S()
        func bump() -> Int { s.x = 100; s.arr = [7, 8, 9]; return 1 }
        s.x += bump()
        s.arr[2] = bump()
        print(s.x, s.arr)
        """, "10 two 0\n[0, 10] [0, 0]\n7 z 0\n100 [7, 8, 1]\n")
    }

    @Test func optionalChainsDefaultsTuplesAndTupleTargetsFollowSwiftsOrder() {
        // a nil optional chain evaluates nothing; `default:` only for a missing key, after the value (was: the index and the value were evaluated for a nil chain, and `default:` always)
        expectSwift("""
        var log: [String] = []
        func i(_ n: Int, _ tag: String) -> Int { log.append(tag); return n }
        struct S { var arr = [1, 2] }
        var some: S? = S()
        var none: S? = nil
        some?.arr[i(0, "i")] = i(6, "v")
        none?.arr[i(0, "i")] += i(6, "v")
        var x: Int? = nil
        x? += i(1, "v")
        var d: [String: Int] = ["a": 1]
        func k(_ s: String) -> String { log.append("k"); return s }
        d[k("b"), default: i(0, "default")] += i(3, "v")
        d[k("a"), default: i(0, "default")] += i(3, "v")
        var t = (1, [1, 2])
        t.1[i(0, "i")] = i(5, "v")
        var p1 = 0, p2 = [0, 0]
        (p1, p2[i(1, "i")]) = (i(1, "v1"), i(2, "v2"))
        print(log.joined(separator: " "))
        print(some!.arr, d.sorted { $0.key < $1.key }, t, p1, p2)
        """, "i v k v default k v i v i v1 v2\n[6, 2] [(key: \"a\", value: 4), (key: \"b\", value: 3)] (1, [5, 2]) 1 [0, 2]\n")
    }

    @Test func inoutArgumentsAndMutatingCallsEvaluateTheirIndicesOnce() {
        // `&a[i()]` evaluates `i()` once, before the other arguments; `a[i()].append(v())` the index first (was: `i` twice for an inout argument, and the argument before the index)
        expectSwift("""
        var log: [String] = []
        func i(_ n: Int, _ tag: String) -> Int { log.append(tag); return n }
        func addTo(_ x: inout Int, _ y: Int) { x += y }
        var arr = [1, 2, 3]
        addTo(&arr[i(2, "i")], i(10, "g"))
        var grid = [[0, 0], [0, 0]]
        grid[i(1, "r")].append(i(5, "v"))
        class M {
            var x = [0, 0]
            func f() -> Int { log.append("f"); return 3 }
            func run() { self.x[i(1, "i")] += f(); x[i(0, "i")] = f() }
        }
        let mm = M()
        mm.run()
        struct P { var ys = [0, 0] }
        var ps = [P(), P()]
        ps[i(1, "i")].ys[i(0, "j")] = 2
        print(log.joined(separator: " "))
        print(arr, grid, mm.x, ps.map { $0.ys })
        """, "i g r v i f i f i j\n[1, 2, 13] [[0, 0], [0, 0, 5]] [3, 3] [[0, 0], [2, 0]]\n")
    }

    @Test func inoutStorageIsReadAfterTheArgumentsAndCallsGoThroughTheReferenceLoadedFirst() {
        // `swiftc -O`: the inout access begins after `g()` and `h()`; `append` goes to the instance `c` named before
        // `swap()` (was: `[6, 2, 3]`, `2`, and `[] [3]`)
        expectSwift("""
        func addTo(_ x: inout Int, _ y: Int) { x += y }
        var a = [1, 2, 3]
        func g() -> Int { a[0] = 100; return 5 }
        addTo(&a[0], g())
        print(a)
        var n = 1
        func h() -> Int { n = 50; return 1 }
        addTo(&n, h())
        print(n)
        class C { var items: [Int] = [] }
        var c = C()
        let first = c
        func swap() -> Int { c = C(); return 3 }
        c.items.append(swap())
        print(first.items, c.items)
        """, "[105, 2, 3]\n51\n[3] []\n")
    }
}
