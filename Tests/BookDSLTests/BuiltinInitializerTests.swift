import Testing
import BookDSL

/// Initializers and members of built-in types that ported Swift reaches for; labels a built-in
/// initializer does not take are refused rather than ignored. Expected outputs are Swift's.
@Suite struct BuiltinInitializerTests {
    @Test func radixGroupingAndExactConversions() {
        let o = BookHarness.run("""
        print(String(255, radix: 16), String(5, radix: 2), String(255, radix: 16, uppercase: true))
        print(Int("ff", radix: 16) as Any, Int("zz", radix: 16) as Any, Int(exactly: 2.5) as Any, Int(exactly: 2.0) as Any)
        let words = ["apple", "avocado", "banana"]
        let byLetter = Dictionary(grouping: words, by: { $0.first! })
        let byLength = Dictionary(grouping: words) { $0.count }
        print(byLetter.keys.sorted(), byLetter["a"]!, byLength[7]!)
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == """
        ff 101 FF
        Optional(255) nil nil Optional(2)
        ["a", "b"] ["apple", "avocado"] ["avocado"]

        """)
    }

    @Test func labelsABuiltinInitializerDoesNotTakeAreRefused() {
        BookHarness.expectError("print(Int(3.5, rounding: 1))", code: 70, contains: "no initializer Int(_:rounding:) of 'Int'")
        BookHarness.expectError("print(Dictionary(pairs: [1]))", code: 70, contains: "Dictionary(grouping:by:)")
    }

    @Test func characterPropertiesAndBareRawValues() {
        let o = BookHarness.run("""
        let ch: Character = "x"
        print(ch.isLetter, "7".wholeNumberValue as Any, Character("a").asciiValue!, " ".isWhitespace, "Q".isUppercase)
        enum Planet: Int {
            case mercury = 1, venus, earth
            func describe() -> String { "planet \\(rawValue)" }
        }
        print(Planet.venus.describe())
        """)
        #expect(o.code == 0, "\(o.stderr)")
        #expect(o.stdout == "true Optional(7) 97 true true\nplanet 2\n")
    }
}
