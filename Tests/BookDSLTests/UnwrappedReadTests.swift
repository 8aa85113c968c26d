import Testing
import BookDSL

/// `if let` / `guard let` / `while let` and `??` read a dictionary's value without boxing it
/// first: what they bind and give must be what the boxed value gave. Expected outputs are what
/// Swift prints for the same code.
@Suite struct UnwrappedReadTests {
    @Test func dictionaryReadsBindAndDefaultAsSwiftDoes() {
        let o = BookHarness.run("""
        let d = ["a": 1, "b": 2]
        if let x = d["a"] { print("a", x) }
        if let x = d["z"] { print("z", x) } else { print("no z") }
        print(d["b"] ?? 0, d["q"] ?? -1)
        let dd: [String: Int?] = ["n": nil, "s": 3]
        if let x = dd["n"] { print("bound", x as Any) }
        if let x = dd["s"] { print("bound", x as Any) }
        if let x = dd["missing"] { print("bound", x as Any) } else { print("missing") }
        func first(_ m: [Int: String], _ keys: [Int]) -> String {
            for k in keys {
                guard let v = m[k] else { continue }
                return v
            }
            return "none"
        }
        print(first([2: "two", 3: "three"], [1, 3, 2]), first([:], [1]))
        var next: [Int: Int] = [1: 2, 2: 3, 3: 4]
        var k = 1, steps = 0
        while let n = next[k] { k = n; steps += 1 }
        print(k, steps)
        let xs = [10, 20]
        print(xs[0] ?? 5)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "a 1\nno z\n2 -1\nbound nil\nbound Optional(3)\nmissing\nthree none\n4 3\n10\n")
    }

    @Test func otherSubscriptsKeepTheirErrors() {
        BookHarness.expectError("let xs = [1, 2]\nprint(xs[5] ?? 0)", code: 70, contains: "index out of range")
        BookHarness.expectError("let s: Set<Int> = [1]\nprint(s[1] ?? 0)", code: 70, contains: "a Set has no subscripts")
    }
}
