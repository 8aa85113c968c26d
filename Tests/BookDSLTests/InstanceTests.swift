import Testing
import BookDSL

/// Values, instances and members after the data-path changes (fields tail-allocated in the
/// instance, direct field writes, templates of default fields): value semantics of structs
/// copied into arrays and dictionaries and then changed in place, class identity, nested
/// optionals and their printing, optional chaining, enum payloads and tuple destructuring.
/// Expected outputs are what Swift 6 prints for the same program.
@Suite struct InstanceTests {
    @Test func valueAndReferenceSemanticsMatchSwift() {
        let o = BookHarness.run("""
        struct P { var x: Int; var y: Int = 7 }
        class C { var v: Int; var next: C?; init(v: Int, next: C?) { self.v = v; self.next = next } }
        var ps = [P(x: 1), P(x: 2)]
        var q = ps[0]
        ps[0].x = 10
        q.y += 1
        print(ps[0].x, ps[0].y, q.x, q.y)
        var d: [String: P] = ["a": P(x: 3, y: 4)]
        let e = d
        d["a"]!.x = 30
        print(d["a"]!.x, e["a"]!.x)
        let c1 = C(v: 1, next: nil)
        let c2 = c1
        c2.v = 5
        var arr = [c1, c1]
        arr[1].v = 9
        print(c1.v, c2.v, arr[0].v, c1 === c2, c1 === C(v: 9, next: nil))
        let chain = C(v: 2, next: c1)
        print(chain.next?.v, chain.next?.next?.v)
        let oo: Int?? = 5
        print(oo)
        let o1: Int? = 5
        print(o1, o1!)
        var none: Int?? = 5
        none = nil
        print(none)
        struct S {
            var a: Int
            init(a: Int) { self.a = a; self.a += 1 }
            mutating func bump() { self.a = a * 2 }
        }
        var s1 = S(a: 1)
        let s2 = s1
        s1.bump()
        print(s1.a, s2.a)
        var ss = [s1, s1]
        ss[0].bump()
        print(ss[0].a, ss[1].a, s1.a)
        enum Shape { case circle(r: Double), rect(w: Double, h: Double), dot }
        let shapes: [Shape] = [.circle(r: 1), .rect(w: 2, h: 3), .dot]
        for sh in shapes {
            switch sh {
            case .circle(let r): print("c", r)
            case .rect(let w, let h): print("r", w * h)
            case .dot: print("dot")
            }
        }
        if case .rect(let w, _) = shapes[1] { print(w) }
        func split(_ p: P) -> (P, P) { (P(x: p.x, y: 0), P(x: 0, y: p.y)) }
        var (a, b) = split(P(x: 4, y: 5))
        a.x += 1
        print(a.x, a.y, b.x, b.y)
        class Box { var items: [Int] = []; var count = 0 }
        let bx = Box()
        bx.items.append(3)
        bx.count += 1
        print(bx.items, bx.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        10 7 1 8
        30 3
        9 9 9 true false
        Optional(9) nil
        Optional(Optional(5))
        Optional(5) 5
        nil
        4 2
        8 4 4
        c 1.0
        r 6.0
        dot
        2.0
        5 0 0 5
        [3] 1

        """)
    }

    /// Defaults that run code run once per instance; observers run on `self.x = v` outside the
    /// initializer and not inside it; a subclass keeps its superclass's fields and observers.
    @Test func defaultsObserversAndSubclassesMatchSwift() {
        let o = BookHarness.run("""
        var made = 0
        func nextID() -> Int { made += 1; return made }
        class Base {
            var id = nextID()
            var tags: [String] = ["a"]
            var name: String?
            var log: [Int] = []
            var level = 0 { didSet { log.append(level) } }
            init() {}
            func raise() { self.level = level + 1; level += 10 }
        }
        class Derived: Base {
            var extra = 2.5
            override init() { super.init(); self.extra = 4 }
        }
        let b1 = Base(), b2 = Base()
        b1.tags.append("b")
        print(b1.id, b2.id, b1.tags, b2.tags, b1.name as Any, b2.name == nil)
        b1.raise()
        print(b1.level, b1.log)
        let d1 = Derived()
        d1.raise()
        d1.name = "x"
        print(d1.id, d1.extra, d1.level, d1.log, d1.name!)
        struct Counter {
            var n = 0
            var history: [Int] = []
            var total = 0 { willSet { history.append(newValue) } }
            init(start: Int) { self.n = start; self.total = start }
            mutating func add(_ k: Int) { self.n += k; self.total = total + k }
        }
        var c = Counter(start: 3)
        let saved = c
        c.add(2)
        var cs = [c, c]
        cs[1].add(5)
        print(c.n, c.total, c.history, saved.n, saved.history, cs[0].n, cs[1].n, cs[1].history)
        var byName: [String: Counter] = ["k": c]
        byName["k"]?.add(1)
        print(byName["k"]!.n, c.n)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        1 2 ["a", "b"] ["a"] nil true
        11 [1, 11]
        3 4.0 11 [1, 11] x
        5 5 [5] 3 [] 5 10 [5, 10]
        6 5

        """)
    }

    /// Dictionaries and sets keyed by Ints or Strings (their own index) and by other values
    /// (`2` and `2.0` are the same key, an optional key finds its payload's entry).
    @Test func dictionaryAndSetKeysMatchSwift() {
        let o = BookHarness.run("""
        var d: [Int: String] = [3: "c", 1: "a"]
        d[2] = "b"
        d[1] = nil
        print(d[3] ?? "-", d[1] ?? "-", d[2]!, d.count)
        let k: Int? = 3
        if let kk = k { print(d[kk] ?? "none") }
        var words: [String: Int] = [:]
        for w in ["x", "y", "x", "z", "x"] { words[w, default: 0] += 1 }
        print(words["x"]!, words["y"]!, words["q"] == nil, words.count)
        words.removeValue(forKey: "y")
        print(words["z"]!, words["y"] == nil, words.count)
        var mixed: [Double: Int] = [1.5: 1]
        mixed[2] = 2
        print(mixed[2.0]!, mixed[1.5]!)
        var s: Set<Int> = [1, 2, 3]
        s.insert(2)
        s.remove(1)
        print(s.contains(2), s.contains(1), s.count)
        var ss: Set<String> = ["a"]
        ss.insert("b")
        print(ss.contains("b"), ss.remove("a") ?? "none", ss.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        c - b 2
        c
        3 1 true 3
        1 true 2
        2 1
        true false 2
        true a 1

        """)
    }

    /// Tuples (elements tail-allocated in the box): labels, element writes, comparison,
    /// destructuring, patterns, nesting, and the pairs of dictionary iteration.
    @Test func tuplesMatchSwift() {
        let o = BookHarness.run("""
        func minMax(_ xs: [Int]) -> (min: Int, max: Int) { (xs.min()!, xs.max()!) }
        let r = minMax([3, 1, 4, 1, 5])
        print(r.min, r.max, r.0, r)
        var p = (1, "a")
        p.0 += 10
        p.1 = "b"
        print(p, p == (11, "b"), (1, 2) < (1, 3), (2, 0) > (1, 9))
        let (lo, hi) = minMax([7, 2, 9])
        print(lo, hi)
        switch (lo, hi) {
        case (2, let h) where h > 5: print("wide", h)
        default: print("other")
        }
        let nested = ((1, 2), (x: 3, y: 4))
        print(nested.0.1, nested.1.y, nested)
        var total = 0
        for (k, v) in [("a", 1), ("b", 2)] { total += v; if k == "b" { total *= 10 } }
        print(total)
        let d = ["z": 1]
        for (k, v) in d { print(k, v) }
        for e in d { print(e.key, e.value) }
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        1 5 1 (min: 1, max: 5)
        (11, "b") true true true
        2 9
        wide 9
        2 4 ((1, 2), (x: 3, y: 4))
        30
        z 1
        z 1

        """)
    }
}
