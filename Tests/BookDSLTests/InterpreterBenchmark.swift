import Testing
import BookDSL
import RLSupport

/// Times the Benchmarks/interpreter tutorials when RLBOOK_BENCH is set (used by run.sh before the
/// CLI exists: `RLBOOK_BENCH=1 swift test -c release --filter InterpreterBenchmark`).
@Test(.enabled(if: getenv("RLBOOK_BENCH") != nil, "a timing run: set RLBOOK_BENCH=1"))
func InterpreterBenchmark() throws {
    var dir = #filePath
    for _ in 0..<3 { if let r = dir.lastIndex(of: "/") { dir = String(dir[..<r]) } }
    dir += "/Benchmarks/interpreter"
    var names = ["loop", "fib", "collections", "methods", "style-construct", "style-members", "style-closures", "style-structs"]
    if let only = getenv("RLBOOK_BENCH_ONLY") { names = [String(cString: only)] }
    for name in names {
        guard let md = ConformanceTests.read(name.hasPrefix("/") ? name : "\(dir)/\(name).md") else { continue }
        let t0 = Clock.monotonic()
        let out = BookHarness.run(BookHarness.cells(fromMarkdown: md), file: "\(name).md")
        let dt = Clock.monotonic() - t0
        print("BENCH \(name) \(dt) \(out.stdout.split(separator: "\n").first ?? "") \(out.stderr)")
        if getenv("RLBOOK_BENCH_SHOW") != nil { print(out.stdout) }
    }
}
