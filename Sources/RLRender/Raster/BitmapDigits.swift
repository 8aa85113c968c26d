/// A 5x7 bitmap font for digits, minus and dot, scaled to any size: rlbook's stand-in for the
/// score text that Gymnasium draws with pygame's default font (FreeSansBold).
public enum BitmapDigits {
    /// Rows of 5 bits, most significant bit = leftmost column.
    static let glyphs: [Character: [UInt8]] = [
        "0": [0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110],
        "1": [0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110],
        "2": [0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111],
        "3": [0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110],
        "4": [0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010],
        "5": [0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110],
        "6": [0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110],
        "7": [0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000],
        "8": [0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110],
        "9": [0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100],
        "-": [0b00000, 0b00000, 0b00000, 0b11111, 0b00000, 0b00000, 0b00000],
        ".": [0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b01100, 0b01100],
    ]

    /// Width in pixels of `text` drawn with glyph cells `cellWidth` wide (5 columns + 1 spacing each).
    public static func width(of text: String, cellWidth: Double) -> Double {
        Double(text.count) * 6 * cellWidth - cellWidth
    }
}

extension CanvasRaster {
    /// Draws `text` (digits, '-', '.'; other characters leave a blank cell) centred on `center`,
    /// each font pixel a `cellWidth` x `cellHeight` block; `background`, if given, fills the text box first.
    public mutating func drawDigits(_ text: String, center: Point2D, cellWidth: Double, cellHeight: Double,
                                    color: RGBColor, background: RGBColor? = nil) {
        let w = BitmapDigits.width(of: text, cellWidth: cellWidth)
        let h = 7 * cellHeight
        let left = center.x - w / 2, top = center.y - h / 2
        if let bg = background {
            fillRect(x: Int((left - cellWidth).rounded()), y: Int((top - cellHeight).rounded()),
                     width: Int((w + 2 * cellWidth).rounded()), height: Int((h + 2 * cellHeight).rounded()), color: bg)
        }
        for (k, ch) in text.enumerated() {
            guard let rows = BitmapDigits.glyphs[ch] else { continue }
            let gx = left + Double(k) * 6 * cellWidth
            for (r, bits) in rows.enumerated() {
                for c in 0..<5 where bits & (0b10000 >> UInt8(c)) != 0 {
                    let x0 = Int((gx + Double(c) * cellWidth).rounded()), x1 = Int((gx + Double(c + 1) * cellWidth).rounded())
                    let y0 = Int((top + Double(r) * cellHeight).rounded()), y1 = Int((top + Double(r + 1) * cellHeight).rounded())
                    fillRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0, color: color)
                }
            }
        }
    }
}
