import Testing
import BookDSL

/// Divergences found by the twelfth session's sweep (programs run through `swiftc -O` and the cell language):
/// each expected output below is what `swiftc -O` printed for the same source.
@Suite struct SwiftSweepTests {
    @Test func aLiteralDefaultOfASetValuedDictionaryIsASet() {
        // `adj[k, default: []].insert(v)` on `[Int: Set<Int>]` (was: "value of type '[Any]' has no member 'insert'")
        expectSwift("""
        var adj: [Int: Set<Int>] = [:]
        adj[1, default: []].insert(2)
        adj[1, default: []].insert(3)
        adj[2, default: Set<Int>()].insert(1)
        print(adj[1]!.sorted(), adj[2]!.sorted(), adj.count)
        """, "[2, 3] [1] 2\n")
    }

    @Test func nestedOptionalsPrintEveryLevel() {
        // `Optional(o)` of an optional wraps it again (was: `Optional(1)` for `Optional(Optional(1))`, `nil` for `Optional(none)`)
        expectSwift(#"""
        let one: Int? = 1
        let none: Int? = nil
        print(Optional(Optional(1)) as Any, Optional(one) as Any, Optional(none) as Any)
        let x: Int?? = 1
        let y: Int?? = .some(nil)
        print(x as Any, y as Any, [Optional(2), nil])
        let d: [String: Int?] = ["a": 1, "b": nil]
        print(d["a"] as Any, d["b"] as Any, d["c"] as Any)
        func half(_ n: Int) throws -> Int? { n % 2 == 0 ? n / 2 : nil }
        print((try? half(4)) as Any, (try? half(3)) as Any)
        """#, "Optional(Optional(1)) Optional(Optional(1)) Optional(nil)\nOptional(Optional(1)) Optional(nil) [Optional(2), nil]\nOptional(Optional(1)) Optional(nil) nil\nOptional(2) nil\n")
    }

    @Test func joiningAnEmptyArrayGivesAnEmptyString() {
        // was: `[]` for an empty `[String]`, and an array separator was left out
        expectSwift(#"""
        var log: [String] = []
        print("[" + log.joined(separator: " ") + "]", log.joined().isEmpty, [String]().joined(separator: ", ").count)
        log.append("a")
        print(log.joined(separator: " "), [[1], [2, 3]].joined(separator: [0]).map { $0 })
        """#, "[] true 0\na [1, 0, 2, 3]\n")
    }

    @Test func rawStringsAndMaskingShifts() {
        // was: "expected expression" for `#"..."#` and "expected ')'" for `&<<`
        expectSwift(#"""
        print(#"a \n "quoted" \(x)"#, ##"one "# inside"##)
        let h = 5381
        print(h &<< 5, (h &<< 60) &>> 62, 1 &<< 65, -8 &>> 1)
        """#, "a \\n \"quoted\" \\(x) one \"# inside\n172192 1 2 -4\n")
    }

    @Test func reportingOverflowArithmeticOnInt() {
        // was: "value of type 'Double' has no member 'addingReportingOverflow'"
        expectSwift(#"""
        let big = Int.max
        let (r, o) = big.addingReportingOverflow(1)
        print(r, o, big.multipliedReportingOverflow(by: 2), 5.subtractingReportingOverflow(7))
        """#, "-9223372036854775808 true (partialValue: -2, overflow: true) (partialValue: -2, overflow: false)\n")
    }

    @Test func typealiasIsRefusedInsteadOfHangingTheParser() {
        // was: a `typealias` inside a struct never finished parsing; at the top level "consecutive statements"
        BookHarness.expectError("struct Words {\n    typealias Item = String\n    var items: [Item] = []\n}", code: 65,
                                contains: "'typealias' is not supported in cells; write the type itself where 'Item' is used")
        BookHarness.expectError("typealias Real = Double\nlet x: Real = 1", code: 65, contains: "'typealias' is not supported in cells")
    }

    @Test func rawStringEscapesAreRefused() {
        BookHarness.expectError(##"print(#"a \#(1)"#)"##, code: 65, contains: "escapes and interpolation in raw strings")
    }

    @Test func indirectEnumsAndIndirectCasesAreAccepted() {
        // was: "consecutive statements on a line" for `indirect enum`, "expected declaration" for `indirect case`
        expectSwift(#"""
        indirect enum Tree { case leaf(Int), node(Tree, Tree) }
        enum List { case end; indirect case cons(Int, List) }
        func sum(_ t: Tree) -> Int { switch t { case .leaf(let v): return v; case let .node(l, r): return sum(l) + sum(r) } }
        func len(_ l: List) -> Int { if case let .cons(_, rest) = l { return 1 + len(rest) }; return 0 }
        print(sum(.node(.leaf(1), .node(.leaf(2), .leaf(3)))), len(.cons(1, .cons(2, .end))))
        """#, "6 2\n")
    }

    @Test func insertContentsOfInsertsTheElements() {
        // was: the array inserted as one element (`[1, [2, 3], 4]`)
        expectSwift(#"""
        var xs = [1, 4]
        xs.insert(contentsOf: [2, 3], at: 1)
        var cs: [Character] = ["c"]
        cs.insert(contentsOf: ["a", "b"], at: 0)
        print(xs, cs)
        """#, "[1, 2, 3, 4] [\"a\", \"b\", \"c\"]\n")
    }

    @Test func staticComputedPropertiesAreRefused() {
        // was: read as a static stored property never set: `M.one.a` failed with "value of type '()' has no member 'a'"
        BookHarness.expectError("struct M {\n    var a: Int\n    static var one: M { M(a: 1) }\n}\nprint(M.one.a)", code: 65,
                                contains: "static computed properties are not supported in cells; declare 'static func one() -> T'")
    }
}
