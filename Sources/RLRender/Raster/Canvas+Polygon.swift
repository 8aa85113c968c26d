// Polygon scan conversion with pygame 2.6's pixel rules.
// - `.gfxdraw`: SDL_gfx `filledPolygonRGBAMT` (pygame src_c/SDL_gfx/SDL_gfxPrimitives.c), used by
//   `pygame.gfxdraw.filled_polygon`: vertices truncated to Sint16, 16.16 fixed-point edge crossings.
// - `.draw`: pygame `draw_fillpoly` (src_c/draw.c), used by `pygame.draw.polygon(width=0)`; checked against
//   pygame 2.6.1 output: crossings are floored (x1 + floor((y-y1)(x2-x1)/(y2-y1))).
// - `drawAAPolygon`: pygame's SDL_gfx `aapolygonColor` / `aalineColorInt` (clipLine, Wu lines with 8-bit
//   weights), `gfxdraw.aapolygon`.

/// Which rasterisation rule a filled polygon follows.
public enum PolygonRule: Sendable {
    /// `pygame.gfxdraw.filled_polygon` (SDL_gfx).
    case gfxdraw
    /// `pygame.draw.polygon` with width 0.
    case draw
}

extension CanvasRaster {
    /// Fills a (convex or concave, even-odd) polygon given in pixel coordinates.
    public mutating func fillPolygon(_ points: [Point2D], color: RGBColor, rule: PolygonRule = .gfxdraw) {
        let n = points.count
        guard n >= 3 else { return }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * n) { buf in
            let xs = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
            let ys = UnsafeMutableBufferPointer(rebasing: buf[n..<(2 * n)])
            let scratch = UnsafeMutableBufferPointer(rebasing: buf[(2 * n)..<(3 * n)])
            for i in 0..<n {
                xs[i] = canvasTruncate(points[i].x)
                ys[i] = canvasTruncate(points[i].y)
            }
            switch rule {
            case .gfxdraw: fillPolygonGfx(xs, ys, scratch, color)
            case .draw: fillPolygonDraw(xs, ys, scratch, color)
            }
        }
    }

    /// SDL_gfx filledPolygonRGBAMT: for each row y in miny...maxy, edge crossings
    /// `((65536*(y-y1))/(y2-y1))*(x2-x1) + 65536*x1` (int arithmetic), sorted, spans rounded inwards.
    mutating func fillPolygonGfx(_ vx: UnsafeMutableBufferPointer<Int32>, _ vy: UnsafeMutableBufferPointer<Int32>,
                                 _ ints: UnsafeMutableBufferPointer<Int32>, _ color: RGBColor) {
        let n = vx.count
        var miny = vy[0], maxy = vy[0]
        for i in 1..<n { miny = min(miny, vy[i]); maxy = max(maxy, vy[i]) }
        let yStart = max(miny, 0), yEnd = min(maxy, Int32(height - 1))
        if yStart > yEnd { return }
        for y in yStart...yEnd {
            var count = 0
            for i in 0..<n {
                let ind1 = i == 0 ? n - 1 : i - 1, ind2 = i == 0 ? 0 : i
                var y1 = vy[ind1], y2 = vy[ind2]
                let x1: Int32, x2: Int32
                if y1 < y2 {
                    x1 = vx[ind1]; x2 = vx[ind2]
                } else if y1 > y2 {
                    y2 = vy[ind1]; y1 = vy[ind2]; x2 = vx[ind1]; x1 = vx[ind2]
                } else { continue }
                if (y >= y1 && y < y2) || (y == maxy && y > y1 && y <= y2) {
                    let q = (65536 &* (y &- y1)) / (y2 &- y1)
                    ints[count] = q &* (x2 &- x1) &+ 65536 &* x1
                    count += 1
                }
            }
            if count > 1 { canvasSortPrefix(ints, count) }
            var i = 0
            while i + 1 < count {
                var xa = ints[i] &+ 1
                xa = (xa >> 16) &+ ((xa & 32768) >> 15)
                var xb = ints[i + 1] &- 1
                xb = (xb >> 16) &+ ((xb & 32768) >> 15)
                if xa <= xb { horizontalLine(Int(xa), Int(xb), y: Int(y), color) }
                i += 2
            }
        }
    }

    /// pygame draw_fillpoly: floored crossings, the bottom row closed, horizontal inner edges drawn afterwards.
    mutating func fillPolygonDraw(_ px: UnsafeMutableBufferPointer<Int32>, _ py: UnsafeMutableBufferPointer<Int32>,
                                  _ xi: UnsafeMutableBufferPointer<Int32>, _ color: RGBColor) {
        let n = px.count
        var miny = py[0], maxy = py[0]
        for i in 1..<n { miny = min(miny, py[i]); maxy = max(maxy, py[i]) }
        if miny == maxy {
            var minx = px[0], maxx = px[0]
            for i in 1..<n { minx = min(minx, px[i]); maxx = max(maxx, px[i]) }
            horizontalLine(Int(minx), Int(maxx), y: Int(miny), color)
            return
        }
        let yStart = max(miny, 0), yEnd = min(maxy, Int32(height - 1))
        if yStart <= yEnd {
            for y in yStart...yEnd {
                var count = 0
                for i in 0..<n {
                    let ip = i == 0 ? n - 1 : i - 1
                    var y1 = py[ip], y2 = py[i]
                    let x1: Int32, x2: Int32
                    if y1 < y2 {
                        x1 = px[ip]; x2 = px[i]
                    } else if y1 > y2 {
                        y2 = py[ip]; y1 = py[i]; x2 = px[ip]; x1 = px[i]
                    } else { continue }
                    if (y >= y1 && y < y2) || (y == maxy && y2 == maxy) {
                        let f = (Double(y - y1) * Double(x2 - x1) / Double(y2 - y1)).rounded(.down)
                        xi[count] = Int32(f) &+ x1
                        count += 1
                    }
                }
                if count > 1 { canvasSortPrefix(xi, count) }
                var i = 0
                while i + 1 < count {
                    horizontalLine(Int(xi[i]), Int(xi[i + 1]), y: Int(y), color)
                    i += 2
                }
            }
        }
        for i in 0..<n {
            let ip = i == 0 ? n - 1 : i - 1
            let y = py[i]
            if miny < y && py[ip] == y && y < maxy {
                horizontalLine(Int(px[i]), Int(px[ip]), y: Int(y), color)
            }
        }
    }


    /// Draws an anti-aliased closed outline (`pygame.gfxdraw.aapolygon`).
    public mutating func drawAAPolygon(_ points: [Point2D], color: RGBColor) {
        guard points.count >= 3 else { return }
        let xs = points.map { canvasTruncate($0.x) }, ys = points.map { canvasTruncate($0.y) }
        for i in 1..<points.count {
            aaLine(xs[i - 1], ys[i - 1], xs[i], ys[i], color)
        }
        aaLine(xs[points.count - 1], ys[points.count - 1], xs[0], ys[0], color)
    }

    /// Draws an anti-aliased line (`pygame.gfxdraw.line` is aliased; this is SDL_gfx `aalineRGBA`).
    public mutating func drawAALine(from a: Point2D, to b: Point2D, color: RGBColor) {
        aaLine(canvasTruncate(a.x), canvasTruncate(a.y), canvasTruncate(b.x), canvasTruncate(b.y), color)
    }

    /// SDL_gfx `clipLine` (Cohen–Sutherland on Sint16 with a float slope). When the first point is inside,
    /// the points are swapped first, so the "initial pixel" of an aa line lands on the clipped end.
    func clipLine(_ x1: inout Int32, _ y1: inout Int32, _ x2: inout Int32, _ y2: inout Int32) -> Bool {
        let left: Int32 = 0, right = Int32(width - 1), top: Int32 = 0, bottom = Int32(height - 1)
        func encode(_ x: Int32, _ y: Int32) -> Int {
            var code = 0
            if x < left { code |= 1 } else if x > right { code |= 2 }
            if y < top { code |= 8 } else if y > bottom { code |= 4 }
            return code
        }
        var guardSteps = 0
        while guardSteps < 16 {
            guardSteps += 1
            var code1 = encode(x1, y1), code2 = encode(x2, y2)
            if code1 | code2 == 0 { return true }
            if code1 & code2 != 0 { return false }
            if code1 == 0 {
                swap(&x1, &x2); swap(&y1, &y2); swap(&code1, &code2)
            }
            let m: Float = x2 != x1 ? Float(y2 - y1) / Float(x2 - x1) : 1
            func s16(_ f: Float) -> Int32 { Int32(truncatingIfNeeded: Int16(truncatingIfNeeded: Int(f.isFinite ? f.rounded(.towardZero) : 0))) }
            if code1 & 1 != 0 {
                y1 = Int32(truncatingIfNeeded: Int16(truncatingIfNeeded: y1 &+ s16(Float(left - x1) * m))); x1 = left
            } else if code1 & 2 != 0 {
                y1 = Int32(truncatingIfNeeded: Int16(truncatingIfNeeded: y1 &+ s16(Float(right - x1) * m))); x1 = right
            } else if code1 & 4 != 0 {
                if x2 != x1 { x1 = Int32(truncatingIfNeeded: Int16(truncatingIfNeeded: x1 &+ s16(Float(bottom - y1) / m))) }
                y1 = bottom
            } else if code1 & 8 != 0 {
                if x2 != x1 { x1 = Int32(truncatingIfNeeded: Int16(truncatingIfNeeded: x1 &+ s16(Float(top - y1) / m))) }
                y1 = top
            }
        }
        return false
    }

    /// pygame's SDL_gfx `_aalineColor(..., draw_endpoint = 0)`: clip, then vertical/horizontal lines drawn
    /// solid, otherwise Wu's algorithm with a 32-bit error accumulator and 8-bit weights.
    mutating func aaLine(_ ax1: Int32, _ ay1: Int32, _ ax2: Int32, _ ay2: Int32, _ color: RGBColor) {
        guard width > 0, height > 0 else { return }
        var x1 = ax1, y1 = ay1, x2 = ax2, y2 = ay2
        guard clipLine(&x1, &y1, &x2, &y2) else { return }
        var xx0 = Int(x1), yy0 = Int(y1), xx1 = Int(x2), yy1 = Int(y2)
        if yy0 > yy1 { swap(&xx0, &xx1); swap(&yy0, &yy1) }
        var dx = xx1 - xx0
        var dy = yy1 - yy0
        let xdir: Int
        if dx >= 0 { xdir = 1 } else { xdir = -1; dx = -dx }
        if dx == 0 {
            for y in min(Int(y1), Int(y2))...max(Int(y1), Int(y2)) { setPixel(x: Int(x1), y: y, color) }
            return
        } else if dy == 0 {
            horizontalLine(Int(x1), Int(x2), y: Int(y1), color)
            return
        }   // (diagonals are special only with draw_endpoint, which aapolygon does not use)
        var erracc: UInt32 = 0
        setPixel(x: Int(x1), y: Int(y1), color)
        if dy > dx {
            let erradj = UInt32(truncatingIfNeeded: ((dx << 16) / dy) << 16)
            var x0pxdir = xx0 + xdir
            dy -= 1
            while dy > 0 {
                let tmp = erracc
                erracc = erracc &+ erradj
                if erracc <= tmp { xx0 = x0pxdir; x0pxdir += xdir }
                yy0 += 1
                let wgt = Int((erracc >> 24) & 255)
                blendPixel(x: xx0, y: yy0, color, alpha: (255 * (255 - wgt)) >> 8)
                blendPixel(x: x0pxdir, y: yy0, color, alpha: (255 * wgt) >> 8)
                dy -= 1
            }
        } else {
            let erradj = UInt32(truncatingIfNeeded: ((dy << 16) / dx) << 16)
            var y0p1 = yy0 + 1
            dx -= 1
            while dx > 0 {
                let tmp = erracc
                erracc = erracc &+ erradj
                if erracc <= tmp { yy0 = y0p1; y0p1 += 1 }
                xx0 += xdir
                let wgt = Int((erracc >> 24) & 255)
                blendPixel(x: xx0, y: yy0, color, alpha: (255 * (255 - wgt)) >> 8)
                blendPixel(x: xx0, y: y0p1, color, alpha: (255 * wgt) >> 8)
                dx -= 1
            }
        }
    }
}

/// C's `(Sint16)double` for in-range values (truncation toward zero), clamped otherwise.
@inline(__always)
func canvasTruncate(_ v: Double) -> Int32 {
    guard v.isFinite else { return 0 }
    return Int32(max(-32768, min(32767, v.rounded(.towardZero))))
}

/// Insertion sort of the first `count` crossings (polygons have few crossings per row).
@inline(__always)
func canvasSortPrefix(_ a: UnsafeMutableBufferPointer<Int32>, _ count: Int) {
    var i = 1
    while i < count {
        let v = a[i]
        var j = i - 1
        while j >= 0 && a[j] > v { a[j + 1] = a[j]; j -= 1 }
        a[j + 1] = v
        i += 1
    }
}
