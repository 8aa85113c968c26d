import BookDSL
import RLSupport

// Times the interpreter alone on Benchmarks/interpreter books (compile + run of their cells, CPU
// time of this process, best of N; no engine, no report), and prints each book's first output.
// Builds in a few minutes (RLSupport and BookDSL only), so interpreter changes can be measured
// without the whole CLI:
//   swift build -c release --product dslbench
//   .build/release/dslbench -n 5 Benchmarks/interpreter/fib.md Benchmarks/interpreter/methods.md
// Under callgrind (`valgrind --tool=callgrind .build/release/dslbench -n 1 BOOK.md`) the
// instruction count does not depend on the machine's load.
func cells(_ md: String) -> [String] {
    var out: [String] = []; var buf: [String] = []; var inCell = false
    for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
        let t = String(line.drop { $0 == " " })
        if !inCell && t.hasPrefix("```swift") { inCell = true; buf = [] }
        else if inCell && t.hasPrefix("```") { inCell = false; out.append(buf.joined(separator: "\n")) }
        else if inCell { buf.append(String(line)) }
    }
    return out
}
func cpu() -> Double {
    var ts = timespec(); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
var args = Array(CommandLine.arguments.dropFirst())
var reps = 5
if let i = args.firstIndex(of: "-n") { reps = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
for path in args {
    let md = String(decoding: try! FileIO.read(path), as: UTF8.self)
    var best = Double.infinity
    var firstOut = ""
    for _ in 0..<reps {
        let interp = Interpreter()
        var o = ""
        interp.output = { o += $0 }
        let t0 = cpu()
        for (k, c) in cells(md).enumerated() {
            switch interp.compile(SourceText(file: "b\(k).md", text: c, firstLine: 1)) {
            case .success(let cc): if let d = interp.run(cc, timeout: 600) { print(d.rendered) }
            case .failure(let ds): print(ds.map(\.rendered).joined(separator: "\n"))
            }
        }
        best = min(best, cpu() - t0)
        firstOut = String(String(o.prefix(60)).map { $0 == "\n" ? " " : $0 })
    }
    let name = String(path.split(separator: "/").last!.dropLast(3))
    print("\(name) \(Int(best * 1000)) ms  [\(firstOut)]")
}
