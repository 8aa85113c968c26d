import Testing
import TestSupport
import RLSupport
@testable import BookRuntime
@testable import rlbook

@Test(.usesTheTensorGenerator) func helloTutorialRunsAndWritesReport() throws {
    let r = try runBook(path: "tutorials/hello.md")
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout.contains("a closure captured counter by reference: 2"))
    let html = try #require(r.html)
    #expect(html.contains("Hello, rlbook"))
    #expect(html.contains("<html lang=\"en\""))
}

@Test(.usesTheTensorGenerator) func profilesAndParametersChangeTheRun() throws {
    let r = try runBook(path: "tutorials/hello.md", args: ["--profile", "quick", "-p", "episodes=4"])
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout.contains("episodes: 4 gamma: 0.9"))
}

@Test func failingBookWritesPartialReportWithBannerAndLocation() throws {
    let r = try runBook(text: """
    # Failing

    ```swift
    print("first")
    ```

    ```swift
    //| label: boom
    let xs = [1, 2]
    print(xs[5])
    ```

    ```swift
    print("never")
    ```
    """)
    #expect(r.code == 70)
    #expect(r.stdout == "first\n")
    #expect(r.stderr.contains("book.md:10:"))
    #expect(r.stderr.contains("index out of range"))
    let html = try #require(r.html)
    #expect(html.contains("boom"))
    #expect(html.contains("book.md:10:"))
    #expect(html.contains("index out of range"))
}

@Test func staticErrorsRunNothing() throws {
    let r = try runBook(text: "```swift\nprint(\"a\")\n```\n\n```swift\nlet z = (1 +\n```\n")
    #expect(r.code == 65)
    #expect(r.stdout == "")
}

@Test func missingFileIsAUsageError() throws {
    let r = try runBook(path: "/nonexistent/x.md")
    #expect(r.code == 64)
    #expect(r.stderr.contains("no such tutorial"))
}

@Test func notUTF8IsRefused() throws {
    let dir = tempDir()
    try FileIO.writeAtomically([0x23, 0x20, 0xFF, 0xFE, 0x0A], to: dir + "/bad.md")
    let r = try runBook(path: dir + "/bad.md")
    #expect(r.code == 65)
    #expect(r.stderr.contains("not valid UTF-8"))
}

@Test func emptyTutorialIsRefused() throws {
    let r = try runBook(text: "")
    #expect(r.code == 65)
    #expect(r.stderr.contains("empty"))
}

@Test func unclosedFenceIsRefused() throws {
    let r = try runBook(text: "# T\n\n```swift\nprint(1)\n")
    #expect(r.code == 65)
    #expect(r.stderr.contains("book.md:3"))
}

@Test func unknownProfileAndParameterAreUsageErrors() throws {
    let p = try runBook(path: "tutorials/hello.md", args: ["--profile", "qick"])
    #expect(p.code == 64)
    #expect(p.stderr.contains("did you mean 'quick'?"))
    let q = try runBook(path: "tutorials/hello.md", args: ["-p", "episode=3"])
    #expect(q.code == 64)
    #expect(q.stderr.contains("did you mean 'episodes'?"))
    let t = try runBook(path: "tutorials/hello.md", args: ["-p", "episodes=lots"])
    #expect(t.code == 64)
}

@Test func unwritableOutputFolderIsRefusedBeforeRunning() throws {
    let dir = tempDir()
    try FileIO.writeAtomically("x", to: dir + "/file")
    let o = try #require(try CommandLineParser.parse(["run", packageRoot + "/tutorials/hello.md", "--out", dir + "/file/sub", "--quiet"]).runOptions)
    var so = "", se = ""
    let code = BookRunner(options: o, stdout: { so += $0 }, stderr: { se += $0 }).run()
    #expect(code == 64)
    #expect(so == "")
    #expect(se.contains("output folder"))
}

@Test(.enabled(if: DeviceProbe.cudaLoadFailure() != nil, "CUDA loads on this machine: nothing to refuse"))
func cudaRequestedWithoutDriverIsBackendUnavailable() throws {
    let r = try runBook(path: "tutorials/hello.md", args: ["--device", "cuda"])
    #expect(r.code == 69)
    #expect(r.stderr.contains("CUDA"))
}

@Test func cellsSeeWhetherCUDARuns() throws {
    let r = try runBook(text: "```swift\nprint(cuda.isAvailable)\nprint(cuda.isAvailable())\nif !cuda.isAvailable { print(cuda.unavailableReason != nil) }\n```\n")
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == (DeviceProbe.cudaLoadFailure() == nil ? "true\ntrue\n" : "false\nfalse\ntrue\n"))
    // `torch.cuda.device_count()`: 0 where the backend does not run, the driver's count where it does.
    let count = try runBook(text: "```swift\nprint(cuda.deviceCount, cuda.deviceCount())\nprint(cuda.isAvailable == (cuda.deviceCount > 0))\n```\n")
    #expect(count.code == 0, "\(count.stderr)")
    #expect(count.stdout.hasSuffix("true\n"), "\(count.stdout)")
    if DeviceProbe.cudaLoadFailure() != nil { #expect(count.stdout == "0 0\ntrue\n") }
}

@Test func durationsCompareWithImplicitMembers() throws {
    let r = try runBook(text: """
    ```swift
    let clock = ContinuousClock()
    let start = clock.now
    let elapsed = clock.now - start
    print(elapsed < .seconds(5), elapsed >= .milliseconds(0), .seconds(1) > elapsed, elapsed + .seconds(2) > .seconds(1))
    print(Duration.seconds(1) == .milliseconds(1000), (start + .seconds(1)) - start)
    ```

    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == "true true true true\ntrue 1 seconds\n")
}

@Test func timeoutStopsARunawayCellAndStillWritesTheReport() throws {
    let r = try runBook(text: "# T\n\n```swift\n//| timeout: 0.5\nvar i = 0\nwhile true { i += 1 }\n```\n")
    #expect(r.code == 70)
    #expect(r.stderr.contains("timed out"))
    #expect(r.html != nil)
}

@Test func fromAndUntilSelectCells() throws {
    let text = "```swift\n//| label: a\nprint(\"A\")\n```\n\n```swift\n//| label: b\nprint(\"B\")\n```\n\n```swift\n//| label: c\nprint(\"C\")\n```\n"
    let r = try runBook(text: text, args: ["--from", "b", "--until", "b"])
    #expect(r.code == 0, "\(r.stderr)")
    // The cells before --from are restored from the cache; without entries they run (docs/cache.md).
    #expect(r.stdout == "A\nB\n")
    let bad = try runBook(text: text, args: ["--from", "bb"])
    #expect(bad.code == 64)
}

@Test func invalidUTF8IsLocatedByLine() {
    #expect(BookRunner.firstInvalidUTF8Line(Array("a\nb\n".utf8) + [0xFF]) == 3)
    #expect(BookRunner.firstInvalidUTF8Line([0xC3]) == 1)
}

@Test func staticErrorInAnAllowedCellIsReportedAndSkipped() throws {
    let r = try runBook(text: """
    # Allowed static error

    ```swift
    print("first")
    ```

    ```swift
    //| error: allow
    let y = undefinedName + 1
    ```

    ```swift
    //| error: expect
    let z = (1 +
    ```

    ```swift
    print("last")
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == "first\nlast\n")
    #expect(r.stderr.contains("book.md:9:9:"), "\(r.stderr)")
    #expect(r.stderr.contains("cannot find 'undefinedName' in scope"))
    #expect(r.html?.contains("undefinedName") ?? false)
}

@Test func staticErrorInAnOrdinaryCellStillStopsEverything() throws {
    let r = try runBook(text: """
    # Static error

    ```swift
    print("first")
    ```

    ```swift
    let y = undefinedName + 1
    ```
    """)
    #expect(r.code == 65)
    #expect(r.stdout == "")
}

@Test func aStringParameterArrivesExactlyAsGiven() throws {
    // bound as a value, never spliced into the code: quotes, backslashes and `\(...)` stay text
    let value = #"he said "hi" \ \(steps) \n """ // 中文 \"#
    let r = try runBook(text: """
    ```swift
    //| parameters: true
    let name = "default"  // who
    let steps = 3
    ```

    ```swift
    print(name)
    print(name == "default", steps)
    ```
    """, args: ["-p", "name=" + value])
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == value + "\nfalse 3\n")
    let wrong = try runBook(text: "```swift\n//| parameters: true\nlet steps = 3\n```\n", args: ["-p", "steps=" + value])
    #expect(wrong.code == 64)
    #expect(wrong.stderr.contains("but 'steps' is an Int"))
}
