import Testing
import TestSupport
import RLSupport
@testable import BookRuntime
@testable import rlbook

/// Cells read and write files only inside the book's folder, its report folder and the folders its
/// front matter allows (`files:`); one rule for every path a cell names.
@Suite struct FileConfinementTests {
    @Test(.usesTheTensorGenerator) func writesOutsideTheBookAreRefusedWithTheRule() throws {
        for (call, what) in [("save(Tensor.zeros([4, 4]), \"/tmp/rlbook-escape-\\(0).png\")", "absolute"),
                             ("save(Tensor.zeros([4, 4]), \"../../escape.png\")", "dot-dot"),
                             ("let net = Linear(2, 2)\nnet.save(\"/tmp/rlbook-escape-net.safetensors\")", "net.save"),
                             ("let net = Linear(2, 2)\nnet.load(\"/etc/passwd\")", "net.load")] {
            let r = try runBook(text: "```swift\n\(call)\n```\n")
            #expect(r.code == 70, "\(what): \(r.stderr)")
            #expect(r.stderr.contains("is outside the book's folder"), "\(what): \(r.stderr)")
            #expect(r.stderr.contains("files: ["), "\(what)")
            #expect(!r.stderr.contains("root:x"), "\(what): the error must not echo the file")
        }
        #expect(!FileIO.exists("/tmp/rlbook-escape-0.png"))
        #expect(!FileIO.exists("/tmp/rlbook-escape-net.safetensors"))
    }

    @Test func symbolicLinksOutOfTheReportFolderAreFollowedAndRefused() throws {
        let dir = tempDir("links")
        let outside = tempDir("outside")
        try FileIO.createDirectory(dir + "/out")
        #expect(symlink(outside, dir + "/out/sneaky") == 0)
        try FileIO.writeAtomically("```swift\nsave(Tensor.zeros([4, 4]), \"sneaky/x.png\")\n```\n", to: dir + "/book.md")
        let o = try #require(try CommandLineParser.parse(["run", dir + "/book.md", "--out", dir + "/out", "--quiet"]).runOptions)
        var err = ""
        #expect(BookRunner(options: o, stdout: { _ in }, stderr: { err += $0 }).run() == 70)
        #expect(err.contains("is outside the book's folder"), "\(err)")
        #expect(!FileIO.exists(outside + "/x.png"))
    }

    @Test(.usesTheTensorGenerator) func relativePathsLiveInTheReportFolderAndAllowedFoldersWork() throws {
        let allowed = tempDir("allowed")
        let r = try runBook(text: """
        ---
        files: [\(allowed)]
        ---
        ```swift
        let net = Linear(2, 2)
        net.save("weights/net.safetensors")
        net.load("weights/net.safetensors")
        net.save("\(allowed)/net.safetensors")
        save(Tensor.zeros([4, 4]), "javascript:alert(1)//x.png")
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(FileIO.exists(r.outDir + "/weights/net.safetensors"))
        #expect(FileIO.exists(allowed + "/net.safetensors"))
        let html = try #require(r.html)
        #expect(html.contains("src=\"./javascript:alert(1)//x.png\""))
        #expect(!html.contains("src=\"javascript:"))
    }

    @Test func theReportNeverOverwritesItsTutorialAndNeedsAFolder() throws {
        let dir = tempDir("self")
        try FileIO.writeAtomically("# Hi\n", to: dir + "/index.html")
        let o = try #require(try CommandLineParser.parse(["run", dir + "/index.html", "--out", dir, "--quiet"]).runOptions)
        var err = ""
        #expect(BookRunner(options: o, stdout: { _ in }, stderr: { err += $0 }).run() == 64)
        #expect(err.contains("overwrite the tutorial"))
        #expect(String(decoding: try FileIO.read(dir + "/index.html"), as: UTF8.self) == "# Hi\n")
        let e = try #require(try CommandLineParser.parse(["run", dir + "/index.html", "--out", "", "--quiet"]).runOptions)
        err = ""
        #expect(BookRunner(options: e, stdout: { _ in }, stderr: { err += $0 }).run() == 64)
        #expect(err.contains("--out needs a folder"))
    }

    @Test func leftoverTemporaryFilesOfAKilledRunAreRemoved() throws {
        let dir = tempDir("tmpfiles")
        try FileIO.createDirectory(dir + "/out")
        try FileIO.writeAtomically("partial", to: dir + "/out/index.html.tmp-123-456")
        try FileIO.writeAtomically("```swift\nprint(1)\n```\n", to: dir + "/book.md")
        let o = try #require(try CommandLineParser.parse(["run", dir + "/book.md", "--out", dir + "/out", "--quiet"]).runOptions)
        #expect(BookRunner(options: o, stdout: { _ in }, stderr: { _ in }).run() == 0)
        #expect(!FileIO.exists(dir + "/out/index.html.tmp-123-456"))
    }
}
