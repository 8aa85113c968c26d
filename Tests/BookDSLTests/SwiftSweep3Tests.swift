import Testing
import BookDSL

/// Divergences found by the fourteenth session's sweep (programs run through `swiftc -O` and the cell language):
/// each expected output below is what `swiftc -O` printed for the same source.
@Suite struct SwiftSweep3Tests {
    @Test func writtenGenericArgumentsConvertLikeSwift() {
        // `Stack<Double>()`, `Box<Double>(3)`, `Pair<Double, Int>(a: 1, b: 2)`, `let s: Stack<Double> = Stack()`, `Tree<Double>.leaf(2)`:
        // a T-typed parameter, property or payload converts an Int (was: `[3]`); `Stack<Int>` is unchanged
        expectSwift(#"""
        struct Stack<T> {
            var items: [T] = []
            mutating func push(_ x: T) { items.append(x) }
            static func of(_ xs: [T]) -> Stack<T> { Stack<T>(items: xs) }
        }
        extension Stack { var top: T? { items.last } }
        var s = Stack<Double>()
        s.push(3)
        s.items.append(4)
        print(s.items, s.top!, s, [s])
        var t = Stack<Int>()
        t.push(1)
        let u: Stack<Double> = Stack()
        print(t, u, Stack<Double>.of([1, 2]).items)
        final class Box<T> { var v: T; init(_ v: T) { self.v = v } }
        let b = Box<Double>(3)
        struct Pair<A, B> { var a: A; var b: B }
        let p = Pair<Double, Int>(a: 1, b: 2)
        print(b.v, p, type(of: p))
        enum Tree<T> { case leaf(T); case node([Tree<T>]) }
        if case .leaf(let v) = Tree<Double>.leaf(2) { print(v) }
        struct Opt<T> { var x: T }
        print(Opt<Int?>(x: 3))
        """#, "[3.0, 4.0] 4.0 Stack<Double>(items: [3.0, 4.0]) [main.Stack<Swift.Double>(items: [3.0, 4.0])]\nStack<Int>(items: [1]) Stack<Double>(items: []) [1.0, 2.0]\n3.0 Pair<Double, Int>(a: 1.0, b: 2) Pair<Double, Int>\n2.0\nOpt<Optional<Int>>(x: Optional(3))\n")
    }

    @Test func builtInGenericSpellingsTakeTheirElementType() {
        // `Array<Double>()`, `Dictionary<String, Double>()`, `Set<Double>()` and `Array<Double>(repeating:count:)`
        // convert stored Ints as `[Double]()` does (was: `[2]`); `insert` into a `Set<Double>` converts too
        expectSwift(#"""
        var a = Array<Double>()
        a.append(2)
        var d = Dictionary<String, Double>()
        d["x"] = 1
        var s = Set<Double>()
        s.insert(1)
        var t: Set<Double> = []
        t.insert(2)
        print(a, d, s, t, Array<Double>(repeating: 0, count: 2))
        """#, "[2.0] [\"x\": 1.0] [1.0] [2.0] [0.0, 0.0]\n")
    }

    @Test func typeOfAnEmptyCollectionNamesItsStaticType() {
        // `type(of:)` of an empty collection or a nil whose type is known names it (was: `Array<Any>`)
        expectSwift(#"""
        let xs: [Double] = []
        var ys = [Int]()
        let e: Set<String> = []
        let d: [String: [Double]] = [:]
        let q: Double? = nil
        let any: [Any] = [1, "a"]
        struct S { var rs: [Double] = [] }
        print(type(of: [Double]()), type(of: [String: Int]()), type(of: xs), type(of: ys))
        print(type(of: e), type(of: d), type(of: q), type(of: any), type(of: S().rs))
        ys.append(1)
        print(type(of: ys))
        """#, "Array<Double> Dictionary<String, Int> Array<Double> Array<Int>\nSet<String> Dictionary<String, Array<Double>> Optional<Double> Array<Any> Array<Double>\nArray<Int>\n")
    }

    @Test func maxAndMinFollowSwiftOnSignedZerosAndNan() {
        // Swift's `max(x, y)` is `y >= x ? y : x` and `min(x, y)` `y < x ? y : x` (was: `-0.0` for `max(-0.0, 0.0)`)
        expectSwift(#"""
        print(max(-0.0, 0.0), min(0.0, -0.0), max(Double.nan, 1), max(1, Double.nan), min(Double.nan, 1), max(1.0, 2, 2.0))
        """#, "0.0 0.0 nan 1.0 nan 2.0\n")
    }

    @Test func keyPathsThroughOptionalsAndTuplePatternsWithLet() {
        // `\.address?.city` (was: a run-time error), `case (.up, let (x, y))` (was: a parse error),
        // `Dictionary(_:uniquingKeysWith:)` (was: a run-time error)
        expectSwift(#"""
        struct Address { var city: String?; var zip: Int? }
        struct Person { var name: String; var address: Address? }
        let people = [Person(name: "A", address: Address(city: "Oslo", zip: 150)), Person(name: "B", address: nil)]
        print(people.compactMap(\.address?.city), people.map(\.address?.zip), people.prefix(1).map(\.address!.city))
        enum Move { case up, down }
        func apply(_ m: Move, _ pos: (x: Int, y: Int)) -> (x: Int, y: Int) {
            switch (m, pos) {
            case (.up, let (x, y)) where y < 3: return (x, y + 1)
            case (.down, (let x, let y)) where y > 0: return (x, y - 1)
            default: return pos
            }
        }
        print(apply(.up, (0, 0)), apply(.down, (1, 0)), apply(.down, (1, 2)))
        print(Dictionary(["k1", "k2", "k1"].map { ($0, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key })
        """#, "[\"Oslo\"] [Optional(150), nil] [Optional(\"Oslo\")]\n(x: 0, y: 1) (x: 1, y: 0) (x: 1, y: 1)\n[(key: \"k1\", value: 2), (key: \"k2\", value: 1)]\n")
    }

    @Test func identityComparesTheObjectAnOptionalHolds() {
        // `node.parent === root` with an optional `parent` (was: `false`), `nil === nil`
        expectSwift(#"""
        class N { var p: N?; var q: N? = nil }
        let a = N(), b = N()
        a.p = b
        print(a.p === b, b === a.p, a.q === nil, a.p !== b, a.q !== b)
        let o: N? = b
        print(o === b, o === a.p, a === b)
        """#, "true true true false true\ntrue true false\n")
    }

    @Test func optionalChainsContinuePastALinkAndCoalescingConvertsLiterals() {
        // `a?.ys.first`, `a?.ys.count`, `$0?.ys.first` are nil when `a` is and wrapped otherwise (was: `1` for
        // `a?.ys.count`, a run-time error for a nil `$0`); `d["x"] ?? 0` on Doubles is `0.0` (was: `0`), also in closures
        expectSwift(#"""
        struct S { var m: Double?; var ys: [Double] = [1] }
        let s2: S? = S(m: nil)
        print(s2?.ys.first as Any, s2?.ys.count as Any, s2?.ys.max() as Any, s2?.ys[0] as Any)
        let arr: [S?] = [nil, s2]
        print(arr.map { $0?.ys.first as Any }, arr.map { x in x?.ys.count as Any })
        print(arr.map { $0?.m ?? -1 }, arr.map { $0?.ys.first ?? 3 })
        let d: [String: Double] = [:]
        let v = d["x"] ?? 0
        let xs: [Double] = []
        let o: Double? = nil
        print(v, d["y"] ?? 1, xs.max() ?? 0, xs.first ?? 0, o ?? 0, s2?.m ?? 2)
        struct Address { var zip: Int? }
        let a: Address? = Address(zip: 15)
        print(a?.zip.map { $0 * 10 } as Any)
        """#, "Optional(1.0) Optional(1) Optional(1.0) Optional(1.0)\n[nil, Optional(1.0)] [nil, Optional(1)]\n[-1.0, -1.0] [3.0, 1.0]\n0.0 1.0 0.0 0.0 0.0 2.0\nOptional(150)\n")
    }

    @Test func aRethrowsFunctionWithANonThrowingClosureNeedsNoTry() {
        // `mapAll([1, 2]) { $0 * 3 }` with `func mapAll(...) rethrows` (was: refused as needing 'try')
        expectSwift(#"""
        enum E: Error { case bad }
        func check(_ x: Int) throws -> Int { if x < 0 { throw E.bad }; return x }
        func mapAll(_ xs: [Int], _ f: (Int) throws -> Int) rethrows -> [Int] { try xs.map(f) }
        print(mapAll([1, 2]) { $0 * 3 }, try mapAll([2]) { try check($0) }, (try? mapAll([-1]) { try check($0) }) as Any)
        """#, "[3, 6] [2] nil\n")
    }

    @Test func implicitMemberArgumentsOfMethodsNameTheParametersType() {
        // `c.mixed(with: .white)` and `.gray(0.5)` where the method's parameter is a `Color`, `xs.append(.white)` on a `[Color]`
        // (was: a run-time error, the argument staying an unresolved `.white`)
        expectSwift(#"""
        struct Color: CustomStringConvertible {
            var v: Double
            static let white = Color(v: 1)
            static func gray(_ v: Double) -> Color { Color(v: v) }
            func mixed(with o: Color, _ t: Double) -> Color { Color(v: v + (o.v - v) * t) }
            var description: String { "c\(v)" }
        }
        let black = Color(v: 0)
        var xs = [black]
        xs.append(.white)
        xs.append(.gray(0.25))
        print(black.mixed(with: .white, 0.5), Color.white.mixed(with: .gray(0.5), 1), xs)
        """#, "c0.5 c0.5 [c0.0, c1.0, c0.25]\n")
    }

    @Test func implicitStaticMembersInComparisonsAssignmentsAndOptionals() {
        // `c == .white`, `[Color.black, .white].contains(.white)`, `palette["fg"] = .white`, `var c: Color? = .white`, `c = .none`
        // (was: `false`, a stored unresolved `.white`, `Optional(white)`, `Optional(none)`)
        expectSwift(#"""
        struct Color: Equatable { var v: Double; static let white = Color(v: 1); static let black = Color(v: 0) }
        var c: Color? = .white
        print(c == .none, c == .white, c as Any, Color(v: 1) == .white, Color(v: 2) != .white)
        c = .none
        print(c as Any, c == nil, [Color.black, .white].contains(.white))
        var m: [String: Color] = [:]
        m["x"] = .white
        m["y"] = .black
        m["y"] = .none
        print(m.count, m["x"]!.v)
        """#, "false true Optional(main.Color(v: 1.0)) true true\nnil true true\n1 1.0\n")
    }

    @Test func weakAndUnownedAreRefusedWithAMessage() {
        // a `weak` reference would not become nil when its object is freed (was: a parse error without a reason)
        BookHarness.expectError("class N { weak var parent: N? }\nprint(1)\n", code: 65, contains: "'weak' references are not supported in cells")
        BookHarness.expectError("class N {}\nunowned let n = N()\nprint(1)\n", code: 65, contains: "'unowned' references are not supported in cells")
    }

    @Test func lazyIsRefusedWithAMessage() {
        BookHarness.expectError("let xs = [1, 2, 3]\nprint(xs.lazy.map { $0 * 2 }.first!)\n", code: 65, contains: "'lazy' sequences are not supported in cells")
        // a rethrows call whose closure has a `try` still needs one
        BookHarness.expectError("func m(_ f: () throws -> Int) rethrows -> Int { try f() }\nfunc g() throws -> Int { 1 }\nprint(m { try g() })\n", code: 65, contains: "call can throw but is not marked with 'try'")
    }

    @Test func genericTypeArgumentCountIsChecked() {
        BookHarness.expectError("struct Box<T> { var v: T }\nlet b = Box<Double, Int>(v: 1)\nprint(b.v)\n", code: 65, contains: "generic type 'Box' takes 1 type argument (T), not 2")
    }
}
