import Testing
import RLRender
import RLSupport
@testable import BookReport

/// Reports rewritten during a run: each medium encoded once, assets written once, the live banner
/// only while running, recordings within their byte budget.
@Suite struct IncrementalReportTests {
    func plot(_ n: Int) -> Output { .plot(Plot(series: [.init(x: (0..<n).map(Double.init), y: (0..<n).map { Double($0 * $0) })], title: "p\(n)")) }
    func frame(_ t: Int) -> RGBImage {
        var im = RGBImage(width: 64, height: 48, channels: 3)
        for y in 0..<48 { for x in 0..<64 { let i = (y * 64 + x) * 3; im.pixels[i] = UInt8((x + t) & 255); im.pixels[i + 1] = UInt8(y * 4); im.pixels[i + 2] = UInt8((t * 7) & 255) } }
        return im
    }

    func report(_ cells: [[Output]]) -> Report {
        var blocks: [Report.Block] = [.prose(html: "<h1 id=\"t\">T</h1>\n<p>prose</p>", headings: [BookHeading(level: 1, text: "T", anchor: "t")])]
        var next = 1
        for (i, outs) in cells.enumerated() {
            var c = CellReport(index: i, label: nil, source: "print(1)", firstLine: 3 + i * 4, status: .ok, outputs: outs)
            c.outputIDs = outs.map { _ in defer { next += 1 }; return next }
            blocks.append(.cell(c))
        }
        return Report(title: "T", sourceFile: "t.md", rlbookVersion: "test", startTime: "now", blocks: blocks, status: .running)
    }

    @Test func aRewriteEncodesOnlyTheNewOutputs() throws {
        let dir = "/tmp/rlbook-incremental-\(UInt32.random(in: 0...UInt32.max))"
        let cache = ReportRenderCache()
        let writer = ReportWriter(cache: cache)
        var cells: [[Output]] = []
        for n in 1...12 {
            cells.append([.text("cell \(n)\n"), plot(n + 2), .image(ImageOutput(images: [frame(n)]))])
            try writer.write(report(cells), to: dir)
            #expect(cache.encodings == 2 * n, "rewrite \(n) encoded \(cache.encodings) media in all")
        }
        let html = String(decoding: try FileIO.read(dir + "/index.html"), as: UTF8.self)
        #expect(html.contains("p14"))
        // The same page as a writer without a cache.
        #expect(html == ReportWriter().html(report(cells), assets: ReportAssets()))
        #expect(FileIO.exists(dir + "/plot-12.svg"))
    }

    @Test func compactFreesPixelsAndKeepsThePage() throws {
        let cache = ReportRenderCache()
        var r = report([[.animation(Animation(frames: (0..<5).map(frame), fps: 5)), plot(3)]])
        let before = ReportWriter(cache: cache).html(r, assets: cache.assets)
        cache.compact(&r)
        guard case .cell(let c) = r.blocks[1] else { Issue.record("no cell"); return }
        #expect(c.outputs.allSatisfy { if case .encoded = $0 { return true } else { return false } })
        #expect(ReportWriter(cache: cache).html(r, assets: cache.assets) == before)
    }

    @Test func replacedOutputsLoseTheirAssetFiles() throws {
        let dir = "/tmp/rlbook-incremental-\(UInt32.random(in: 0...UInt32.max))"
        let cache = ReportRenderCache()
        var r = report([[plot(3)]])
        try ReportWriter(cache: cache).write(r, to: dir)
        #expect(FileIO.exists(dir + "/plot.svg"))
        var c = try #require({ () -> CellReport? in if case .cell(let c) = r.blocks[1] { return c } else { return nil } }())
        c.outputs = [plot(4)]
        c.outputIDs = [99]
        r.blocks[1] = .cell(c)
        try ReportWriter(cache: cache).write(r, to: dir)
        #expect(!FileIO.exists(dir + "/plot.svg"))
        #expect(FileIO.exists(dir + "/plot-2.svg"))
    }

    @Test func theLiveBannerAndRefreshOnlyWhileRunning() {
        var r = report([[.text("hi\n")]])
        r.live = LiveState(cell: "cell-1", position: 1, count: 3, cellSeconds: 12,
                           progress: .init(done: 5_000, total: 20_000, perSecond: 2_500, eta: 6), writtenAt: 1_800_000_000)
        let live = ReportWriter().html(r, assets: ReportAssets())
        #expect(live.contains("rl-banner-running"))
        #expect(live.contains("location.reload"))
        #expect(live.contains("5,000 / 20,000 steps"))
        #expect(live.contains("<progress"))
        #expect(live.contains("sessionStorage"))
        r.status = .completed
        r.live = nil
        let final = ReportWriter().html(r, assets: ReportAssets())
        #expect(!final.contains("location.reload"))
        #expect(!final.contains("class=\"rl-banner rl-banner-running\""))
    }

    @Test func aTitleRepeatedByTheFirstHeadingShowsOnce() {
        let html = ReportWriter().html(report([]), assets: ReportAssets())
        #expect(html.components(separatedBy: ">T</h1>").count - 1 == 1)
        #expect(html.contains("<h1 class=\"rl-title\" id=\"t\">T</h1>"))
        #expect(html.contains("<p>prose</p>"))
    }

    @Test func aRecordingStaysWithinItsBudgetAndSaysWhatItDropped() {
        let rec = FrameRecorder(fps: 50, caption: "drive", maxBytes: 60_000)
        var peak = 0
        for t in 0..<1_000 {
            try? rec.append(frame(t))
            peak = max(peak, rec.encodedBytes)
        }
        #expect(peak <= 60_000)
        #expect(rec.frameCount == 1_000)
        #expect(rec.stride > 1)
        let m = rec.encoded()
        #expect(m.summary == "animation: 1000 frames")
        #expect(m.html.contains("showing"))
        #expect(m.html.contains("of 1000 frames"))
        let scaled = FrameRecorder(fps: 10, scale: 0.5)
        try? scaled.append(frame(0))
        #expect(scaled.storedSize?.width == 32)
        #expect(scaled.encoded().html.contains("frames scaled to 50 %"))
        #expect(throws: GIFError.self) { try scaled.append(RGBImage(width: 10, height: 10)) }
    }
}
