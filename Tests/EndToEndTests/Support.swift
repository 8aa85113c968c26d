import RLSupport
@testable import BookRuntime
@testable import rlbook

/// The package root, found from this file's path.
let packageRoot: String = {
    var path = #filePath
    for _ in 0..<3 { path = FileIO.parentDirectory(of: path) }
    return path
}()

/// A fresh temporary folder.
func tempDir(_ name: String = "e2e") -> String {
    var template = Array("/tmp/rlbook-\(name)-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: p!)
}

struct RunResult {
    var code: Int32
    var stdout: String
    var stderr: String
    var outDir: String
    var html: String? { (try? FileIO.read(outDir + "/index.html")).map { String(decoding: $0, as: UTF8.self) } }
}

/// Runs a tutorial given as text (written to a temp file) or a path, capturing stdout and stderr.
func runBook(text: String? = nil, path: String? = nil, args: [String] = [], name: String = "book") throws -> RunResult {
    let dir = tempDir()
    var file = path ?? dir + "/\(name).md"
    if let text { try FileIO.writeAtomically(text, to: file) }
    if path != nil && !file.hasPrefix("/") { file = packageRoot + "/" + file }
    let out = dir + "/out"
    guard case .run(let options) = try CommandLineParser.parse(["run", file, "--out", out, "--quiet"] + args) else {
        fatalError("not a run command")
    }
    var so = "", se = ""
    let runner = BookRunner(options: options, stdout: { so += $0 }, stderr: { se += $0 })
    let code = runner.run()
    return RunResult(code: code, stdout: so, stderr: se, outDir: out)
}
