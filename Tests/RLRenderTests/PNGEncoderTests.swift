import Testing
@testable import RLRender

@Test(arguments: [1, 2, 3, 4])
func pngRoundTripsEveryChannelCount(channels: Int) throws {
    let w = 37, h = 23
    let px = randomBytes(w * h * channels, seed: UInt64(channels)).enumerated().map { i, v in (i / 50) % 2 == 0 ? UInt8(i % 7) : v }
    let im = RGBImage(width: w, height: h, channels: channels, pixels: px)
    let decoded = try TestPNG(PNGEncoder.encode(im))
    #expect(decoded.width == w && decoded.height == h && decoded.channels == channels)
    #expect(decoded.pixels == px)
}

@Test func pngOfCarRacingFramesIsSmallAndExact() throws {
    for t in [0, 37, 120] {
        let frame = SyntheticFrames.carRacing(t)
        let png = PNGEncoder.encode(frame)
        let decoded = try TestPNG(png)
        #expect(decoded.pixels == frame.pixels)
        // 27,648 raw bytes; zlib level 6 on the same filtered rows gives ~0.7-2 kB.
        #expect(png.count < 4000)
    }
}

@Test func pngFilterChoiceUsesAllUsefulFilters() {
    // A horizontal gradient favours Sub, a vertical one Up (or Paeth).
    var h = RGBImage(width: 64, height: 8, channels: 1)
    for y in 0..<8 { for x in 0..<64 { h.pixels[y * 64 + x] = UInt8(x * 3) } }
    let rowsH = PNGEncoder.filterRows(h)
    #expect(rowsH[0] == 1)              // first row: Sub
    #expect(rowsH[65] != 0)
    var v = RGBImage(width: 64, height: 8, channels: 1)
    for y in 0..<8 { for x in 0..<64 { v.pixels[y * 64 + x] = UInt8(y * 30 + (x * 37) % 11) } }
    let rowsV = PNGEncoder.filterRows(v)
    #expect(rowsV[65 * 3] == 2 || rowsV[65 * 3] == 4) // Up, or Paeth which predicts as well here
}

@Test func emptyImageStillEncodes() throws {
    let im = RGBImage(width: 1, height: 1, channels: 3, pixels: [1, 2, 3])
    #expect(try TestPNG(PNGEncoder.encode(im)).pixels == [1, 2, 3])
}
