import Testing
import RLSupport
@testable import BookRuntime

/// A small, fixed-seed version of `Benchmarks/fuzz/fuzz.py` (issue 14): books from
/// `Tests/LanguageCases` mutated (spans deleted, duplicated and repeated, runs of nesting, hostile
/// tokens) and run in this process with a 1 s cell limit. Each must end with a documented exit code
/// and a diagnostic that names the book; a crash or stack overflow fails the whole test run.
@Suite struct FuzzTests {
    static let tokens = ["(", ")", "[", "]", "{", "}", "\"\\(", "\"", "$9", "$100000", "1e308", "Int.max", ".", "!", "?",
                         "-", "+", "..<", "=", "let ", "func ", "class ", "while true { }", "return ", "nil", "self",
                         "//| timeout: 0.5\n", "---\n", "- ", "> ", "[a](", "```\n", "```swift\n", "\t", "字", "😀",
                         "Tensor.zeros([1_000_000_000_000])", "stride(from: 0, to: Int.max, by: 1)", "\n", ";", "1 << 62"]

    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
        }
    }

    static func mutate(_ text: String, _ g: inout Generator) -> String {
        var chars = Array(text)
        for _ in 0...g.next(3) {
            let n = chars.count
            let i = g.next(n + 1), j = min(n, i + g.next(200))
            switch g.next(6) {
            case 0: chars.removeSubrange(i..<j)
            case 1: chars.insert(contentsOf: Array(chars[i..<j]), at: j)
            case 2: chars.insert(contentsOf: Array(tokens[g.next(tokens.count)]), at: i)
            case 3:
                let run = ["(", "[", "{", "\"\\(", "- ", "f()", "+1", "!", "*"][g.next(9)]
                chars.insert(contentsOf: Array(String(repeating: run, count: [10, 300, 3000][g.next(3)])), at: i)
            case 4: if i < n { chars[i] = Character(Unicode.Scalar(UInt8(32 + g.next(95)))) }
            default: chars.removeSubrange(i...)
            }
        }
        return String(chars)
    }

    @Test func mutatedBooksEndWithDocumentedExitCodes() throws {
        let folder = packageRoot + "/Tests/LanguageCases"
        let books = FileIO.listDirectory(folder).filter { $0.hasSuffix(".md") }.sorted()
        #expect(books.count >= 10)
        var g = Generator(state: 14)
        var counts: [Int32: Int] = [:]
        let start = Clock.monotonic()
        for run in 0..<240 {
            let name = books[g.next(books.count)]
            let text = String(decoding: try FileIO.read(folder + "/" + name), as: UTF8.self)
            let mutated = Self.mutate(text, &g)
            let r = try runBook(text: mutated, args: ["--timeout", "1"])
            counts[r.code, default: 0] += 1
            #expect([0, 65, 70].contains(r.code), "run \(run) from \(name): exit \(r.code)\n\(r.stderr.prefix(1500))")
            if r.code != 0 { #expect(r.stderr.contains("book.md"), "run \(run) from \(name): \(r.stderr.prefix(1500))") }
        }
        print("fuzz: \(counts.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }.joined(separator: ", ")) in \(Int(Clock.monotonic() - start)) s")
    }
}
