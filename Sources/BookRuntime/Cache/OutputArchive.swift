import BookReport
import RLRender
import RLSupport

/// Writes and reads a cell's outputs (text, tables, plots, images, animations, HTML, notes, errors)
/// for the cache, so a hit shows exactly what the cell showed when it ran.
enum OutputArchive {
    static func encode(_ outputs: [Output]) -> [UInt8] {
        var w = ByteWriter()
        w.int(outputs.count)
        for o in outputs {
            switch o {
            case .text(let s): w.u8(0); w.string(s)
            case .table(let t):
                w.u8(1)
                w.optionalString(t.title)
                w.int(t.columns.count)
                for c in t.columns { w.string(c) }
                w.int(t.rows.count)
                for row in t.rows {
                    w.int(row.count)
                    for c in row {
                        switch c {
                        case .int(let i): w.u8(0); w.int(i)
                        case .double(let d): w.u8(1); w.double(d)
                        case .string(let s): w.u8(2); w.string(s)
                        case .bool(let b): w.u8(3); w.bool(b)
                        case .empty: w.u8(4)
                        }
                    }
                }
            case .plot(let p):
                w.u8(2)
                w.string(p.kind.rawValue)
                w.optionalString(p.title); w.optionalString(p.xLabel); w.optionalString(p.yLabel)
                w.bool(p.smoothing != nil); w.double(p.smoothing ?? 0)
                w.bool(p.logX); w.bool(p.logY)
                w.int(p.series.count)
                for s in p.series {
                    w.optionalString(s.label)
                    w.int(s.x.count); for x in s.x { w.double(x) }
                    w.int(s.y.count); for y in s.y { w.double(y) }
                }
            case .image(let im):
                w.u8(3)
                w.int(im.gridColumns)
                w.optionalString(im.caption)
                w.int(im.images.count)
                for i in im.images { image(i, &w) }
            case .animation(let a):
                w.u8(4)
                w.double(a.fps)
                w.optionalString(a.caption)
                w.int(a.frames.count)
                for i in a.frames { image(i, &w) }
            case .html(let h): w.u8(5); w.string(h)
            case .error(let d):
                // a diagnostic whose source line is a window of a long line adds its offset (kind 9)
                w.u8(d.sourceLineOffset > 0 ? 9 : 6)
                w.string(d.severity.rawValue)
                w.string(d.message)
                w.bool(d.location != nil)
                if let l = d.location { w.string(l.file); w.int(l.line); w.int(l.column) }
                w.int(d.length)
                w.optionalString(d.sourceLine)
                w.int(d.notes.count)
                for n in d.notes { w.string(n) }
                if d.sourceLineOffset > 0 { w.int(d.sourceLineOffset) }
            case .note(let s): w.u8(7); w.string(s)
            case .encoded(let m): w.u8(8); w.string(m.html); w.string(m.summary)
            }
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(CacheError) -> [Output] {
        var r = ByteReader(bytes)
        let n = try r.count()
        var out: [Output] = []
        for _ in 0..<n {
            let kind = try r.u8()
            switch kind {
            case 0: out.append(.text(try r.string()))
            case 1:
                let title = try r.optionalString()
                var columns: [String] = []
                for _ in 0..<(try r.count()) { columns.append(try r.string()) }
                var rows: [[Table.Cell]] = []
                for _ in 0..<(try r.count()) {
                    var row: [Table.Cell] = []
                    for _ in 0..<(try r.count()) {
                        switch try r.u8() {
                        case 0: row.append(.int(try r.int()))
                        case 1: row.append(.double(try r.double()))
                        case 2: row.append(.string(try r.string()))
                        case 3: row.append(.bool(try r.bool()))
                        case 4: row.append(.empty)
                        case let t: throw .corrupt("unknown table cell \(t)")
                        }
                    }
                    rows.append(row)
                }
                out.append(.table(Table(title: title, columns: columns, rows: rows)))
            case 2:
                guard let kind = Plot.Kind(rawValue: try r.string()) else { throw .corrupt("unknown plot kind") }
                let title = try r.optionalString(), x = try r.optionalString(), y = try r.optionalString()
                let hasSmoothing = try r.bool()
                let smoothing = try r.double()
                let logX = try r.bool(), logY = try r.bool()
                var series: [Plot.Series] = []
                for _ in 0..<(try r.count()) {
                    let label = try r.optionalString()
                    var xs: [Double] = [], ys: [Double] = []
                    for _ in 0..<(try r.count(minSize: 8)) { xs.append(try r.double()) }
                    for _ in 0..<(try r.count(minSize: 8)) { ys.append(try r.double()) }
                    series.append(Plot.Series(label: label, x: xs, y: ys))
                }
                out.append(.plot(Plot(series: series, kind: kind, title: title, xLabel: x, yLabel: y,
                                      smoothing: hasSmoothing ? smoothing : nil, logX: logX, logY: logY)))
            case 3:
                let columns = try r.int()
                let caption = try r.optionalString()
                var images: [RGBImage] = []
                for _ in 0..<(try r.count()) { images.append(try image(&r)) }
                out.append(.image(ImageOutput(images: images, gridColumns: columns, caption: caption)))
            case 4:
                let fps = try r.double()
                let caption = try r.optionalString()
                var frames: [RGBImage] = []
                for _ in 0..<(try r.count()) { frames.append(try image(&r)) }
                out.append(.animation(Animation(frames: frames, fps: fps, caption: caption)))
            case 5: out.append(.html(try r.string()))
            case 6, 9:
                guard let severity = Diagnostic.Severity(rawValue: try r.string()) else { throw .corrupt("unknown severity") }
                let message = try r.string()
                var location: SourceLocation?
                if try r.bool() { location = SourceLocation(file: try r.string(), line: try r.int(), column: try r.int()) }
                let length = try r.int()
                let sourceLine = try r.optionalString()
                var notes: [String] = []
                for _ in 0..<(try r.count()) { notes.append(try r.string()) }
                let offset = kind == 9 ? try r.int() : 0
                guard offset >= 0 else { throw .corrupt("negative source line offset") }
                out.append(.error(Diagnostic(severity, message, at: location, length: length, sourceLine: sourceLine, sourceLineOffset: offset, notes: notes)))
            case 7: out.append(.note(try r.string()))
            case 8: out.append(.encoded(EncodedMedia(html: try r.string(), summary: try r.string())))
            case let t: throw .corrupt("unknown output kind \(t)")
            }
        }
        return out
    }

    private static func image(_ i: RGBImage, _ w: inout ByteWriter) {
        w.int(i.width); w.int(i.height); w.int(i.channels)
        w.blob(i.pixels)
    }

    private static func image(_ r: inout ByteReader) throws(CacheError) -> RGBImage {
        let width = try r.int(), height = try r.int(), channels = try r.int()
        let pixels = try r.blob()
        let (wh, o1) = width.multipliedReportingOverflow(by: height)
        let (n, o2) = wh.multipliedReportingOverflow(by: channels)
        guard width >= 0, height >= 0, [1, 3, 4].contains(channels), !o1, !o2, pixels.count == n else {
            throw .corrupt("image of \(width)x\(height)x\(channels) with \(pixels.count) bytes")
        }
        return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
    }
}
