import Testing
import TestSupport
import RLSupport
@testable import BookRuntime

/// Every book in `Tests/Reliability/cases` once crashed, hung or ate the machine (issue 14: deep
/// nesting in each reader and printer, huge closure arguments, eager strides, long chains of
/// objects, floods of diagnostics, quadratic Markdown). Each ends with its expected outcome,
/// `<!-- expect: EXIT [slow] TEXT -->`: the exit code and a text stderr must contain. Cases marked
/// `slow` (seconds in a debug build) run when RLBOOK_SLOW_TESTS=1.
@Suite struct HostileBookTests {
    static let folder = packageRoot + "/Tests/Reliability/cases"

    static var cases: [String] {
        FileIO.listDirectory(folder).filter { $0.hasSuffix(".md") }.sorted()
    }

    struct Expectation {
        var code: Int32
        var slow: Bool
        var text: String
    }

    static func expectation(_ text: String) -> Expectation? {
        let marker = "<!-- expect: "
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix(marker) && $0.hasSuffix(" -->") }) else { return nil }
        let inner = line.dropFirst(marker.count).dropLast(4)
        var words = inner.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, let code = Int32(first) else { return nil }
        words.removeFirst()
        let slow = words.first == "slow"
        if slow { words.removeFirst() }
        return Expectation(code: code, slow: slow, text: words.joined(separator: " "))
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 15)
    }

    @Test(.usesTheTensorGenerator, arguments: cases)
    func endsCleanly(_ name: String) throws {
        let path = Self.folder + "/" + name
        let text = String(decoding: try FileIO.read(path), as: UTF8.self)
        let e = try #require(Self.expectation(text), "\(name) has no '<!-- expect: EXIT TEXT -->' line")
        if e.slow && getenv("RLBOOK_SLOW_TESTS") == nil { return }
        let start = Clock.monotonic()
        let r = try runBook(path: path)   // no --max-memory: the budget is process-wide and other suites set it
        let seconds = Clock.monotonic() - start
        #expect(r.code == e.code, "\(name): exit \(r.code)\n\(r.stderr.prefix(2000))")
        if !e.text.isEmpty { #expect(r.stderr.contains(e.text), "\(name): \(r.stderr.prefix(2000))") }
        #expect(r.stderr.utf8.count < 100_000, "\(name): \(r.stderr.utf8.count) bytes of diagnostics")
        #expect(seconds < (e.slow ? 120 : 20), "\(name) took \(seconds) s")
        // a cell past its time limit stops promptly, whatever engine call it is in
        if let limit = Self.timeLimit(e.text) { #expect(seconds < limit + 4, "\(name) took \(seconds) s for a \(limit) s limit") }
    }

    /// N of an expected "timed out after N s".
    static func timeLimit(_ text: String) -> Double? {
        guard let r = text.ranges(of: "timed out after ").first else { return nil }
        return Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}

extension HostileBookTests {
    @Test(.usesTheTensorGenerator) func hugeTutorialsAreRefusedBeforeParsing() throws {
        let line = String(repeating: "x", count: 1023) + "\n"
        let r = try runBook(text: String(repeating: line, count: 17 * 1024))
        #expect(r.code == 65)
        #expect(r.stderr.contains("up to 16 MB"), "\(r.stderr)")
    }
}

extension HostileBookTests {
    /// Gymnasium warns (does not raise) on an unknown render_mode and treats maxEpisodeSteps -1 as "no
    /// TimeLimit" (gymnasium/envs/registration.py, make); rlbook does the same (the warning is kept in
    /// `Gym.warnings` and shown in the cell once, as Python shows a UserWarning), and nothing of the
    /// mode reaches the report unescaped.
    @Test(.usesTheTensorGenerator) func gymnasiumArgumentsAreHandledAsGymnasiumDoes() throws {
        let r = try runBook(text: """
        ```swift
        let env = gym.make("CartPole-v1", renderMode: "<script>alert(1)</script>", maxEpisodeSteps: -1)
        let again = gym.make("CartPole-v1", renderMode: "<script>alert(1)</script>")
        print(env.spec!.maxEpisodeSteps == nil)
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stdout == "true\n")   // no TimeLimit
        let warning = "UserWarning: WARN: The environment is being initialised with render_mode='<script>alert(1)</script>'"
        #expect(r.stderr.ranges(of: warning).count == 1, "\(r.stderr)")   // shown once
        let html = try #require(r.html)
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("UserWarning: WARN: The environment is being initialised with render_mode=&#39;&lt;script&gt;"))
    }
}
