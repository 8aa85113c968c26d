import Testing
import TestSupport
@testable import BookReport

private func rewardCurve(_ n: Int, seed: UInt64) -> [Double] {
    var s = seed
    return (0..<n).map { i in
        s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let noise = Double(s >> 11) / Double(1 << 53) - 0.5
        return -200 + 180 * (1 - 1 / (1 + Double(i) / 40)) + 40 * noise
    }
}

@Test func linePlotSnapshotWithSmoothingAndLegend() {
    let x = (0..<200).map { Double($0) * 5000 }
    let plot = Plot(series: [Plot.Series(label: "DQN", x: x, y: rewardCurve(200, seed: 1)),
                             Plot.Series(label: "PPO", x: x, y: rewardCurve(200, seed: 2).map { $0 + 30 })],
                    title: "Episode return", xLabel: "Step", yLabel: "AvgReturn", smoothing: 0.9)
    let svg = MediaHTML.svg(plot)
    Snapshot.assertMatches(svg, named: "plot-line-smoothed.svg", in: snapshotDirectory)
    #expect(svg == MediaHTML.svg(plot), "deterministic")
    #expect(svg.contains(">200k<") && svg.contains(">1M<"), "SI tick labels")
    #expect(svg.contains("stroke-opacity=\"0.25\""), "faint raw line under the smoothed one")
    #expect(svg.contains("<title>DQN: x=0, y="), "hover tooltips")
}

@Test func scatterBarLogAndGapsSnapshots() {
    let scatter = Plot(series: [Plot.Series(x: [1, 2, 3, 4, 5], y: [0.5, 0.2, 0.9, 0.4, 0.7])], kind: .scatter, xLabel: "episode", yLabel: "loss")
    Snapshot.assertMatches(MediaHTML.svg(scatter), named: "plot-scatter.svg", in: snapshotDirectory)
    let bar = Plot(series: [Plot.Series(label: "left", x: [0, 1, 2, 3], y: [3, 5, 2, 4]), Plot.Series(label: "right", x: [0, 1, 2, 3], y: [1, 2, 6, 3])],
                   kind: .bar, title: "Action counts")
    let barSVG = MediaHTML.svg(bar)
    Snapshot.assertMatches(barSVG, named: "plot-bar.svg", in: snapshotDirectory)
    #expect(barSVG.components("<rect x=").count - 1 >= 9, "8 bars and a legend box")
    let log = Plot(series: [Plot.Series(label: "loss", x: Array(1...100).map(Double.init), y: Array(1...100).map { 1000 / Double($0 * $0) })],
                   logX: true, logY: true)
    let logSVG = MediaHTML.svg(log)
    Snapshot.assertMatches(logSVG, named: "plot-log.svg", in: snapshotDirectory)
    #expect(logSVG.contains(">100<") && logSVG.contains(">0.1<"))
    var y = (0..<20).map { Double($0) }
    y[7] = .nan
    y[8] = .nan
    let gaps = MediaHTML.svg(Plot(series: [Plot.Series(x: (0..<20).map(Double.init), y: y)]))
    let d = gaps.components("d=\"").dropFirst().first?.components("\"").first ?? ""
    #expect(d.filter { $0 == "M" }.count == 2, "NaN splits the line: \(d)")
    Snapshot.assertMatches(gaps, named: "plot-gaps.svg", in: snapshotDirectory)
}

@Test func niceTicksAndLabels() {
    #expect(PlotAxis.niceStep(0.13) == 0.2)
    #expect(PlotAxis.niceStep(3.3) == 5)
    #expect(PlotAxis.niceStep(7) == 10)
    #expect(PlotAxis.niceStep(1) == 1)
    #expect(PlotAxis.labels([0, 250_000, 500_000, 750_000, 1_000_000, 1_250_000], step: 250_000) == ["0", "250k", "500k", "750k", "1M", "1.25M"])
    #expect(PlotAxis.labels([-2000, 0, 2000], step: 2000) == ["-2k", "0", "2k"])
    #expect(PlotAxis.labels([0, 0.5, 1], step: 0.5) == ["0", "0.5", "1"])
    #expect(PlotAxis.labels([0, 2_000_000, 4_000_000], step: 2_000_000) == ["0", "2M", "4M"])
    #expect(PlotAxis.labels([0.0001, 0.0002], step: 0.00001) == ["1e-4", "2e-4"])
    // Ticks never overlap: on a narrow axis with long labels the step grows.
    let axis = PlotAxis(values: [0, 123_456_789], log: false, p0: 0, p1: 150)
    let ticks = axis.ticks { SVGPlot.textWidth($0) }
    #expect(ticks.count >= 2)
    if ticks.count >= 2 {
        let px = 150 / (axis.hi - axis.lo) * (ticks[1].value - ticks[0].value)
        #expect(px >= ticks.map { SVGPlot.textWidth($0.label) }.max()!)
    }
    #expect(NumberText.significant(1234.5678) == "1235")
    #expect(NumberText.significant(0.000123456) == "0.0001235")
    #expect(NumberText.significant(1.5e-7) == "1.5e-7")
    #expect(NumberText.significant(-2.5) == "-2.5")
    #expect(NumberText.grouped(-1234567) == "-1,234,567")
}

@Test func smoothingMatchesTensorBoard() {
    let s = SVGPlot.smooth([1, 2, 3, .nan, 4], weight: 0.5)
    #expect(s[0] == 1)
    #expect(abs(s[1] - (0.25 * 1 + 0.5 * 2) / 0.75) < 1e-12)
    #expect(s[3].isNaN)
}

@Test func plotIsAlsoAStandaloneAsset() {
    let assets = ReportAssets()
    let html = MediaHTML.plot(Plot(series: [Plot.Series(x: [0, 1], y: [1, 2])]), assets: assets)
    #expect(assets.files.count == 1 && assets.files[0].name == "plot.svg")
    #expect(String(decoding: assets.files[0].bytes, as: UTF8.self).hasPrefix("<svg xmlns="))
    #expect(html.contains("<svg") && html.contains("href=\"plot.svg\""))
    _ = MediaHTML.plot(Plot(series: []), assets: assets)
    #expect(assets.files[1].name == "plot-2.svg")
}

extension String {
    func components(_ sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: sep) {
            out.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}

@Test func extremeValuesDoNotTrap() {
    let svg = MediaHTML.svg(Plot(series: [Plot.Series(x: [-1e308, 0, 1e308, .infinity], y: [1e308, -1e308, .nan, 5])], logY: false))
    #expect(svg.hasSuffix("</svg>\n"))
    let empty = MediaHTML.svg(Plot(series: [Plot.Series(x: [], y: [])], title: "empty"))
    #expect(empty.contains("empty"))
    let logNeg = MediaHTML.svg(Plot(series: [Plot.Series(x: [1, 2, 3], y: [-1, 0, -5])], logY: true))
    #expect(logNeg.hasSuffix("</svg>\n"))
    let mismatched = MediaHTML.svg(Plot(series: [Plot.Series(x: [1, 2, 3], y: [1])], kind: .bar))
    #expect(mismatched.contains("<rect x="))
}
