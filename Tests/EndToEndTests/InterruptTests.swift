import Testing
import TestSupport
import Dispatch
import RLSupport
@testable import BookRuntime
@testable import rlbook

/// Thread-safe text buffer for output captured from another thread.
final class Captured: @unchecked Sendable {
    private let lock = NSLockLite()
    private var text = ""
    func append(_ s: String) { lock.withLock { text += s } }
    var value: String { lock.withLock { text } }
}

@Test func interruptStopsTheRunningCellAndWritesThePartialReport() throws {
    let dir = tempDir("sigint")
    let file = dir + "/book.md"
    try FileIO.writeAtomically("""
    # Long

    ```swift
    //| label: first
    print("first done")
    ```

    ```swift
    //| label: spin
    print("spinning")
    var i = 0
    while true { i += 1 }
    ```

    ```swift
    print("never")
    ```
    """, to: file)
    let options = try #require(try CommandLineParser.parse(["run", file, "--out", dir + "/out", "--quiet"]).runOptions)
    let out = Captured(), err = Captured()
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var code: Int32 = -1
    let runner = BookRunner(options: options, stdout: { out.append($0) }, stderr: { err.append($0) })
    DispatchQueue.global().async {
        code = runner.run()
        done.signal()
    }
    // Wait until the spinning cell has started (the SIGINT handler is installed before any cell runs).
    let start = Clock.monotonic()
    while !out.value.contains("spinning") && Clock.monotonic() - start < 30 { usleep(10_000) }
    #expect(out.value.contains("spinning"))
    // What the SIGINT handler calls (a real signal would also stop books run by concurrent tests).
    runner.interrupt()
    #expect(done.wait(timeout: .now() + 30) == .success)
    #expect(code == 130)
    #expect(!out.value.contains("never"))
    let html = String(decoding: try FileIO.read(dir + "/out/index.html"), as: UTF8.self)
    #expect(html.contains("spin"))
    #expect(html.lowercased().contains("interrupted"))
}

/// Issue 14: Ctrl-C inside built-in work (a long string, matrix products) stops within a second.
@Test(.usesTheTensorGenerator, arguments: [
    "for _ in 0..<1000 { n += String(repeating: \"ab\", count: 20_000_000).utf8.count }",
    "let a = Tensor.rand([200, 200])\nfor _ in 0..<1_000_000 { n += Int(a.matmul(a).sum().item) }",
])
func interruptStopsBuiltInWorkWithinASecond(_ loop: String) throws {
    let dir = tempDir("sigint-builtin")
    let file = dir + "/book.md"
    try FileIO.writeAtomically("```swift\nvar n = 0\nprint(\"working\")\n\(loop)\n```\n", to: file)
    guard case .run(let options) = try CommandLineParser.parse(["run", file, "--out", dir + "/out", "--quiet"]) else {
        Issue.record("the arguments did not parse as a run command"); return
    }
    let out = Captured(), err = Captured()
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var code: Int32 = -1
    let runner = BookRunner(options: options, stdout: { out.append($0) }, stderr: { err.append($0) })
    DispatchQueue.global().async {
        code = runner.run()
        done.signal()
    }
    let start = Clock.monotonic()
    while !out.value.contains("working") && Clock.monotonic() - start < 30 { usleep(10_000) }
    usleep(300_000)
    let asked = Clock.monotonic()
    runner.interrupt()
    #expect(done.wait(timeout: .now() + 30) == .success)
    let stopped = Clock.monotonic() - asked
    print("interrupt: the run ended \(stopped) s after the interrupt")
    // the report is written after the stop: allow it a little on a loaded machine
    #expect(stopped < 3, "stopped \(stopped) s after the interrupt")
    #expect(code == 130)
    let html = String(decoding: try FileIO.read(dir + "/out/index.html"), as: UTF8.self)
    #expect(html.lowercased().contains("interrupted"))
}
