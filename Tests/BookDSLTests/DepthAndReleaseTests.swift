import Testing
import RLSupport
@testable import BookDSL

/// The depth rule in the cell language and the iterative release of long chains (issue 14).
@Suite struct DepthAndReleaseTests {
    func errors(_ code: String) -> [Diagnostic] {
        let interp = Interpreter()
        if case .failure(let d) = interp.compile(SourceText(file: "t.md", text: code, firstLine: 1, columnOffset: 0)) { return d }
        return []
    }

    @Test(arguments: [
        ("let x = f" + String(repeating: "()", count: 300), "expression is too deeply nested"),
        ("let x = 1" + String(repeating: "+1", count: 300), "expression is too deeply nested"),
        ("let x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "too deeply nested"),
        ("let x: " + String(repeating: "[", count: 300) + "Int" + String(repeating: "]", count: 300) + " = []", "type is too deeply nested"),
        ("let s = " + String(repeating: "\"\\(", count: 300) + "1" + String(repeating: ")\"", count: 300), "too deeply nested"),
        ("let g = { $100000000 }", "out of range"),
    ])
    func deepInputIsALocatedError(_ code: String, _ message: String) {
        let d = errors(code)
        #expect(d.contains { $0.message.contains(message) }, "\(d.first?.message ?? "no error")")
        #expect(d.allSatisfy { $0.location?.line == 1 })
        #expect(d.count <= Interpreter.errorLimit)
    }

    @Test func nestingWithinTheLimitCompiles() {
        #expect(errors("let x = 1" + String(repeating: "+1", count: 200) + "\nlet y = " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)).isEmpty)
    }

    @Test func tooManyErrorsAreCounted() {
        let d = errors(String(repeating: "}", count: 60))
        #expect(d.count == Interpreter.errorLimit)
        #expect(d.last?.notes.contains { $0.contains("10 more errors") } == true)
    }

    /// Past `Parser.errorCap` errors the parser gives up on the cell (as clang's error limit), so
    /// a line of 300,000 stray braces is not parsed, sorted and reported on to its end.
    @Test func theParserGivesUpAfterTooManyErrors() {
        let d = errors(String(repeating: "}", count: 300_000))
        #expect(d.count == Interpreter.errorLimit)
        #expect(d.last?.notes.contains { $0.contains("too many errors in this cell") } == true)
        #expect(d.map(\.rendered).joined().utf8.count < 50_000)
        // each diagnostic keeps a window of its 300,000-character line, not the line
        #expect(d.allSatisfy { ($0.sourceLine?.count ?? 0) <= 2 * Diagnostic.excerptWidth + 1 })
        #expect(d.allSatisfy { $0.shownSource?.text.count ?? 0 <= Diagnostic.excerptWidth + 6 })
    }

    /// 5 million linked class instances freed on a thread with a 1 MiB stack: one nested release
    /// per node would need gigabytes of stack.
    @Test func longChainsAreFreedIteratively() {
        let node = StructType(name: "Node", kind: .classType)
        var head: Value = .nilValue
        for _ in 0..<5_000_000 { head = .object(ClassInstance.make(cls: node, fields: [head])) }
        let box = Box(head)
        head = .void
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        pthread_attr_setstacksize(&attr, 1 << 20)
        #expect(Platform.runOnThread(&attr) { box.value = .void })
        #expect(box.freed)
    }

    final class Box {
        var value: Value
        var freed: Bool { if case .void = value { return true }; return false }
        init(_ v: Value) { value = v }
    }
}
