import Testing
@testable import RLRender

/// The module end to end: draw on a canvas, encode the frame as PNG and GIF, read the PNG back.
@Test func drawnFrameSurvivesPNGAndEncodesAsGIF() throws {
    var canvas = Canvas(width: 40, height: 30, background: RGBColor(102, 204, 102))
    canvas.fillPolygon([Point2D(5, 5), Point2D(20, 5), Point2D(20, 20), Point2D(5, 20)], color: RGBColor(200, 0, 0))
    let frame = canvas.image
    #expect(Array(frame.pixels[0..<3]) == [102, 204, 102], "background in the corner")
    let inside = (10 * 40 + 10) * 3
    #expect(Array(frame.pixels[inside..<inside + 3]) == [200, 0, 0], "the filled square covers (10, 10)")

    let decoded = try TestPNG(PNGEncoder.encode(frame))
    #expect(decoded.width == 40 && decoded.height == 30 && decoded.channels == 3)
    #expect(decoded.pixels == frame.pixels)

    let gif = try GIFEncoder.encode(frames: [frame, frame], fps: 10)
    #expect(Array(gif.prefix(6)) == Array("GIF89a".utf8))
    #expect(gif.last == 0x3B, "a GIF ends with its trailer")
}
