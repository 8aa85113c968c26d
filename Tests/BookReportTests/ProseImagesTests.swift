import Testing
import RLSupport
@testable import BookReport

@Suite struct ProseImagesTests {
    @Test func base64Vectors() {
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode([0xFF, 0xFE, 0x00]) == "//4A")
    }

    @Test func localPaths() {
        #expect(ProseImages.isLocalPath("img/a.png"))
        #expect(ProseImages.isLocalPath("../a b.png"))
        #expect(ProseImages.isLocalPath("/abs/a.png"))
        #expect(!ProseImages.isLocalPath("https://x/a.png"))
        #expect(!ProseImages.isLocalPath("//host/a.png"))
        #expect(!ProseImages.isLocalPath("data:image/png;base64,AA"))
        #expect(!ProseImages.isLocalPath("#"))
    }

    @Test func localImagesAreEmbeddedOrCopied() throws {
        var template = Array("/tmp/rlbook-images-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { Issue.record("mkdtemp failed"); return }
        let dir = String(cString: made)
        try FileIO.writeAtomically([0x89, 0x50, 0x4E, 0x47], to: dir + "/img/small.png")
        let big = Array("GIF89a".utf8) + [UInt8](repeating: 7, count: ProseImages.inlineLimit + 1)
        try FileIO.writeAtomically(big, to: dir + "/img/big.gif")
        let prose = "<p><img src=\"img/small.png\" alt=\"s\"> <img src=\"img/big.gif\" alt=\"b\"> <img src=\"img/missing.png\" alt=\"m\"> <img src=\"https://x/y.png\" alt=\"r\"> <img src=\"img/small.png\" alt=\"again\"></p>"
        let report = Report(title: "t", sourceFile: dir + "/t.md", rlbookVersion: "0", startTime: "now",
                            blocks: [.prose(html: prose, headings: [])], status: .completed)
        let assets = ReportAssets()
        let html = ReportWriter().html(report, assets: assets)
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw==\" alt=\"s\">"))
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw==\" alt=\"again\">"))
        #expect(html.contains("<img src=\"big.gif\" alt=\"b\">"))
        #expect(html.contains("<img src=\"img/missing.png\" alt=\"m\">"))
        #expect(html.contains("<img src=\"https://x/y.png\" alt=\"r\">"))
        #expect(assets.files.map(\.name) == ["big.gif"])
        try ReportWriter().write(report, to: dir + "/out")
        #expect(FileIO.exists(dir + "/out/big.gif"))
        for f in ["/out/big.gif", "/out/index.html", "/img/small.png", "/img/big.gif"] { FileIO.remove(dir + f) }
        rmdir(dir + "/out"); rmdir(dir + "/img"); rmdir(dir)
    }

    /// Issue 14: prose reads only the book's folder (symlinks followed) and only real images.
    @Test func imagesOutsideTheBookOrNotImagesAreLeftAlone() throws {
        var template = Array("/tmp/rlbook-confine-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { Issue.record("mkdtemp failed"); return }
        let dir = String(cString: made)
        try FileIO.writeAtomically([0x89, 0x50, 0x4E, 0x47], to: dir + "/outside.png")
        try FileIO.writeAtomically(Array("root:x:0:0".utf8), to: dir + "/book/fake.png")
        symlink(dir + "/outside.png", dir + "/book/innocent.png")
        let prose = "<p><img src=\"innocent.png\" alt=\"l\"><img src=\"\(dir)/outside.png\" alt=\"a\"><img src=\"../outside.png\" alt=\"u\"><img src=\"fake.png\" alt=\"f\"></p>"
        let report = Report(title: "t", sourceFile: dir + "/book/t.md", rlbookVersion: "0", startTime: "now",
                            blocks: [.prose(html: prose, headings: [])], status: .completed)
        let html = ReportWriter().html(report, assets: ReportAssets())
        #expect(!html.contains("data:image"), "\(html)")
        #expect(html.contains("<img src=\"innocent.png\" alt=\"l\">") && html.contains("<img src=\"fake.png\" alt=\"f\">"))
        for f in ["/book/innocent.png", "/book/fake.png", "/outside.png"] { FileIO.remove(dir + f) }
        rmdir(dir + "/book"); rmdir(dir)
    }

    @Test func localVideosInRawHTMLAreEmbedded() throws {
        var template = Array("/tmp/rlbook-videos-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { Issue.record("mkdtemp failed"); return }
        let dir = String(cString: made)
        try FileIO.writeAtomically([0, 0, 0, 0x18], to: dir + "/videos/best.mp4")
        try FileIO.writeAtomically([0xFF, 0xD8], to: dir + "/videos/poster.jpg")
        let prose = "<p><video controls src=\"videos/best.mp4\" poster=\"videos/poster.jpg\"></video></p>\n<video controls><source src=\"videos/best.mp4\" type=\"video/mp4\"><source src=\"https://example.com/v.webm\"></video>"
        let report = Report(title: "t", sourceFile: dir + "/t.md", rlbookVersion: "0", startTime: "now",
                            blocks: [.prose(html: prose, headings: [])], status: .completed)
        let html = ReportWriter().html(report, assets: ReportAssets())
        #expect(html.contains("<video controls src=\"data:video/mp4;base64,AAAAGA==\" poster=\"data:image/jpeg;base64,/9g=\"></video>"))
        #expect(html.contains("<source src=\"data:video/mp4;base64,AAAAGA==\" type=\"video/mp4\">"))
        #expect(html.contains("<source src=\"https://example.com/v.webm\">"))
        for f in ["/videos/best.mp4", "/videos/poster.jpg"] { FileIO.remove(dir + f) }
        rmdir(dir + "/videos"); rmdir(dir)
    }
}
