import Testing
import BookDSL
@testable import BookReport

/// The highlighter shows the compiler's tokens: every span it styles is exactly one token of the
/// lexer (`SourceTokens`), and every token is covered, even in a cell full of lexical corner cases.
@Suite struct HighlighterTokenTests {
    static let tricky = ##"""
    //| label: tricky
    let raw = #"a \d "quoted" \#(x)"#   // a raw string: the cell language reads '#' then a string
    let nested = "outer \("mid \("inner \(1 + 2) /* not a comment */")") // end"
    /* block /* nested */ still comment */ let n = 1_000.5e-3 + 0x1F
    let multi = """
        line \(nested.count) "quotes" \\ back
        """
    print(`raw`, $0, a..<b, 7.isMultiple(of: 2)) // trailing
    """##

    @Test func styledSpansAreTheLexersTokens() {
        let chars = Array(Self.tricky)
        let tokens = SourceTokens.scan(chars)
        var tokenTexts: [String] = []
        for t in tokens { tokenTexts.append(String(chars[t.range])) }
        // spans with positions
        var offset = 0
        var styled: [(Range<Int>, SwiftHighlighter.Kind)] = []
        for span in SwiftHighlighter.spans(Self.tricky) {
            let n = span.text.count
            if let kind = span.kind { styled.append((offset..<offset + n, kind)) }
            offset += n
        }
        #expect(offset == chars.count)
        let tokenRanges = Set(tokens.map { $0.range })
        for (range, kind) in styled {
            #expect(tokenRanges.contains(range), "\(kind) span \(String(chars[range]).debugDescription) is not a token")
        }
        // every literal, comment and string piece is styled as itself
        let styledRanges = Dictionary(uniqueKeysWithValues: styled.map { ($0.0, $0.1) })
        for t in tokens {
            let expected: SwiftHighlighter.Kind? = switch t.kind {
            case .int, .double: .number
            case .stringText: .string
            case .interpolationStart, .interpolationEnd: .interpolation
            case .comment: String(chars[t.range]).hasPrefix("//|") ? .option : .comment
            default: nil
            }
            if let expected { #expect(styledRanges[t.range] == expected, "\(String(chars[t.range]).debugDescription)") }
        }
        // the nested interpolations' code is tokens too: `1 + 2` inside two strings inside a third
        #expect(tokenTexts.contains("1") && tokenTexts.contains("2"))
        #expect(styled.filter { $0.1 == .interpolation }.count == 2 * 4)
        #expect(tokenTexts.contains("/* block /* nested */ still comment */"))
        #expect(!tokenTexts.contains("/* not a comment */"))
        #expect(tokenTexts.contains("1_000.5e-3") && tokenTexts.contains("0x1F"))
    }
}
