import Testing
@testable import RLRender

@Test func gifRoundTripsCarRacingFramesExactly() throws {
    let frames = (0..<12).map { SyntheticFrames.carRacing($0 * 3) }
    let gif = try GIFEncoder.encode(frames: frames, fps: 25)
    let decoded = try TestGIF(gif)
    #expect(decoded.width == 96 && decoded.height == 96)
    #expect(decoded.loops)
    #expect(decoded.frames.count == 12)
    // Few colours: the palette is exact, so frames decode to the same pixels.
    for (f, d) in zip(frames, decoded.frames) { #expect(f.pixels == d) }
    #expect(decoded.delays.allSatisfy { $0 == 4 })
}

@Test func gifMergesIdenticalFramesAndKeepsTiming() throws {
    let a = SyntheticFrames.carRacing(0), b = SyntheticFrames.carRacing(10)
    let gif = try GIFEncoder.encode(frames: [a, a, a, b, b], fps: 10)
    let decoded = try TestGIF(gif)
    #expect(decoded.frames.count == 2)
    #expect(decoded.delays == [30, 20])
    #expect(decoded.frames[1] == b.pixels)
}

@Test func gifDropsFramesFasterThanBrowsersShow() throws {
    let frames = (0..<10).map { SyntheticFrames.carRacing($0) }
    let decoded = try TestGIF(GIFEncoder.encode(frames: frames, fps: 100))
    #expect(decoded.frames.count == 5)
    #expect(decoded.delays.allSatisfy { $0 >= 2 })
    #expect(decoded.delays.reduce(0, +) == 10)
}

@Test func gifMedianCutPaletteIsCloseForManyColours() throws {
    // A smooth colour ramp with ~4000 colours: lossy, but each pixel stays near its colour.
    var im = RGBImage(width: 64, height: 64, channels: 3)
    for y in 0..<64 { for x in 0..<64 {
        let i = (y * 64 + x) * 3
        im.pixels[i] = UInt8(x * 4); im.pixels[i + 1] = UInt8(y * 4); im.pixels[i + 2] = UInt8((x + y) * 2)
    } }
    let decoded = try TestGIF(GIFEncoder.encode(frames: [im, im], fps: 5))
    #expect(decoded.paletteSize == 256)
    var sq = 0.0
    for (p, q) in zip(im.pixels, decoded.frames[0]) { sq += Double((Int(p) - Int(q)) * (Int(p) - Int(q))) }
    let rmse = (sq / Double(im.pixels.count)).squareRoot()
    #expect(rmse < 6, "rmse \(rmse)")
    let dithered = try TestGIF(GIFEncoder.encode(frames: [im], fps: 5, dither: true))
    #expect(dithered.frames.count == 1)
}

@Test func gifLZWHandlesTableResets() throws {
    // Noise fills the 4096-entry table many times over.
    let px = randomBytes(200 * 200 * 3, seed: 11).map { $0 & 0xE0 }
    let im = RGBImage(width: 200, height: 200, channels: 3, pixels: px)
    let decoded = try TestGIF(GIFEncoder.encode(frames: [im], fps: 1))
    #expect(decoded.frames.count == 1)
    let exact = Palette.build(for: [im]).isExact
    if exact { #expect(decoded.frames[0] == px) }
}

@Test func gifRejectsBadInput() {
    #expect(throws: GIFError.noFrames) { try GIFEncoder.encode(frames: [], fps: 10) }
    let a = RGBImage(width: 4, height: 4), b = RGBImage(width: 5, height: 4)
    #expect(throws: GIFError.self) { try GIFEncoder.encode(frames: [a, b], fps: 10) }
}
