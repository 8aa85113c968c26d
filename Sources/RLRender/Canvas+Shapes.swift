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
