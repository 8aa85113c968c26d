import Testing

/// Swift's automatic initializer inheritance for cell classes (each expected output is what swiftc's build printed).
@Suite struct InitializerInheritanceTests {
    @Test func convenienceInitsAreInheritedWhenEveryDesignatedOneIs() {
        // rule 2: C overrides A's only designated init, so it inherits A's convenience init, whose
        // `self.init(5)` then runs C's override (was: "missing argument for parameter #1 in call")
        expectSwift("""
        class A {
            let x: Int
            init(_ x: Int) { self.x = x }
            convenience init() { self.init(5) }
        }
        class B: A {
            var y = 3
            func show() { print(x, y) }
        }
        B(4).show()
        B().show()
        class C: B {
            override init(_ x: Int) { super.init(x * 2) }
        }
        C(4).show()
        C().show()
        """, "4 3\n5 3\n8 3\n10 3\n")
    }

    @Test func aSubclassWithOnlyConvenienceInitsKeepsTheDesignatedOnes() {
        // rule 1: D defines no designated initializer, so A's are inherited beside D's convenience one
        expectSwift("""
        class A {
            let x: Int
            init(_ x: Int) { self.x = x }
        }
        class D: A {
            convenience init(double v: Int) { self.init(v * 2) }
        }
        print(D(3).x, D(double: 3).x)
        """, "3 6\n")
    }

    @Test func aSubclassWithItsOwnDesignatedInitDoesNotInheritOthers() {
        let o = BookHarness.run("""
        class A {
            let x: Int
            init(_ x: Int) { self.x = x }
            convenience init() { self.init(5) }
        }
        class E: A {
            init(name: String) { super.init(name.count) }
        }
        print(E(name: "abc").x)
        print(E().x)
        """)
        #expect(o.code == 65)
        #expect(o.stderr.contains("E()") || o.stderr.contains("missing argument"), "\(o.stderr)")
    }
}
