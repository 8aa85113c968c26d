import Testing
import BookDSL

/// Programs that ran differently from Swift (found by running the same source through `swiftc`
/// and the cell language): each expected output below is what `swiftc -O` printed for it.
@Suite struct SwiftParityTests {
    @Test func mutatingEnumMethodAssigningSelfChangesTheVariable() {
        // was: the assignment to `self` was lost (`north` printed), and `self = .south` stored a bare member
        expectSwift("""
        enum Dir { case north, south
            var opposite: Dir { self == .north ? .south : .north }
            mutating func turn() { self = opposite }
            mutating func reset() { self = .north }
        }
        var d = Dir.north
        d.turn()
        print(d)
        var ds = [Dir.south]
        ds[0].turn()
        d.reset()
        print(d, ds)
        struct S { var d = Dir.north }
        var s = S()
        s.d.turn()
        print(s.d)
        """, "south\nnorth [main.Dir.north]\nsouth\n")
    }

    @Test func implicitMembersInAnArrayLiteralTakeTheNamedCaseType() {
        // was: `[main.Dir.north, south]` and "value of type 'member' has no member 'rawValue'"
        expectSwift("""
        enum Dir { case north, south }
        enum Coin: Int { case penny = 1, dime = 10 }
        print([Dir.north, .south])
        for c in [Coin.dime, .penny] { print(c.rawValue) }
        """, "[main.Dir.north, main.Dir.south]\n10\n1\n")
    }

    @Test func structsInsideOptionalsAndCollectionsAreModuleQualified() {
        // was: `Optional(Point(x: 1.0, y: 2.0))`
        expectSwift("""
        struct Point { var x: Double; var y: Double }
        let p: Point? = Point(x: 1, y: 2)
        print(p as Any)
        print([Point(x: 0, y: 0)], (Point(x: 3, y: 4), 1))
        print(Point(x: 5, y: 6))
        debugPrint(Point(x: 7, y: 8))
        """, "Optional(main.Point(x: 1.0, y: 2.0))\n[main.Point(x: 0.0, y: 0.0)] (main.Point(x: 3.0, y: 4.0), 1)\nPoint(x: 5.0, y: 6.0)\nmain.Point(x: 7.0, y: 8.0)\n")
    }

    @Test func doubleDividedByAZeroLiteralIsInfinityAndImplicitDoubleMembersResolve() {
        // was: "division by zero" for `5.0 / 0`, and an error for `2.0 * .pi`
        expectSwift("print(5.0 / 0, -5.0 / 0, 2.0 * .pi)\nvar x = 1.0\nx /= 0\nprint(x)", "inf -inf 6.283185307179586\ninf\n")
        BookHarness.expectError("let n = 5\nprint(n / 0)", code: 70, contains: "division by zero")
    }

    @Test func captureListsCopyTheValueWhenTheClosureIsMade() {
        // was: `[x]` was skipped, so the closure read the later value
        expectSwift("""
        var x = 10
        let now = { [x] in print("captured", x) }
        let renamed = { [y = x * 2] in print("renamed", y) }
        let live = { print("live", x) }
        x = 20
        now(); renamed(); live()
        let adders = (1...2).map { n in { [n] (v: Int) in v + n } }
        print(adders.map { $0(10) })
        """, "captured 10\nrenamed 20\nlive 20\n[11, 12]\n")
    }

    @Test func optionalCallsAndSubscriptsOfAbsentValuesAreNil() {
        // was: "cannot call value of non-function type 'Optional<Any>'"
        expectSwift("""
        var callbacks: [String: () -> Void] = [:]
        var n = 0
        callbacks["inc"] = { n += 1 }
        callbacks["inc"]?()
        callbacks["missing"]?()
        let f: ((Int) -> Int)? = nil
        let xs: [Int]? = [4, 5]
        let none: [Int]? = nil
        print(n, f?(2) as Any, xs?[1] as Any, none?[0] as Any)
        """, "1 nil Optional(5) nil\n")
    }

    @Test func forVarLoopVariablesAreMutableCopies() {
        // was: "cannot assign to property: 'c' is a 'let' constant"
        expectSwift("""
        struct Cell { var v: Int }
        let cells = [Cell(v: 1), Cell(v: 2)]
        for var c in cells where c.v > 1 { c.v *= 10; print(c.v) }
        for var i in 0..<2 { i += 100; print(i) }
        print(cells.map { $0.v })
        """, "20\n100\n101\n[1, 2]\n")
    }

    @Test func delegatingInitializersRunTheOtherInitializer() {
        // was: "value of type 'P' has no member 'init'"
        expectSwift("""
        struct P {
            var a: Int, b: Int
            init(a: Int, b: Int) { self.a = a; self.b = b }
            init(both: Int) { self.init(a: both, b: both) }
        }
        class Vehicle {
            var wheels: Int, name: String
            init(wheels: Int, name: String) { self.wheels = wheels; self.name = name }
            convenience init(name: String) { self.init(wheels: 4, name: name) }
        }
        class Bike: Vehicle { var gears = 3 }
        let b = Bike(name: "bike")
        print(P(both: 3), Vehicle(name: "car").wheels, b.wheels, b.gears)
        """, "P(a: 3, b: 3) 4 4 3\n")
        BookHarness.expectError("func f() { self.init() }", code: 65, contains: "'self.init' can only be called inside an initializer")
    }

    @Test func typedArrayInitializersConvertNestedElements() {
        // was: [[0, 0], [0, 0]] (Ints kept in a [[Double]])
        expectSwift("print([[Double]](repeating: [0, 0], count: 2))", "[[0.0, 0.0], [0.0, 0.0]]\n")
    }

    @Test func stringFilterIsAStringAndSplitTakesItsOptions() {
        // was: filter gave ["H", "W"]; omittingEmptySubsequences was ignored; whereSeparator refused
        expectSwift("""
        let s = "Hello, World"
        print(s.filter { $0.isUppercase })
        print("1,2,,4,".split(separator: ",", omittingEmptySubsequences: false), "1,2,,4".split(separator: ",", maxSplits: 1))
        print("a,b;c".split(whereSeparator: { $0 == "," || $0 == ";" }))
        print([1, 0, 2, 3, 0, 0].split(separator: 0).map { Array($0) })
        """, "HW\n[\"1\", \"2\", \"\", \"4\", \"\"] [\"1\", \"2,,4\"]\n[\"a\", \"b\", \"c\"]\n[[1], [2, 3]]\n")
    }

    @Test func optionalFlatMapKeepsTheOptional() {
        // was: `4` (the closure's plain value returned unwrapped)
        expectSwift("let o: Int? = 4\nprint(o.flatMap { $0 > 3 ? String($0) : nil } as Any)", "Optional(\"4\")\n")
    }

    @Test func dictionaryMergingAndCompactMapValues() {
        expectSwift("""
        let d = ["a": 1, "b": 2]
        let m = d.merging(["b": 20, "c": 30]) { $0 + $1 }
        print(m.sorted { $0.key < $1.key }, d.count)
        print(["a": "1", "b": "x"].compactMapValues { Int($0) })
        print(String(reflecting: "q"), [1, 2].lexicographicallyPrecedes([1, 3]))
        """, "[(key: \"a\", value: 1), (key: \"b\", value: 22), (key: \"c\", value: 30)] 2\n[\"a\": 1]\n\"q\" true\n")
    }

    @Test func typesThatWouldRunDifferentlyAreRefusedBeforeRunning() {
        // were accepted and ran as 64-bit Int / Double arithmetic
        BookHarness.expectError("var r: UInt64 = 42\nr = r &* 3\nprint(r)", code: 65, contains: "'UInt64' is not supported in cells")
        BookHarness.expectError("print(UInt32(7) / 2)", code: 65, contains: "'UInt32' is not supported in cells")
        BookHarness.expectError("print(Float(1) / 3)", code: 65, contains: "Float(1) / 3 prints 0.33333334 in Swift); use Double")
        BookHarness.expectError("let xs: [Float] = [1]\nprint(xs)", code: 65, contains: "'Float' is not supported in cells")
        BookHarness.expectError("let r: Result<Int, Error> = .success(1)\nprint(r)", code: 65, contains: "'Result' is not supported in cells")
    }

    @Test func staticProtocolRequirementsAreMetByStaticMembers() {
        // was: "missing var id" although the type declares `static let id`
        expectSwift("""
        protocol Tagged { static var tag: String { get }; static func make() -> Self }
        struct A: Tagged { static let tag = "a"; static func make() -> A { A() } }
        print(A.tag, A.make())
        """, "a A()\n")
        BookHarness.expectError("protocol T { static var tag: String { get } }\nstruct B: T {}", code: 65, contains: "missing static tag")
    }

    @Test func numberLiteralsMixingIntsAndDoublesAreDoubles() {
        // was: [1, 0, 0.5, -1] and [0, 0.1, 0.2] kept their Int literals; `xs.append(1)` stored an Int
        expectSwift("""
        let rewards = [1, 0, 0.5, -1]
        let dt = 0.1
        print(rewards, [[0, 1], [0.5, 2]], [0, dt, 2 * dt])
        print(["a": 1, "b": 2.5].sorted { $0.key < $1.key }, [1, 2, 3])
        var xs = [3, 4.5]
        xs.append(1)
        var ys = [0.5]
        ys += [2]
        print(xs, ys)
        """, "[1.0, 0.0, 0.5, -1.0] [[0.0, 1.0], [0.5, 2.0]] [0.0, 0.1, 0.2]\n[(key: \"a\", value: 1.0), (key: \"b\", value: 2.5)] [1, 2, 3]\n[3.0, 4.5, 1.0] [0.5, 2.0]\n")
    }

    @Test func initializersAreFunctionValues() {
        // was: "type 'String' has no member 'init'"
        expectSwift("""
        struct W { var v: Int }
        print(["1", "x"].map(Int.init), [1, 2].map(String.init), "a b".split(separator: " ").map(String.init))
        print([1, 2].map(W.init))
        """, "[Optional(1), nil] [\"1\", \"2\"] [\"a\", \"b\"]\n[main.W(v: 1), main.W(v: 2)]\n")
    }

    @Test func someNoneAndStaticImplicitMembers() {
        // was: "cannot convert value of type '(member, Int)' to 'Int'"; `[vel, .zero]` printed `zero`
        expectSwift("""
        let a: Int? = .some(3)
        let b: Int? = .none
        func find(_ x: Int) -> Int? { x > 0 ? .some(x * 2) : .none }
        print(a as Any, b as Any, find(2) as Any, find(-1) as Any)
        struct V { var x = 0.0; static let zero = V() }
        let v = V(x: 1)
        print([v, .zero].map { $0.x })
        let w: V = .zero
        print(w.x)
        """, "Optional(3) nil Optional(4) nil\n[1.0, 0.0]\n0.0\n")
    }

    @Test func superPropertiesAndZipWithAnOpenRange() {
        // were refused: "'super' property access is not supported", "cannot iterate over a range ... without bounds"
        expectSwift("""
        class Base { var hp = 10; var label: String { "base" } }
        class Tank: Base { override var label: String { "tank(" + super.label + ", \\(super.hp))" } }
        print(Tank().label)
        print(zip(["a", "b"], 1...).map { "\\($0)\\($1)" }, zip(0..., [7, 8]).map { $0 * $1 })
        """, "tank(base, 10)\n[\"a1\", \"b2\"] [0, 8]\n")
    }

    @Test func setsInsideCollectionsPrintAsSwiftWritesThem() {
        // was: [[1]] and Optional([2])
        expectSwift("print([Set([1])], Optional(Set([2])) as Any, Set([3]), UInt8.max)", "[Set([1])] Optional(Set([2])) [3] 255\n")
    }

    @Test func selfNamesTheEnclosingType() {
        // was: "cannot find 'Self' in scope"
        expectSwift("""
        struct T {
            static let scale = "C"
            var c = 1.0
            func describe() -> String { "\\(c)\\(Self.scale)" }
            static func zero() -> Self { Self(c: 0) }
        }
        print(T().describe(), T.zero().c)
        """, "1.0C 0.0\n")
        // in a class `Self` is the dynamic class (a subclass's overrides): refused, not the declaring class
        BookHarness.expectError("""
        class A { class func kind() -> String { "a" }; func d() -> String { Self.kind() } }
        class B: A { override class func kind() -> String { "b" } }
        print(B().d())
        """, code: 65, contains: "'Self' in a class is not supported")
    }

    @Test func genericStructsPrintTheirTypeArguments() {
        // was: `Pair(first: 1, second: "one")`
        expectSwift("""
        struct Pair<A, B> { var first: A; var second: B }
        struct Point { var x = 1 }
        struct Stack<Element> { var items: [Element] = [] }
        let p = Pair(first: 1, second: "one")
        print(p, [p])
        print(Pair(first: Point(), second: [1.5]))
        var s = Stack<Int>()
        s.items.append(3)
        print(s, Optional(s) as Any)
        """, """
        Pair<Int, String>(first: 1, second: "one") [main.Pair<Swift.Int, Swift.String>(first: 1, second: "one")]
        Pair<Point, Array<Double>>(first: main.Point(x: 1), second: [1.5])
        Stack<Int>(items: [3]) Optional(main.Stack<Swift.Int>(items: [3]))

        """)
    }

    @Test func optionalChainedAssignmentAndQuotientAndRemainder() {
        // were refused: "cannot assign to this expression", "value of type 'Double' has no member 'quotientAndRemainder'"
        expectSwift("""
        var w: Double? = 2.5
        w? += 1
        var n: Int? = nil
        n? += 1
        var xs: [Int]? = [1, 2]
        xs?[0] = 9
        var none: [Int]? = nil
        none?[0] = 1
        print(w as Any, n as Any, xs as Any, none as Any)
        print(17.quotientAndRemainder(dividingBy: 5), (-9).quotientAndRemainder(dividingBy: 4))
        """, "Optional(3.5) nil Optional([9, 2]) nil\n(quotient: 3, remainder: 2) (quotient: -2, remainder: -1)\n")
    }

    @Test func failableInitializersGiveOptionals() {
        // was: `return nil` ignored, a half-made instance printed as `()@()`; enum inits refused
        expectSwift("""
        struct Email {
            let user: String, domain: String
            init?(_ s: String) {
                let parts = s.split(separator: "@")
                guard parts.count == 2, !parts[0].isEmpty else { return nil }
                user = String(parts[0]); domain = String(parts[1])
            }
        }
        print(Email("a@b")?.domain ?? "invalid", Email("nope")?.domain ?? "invalid", Email("@x") == nil)
        print(["x@y", "bad"].compactMap(Email.init).map(\\.user))
        class Port { let n: Int; init?(_ n: Int) { if n < 0 { return nil }; self.n = n } }
        print(Port(-1) == nil, Port(80)?.n as Any)
        enum Level: Int {
            case debug, warn
            init?(name: String) {
                switch name { case "debug": self = .debug; case "warn", "warning": self = .warn; default: return nil }
            }
        }
        print(Level(name: "warning") as Any, Level(name: "x") as Any, Level(rawValue: 0) as Any)
        """, "b invalid true\n[\"x\"]\ntrue Optional(80)\nOptional(main.Level.warn) nil Optional(main.Level.debug)\n")
    }

    @Test func debugDescriptionIsUsedWhereSwiftUsesIt() {
        // was: CustomDebugStringConvertible ignored (`[desc]`, `OnlyDbg(x: 1)`)
        expectSwift("""
        struct Dbg: CustomDebugStringConvertible, CustomStringConvertible { var description: String { "desc" }; var debugDescription: String { "dbg" } }
        print(Dbg(), [Dbg()], String(describing: Dbg()), String(reflecting: Dbg()))
        debugPrint(Dbg())
        struct OnlyDbg: CustomDebugStringConvertible { var x = 1; var debugDescription: String { "OD\\(x)" } }
        print(OnlyDbg(), [OnlyDbg()])
        """, "desc [dbg] desc dbg\ndbg\nOD1 [OD1]\n")
    }

    @Test func reserveCapacityIsAccepted() {
        // was: "value of type '[Any]' has no member 'reserveCapacity'"
        expectSwift("var xs: [Int] = []\nxs.reserveCapacity(10)\nxs.append(1)\nprint(xs, xs.count)", "[1] 1\n")
    }
}
