// Lines and circles with pygame rules: src_c/draw.c (`draw.line`, `draw.lines`) and
// src_c/SDL_gfx/SDL_gfxPrimitives.c (`filledCircleRGBA`, `circleRGBA`, `aaellipseColor`).

extension CanvasRaster {
    /// `pygame.draw.line(surface, color, a, b, width)` (src_c/draw.c `draw_line_width`, `draw_line`,
    /// `clip_line`): end points truncated to ints, Bresenham with pygame's error term, wide lines grown
    /// across the minor axis (`width / 2` on one side, `(width - 1) / 2` on the other).
    public mutating func drawLine(from a: Point2D, to b: Point2D, color: RGBColor, width: Int = 1) {
        guard width >= 1, self.width > 0, height > 0 else { return }
        var x1 = Int(canvasTruncate(a.x)), y1 = Int(canvasTruncate(a.y))
        var x2 = Int(canvasTruncate(b.x)), y2 = Int(canvasTruncate(b.y))
        let endX = x2, endY = y2
        let xinc = abs(x1 - x2) <= abs(y1 - y2)   // thickness grows along x for steep lines
        let dx = abs(x2 - x1), sx = x1 < x2 ? 1 : -1
        let dy = abs(y2 - y1), sy = y1 < y2 ? 1 : -1
        var err = (dx > dy ? dx : -dy) / 2
        guard pygameClipLine(&x1, &y1, &x2, &y2) else { return }
        if width == 1 { pygameLine(x1, y1, x2, y2, color); return }
        var leftTop = (xinc ? x1 : y1) - (width - 1) / 2
        var rightBottom = (xinc ? x1 : y1) + width / 2
        func sign(_ v: Int, _ d: Int) -> Int { v > 0 ? 1 : (v < 0 ? -1 : d) }
        func inside(_ x: Int, _ y: Int) -> Bool { x >= 0 && x < self.width && y >= 0 && y < height }
        var steps = 0
        while (sign(x1 - x2, sx) != sx || sign(y1 - y2, sy) != sy) && steps < 70000 {
            steps += 1
            if xinc { horizontalLine(leftTop, rightBottom, y: y1, color) } else {
                for y in leftTop...rightBottom { setPixel(x: x1, y: y, color) }
            }
            let e2 = err
            if e2 > -dx { err -= dy; x1 += sx; if xinc { leftTop += sx; rightBottom += sx } }
            if e2 < dy { err += dx; y1 += sy; if !xinc { leftTop += sy; rightBottom += sy } }
        }
        if xinc {
            while y1 != endY && (inside(leftTop, y1) || inside(rightBottom, y1)) && steps < 140000 {
                steps += 1
                horizontalLine(leftTop, rightBottom, y: y1, color)
                let e2 = err
                if e2 > -dx { err -= dy; x1 += sx; leftTop += sx; rightBottom += sx }
                if e2 < dy { err += dx; y1 += sy }
            }
            horizontalLine(leftTop, rightBottom, y: y1, color)
        } else {
            while x1 != endX && (inside(x1, leftTop) || inside(x1, rightBottom)) && steps < 140000 {
                steps += 1
                for y in leftTop...rightBottom { setPixel(x: x1, y: y, color) }
                let e2 = err
                if e2 > -dx { err -= dy; x1 += sx }
                if e2 < dy { err += dx; y1 += sy; leftTop += sy; rightBottom += sy }
            }
            for y in leftTop...rightBottom { setPixel(x: x1, y: y, color) }
        }
    }

    /// pygame's `draw_line`: single point, horizontal, vertical, else Bresenham including both ends.
    mutating func pygameLine(_ ax1: Int, _ ay1: Int, _ x2: Int, _ y2: Int, _ color: RGBColor) {
        var x1 = ax1, y1 = ay1
        if x1 == x2 && y1 == y2 { setPixel(x: x1, y: y1, color); return }
        if y1 == y2 { horizontalLine(x1, x2, y: y1, color); return }
        if x1 == x2 { for y in min(y1, y2)...max(y1, y2) { setPixel(x: x1, y: y, color) }; return }
        let dx = abs(x2 - x1), sx = x1 < x2 ? 1 : -1
        let dy = abs(y2 - y1), sy = y1 < y2 ? 1 : -1
        var err = (dx > dy ? dx : -dy) / 2
        var steps = 0
        while (x1 != x2 || y1 != y2) && steps < 140000 {
            steps += 1
            setPixel(x: x1, y: y1, color)
            let e2 = err
            if e2 > -dx { err -= dy; x1 += sx }
            if e2 < dy { err += dx; y1 += sy }
        }
        setPixel(x: x2, y: y2, color)
    }

    /// pygame's `clip_line` (Liang–Barsky on the surface rectangle, rounding half away from zero).
    func pygameClipLine(_ x1: inout Int, _ y1: inout Int, _ x2: inout Int, _ y2: inout Int) -> Bool {
        let p1 = x1 - x2, p2 = -p1, p3 = y1 - y2, p4 = -p3
        let q1 = x1, q2 = width - x1, q3 = y1, q4 = height - y1
        let oldX1 = x1, oldY1 = y1
        var nmax = 0.0, pmin = 1.0
        if (p1 == 0 && q1 < 0) || (p2 == 0 && q2 < 0) || (p3 == 0 && q3 < 0) || (p4 == 0 && q4 < 0) { return false }
        if p1 != 0 {
            let r1 = Double(q1) / Double(p1), r2 = Double(q2) / Double(p2)
            if p1 < 0 { nmax = max(nmax, r1); pmin = min(pmin, r2) } else { nmax = max(nmax, r2); pmin = min(pmin, r1) }
        }
        if p3 != 0 {
            let r1 = Double(q3) / Double(p3), r2 = Double(q4) / Double(p4)
            if p3 < 0 { nmax = max(nmax, r1); pmin = min(pmin, r2) } else { nmax = max(nmax, r2); pmin = min(pmin, r1) }
        }
        if nmax > pmin { return false }
        func r(_ v: Double) -> Int { Int(v < 0 ? v - 0.5 : v + 0.5) }
        x1 = oldX1 + r(Double(p2) * nmax); y1 = oldY1 + r(Double(p4) * nmax)
        x2 = oldX1 + r(Double(p2) * pmin); y2 = oldY1 + r(Double(p4) * pmin)
        return true
    }

    /// Draws a polyline through `points` (closed if `closed`).
    public mutating func drawLines(_ points: [Point2D], color: RGBColor, closed: Bool = false, width: Int = 1) {
        guard points.count >= 2 else { return }
        for i in 1..<points.count { drawLine(from: points[i - 1], to: points[i], color: color, width: width) }
        if closed { drawLine(from: points[points.count - 1], to: points[0], color: color, width: width) }
    }

    /// Fills a circle (`pygame.gfxdraw.filled_circle`, SDL_gfx midpoint algorithm, integer centre and radius).
    public mutating func fillCircle(center: Point2D, radius: Double, color: RGBColor) {
        let x = Int(canvasTruncate(center.x)), y = Int(canvasTruncate(center.y))
        let rad = Int(canvasTruncate(radius))
        if rad < 0 { return }
        if rad == 0 { setPixel(x: x, y: y, color); return }
        var cx = 0, cy = rad, ocx = -1, ocy = -1
        var df = 1 - rad, dE = 3, dSE = -2 * rad + 5
        repeat {
            if ocy != cy {
                if cy > 0 {
                    horizontalLine(x - cx, x + cx, y: y + cy, color)
                    horizontalLine(x - cx, x + cx, y: y - cy, color)
                } else { horizontalLine(x - cx, x + cx, y: y, color) }
                ocy = cy
            }
            if ocx != cx {
                if cx != cy {
                    if cx > 0 {
                        horizontalLine(x - cy, x + cy, y: y - cx, color)
                        horizontalLine(x - cy, x + cy, y: y + cx, color)
                    } else { horizontalLine(x - cy, x + cy, y: y, color) }
                }
                ocx = cx
            }
            if df < 0 { df += dE; dE += 2; dSE += 2 } else { df += dSE; dE += 2; dSE += 4; cy -= 1 }
            cx += 1
        } while cx <= cy
    }

    /// Draws a circle outline (`pygame.gfxdraw.circle`; also used for `aacircle`, without the blending).
    public mutating func drawCircle(center: Point2D, radius: Double, color: RGBColor) {
        let x = Int(canvasTruncate(center.x)), y = Int(canvasTruncate(center.y))
        let rad = Int(canvasTruncate(radius))
        if rad < 0 { return }
        if rad == 0 { setPixel(x: x, y: y, color); return }
        var cx = 0, cy = rad
        var df = 1 - rad, dE = 3, dSE = -2 * rad + 5
        repeat {
            for (px, py) in [(cx, cy), (-cx, cy), (cx, -cy), (-cx, -cy), (cy, cx), (-cy, cx), (cy, -cx), (-cy, -cx)] {
                setPixel(x: x + px, y: y + py, color)
            }
            if df < 0 { df += dE; dE += 2; dSE += 2 } else { df += dSE; dE += 2; dSE += 4; cy -= 1 }
            cx += 1
        } while cx <= cy
    }
}

extension CanvasRaster {
    /// Draws an anti-aliased circle outline: SDL_gfx's `aacircleColor` (= `aaellipseColor` with rx = ry).
    /// pygame 2.6.1's `gfxdraw.aacircle` differs on a few pixels per octant (it is 8-fold symmetric).
    public mutating func drawAACircle(center: Point2D, radius: Double, color: RGBColor) {
        let r = Int(canvasTruncate(radius))
        drawAAEllipse(x: Int(canvasTruncate(center.x)), y: Int(canvasTruncate(center.y)), rx: r, ry: r, color: color)
    }

    /// SDL_gfx 2.0.25 `aaellipseColor` (src_c/SDL_gfx/SDL_gfxPrimitives.c): Wu-style ellipse with
    /// float coverage weights, four symmetric quadrants, slight overdraw.
    public mutating func drawAAEllipse(x: Int, y: Int, rx: Int, ry: Int, color: RGBColor) {
        guard rx >= 0, ry >= 0, width > 0, height > 0 else { return }
        if rx == 0 { for yy in (y - ry)...(y + ry) { setPixel(x: x, y: yy, color) }; return }
        if ry == 0 { horizontalLine(x - rx, x + rx, y: y, color); return }
        if x + rx < 0 || x - rx > width - 1 || y + ry < 0 || y - ry > height - 1 { return }
        let a2 = rx * rx, b2 = ry * ry
        let ds = 2 * a2, dt = 2 * b2
        let xc2 = 2 * x, yc2 = 2 * y
        let sab = Double(a2 + b2).squareRoot()
        let od = Int((sab * 0.01).rounded(.toNearestOrEven)) + 1
        let dxt = Int((Double(a2) / sab).rounded(.toNearestOrEven)) + od
        var t = 0, s = -2 * a2 * ry, d = 0
        var xp = x, yp = y - ry
        setPixel(x: xp, y: yp, color); setPixel(x: xc2 - xp, y: yp, color)
        setPixel(x: xp, y: yc2 - yp, color); setPixel(x: xc2 - xp, y: yc2 - yp, color)
        func weighted(_ px: Int, _ py: Int, _ w: Int) { blendPixel(x: px, y: py, color, alpha: (255 * w) >> 8) }
        if dxt >= 1 {
            for _ in 1...dxt {
                xp -= 1
                d += t - b2
                var ys: Int
                if d >= 0 {
                    ys = yp - 1
                } else if d - s - a2 > 0 {
                    if 2 * d - s - a2 >= 0 { ys = yp + 1 } else { ys = yp; yp += 1; d -= s + a2; s += ds }
                } else {
                    yp += 1; ys = yp + 1; d -= s + a2; s += ds
                }
                t -= dt
                var cp: Float = 1
                if s != 0 { cp = min(1, Float(abs(d)) / Float(abs(s))) }
                let weight = Int(UInt8(cp * 255)), iweight = 255 - weight
                let xx = xc2 - xp
                weighted(xp, yp, iweight); weighted(xx, yp, iweight)
                weighted(xp, ys, weight); weighted(xx, ys, weight)
                var yy = yc2 - yp
                weighted(xp, yy, iweight); weighted(xx, yy, iweight)
                yy = yc2 - ys
                weighted(xp, yy, weight); weighted(xx, yy, weight)
            }
        }
        let dyt = Int((Double(b2) / sab).rounded(.toNearestOrEven)) + od
        if dyt >= 1 {
            for _ in 1...dyt {
                yp += 1
                d -= s + a2
                var xs: Int
                if d <= 0 {
                    xs = xp + 1
                } else if d + t - b2 < 0 {
                    if 2 * d + t - b2 <= 0 { xs = xp - 1 } else { xs = xp; xp -= 1; d += t - b2; t -= dt }
                } else {
                    xp -= 1; xs = xp - 1; d += t - b2; t -= dt
                }
                s += ds
                var cp: Float = 1
                if t != 0 { cp = min(1, Float(abs(d)) / Float(abs(t))) }
                let weight = Int(UInt8(cp * 255)), iweight = 255 - weight
                var xx = xc2 - xp
                let yy = yc2 - yp
                weighted(xp, yp, iweight); weighted(xx, yp, iweight)
                weighted(xp, yy, iweight); weighted(xx, yy, iweight)
                xx = xc2 - xs
                weighted(xs, yp, weight); weighted(xx, yp, weight)
                weighted(xs, yy, weight); weighted(xx, yy, weight)
            }
        }
    }
}
