/// A pixel surface that the shared rasterisers (polygons, lines, circles, digits) draw on.
///
/// `Canvas` (RGB8 image) and `Canvas32` (packed 32-bit pixels, faster spans) conform; all drawing
/// methods in `Canvas+Polygon.swift`, `Canvas+Shapes.swift` and `BitmapDigits.swift` are available on both.
public protocol CanvasRaster {
    var width: Int { get }
    var height: Int { get }
    /// Fills the inclusive span x0...x1 of row y, clipped.
    mutating func horizontalLine(_ x0: Int, _ x1: Int, y: Int, _ color: RGBColor)
    /// Sets one pixel; ignored outside.
    mutating func setPixel(x: Int, y: Int, _ color: RGBColor)
    /// Blends a colour over one pixel with alpha 0...255.
    mutating func blendPixel(x: Int, y: Int, _ color: RGBColor, alpha: Int)
}

extension Canvas: CanvasRaster {}

extension CanvasRaster {
    /// Fills the axis-aligned rectangle with top-left (x, y), clipped.
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, color: RGBColor) {
        guard w > 0, h > 0 else { return }
        let y0 = max(y, 0), y1 = min(y + h, height)
        var row = y0
        while row < y1 { horizontalLine(x, x + w - 1, y: row, color); row += 1 }
    }
}
