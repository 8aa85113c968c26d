import Testing
import BookDSL

/// Mutating methods called on a String variable change it, as in Swift (they used to run on a
/// copy and leave the variable as it was: `s.append("c")` printed "ab").
@Suite struct StringMutationTests {
    @Test func mutatingMethodsChangeTheVariable() {
        let o = BookHarness.run("""
        var s = "ab"
        s.append("c")
        s.append(contentsOf: "de")
        print(s, s.count)
        let c = s.removeLast()
        print(s, c)
        var t = "xyz"
        t.removeAll()
        print(t.isEmpty, t.count)
        var u = "hé"
        u.append("🙂")
        print(u, u.count)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "abcde 5\nabcd e\ntrue 0\nhé🙂 3\n")
    }

    @Test func aFailedMutationLeavesTheString() {
        let o = BookHarness.run("""
        var s = ""
        s.removeLast()
        """)
        #expect(o.code == 70)
        #expect(o.stderr.contains("empty"), "\(o.stderr)")
    }
}
