import Testing
import RLSupport
@testable import BookRuntime

/// Every book in `Tests/Reliability/cases` once crashed, hung or ate the machine (issue 14: deep
/// nesting in each reader and printer, huge closure arguments, eager strides, long chains of
/// objects, floods of diagnostics, quadratic Markdown). Each ends with its expected outcome,
/// `<!-- expect: EXIT [slow] TEXT -->`: the exit code and a text stderr must contain. Cases marked
/// `slow` (seconds in a debug build) run when RLBOOK_SLOW_TESTS=1. Each runs in its own `rlbook`
/// process (a crash shows as its exit status), so its CPU time is its own.
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

    /// Each book runs in its own `rlbook` process, and its time is the CPU time that process used:
    /// the wall clock also counts whatever else loads the machine (in CI the other suites of this
    /// process run beside it on 2 cores; `lexer-interpolation-closed-4000` took 10 s of wall time
    /// for 2 s of CPU on a loaded machine, half its old 20 s limit).
    @Test(arguments: cases)
    func endsCleanly(_ name: String) throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let path = Self.folder + "/" + name
        let text = String(decoding: try FileIO.read(path), as: UTF8.self)
        let e = try #require(Self.expectation(text), "\(name) has no '<!-- expect: EXIT TEXT -->' line")
        if e.slow && getenv("RLBOOK_SLOW_TESTS") == nil { return }
        let dir = tempDir()
        let r = RLBookProcess(["run", path, "--out", dir + "/out", "--quiet"], logs: dir).waitWithCPUTime(killAfter: 900)
        print("hostile \(name): \(r.cpuSeconds) s of CPU, \(r.wallSeconds) s of wall time")
        #expect(!r.killed, "\(name) was still running after 900 s")
        #expect(r.code == e.code, "\(name): exit \(r.code)\n\(r.stderr.prefix(2000))")
        if !e.text.isEmpty { #expect(r.stderr.contains(e.text), "\(name): \(r.stderr.prefix(2000))") }
        #expect(r.stderr.utf8.count < 100_000, "\(name): \(r.stderr.utf8.count) bytes of diagnostics")
        // A cell with a time limit may keep every core busy until it: allow that on top.
        let limit = Self.timeLimit(e.text)
        let cpuLimit = (e.slow ? 120 : 20) + (limit ?? 0) * Double(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #expect(r.cpuSeconds < cpuLimit, "\(name) took \(r.cpuSeconds) s of CPU")
        // a cell past its time limit stops promptly, whatever engine call it is in: the stopped
        // cell's own time in the report (not the process's, which also parses, compiles and writes)
        if let limit {
            let html = (try? FileIO.read(dir + "/out/index.html")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let cell = try #require(Self.failedCellSeconds(html), "\(name): no failed cell with a duration in the report")
            #expect(cell < limit + 4, "\(name): the cell stopped \(cell) s after it started, for a \(limit) s limit")
        }
    }

    /// The duration the report shows for its first failed cell (`1.02 s`, `2 min 05 s`), in seconds.
    static func failedCellSeconds(_ html: String) -> Double? {
        guard let badge = html.ranges(of: "rl-badge-failed\">failed</span> <span class=\"rl-duration\">").first else { return nil }
        let text = html[badge.upperBound...].prefix { $0 != "<" }
        var seconds = 0.0
        let words = text.split(separator: " ")
        for (i, w) in words.enumerated() where i + 1 < words.count {
            guard let v = Double(w) else { continue }
            switch words[i + 1] { case "h": seconds += v * 3600; case "min": seconds += v * 60; case "s": seconds += v; default: break }
        }
        return words.isEmpty ? nil : seconds
    }

    /// N of an expected "timed out after N s".
    static func timeLimit(_ text: String) -> Double? {
        guard let r = text.ranges(of: "timed out after ").first else { return nil }
        return Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}

extension HostileBookTests {
    @Test func hugeTutorialsAreRefusedBeforeParsing() throws {
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
    @Test func gymnasiumArgumentsAreHandledAsGymnasiumDoes() throws {
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
