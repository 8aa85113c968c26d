import BookDSL
import BookMarkdown
import BookReport
import RLRender
import RLSupport
import RLTensor

/// Cell bindings for report outputs: `table`, `plot`, `show`, `animate`, `save` (CELLS.md, "Report").
///
/// Each appends an `Output` to the running cell. Relative paths given to `save` are relative to the
/// report folder, so saved files sit beside `index.html` and the report can link them.
enum MediaBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {
        interpreter.defineFunction("table", signature: Signature("_, columns?, title?")) { args in
            return OutputHandle.value(session, session.emit(.table(try table(args))))
        }
        interpreter.defineFunction("plot", signature: Signature("_?, x?, y?, label?, labels?, kind?, xLabel?, yLabel?, title?, smoothing?, logX?, logY?")) { args in
            return OutputHandle.value(session, session.emit(.plot(try plot(args))))
        }
        interpreter.defineFunction("show", signature: Signature("_?, cmap?, grid?, caption?, math?, display?")) { args in
            if args.has("math") {
                // `show(math: "G_t = \\sum_k \\gamma^k r_{t+k}")`: TeX as MathML, like `$$...$$` in prose.
                let html = TeX.mathML(try args.string("math"), display: try args.bool("display", default: true))
                return OutputHandle.value(session, session.emit(.html("<div class=\"rl-math\">" + html + "</div>")))
            }
            return OutputHandle.value(session, session.emit(.image(try show(args))))
        }
        interpreter.defineFunction("animate", signature: Signature("_, fps?, caption?, cmap?, maxBytes?, scale?")) { args in
            if case .native(let o)? = args.value(nil), let rec = o as? RecorderObject {
                if let c = try args.value("caption").map({ _ in try args.string("caption") }) { rec.recorder.caption = c }
                try rec.finish()
                return OutputHandle.value(session, session.emit(.encoded(rec.recorder.encoded())))
            }
            if args.has("maxBytes") || args.has("scale") {
                // Through a recorder: frames scaled and fitted to the budget as they are encoded.
                let (maxBytes, scale) = try RecorderBindings.budget(args)
                let rec = FrameRecorder(fps: try fps(args), caption: try args.value("caption").map { _ in try args.string("caption") }, maxBytes: maxBytes, scale: scale)
                for f in try framesArgument(args, cmap: args.string("cmap", default: "gray")) {
                    do { try rec.append(f) } catch { throw BindingError("\(error)") }
                }
                guard rec.frameCount > 0 else { throw BindingError("animate needs at least one frame; the array is empty") }
                return OutputHandle.value(session, session.emit(.encoded(rec.encoded())))
            }
            let frames = try framesArgument(args, cmap: args.string("cmap", default: "gray"))
            guard !frames.isEmpty else { throw BindingError("animate needs at least one frame; the array is empty") }
            return OutputHandle.value(session, session.emit(.animation(Animation(frames: frames, fps: try fps(args), caption: try args.value("caption").map { _ in try args.string("caption") }))))
        }
        // Whether `save(frames, "x.mp4")` can run here (ffmpeg on PATH), for books that save videos when they can.
        interpreter.defineGlobal("ffmpegAvailable", .bool(VideoExport.findFFmpeg() != nil))
        interpreter.defineFunction("save", signature: Signature("_, _, fps?, cmap?")) { args in
            try save(args, session: session)
            return .void
        }
    }

    // MARK: - table

    static func table(_ args: Arguments) throws -> Table {
        guard let data = args.value(nil) else { throw BindingError("table needs rows: an array of dictionaries or of arrays") }
        let title = try args.value("title").map { _ in try args.string("title") }
        if case .dict(let d) = data.unwrapped ?? data {
            return Table(title: title, columns: ["key", "value"], rows: zip(d.keys, d.values).map { [.string(plain($0.0)), cell($0.1)] })
        }
        guard let rows = data.asArray else { throw BindingError("table needs an array of rows, got a value of type '\(data.typeName)'") }
        if rows.isEmpty { return Table(title: title, columns: [], rows: []) }
        if rows.allSatisfy({ if case .dict = $0 { return true } else { return false } }) {
            let records = rows.map { r -> [(key: String, value: Table.Cell)] in
                guard case .dict(let d) = r else { return [] }
                return zip(d.keys, d.values).map { (key: plain($0.0), value: cell($0.1)) }
            }
            return MediaHTML.tableFromRecords(records, title: title)
        }
        var body = try rows.map { r -> [Value] in
            if let a = r.asArray { return a }
            if case .tuple(let t) = r { return t.values }
            throw BindingError("table rows must all be dictionaries or all be arrays; found a value of type '\(r.typeName)'")
        }
        var columns: [String]
        if let c = args.value("columns") {
            guard let cs = c.asArray else { throw BindingError("columns: must be an array of strings") }
            columns = cs.map(plain)
        } else if let first = body.first, first.allSatisfy({ $0.asString != nil }), body.count > 1 {
            columns = first.map(plain)
            body.removeFirst()
        } else {
            columns = (0..<(body.map(\.count).max() ?? 0)).map { String($0) }
        }
        let width = max(columns.count, body.map(\.count).max() ?? 0)
        while columns.count < width { columns.append("") }
        return Table(title: title, columns: columns, rows: body.map { r in (0..<width).map { $0 < r.count ? cell(r[$0]) : .empty } })
    }

    static func cell(_ v: Value) -> Table.Cell {
        switch v.unwrapped ?? .nilValue {
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .nilValue: return .empty
        case let other:
            if let t = other.tensor, t.count == 1, let x = try? t.item { return t.dtype.isFloatingPoint ? .double(x) : .int(Int(x)) }
            return .string(plain(other))
        }
    }

    /// Text of a value as `print` shows it (strings unquoted).
    static func plain(_ v: Value) -> String {
        if let s = v.asString { return s }
        return v.description
    }

    // MARK: - plot

    static func numbers(_ v: Value, _ what: String) throws -> [Double] {
        if let t = v.tensor { return t.scalars }
        guard let a = v.asArray else { throw BindingError("\(what) must be an array of numbers, got a value of type '\(v.typeName)'") }
        return try a.map { e in
            if let d = e.asDouble { return d }
            if e.isNil { return .nan }
            if let t = e.tensor, t.count == 1 { return try t.item }
            throw BindingError("\(what) must contain numbers; found a value of type '\(e.typeName)'")
        }
    }

    static func plot(_ args: Arguments) throws -> Plot {
        guard let yValue = args.value("y") ?? args.value(nil) else {
            throw BindingError("plot needs y values: plot(x: steps, y: returns) or plot(returns)")
        }
        // Several series: y is an array of arrays (or of tensors).
        var ys: [[Double]]
        if let a = yValue.asArray, let first = a.first, first.asArray != nil || first.tensor.map({ $0.rank == 1 }) == true {
            ys = try a.enumerated().map { try numbers($0.element, "y[\($0.offset)]") }
        } else if let t = yValue.tensor, t.rank == 2 {
            let rows = t.shape[0], cols = t.shape[1], s = t.scalars
            ys = (0..<rows).map { Array(s[($0 * cols)..<(($0 + 1) * cols)]) }
        } else {
            ys = [try numbers(yValue, "y")]
        }
        var xs: [[Double]]
        if let xv = args.value("x") {
            if let a = xv.asArray, let first = a.first, first.asArray != nil {
                xs = try a.enumerated().map { try numbers($0.element, "x[\($0.offset)]") }
            } else {
                let x = try numbers(xv, "x")
                xs = Array(repeating: x, count: ys.count)
            }
        } else {
            xs = ys.map { y in (0..<y.count).map(Double.init) }
        }
        guard xs.count == ys.count else { throw BindingError("plot got \(xs.count) x series for \(ys.count) y series") }
        for (i, (x, y)) in zip(xs, ys).enumerated() where x.count != y.count {
            throw BindingError("x and y must have the same length (series \(i): \(x.count) x values, \(y.count) y values)")
        }
        var labels: [String?] = Array(repeating: nil, count: ys.count)
        if let l = args.value("labels")?.asArray { for (i, v) in l.prefix(ys.count).enumerated() { labels[i] = plain(v) } }
        if args.has("label") { labels[0] = try args.string("label") }
        let kindName = try args.string("kind", default: "line")
        guard let kind = Plot.Kind(rawValue: kindName) else {
            throw BindingError("unknown plot kind '\(kindName)'\(DidYouMean.hint(kindName, from: ["line", "scatter", "bar"])); use line, scatter or bar")
        }
        let smoothing = try args.value("smoothing").map { _ in try args.double("smoothing") }
        if let s = smoothing, !(0..<1).contains(s) { throw BindingError("smoothing must be in [0, 1), got \(s)") }
        func opt(_ l: String) throws -> String? { try args.value(l).map { _ in try args.string(l) } }
        return Plot(series: (0..<ys.count).map { Plot.Series(label: labels[$0], x: xs[$0], y: ys[$0]) },
                    kind: kind, title: try opt("title"), xLabel: try opt("xLabel"), yLabel: try opt("yLabel"),
                    smoothing: smoothing, logX: try args.bool("logX", default: false), logY: try args.bool("logY", default: false))
    }

    // MARK: - images

    /// The shape of an image value (a Tensor or nested arrays of numbers), its flat numbers, and
    /// whether they are bytes (uint8).
    static func shapeAndValues(_ v: Value) throws -> ([Int], [Double], isBytes: Bool) {
        let t = try TensorConversion.tensor(v)
        return (t.shape, t.scalars, t.dtype == .uint8)
    }

    static func image(_ v: Value, cmap: String) throws -> RGBImage {
        let (shape, values, isBytes) = try shapeAndValues(v)
        let colormap: Colormap
        do { colormap = try Colormap(named: cmap) } catch { throw BindingError(error.description) }
        do {
            return try ImageOps.image(shape: shape, values: values, scale: isBytes ? .byte : .auto, colormap: colormap)
        } catch { throw BindingError(error.description) }
    }

    /// Frames from an array of images, or a Tensor whose first dimension indexes frames (N×H×W[×C]).
    static func framesArgument(_ args: Arguments, cmap: String) throws -> [RGBImage] {
        guard let v = args.value(nil) else { throw BindingError("missing frames") }
        if let t = v.tensor {
            guard t.rank >= 3 else { return [try image(v, cmap: cmap)] }
            if t.rank == 3 && [3, 4].contains(t.shape[2]) && t.shape[0] > 4 { return [try image(v, cmap: cmap)] }
            let n = t.shape[0], per = t.count / max(n, 1), s = t.scalars, sub = Array(t.shape.dropFirst())
            let colormap = try Colormap(named: cmap)
            return try (0..<n).map { i in
                try ImageOps.image(shape: sub, values: Array(s[(i * per)..<((i + 1) * per)]), scale: t.dtype == .uint8 ? .byte : .auto, colormap: colormap)
            }
        }
        guard let a = v.asArray else { throw BindingError("expected an array of frames, got a value of type '\(v.typeName)'") }
        return try a.map { try image($0, cmap: cmap) }
    }

    static func show(_ args: Arguments) throws -> ImageOutput {
        let cmap = try args.string("cmap", default: "gray")
        let caption = try args.value("caption").map { _ in try args.string("caption") }
        guard let v = args.value(nil) else { throw BindingError("show needs an image") }
        let isList = v.asArray.map { a in a.first?.tensor != nil } ?? false
        let stacked = v.tensor.map { $0.rank == 3 && ![1, 3, 4].contains($0.shape[2]) } ?? false
        if args.has("grid") || isList || stacked {
            let columns = try args.int("grid", default: 0)
            let frames = try framesArgument(args, cmap: cmap)
            guard !frames.isEmpty else { throw BindingError("there are no images to show") }
            return ImageOutput(images: frames, gridColumns: columns > 0 ? columns : frames.count, caption: caption)
        }
        return ImageOutput(images: [try image(v, cmap: cmap)], caption: caption)
    }

    static func fps(_ args: Arguments) throws -> Double {
        let f = try args.double("fps", default: 30)
        guard f > 0, f <= 1000 else { throw BindingError("fps must be between 0 and 1000, got \(f)") }
        return f
    }

    // MARK: - save

    static func save(_ args: Arguments, session: RunSession) throws {
        guard args.positional.count == 2, let path = args.positional[1].asString else {
            throw BindingError("save needs frames and a path: save(frames, \"videos/episode.gif\")")
        }
        let cmap = try args.string("cmap", default: "gray")
        let first = args.positional[0]
        let frames: [RGBImage]
        if let a = first.asArray, a.first?.tensor != nil || a.first?.asArray?.first?.asArray != nil {
            frames = try a.map { try image($0, cmap: cmap) }
        } else if let t = first.tensor, t.rank == 4 || (t.rank == 3 && ![1, 3, 4].contains(t.shape[2])) {
            frames = try framesArgument(args, cmap: cmap)
        } else {
            frames = [try image(first, cmap: cmap)]
        }
        let full = try session.resolve(path)
        let rate = try fps(args)
        do { try MediaExport.save(frames: frames, path: full, fps: rate) } catch { throw BindingError(error.description) }
        showSaved(path: path, width: frames[0].width, height: frames[0].height, session: session)
    }

    /// The saved file in the report: a GIF/PNG as an image, a video with controls, else a note.
    static func showSaved(path: String, width: Int, height: Int, session: RunSession) {
        if !path.hasPrefix("/") {
            let lower = path.lowercased()
            // Always a relative file link: `javascript:x//a.png` becomes `./javascript:x//a.png`.
            let link = HTML.escape((path.split(separator: "/").first?.contains(":") ?? false) ? "./" + path : path)
            if lower.hasSuffix(".gif") || lower.hasSuffix(".png") {
                let w = width * ImageOps.readableScale(width: width, height: height)
                session.emit(.html("<figure class=\"rl-saved\"><img src=\"\(link)\" alt=\"\(link)\" width=\"\(w)\" style=\"image-rendering: pixelated; max-width: 100%\"><figcaption>saved <a href=\"\(link)\">\(link)</a></figcaption></figure>"))
            } else if lower.hasSuffix(".mp4") || lower.hasSuffix(".webm") {
                session.emit(.html("<figure class=\"rl-saved\"><video src=\"\(link)\" controls loop muted style=\"max-width: 100%\"></video><figcaption>saved <a href=\"\(link)\">\(link)</a></figcaption></figure>"))
            } else {
                session.emit(.note("saved \(path)"))
            }
        } else {
            session.emit(.note("saved \(path)"))
        }
    }
}
