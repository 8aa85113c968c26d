import Testing
@testable import BookDSL

/// A closure whose body starts with `[` is an array or dictionary literal unless a signature or
/// `in` follows the brackets (then they are a capture list).
@Test func closureBodyStartingWithABracketIsALiteral() {
    #expect(run("print([1.0, 2.0].map { [$0, $0] })") == "[[1.0, 1.0], [2.0, 2.0]]\n")
    #expect(run("print([1, 2].enumerated().map { [\"i\": $0.offset] })") == "[[\"i\": 0], [\"i\": 1]]\n")
    #expect(run("var n = 1\nlet f = { [n] in n + 1 }\nprint(f())") == "2\n")
}

/// `a...` directly before a closing bracket is a postfix (one-sided) range.
@Test func postfixRangeBeforeClosingBracket() {
    #expect(run("let xs = [1, 2, 3, 4, 5]\nprint(xs[2...], xs[..<2], xs[1...3])") == "[3, 4, 5] [1, 2] [2, 3, 4]\n")
}

/// As a value, a comparison gives a Bool for plain values.
@Test func comparisonsAsValues() {
    #expect(run("let b = 3 < 4\nprint(b, 1 == 1, \"a\" < \"b\", 2.5 >= 3)") == "true true true false\n")
}
