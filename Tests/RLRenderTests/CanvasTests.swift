import Testing
@testable import RLRender

private func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = s.makeIterator()
    while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
    return out
}

@Test func gfxdrawFilledPolygonMatchesPygameExactly() {
    for (k, c) in CanvasPygameFixtures.polygonCases.enumerated() where c.rule == 0 {
        var cv = Canvas(width: 24, height: 20)
        cv.fillPolygon(c.points.map { Point2D($0.0, $0.1) }, color: .white, rule: .gfxdraw)
        let bits = hexBytes(c.mask)
        var diff = 0
        for i in 0..<(24 * 20) {
            let expected = (bits[i / 8] >> (7 - UInt8(i % 8))) & 1 == 1
            if (cv.image.pixels[i * 3] == 255) != expected { diff += 1 }
        }
        #expect(diff == 0, "case \(k): \(diff) pixels differ")
    }
}

@Test func drawPolygonMatchesPygameAlmostExactly() {
    var total = 0
    for c in CanvasPygameFixtures.polygonCases where c.rule == 1 {
        var cv = Canvas(width: 24, height: 20)
        cv.fillPolygon(c.points.map { Point2D($0.0, $0.1) }, color: .white, rule: .draw)
        let bits = hexBytes(c.mask)
        for i in 0..<(24 * 20) {
            let expected = (bits[i / 8] >> (7 - UInt8(i % 8))) & 1 == 1
            if (cv.image.pixels[i * 3] == 255) != expected { total += 1 }
        }
    }
    // pygame.draw.polygon is matched except rare pixels at the clip border
    #expect(total <= 4, "\(total) pixels differ over 20 polygons")
}

@Test func smoothscaleMatchesPygame() {
    let sw = 53, sh = 37
    var px = [UInt8](repeating: 0, count: sw * sh * 3)
    for i in 0..<px.count { px[i] = UInt8(truncatingIfNeeded: (UInt64(i) &* 2654435761) >> 13) }
    let cv = Canvas(image: RGBImage(width: sw, height: sh, channels: 3, pixels: px))
    let out = cv.smoothscaled(width: 7, height: 5)
    let ref = hexBytes(CanvasPygameFixtures.smooth53x37to7x5)
    let maxDiff = zip(out.pixels, ref).map { abs(Int($0) - Int($1)) }.max() ?? 99
    #expect(maxDiff <= 1)
}

@Test func fillRectFlipAndDigits() {
    var cv = Canvas(width: 10, height: 6, background: RGBColor(1, 2, 3))
    #expect(cv.pixel(x: 9, y: 5) == RGBColor(1, 2, 3))
    cv.fillRect(x: 0, y: 0, width: 10, height: 2, color: .white)
    cv.flipVertically()
    #expect(cv.pixel(x: 3, y: 5) == .white)
    #expect(cv.pixel(x: 3, y: 0) == RGBColor(1, 2, 3))
    #expect(cv.pixel(x: -1, y: 0) == nil)
    var d = Canvas(width: 40, height: 20)
    d.drawDigits("-012", center: Point2D(20, 10), cellWidth: 1, cellHeight: 2, color: .white)
    #expect(d.image.pixels.contains(255))
}

@Test func transformRotatesThenZoomsThenTranslates() {
    let t = CanvasTransform(zoom: 2, angle: Double.pi / 2, translation: Point2D(10, 20))
    let p = t.apply(1, 0)
    #expect(abs(p.x - 10) < 1e-12 && abs(p.y - 22) < 1e-12)
}

@Test func circlesAndLinesStayInsideTheCanvas() {
    var cv = Canvas(width: 16, height: 16)
    cv.fillCircle(center: Point2D(8, 8), radius: 4, color: .white)
    #expect(cv.pixel(x: 8, y: 8) == .white && cv.pixel(x: 8, y: 4) == .white && cv.pixel(x: 8, y: 3) == .black)
    cv.drawLine(from: Point2D(-100, -100), to: Point2D(100, 100), color: RGBColor(9, 9, 9))
    #expect(cv.pixel(x: 5, y: 5) == RGBColor(9, 9, 9))
    cv.drawAAPolygon([Point2D(-5, 2), Point2D(30, 3), Point2D(4, 40)], color: .white)
}

@Test func aaPolygonMatchesPygameExactly() {
    for (k, c) in CanvasPygameFixtures.aaPolygonCases.enumerated() {
        var cv = Canvas(width: 16, height: 12, background: RGBColor(30, 200, 90))
        cv.drawAAPolygon(c.points.map { Point2D($0.0, $0.1) }, color: RGBColor(200, 100, 50))
        let ref = hexBytes(c.rgb)
        let diff = zip(cv.image.pixels, ref).filter { $0 != $1 }.count
        #expect(diff == 0, "case \(k): \(diff) bytes differ")
    }
}

@Test func aaCircleIsSymmetricAndBlended() {
    var cv = Canvas(width: 21, height: 21, background: RGBColor(30, 200, 90))
    cv.drawAACircle(center: Point2D(10, 10), radius: 6, color: RGBColor(200, 100, 50))
    #expect(cv.pixel(x: 10, y: 4) == RGBColor(200, 100, 50))    // end points are solid
    #expect(cv.pixel(x: 10, y: 16) == RGBColor(200, 100, 50))
    #expect(cv.pixel(x: 10, y: 10) == RGBColor(30, 200, 90))    // hollow
    for y in 0..<21 { for x in 0..<21 { #expect(cv.pixel(x: x, y: y) == cv.pixel(x: 20 - x, y: y)) } }
}

@Test func filledCircleMatchesPygameExactly() {
    for (k, c) in CanvasPygameFixtures.filledCircleCases.enumerated() {
        var cv = Canvas(width: 12, height: 10, background: RGBColor(30, 200, 90))
        cv.fillCircle(center: Point2D(Double(c.x), Double(c.y)), radius: Double(c.r), color: RGBColor(200, 100, 50))
        let diff = zip(cv.image.pixels, hexBytes(c.rgb)).filter { $0 != $1 }.count
        #expect(diff == 0, "case \(k): \(diff) bytes differ")
    }
}

@Test func drawLineMatchesPygame() {
    var bad: [Int] = []
    for (k, c) in CanvasPygameFixtures.lineCases.enumerated() {
        var cv = Canvas(width: 24, height: 20)
        cv.drawLine(from: Point2D(c.a.0, c.a.1), to: Point2D(c.b.0, c.b.1), color: .white, width: c.width)
        let bits = hexBytes(c.mask)
        var diff = 0
        for i in 0..<(24 * 20) where (cv.image.pixels[i * 3] == 255) != ((bits[i / 8] >> (7 - UInt8(i % 8))) & 1 == 1) { diff += 1 }
        if diff > 0 { bad.append(k) }
    }
    #expect(bad.isEmpty, "cases \(bad) differ")
}
