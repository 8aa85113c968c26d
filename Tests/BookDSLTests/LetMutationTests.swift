import Testing
import BookDSL

/// Changing constants, as Swift decides it: a `let` value (a parameter, a loop variable, `$0`) is
/// not changed in place, but class instances reached through one are. Where the types are known
/// before running the refusal comes before running (65); where they are not (an untyped closure
/// parameter, a value returned by a function) it comes when the change runs (70), never as a
/// silent change of a copy.
@Suite struct LetMutationTests {
    @Test func typedParametersOfClosuresAndFunctionsAreConstantsBeforeRunning() {
        BookHarness.expectError("let f: ([Int]) -> Int = { xs in xs.append(3); return xs.count }\nprint(f([1]))",
                                code: 65, contains: "cannot use mutating member 'append' on immutable value: 'xs' is a 'let' constant")
        BookHarness.expectError("let f = { (v: [Int]) -> Int in v.append(3); return v.count }\nprint(f([1]))",
                                code: 65, contains: "shadow it first: 'var v = v'")
        BookHarness.expectError("func g(_ a: [Int]) -> Int { a.append(1); return a.count }\nprint(g([1]))",
                                code: 65, contains: "'a' is a 'let' constant")
        BookHarness.expectError("let m: (Int) -> Int = { x in x += 1; return x }\nprint(m(1))", code: 65,
                                contains: "cannot assign to value: 'x' is a 'let' constant")
    }

    @Test func untypedConstantsHoldingValuesAreRefusedWhenTheChangeRuns() {
        BookHarness.expectError("print([[1], [2]].map { $0.append(3) })", code: 70,
                                contains: "cannot use mutating member 'append' on immutable value: '$0' is immutable")
        BookHarness.expectError("func make() -> [Int] { [1, 2] }\nlet arr = make()\narr[0] = 5", code: 70,
                                contains: "cannot assign through subscript: 'arr' is a 'let' constant")
        BookHarness.expectError("struct P { var x = 0 }\nfor p in [P(), P()] { p.x = 1 }", code: 70,
                                contains: "cannot assign to property: 'p' is a 'let' constant")
        BookHarness.expectError("struct Q { var items: [Int] = [] }\n[Q()].forEach { $0.items.append(1) }", code: 70,
                                contains: "cannot assign to property: '$0' is immutable")
    }

    @Test func classInstancesReachedThroughConstantsChange() {
        let o = BookHarness.run("""
        class Box { var x = 0; var s = [1] }
        struct S { let ref = Box(); var n = 0 }
        let s = S()
        s.ref.x = 5
        let arr = [Box(), Box()]
        arr[0].x = 7
        for b in arr { b.x += 1 }
        arr.forEach { $0.s.append(2) }
        func mk() -> Box { Box() }
        let c = mk()
        c.s.append(3)
        c.s[0] = 9
        let t = (mk(), 1)
        t.0.s.append(4)
        let o: Box? = mk()
        o!.s.append(5)
        print(s.ref.x, arr.map { $0.x }, arr.map { $0.s }, c.s, t.0.s, o!.s)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "5 [8, 1] [[1, 2], [1, 2]] [9, 3] [1, 4] [1, 5]\n")
    }

    @Test func optionalChainingChangesInPlaceAndSkipsNil() {
        let o = BookHarness.run("""
        class C { var s = [1]; var n = 0 }
        var a: C? = C()
        a?.s.append(6)
        a?.n += 2
        a?.s[0] = 3
        let b: C? = C()
        b?.n = 5
        let none: C? = nil
        none?.s.append(1)
        none?.n = 4
        struct S { var s = [1] }
        var q: S? = S()
        q?.s.append(2)
        var absent: S? = nil
        absent?.s.append(2)
        print(a!.s, a!.n, b!.n, q!.s, none == nil, absent == nil)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "[3, 6] 2 5 [1, 2] true true\n")
        BookHarness.expectError("struct S { var s = [1] }\nlet q: S? = S()\nq?.s.append(2)", code: 70,
                                contains: "cannot assign to property: 'q' is a 'let' constant")
    }

    @Test func closuresWithInoutParametersAreRefusedWithTheWayThatWorks() {
        BookHarness.expectError("let h = { (a: inout [Int]) in a.append(5) }", code: 65,
                                contains: "closures with 'inout' parameters are not supported")
    }

    @Test func constantsDeclaredWithoutAValueAreGivenOneLater() {
        let o = BookHarness.run("""
        enum Action { case left, right }
        for i in 0..<3 {
            let a: Action
            if i % 2 == 0 { a = .left } else { a = .right }
            print(a)
        }
        let x: Int?
        x = 5
        func f(_ c: Bool) -> String { let s: String; if c { s = "yes" } else { s = "no" }; return s }
        print(x as Any, f(true), f(false))
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "left\nright\nleft\nOptional(5) yes no\n")
        BookHarness.expectError("let a: Int\na = 1\na = 2", code: 70, contains: "'a' is a 'let' constant and already has a value")
        BookHarness.expectError("func g() { let a: Int; print(a) }\ng()", code: 70, contains: "constant 'a' is used before it is given a value")
    }
}
