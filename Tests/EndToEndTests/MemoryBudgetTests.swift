import Testing
import RLSupport
@testable import BookRuntime

/// `--max-memory` bounds the whole process (issue 14): each book in `Tests/Reliability/cases/memory`
/// grows memory past 512 MB in its own way (a tensor beside another, an operation's result, many
/// small tensors kept alive, a string doubled or appended, an array appended) and must end with exit
/// 70, an error located in the book, and a peak resident size (the kernel's `ru_maxrss`, as VmHWM)
/// within the budget. Each runs in its own `rlbook` process so the peak is that book's alone.
@Suite struct MemoryBudgetTests {
    static let folder = packageRoot + "/Tests/Reliability/cases/memory"
    static let budget = 512 << 20

    static var cases: [String] {
        FileIO.listDirectory(folder).filter { $0.hasSuffix(".md") }.sorted()
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 5)
    }

    @Test(arguments: cases)
    func stopsWithinTheBudget(_ name: String) throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let path = Self.folder + "/" + name
        let text = String(decoding: try FileIO.read(path), as: UTF8.self)
        let e = try #require(HostileBookTests.expectation(text), "\(name) has no '<!-- expect: EXIT TEXT -->' line")
        if e.slow && getenv("RLBOOK_SLOW_TESTS") == nil { return }
        let dir = tempDir()
        let p = RLBookProcess(["run", path, "--out", dir + "/out", "--quiet", "--max-memory", "512M"], logs: dir)
        let r = p.waitWithPeak()
        #expect(r.code == e.code, "\(name): exit \(r.code)\n\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains(e.text), "\(name): \(r.stderr.prefix(2000))")
        #expect(r.stderr.contains("\(name):"), "\(name): the error is not located in the book: \(r.stderr.prefix(2000))")
        #expect(r.peakBytes <= Self.budget, "\(name): peak \(r.peakBytes >> 20) MB over the 512 MB budget")
        #expect(FileIO.exists(dir + "/out/index.html"), "\(name): no partial report")
    }

    @Test func budgetsBelowTheMinimumAreUsageErrors() {
        #expect(throws: RunError.self) { _ = try CommandLineParser.parse(["run", "x.md", "--max-memory", "10M"]) }
        #expect((try? CommandLineParser.parse(["run", "x.md", "--max-memory", "64M"])) != nil)
    }
}

extension RLBookProcess {
    /// Waits for the process: its exit status, what it printed and its peak resident size in bytes.
    func waitWithPeak() -> (code: Int32, stdout: String, stderr: String, peakBytes: Int) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (p: String) in (try? FileIO.read(p)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return (code, read(stdoutFile), read(stderrFile), Int(usage.ru_maxrss) * 1024)
    }
}
