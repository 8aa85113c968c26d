// Lines and circles with SDL_gfx / pygame rules (src_c/SDL_gfx/SDL_gfxPrimitives.c:
// `filledCircleRGBA`, `circleRGBA`; src_c/draw.c for wide lines).

extension CanvasRaster {
    /// Draws a 1-pixel line with Bresenham's algorithm, both end points included (`pygame.draw.line`, width 1).
    public mutating func drawLine(from a: Point2D, to b: Point2D, color: RGBColor, width: Int = 1) {
        var x0 = Int(canvasTruncate(a.x)), y0 = Int(canvasTruncate(a.y))
        let x1 = Int(canvasTruncate(b.x)), y1 = Int(canvasTruncate(b.y))
        let dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1
        let dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        let half = max(width, 1) / 2
        let xMajor = dx >= -dy
        var guardSteps = 0
        while guardSteps <= 70000 {
            guardSteps += 1
            if width <= 1 {
                setPixel(x: x0, y: y0, color)
            } else if xMajor {
                for k in 0..<width { setPixel(x: x0, y: y0 - half + k, color) }
            } else {
                horizontalLine(x0 - half, x0 - half + width - 1, y: y0, color)
            }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
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
