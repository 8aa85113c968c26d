import Testing
import RLSupport
@testable import BookRuntime
@testable import rlbook

/// `--max-memory` bounds the whole process (issue 14): each book in `Tests/Reliability/cases/memory`
/// grows memory past 512 MB in its own way (a tensor beside another, an operation's result, many
/// small tensors kept alive, a string doubled or appended, an array appended) and must end with exit
/// 70, an error located in the book, and a peak resident size (VmHWM) within the budget. Each runs in its own `rlbook` process so the peak is that book's alone.
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
        #expect(r.peakBytes > 0, "\(name): no peak measured")
        #expect(r.peakBytes <= Self.budget, "\(name): peak \(r.peakBytes >> 20) MB over the 512 MB budget")
        #expect(FileIO.exists(dir + "/out/index.html"), "\(name): no partial report")
    }

    /// `cache: true` copies the cell's state for the cache; a copy that would not fit the budget is
    /// not made: the cell runs (and is reported) as usual with a note that it is not cached, and the
    /// process stays within the budget (before, the copy and its encoding doubled the peak).
    @Test func aCachedCellTooLargeToCopyIsNotCached() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir()
        let path = dir + "/cached.md"
        try FileIO.writeAtomically("""
        ```swift
        //| cache: true
        let t = Tensor.ones([40_000_000])
        print(t.shape)
        ```
        """, to: path)
        let p = RLBookProcess(["run", path, "--out", dir + "/out", "--quiet", "--max-memory", "256M"], logs: dir)
        let r = p.waitWithPeak()
        #expect(r.code == 0, "exit \(r.code)\n\(r.stderr.prefix(2000))")
        #expect(r.stdout.contains("[40000000]"))
        #expect(r.stderr.contains("is not cached"), "\(r.stderr.prefix(2000))")
        #expect(r.stderr.contains("memory budget"), "\(r.stderr.prefix(2000))")
        #expect(r.peakBytes <= 256 << 20, "peak \(r.peakBytes >> 20) MB over the 256 MB budget")
        let html = String(decoding: try FileIO.read(dir + "/out/index.html"), as: UTF8.self)
        #expect(html.contains("cannot be cached"))
    }

    @Test func budgetsBelowTheMinimumAreUsageErrors() {
        #expect(throws: RunError.self) { _ = try CommandLineParser.parse(["run", "x.md", "--max-memory", "10M"]) }
        #expect((try? CommandLineParser.parse(["run", "x.md", "--max-memory", "64M"])) != nil)
    }
}

extension RLBookProcess {
    /// Waits for the process: its exit status, what it printed and its peak resident size in bytes,
    /// the largest `VmHWM` of `/proc/PID/status` read every millisecond while it runs. (`wait4`'s
    /// `ru_maxrss` will not do: a child started by `posix_spawn` shares this process's memory until
    /// it execs, and the kernel carries this test process's own peak over into the child's.)
    func waitWithPeak() -> (code: Int32, stdout: String, stderr: String, peakBytes: Int) {
        var status: Int32 = 0
        var peak = 0
        while true {
            peak = max(peak, Self.highWaterMark(pid))
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            usleep(1_000)
        }
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (p: String) in (try? FileIO.read(p)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return (code, read(stdoutFile), read(stderrFile), peak)
    }

    /// `VmHWM` of a running `rlbook` in bytes (0 before it has exec'd, when its memory is still
    /// this process's, and once it has exited).
    static func highWaterMark(_ pid: pid_t) -> Int {
        let fd = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { Platform.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return 0 }
        let lines = String(decoding: buf[0..<n], as: UTF8.self).split(separator: "\n")
        guard lines.contains(where: { $0.hasPrefix("Name:") && $0.hasSuffix("rlbook") }) else { return 0 }
        for line in lines where line.hasPrefix("VmHWM:") { return (Int(line.filter(\.isNumber)) ?? 0) * 1024 }
        return 0
    }
}
