import RLSupport

/// Renders a `Plot` as a standalone SVG document: axes with nice ticks, grid, title, axis labels,
/// legend, line / scatter / bar series, TensorBoard-style smoothing, NaN gaps, log scales, and
/// hover tooltips (`<title>` on points). Same plot, same bytes.
struct SVGPlot {
    static let width = 640.0
    static let height = 360.0
    /// matplotlib's tab10 colours.
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    /// Hover targets per series at most (evenly spread, last point included).
    static let maxHoverPoints = 250

    let plot: Plot

    /// Approximate width of label text at 11 px sans-serif.
    static func textWidth(_ s: String, size: Double = 11) -> Double { Double(s.count) * size * 0.58 }

    /// TensorBoard's debiased exponential moving average (tensorboard/plugins/scalar/vz_line_chart2);
    /// NaN/inf points stay gaps and do not enter the average.
    static func smooth(_ ys: [Double], weight: Double) -> [Double] {
        let w = max(0, min(0.999, weight))
        var last = 0.0, n = 0
        return ys.map { y in
            guard y.isFinite else { return y }
            n += 1
            last = last * w + (1 - w) * y
            let debias = 1 - pow(w, Double(n))
            return debias > 0 ? last / debias : y
        }
    }

    func render() -> String {
        let W = SVGPlot.width, H = SVGPlot.height
        let series = plot.series.map { s -> Plot.Series in
            let n = min(s.x.count, s.y.count)
            return Plot.Series(label: s.label, x: Array(s.x.prefix(n)), y: Array(s.y.prefix(n)))
        }
        let smoothing = (plot.smoothing ?? 0) > 0 && plot.kind == .line ? plot.smoothing : nil
        let allX = series.flatMap(\.x), allY = series.flatMap(\.y)
        let top = plot.title == nil ? 14.0 : 34.0
        let bottom = H - (plot.xLabel == nil ? 28.0 : 44.0)
        // y axis first (its labels set the left margin).
        var yAxis = PlotAxis(values: allY, log: plot.logY, p0: bottom, p1: top, includeZero: plot.kind == .bar)
        let yTicks = yAxis.ticks { _ in 16 }
        let labelWidth = yTicks.map { SVGPlot.textWidth($0.label) }.max() ?? 10
        let left = 12 + labelWidth + (plot.yLabel == nil ? 0 : 18)
        let right = W - 16
        yAxis.p0 = bottom; yAxis.p1 = top
        var xValues = allX
        if plot.kind == .bar, let gap = SVGPlot.minGap(allX) {
            // Room for the bars at the ends.
            xValues += [(allX.min() ?? 0) - gap / 2, (allX.max() ?? 0) + gap / 2]
        }
        let xAxis = PlotAxis(values: xValues, log: plot.logX, p0: left, p1: right, pad: plot.kind == .bar ? 0 : 0.02)
        var xTicks = xAxis.ticks { SVGPlot.textWidth($0) }
        let distinctX = Array(Set(allX.filter(\.isFinite))).sorted()
        if plot.kind == .bar && !distinctX.isEmpty && distinctX.count <= 24 {
            // Bars are categories: label each bar position (thinned if labels would collide).
            let labels = distinctX.map { SVGPlot.valueText($0) }
            let need = (labels.map { SVGPlot.textWidth($0) }.max() ?? 0) + 6
            let gapPx = (SVGPlot.minGap(distinctX) ?? 1) / (xAxis.hi - xAxis.lo) * (right - left)
            let every = max(1, Int((need / max(gapPx, 1)).rounded(.up)))
            xTicks = stride(from: 0, to: distinctX.count, by: every).map { (distinctX[$0], labels[$0]) }
        }

        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rl-plot-svg\" viewBox=\"0 0 \(Int(W)) \(Int(H))\" width=\"\(Int(W))\" height=\"\(Int(H))\" role=\"img\""
        let name = plot.title ?? plot.yLabel ?? "plot"
        s += " aria-label=\"\(HTML.escape(name))\">\n"
        // Selectors are scoped to this SVG's class: inline in a page, an SVG <style> applies to the whole document.
        s += "<style>.rl-plot-svg text{font:11px sans-serif;fill:#333}.rl-plot-svg .t{font-size:14px;font-weight:600}.rl-plot-svg .g{stroke:#e5e5e5;stroke-width:1}"
        s += ".rl-plot-svg .a{stroke:#888;stroke-width:1}.rl-plot-svg .h{fill-opacity:0;stroke:none}.rl-plot-svg .h:hover{fill-opacity:1}"
        s += ".rl-plot-svg .s{fill:none;stroke-width:1.8;stroke-linejoin:round;stroke-linecap:round}</style>\n"
        s += "<rect width=\"\(Int(W))\" height=\"\(Int(H))\" fill=\"#fff\"/>\n"
        let c = NumberText.coord
        // Grid and tick labels.
        for t in yTicks {
            guard let y = yAxis.position(t.value) else { continue }
            s += "<line class=\"g\" x1=\"\(c(left))\" x2=\"\(c(right))\" y1=\"\(c(y))\" y2=\"\(c(y))\"/>"
            s += "<text x=\"\(c(left - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\">\(HTML.escape(t.label))</text>\n"
        }
        for t in xTicks {
            guard let x = xAxis.position(t.value) else { continue }
            s += "<line class=\"g\" x1=\"\(c(x))\" x2=\"\(c(x))\" y1=\"\(c(top))\" y2=\"\(c(bottom))\"/>"
            s += "<text x=\"\(c(x))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\">\(HTML.escape(t.label))</text>\n"
        }
        s += "<line class=\"a\" x1=\"\(c(left))\" x2=\"\(c(right))\" y1=\"\(c(bottom))\" y2=\"\(c(bottom))\"/>"
        s += "<line class=\"a\" x1=\"\(c(left))\" x2=\"\(c(left))\" y1=\"\(c(top))\" y2=\"\(c(bottom))\"/>\n"
        if let t = plot.title {
            s += "<text class=\"t\" x=\"\(c((left + right) / 2))\" y=\"22\" text-anchor=\"middle\">\(HTML.escape(t))</text>\n"
        }
        if let l = plot.xLabel {
            s += "<text x=\"\(c((left + right) / 2))\" y=\"\(c(H - 8))\" text-anchor=\"middle\">\(HTML.escape(l))</text>\n"
        }
        if let l = plot.yLabel {
            let cy = (top + bottom) / 2
            s += "<text x=\"14\" y=\"\(c(cy))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(c(cy)))\">\(HTML.escape(l))</text>\n"
        }
        // Series.
        let barGap = SVGPlot.minGap(allX) ?? 1
        for (k, ser) in series.enumerated() {
            let color = SVGPlot.colors[k % SVGPlot.colors.count]
            let label = ser.label ?? (series.count > 1 ? "series \(k + 1)" : (plot.yLabel ?? "y"))
            s += "<g class=\"rl-series\" data-series=\"\(k)\" color=\"\(color)\">\n"
            switch plot.kind {
            case .line:
                if let w = smoothing {
                    s += "<path class=\"s\" stroke=\"\(color)\" stroke-opacity=\"0.25\" d=\"\(path(ser.x, ser.y, xAxis, yAxis))\"/>\n"
                    s += "<path class=\"s\" stroke=\"\(color)\" d=\"\(path(ser.x, SVGPlot.smooth(ser.y, weight: w), xAxis, yAxis))\"/>\n"
                } else {
                    s += "<path class=\"s\" stroke=\"\(color)\" d=\"\(path(ser.x, ser.y, xAxis, yAxis))\"/>\n"
                }
                s += hoverPoints(ser, label: label, color: color, xAxis, yAxis, radius: 3.5, visible: false)
            case .scatter:
                s += hoverPoints(ser, label: label, color: color, xAxis, yAxis, radius: 2.5, visible: true)
            case .bar:
                let groupWidth = barGap / 1.25
                let bw = groupWidth / Double(max(1, series.count))
                for i in 0..<ser.x.count {
                    let xv = ser.x[i] - groupWidth / 2 + bw * Double(k)
                    guard let x0 = xAxis.position(xv), let x1 = xAxis.position(xv + bw), let y = yAxis.position(ser.y[i]),
                          let y0 = yAxis.position(plot.logY ? pow(10, yAxis.lo) : 0) else { continue }
                    let tip = "\(label): x=\(SVGPlot.valueText(ser.x[i])), y=\(SVGPlot.valueText(ser.y[i]))"
                    s += "<rect x=\"\(c(min(x0, x1)))\" y=\"\(c(min(y, y0)))\" width=\"\(c(max(0.5, abs(x1 - x0) - 0.5)))\" height=\"\(c(abs(y0 - y)))\" fill=\"\(color)\"><title>\(HTML.escape(tip))</title></rect>\n"
                }
            }
            s += "</g>\n"
        }
        // Legend when there is more than one series or a label was given.
        let labelled = series.enumerated().filter { $0.element.label != nil || series.count > 1 }
        if !labelled.isEmpty {
            let texts = labelled.map { $0.element.label ?? "series \($0.offset + 1)" }
            let lw = (texts.map { SVGPlot.textWidth($0) }.max() ?? 0) + 34
            let lh = Double(texts.count) * 16 + 8
            // Like matplotlib's loc="best": the corner covering the fewest data points.
            let corners = [(right - lw - 6, top + 6), (left + 6, top + 6), (right - lw - 6, bottom - lh - 6), (left + 6, bottom - lh - 6)]
            var best = 0, bestCount = Int.max
            for (ci, corner) in corners.enumerated() {
                var n = 0
                for ser in series {
                    for i in 0..<ser.x.count {
                        guard let px = xAxis.position(ser.x[i]), let py = yAxis.position(ser.y[i]) else { continue }
                        if px >= corner.0 - 4 && px <= corner.0 + lw + 4 && py >= corner.1 - 4 && py <= corner.1 + lh + 4 { n += 1 }
                    }
                }
                if n < bestCount { bestCount = n; best = ci }
            }
            let (lx, ly) = corners[best]
            s += "<g class=\"rl-legend\"><rect x=\"\(c(lx))\" y=\"\(c(ly))\" width=\"\(c(lw))\" height=\"\(c(lh))\" fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n"
            for (j, (k, _)) in labelled.enumerated() {
                let color = SVGPlot.colors[k % SVGPlot.colors.count]
                let y = ly + 12 + Double(j) * 16
                s += "<line x1=\"\(c(lx + 6))\" x2=\"\(c(lx + 22))\" y1=\"\(c(y))\" y2=\"\(c(y))\" stroke=\"\(color)\" stroke-width=\"\(plot.kind == .line ? 2 : 6)\"/>"
                s += "<text x=\"\(c(lx + 28))\" y=\"\(c(y + 4))\">\(HTML.escape(texts[j]))</text>\n"
            }
            s += "</g>\n"
        }
        return s + "</svg>\n"
    }

    /// Smallest positive gap between sorted distinct x values.
    static func minGap(_ xs: [Double]) -> Double? {
        let v = Array(Set(xs.filter(\.isFinite))).sorted()
        guard v.count > 1 else { return v.isEmpty ? nil : 1 }
        var g = Double.infinity
        for i in 1..<v.count { g = min(g, v[i] - v[i - 1]) }
        return g
    }

    static func valueText(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return NumberText.grouped(Int(v)) }
        return NumberText.significant(v, 5)
    }

    /// An SVG path through the points; NaN (and non-positive on log axes) break the line.
    /// Long series are reduced per pixel column to first/min/max/last, which keeps the drawn shape.
    func path(_ xs: [Double], _ ys: [Double], _ xa: PlotAxis, _ ya: PlotAxis) -> String {
        var pts: [(Double, Double)?] = []
        pts.reserveCapacity(xs.count)
        for i in 0..<xs.count {
            if let x = xa.position(xs[i]), let y = ya.position(ys[i]) { pts.append((x, y)) } else { pts.append(nil) }
        }
        if pts.count > Int(SVGPlot.width) * 4 { pts = SVGPlot.decimate(pts) }
        var d = ""
        var pen = false
        for p in pts {
            guard let (x, y) = p else { pen = false; continue }
            d += (pen ? "L" : "M") + NumberText.coord(x) + " " + NumberText.coord(y)
            pen = true
        }
        return d
    }

    /// Per-pixel-column reduction keeping first, min, max, last of each run (gaps kept).
    static func decimate(_ pts: [(Double, Double)?]) -> [(Double, Double)?] {
        var out: [(Double, Double)?] = []
        var bucket: [(Double, Double)] = []
        var column = Int.min
        func flush() {
            guard !bucket.isEmpty else { return }
            let first = bucket[0], last = bucket[bucket.count - 1]
            var mn = first, mx = first
            var mnI = 0, mxI = 0
            for (i, p) in bucket.enumerated() {
                if p.1 < mn.1 { mn = p; mnI = i }
                if p.1 > mx.1 { mx = p; mxI = i }
            }
            var picks = [(0, first)]
            for (i, p) in [(mnI, mn), (mxI, mx)].sorted(by: { $0.0 < $1.0 }) where i != 0 && i != bucket.count - 1 { picks.append((i, p)) }
            if bucket.count > 1 { picks.append((bucket.count - 1, last)) }
            var seen = Set<Int>()
            for (i, p) in picks where seen.insert(i).inserted { out.append(p) }
            bucket.removeAll(keepingCapacity: true)
        }
        for p in pts {
            guard let p else { flush(); out.append(nil); column = Int.min; continue }
            let col = Int(p.0.rounded(.down))
            if col != column { flush(); column = col }
            bucket.append(p)
        }
        flush()
        return out
    }

    /// Circles with a `<title>` tooltip (invisible until hovered for lines; always drawn for scatter).
    func hoverPoints(_ ser: Plot.Series, label: String, color: String, _ xa: PlotAxis, _ ya: PlotAxis, radius: Double, visible: Bool) -> String {
        let n = ser.x.count
        guard n > 0 else { return "" }
        var indices: [Int]
        let cap = visible ? 5000 : SVGPlot.maxHoverPoints
        if n <= cap { indices = Array(0..<n) } else {
            indices = (0..<cap).map { $0 * (n - 1) / (cap - 1) }
        }
        var s = ""
        for i in indices {
            guard let x = xa.position(ser.x[i]), let y = ya.position(ser.y[i]) else { continue }
            let tip = "\(label): x=\(SVGPlot.valueText(ser.x[i])), y=\(SVGPlot.valueText(ser.y[i]))"
            let cls = visible ? "" : " class=\"h\""
            s += "<circle\(cls) cx=\"\(NumberText.coord(x))\" cy=\"\(NumberText.coord(y))\" r=\"\(NumberText.coord(radius))\" fill=\"\(color)\"><title>\(HTML.escape(tip))</title></circle>\n"
        }
        return s
    }
}

