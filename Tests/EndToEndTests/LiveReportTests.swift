import Testing
import TestSupport
import Dispatch
import RLSupport
@testable import BookRuntime
@testable import rlbook

private func count(_ needle: String, in haystack: String) -> Int {
    var n = 0
    var rest = Substring(haystack)
    while let r = rest.firstRange(of: needle) { n += 1; rest = rest[r.upperBound...] }
    return n
}

/// Outputs updated in place, the live report, recordings, and the polish of the progress line,
/// title and parameters cell.
@Suite struct LiveReportTests {
    @Test func aPlotUpdated200TimesEndsAsOnePlot() throws {
        let r = try runBook(text: """
        # Updates

        ```swift
        var ys: [Double] = []
        let chart = display(plot([0.0], title: "AvgReturn"))
        for i in 1...200 {
            ys.append(Double(i % 17))
            chart.update(plot(ys, title: "AvgReturn"))
        }
        let status = display("starting")
        status.update("finished after \\(ys.count) points")
        ```

        ```swift
        print("gone")
        clearOutput()
        print("kept")
        chart.update(plot([1.0, 2.0, 3.0], title: "Replaced later"))
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        let html = try #require(r.html)
        #expect(count("<figure class=\"rl-plot\"", in: html) == 1)
        let transcript = String(decoding: try FileIO.read(r.outDir + "/outputs.txt"), as: UTF8.self)
        #expect(transcript == "── cell 1: ok\nplot\nfinished after 200 points\n── cell 2: ok\nkept\n", "\(transcript)")
        let svgs = FileIO.listDirectory(r.outDir).filter { $0.hasSuffix(".svg") }
        #expect(svgs.count == 1, "\(svgs)")
        let svg = String(decoding: try FileIO.read(r.outDir + "/" + (svgs.first ?? "none")), as: UTF8.self)
        #expect(svg.contains("Replaced later") && !svg.contains("AvgReturn"))
    }

    @Test func updatingAClearedOutputIsAnError() throws {
        let r = try runBook(text: "```swift\nlet h = display(\"a\")\nclearOutput()\nh.update(\"b\")\n```\n")
        #expect(r.code == 70)
        #expect(r.stderr.contains("cleared by clearOutput()"))
        #expect(r.stderr.contains("book.md:4:"))
    }

    @Test func theReportIsLiveWhileACellRunsAndFinalAfterwards() throws {
        let dir = tempDir("live")
        let file = dir + "/book.md"
        try FileIO.writeAtomically("""
        ---
        title: Live
        ---
        # Live

        ```swift
        //| label: spin
        let clock = ContinuousClock()
        let start = clock.now
        var i = 0
        print("spinning")
        while clock.now - start < Duration.seconds(5) {
            i += 1
            if i % 1000 == 0 { reportProgress(Int((clock.now - start).components.seconds), total: 5, unit: "s") }
        }
        print("done")
        ```
        """, to: file)
        let options = try #require(try CommandLineParser.parse(["run", file, "--out", dir + "/out", "--quiet"]).runOptions)
        let runner = BookRunner(options: options, stdout: { _ in }, stderr: { _ in })
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var code: Int32 = -1
        DispatchQueue.global().async { code = runner.run(); done.signal() }
        var live: String?
        let t0 = Clock.monotonic()
        while live == nil && Clock.monotonic() - t0 < 20 {
            if let b = try? FileIO.read(dir + "/out/index.html") {
                let s = String(decoding: b, as: UTF8.self)
                if s.contains("rl-banner-running") { live = s }
            }
            usleep(50_000)
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(code == 0)
        let page = try #require(live)
        #expect(page.contains("location.reload"))
        #expect(page.contains("Running cell"))
        #expect(page.contains("<code>spin</code>"))
        #expect(page.contains("spinning"))
        #expect(page.contains(" / 5 s ·"))
        #expect(page.contains("<progress"))
        let final = String(decoding: try FileIO.read(dir + "/out/index.html"), as: UTF8.self)
        #expect(!final.contains("location.reload"))
        #expect(!final.contains("class=\"rl-banner rl-banner-running\""))
        #expect(final.contains("done"))
        // The title shows once (front matter title = first heading).
        #expect(count(">Live</h1>", in: final) == 1)
    }

    @Test func aRecorderStreamsFramesToThePlayerAndTheGIF() throws {
        let r = try runBook(text: """
        ```swift
        let video = Recorder(fps: 20, caption: "ramp", maxBytes: 20_000, save: "videos/ramp.gif")
        for t in 0..<300 {
            video.append(Tensor.full([24, 32], Double(t % 256)))
        }
        print(video.frameCount)
        animate(video)
        let quick = Recorder(fps: 10, scale: 0.5)
        quick.append(Tensor.zeros([8, 8]))
        animate(quick)
        ```

        ```swift
        //| error: expect
        let bad = Recorder(save: "videos/x.png")
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        let html = try #require(r.html)
        #expect(html.contains("ramp"))
        #expect(html.contains("of 300 frames"))
        #expect(html.contains("frames scaled to 50 %"))
        #expect(html.contains("videos/ramp.gif"))
        #expect(html.contains(".gif, .mp4 or .webm"))
        let gif = try FileIO.read(r.outDir + "/videos/ramp.gif")
        #expect(Array(gif.prefix(6)) == Array("GIF89a".utf8))
        let transcript = String(decoding: try FileIO.read(r.outDir + "/outputs.txt"), as: UTF8.self)
        #expect(transcript.contains("animation: 300 frames"))
    }

    @Test(.usesTheTensorGenerator) func recordVideoWithAFolderStreamsEachEpisodeToAFileAndAPlayer() throws {
        let r = try runBook(text: """
        ```swift
        let env = RecordVideo(gym.make("CartPole-v1", renderMode: "rgb_array"), videoFolder: "videos",
                              episodeTrigger: { _ in true }, namePrefix: "cartpole", maxBytes: 50_000, scale: 0.25)
        env.actionSpace.seed(3)
        for episode in 0..<2 {
            var (obs, _) = env.reset(seed: episode)
            var done = false
            while !done {
                let (_, _, terminated, truncated, _) = env.step(env.actionSpace.sample())
                done = terminated || truncated
            }
        }
        env.close()
        print(env.videos.count)
        ```

        ```swift
        //| error: expect
        let bad = RecordVideo(gym.make("CartPole-v1", renderMode: "rgb_array"), format: "gif")
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        for name in ["cartpole-episode-0.gif", "cartpole-episode-1.gif"] {
            let gif = try FileIO.read(r.outDir + "/videos/" + name)
            #expect(Array(gif.prefix(6)) == Array("GIF89a".utf8))
        }
        let html = try #require(r.html)
        #expect(count("<figure class=\"rl-player\"", in: html) == 2)
        #expect(html.contains("frames scaled to 25 %"))
        #expect(html.contains("add videoFolder:"))
        let transcript = String(decoding: try FileIO.read(r.outDir + "/outputs.txt"), as: UTF8.self)
        #expect(transcript.hasPrefix("── cell 1: ok\nhtml\nanimation: "), "\(transcript)")
        #expect(transcript.contains("\n0\n"))   // the frames went to the files, none kept in `videos`
    }

    @Test func progressLineEndsBeforeACellPrintsAndParametersShowTheirValues() throws {
        let dir = tempDir("progress")
        let file = dir + "/book.md"
        try FileIO.writeAtomically("""
        ```swift
        //| parameters: true
        let steps = 10  // how many
        let name = "a // b"
        ```

        ```swift
        //| label: say
        print("steps", steps, name)
        ```
        """, to: file)
        let options = try #require(try CommandLineParser.parse(["run", file, "--out", dir + "/out", "-p", "steps=3", "-p", "name=z"]).runOptions)
        var err = ""
        let code = BookRunner(options: options, stdout: { _ in }, stderr: { err += $0 }).run()
        #expect(code == 0)
        #expect(err.contains("[2/2] say ...\n"))
        #expect(err.contains("[2/2] say ok"))
        let html = String(decoding: try FileIO.read(dir + "/out/index.html"), as: UTF8.self)
        #expect(html.contains("-p steps=3 (default: 10)"))
        #expect(html.contains("how many · -p steps=3"))
        #expect(html.contains("-p name=z (default: &quot;a // b&quot;)"))
    }
}
