import Testing
import BookDSL
import RLSupport

/// Runs tutorial-like cell lists the way the runtime does (compile all, then run in order).
struct BookHarness {
    struct Outcome {
        var stdout = ""
        var stderr = ""
        var code = 0
        var diagnostics: [Diagnostic] = []
    }

    struct CellSpec {
        var text: String
        var firstLine: Int
        var errorMode = "stop"
    }

    /// Extracts ```swift fences from Markdown (option lines stay in the text, so line numbers hold).
    static func cells(fromMarkdown md: String) -> [CellSpec] {
        var cells: [CellSpec] = []
        var inCell = false
        var buf: [String] = []
        var first = 0
        var mode = "stop"
        for (i, line) in md.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingPrefixSpaces()
            if !inCell && t.hasPrefix("```swift") {
                inCell = true; buf = []; first = i + 2; mode = "stop"
            } else if inCell && t.hasPrefix("```") {
                inCell = false
                cells.append(CellSpec(text: buf.joined(separator: "\n"), firstLine: first, errorMode: mode))
            } else if inCell {
                if t.hasPrefix("//| error:") { mode = String(t.dropFirst("//| error:".count)).trimmingPrefixSpaces() }
                buf.append(String(line))
            }
        }
        return cells
    }

    static func run(_ cells: [CellSpec], file: String = "test.md", setup: (Interpreter) -> Void = { _ in }) -> Outcome {
        var out = Outcome()
        let interp = Interpreter()
        interp.output = { out.stdout += $0 }
        setup(interp)
        var compiled: [CompiledCell] = []
        for c in cells {
            switch interp.compile(SourceText(file: file, text: c.text, firstLine: c.firstLine)) {
            case .success(let cc): compiled.append(cc)
            case .failure(let ds): out.diagnostics += ds
            }
        }
        if !out.diagnostics.isEmpty {
            out.code = 65
            out.stderr = out.diagnostics.map(\.rendered).joined(separator: "\n")
            return out
        }
        for (c, cc) in zip(cells, compiled) {
            if let d = interp.run(cc, timeout: 60) {
                out.diagnostics.append(d)
                out.stderr += d.rendered + "\n"
                if c.errorMode == "allow" || c.errorMode == "expect" { continue }
                out.code = 70
                return out
            } else if c.errorMode == "expect" {
                out.code = 70
                return out
            }
        }
        return out
    }

    /// Runs one snippet as a single cell starting at line 1.
    static func run(_ code: String) -> Outcome { run([CellSpec(text: code, firstLine: 1)]) }
}

extension Substring {
    func trimmingPrefixSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}
extension String {
    func trimmingPrefixSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
}

extension BookHarness {
    /// Runs `source` and expects it to end with `code` and an error message containing `message`.
    static func expectError(_ source: String, code: Int, contains message: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let o = run(source)
        #expect(o.code == code, "\(o.stderr)", sourceLocation: sourceLocation)
        #expect(o.stderr.contains(message), "\(o.stderr)", sourceLocation: sourceLocation)
    }
}

/// Runs `source` as a cell and expects it to succeed and print `swiftOutput`, what `swiftc -O` printed
/// for the same program (the Swift-parity suites).
func expectSwift(_ source: String, _ swiftOutput: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let o = BookHarness.run(source)
    #expect(o.code == 0, "\(o.stderr)", sourceLocation: sourceLocation)
    #expect(o.stdout == swiftOutput, sourceLocation: sourceLocation)
}
