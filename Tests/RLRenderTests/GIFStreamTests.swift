import Testing
@testable import RLRender

/// The streaming GIF writer (used by recordings) and the area-averaging resize.
@Suite struct GIFStreamTests {
    @Test func streamWithTheFirstFramesPaletteDecodesFrameByFrame() throws {
        let frames = (0..<12).map { SyntheticFrames.carRacing($0 * 4, size: 48) }
        let stream = try GIFStream(width: 48, height: 48, palette: Palette.build(for: frames), fps: 10)
        for f in frames { try stream.append(f) }
        let gif = try TestGIF(try stream.finish())
        #expect(gif.width == 48 && gif.height == 48)
        #expect(gif.frames.count == 12)
        #expect(gif.loops)
        #expect(gif.delays.allSatisfy { $0 == 10 })
        // Same bytes as the one-shot encoder with the same palette (it streams too).
        let once = try GIFEncoder.encode(frames: frames, fps: 10)
        let again = try GIFStream(width: 48, height: 48, palette: Palette.build(for: frames), fps: 10)
        for f in frames { try again.append(f) }
        #expect(try again.finish() == once)
    }

    @Test func identicalFramesMergeAndTheLastDelayCoversTheEnd() throws {
        let a = SyntheticFrames.carRacing(0, size: 48), b = SyntheticFrames.carRacing(9, size: 48)
        let stream = try GIFStream(width: 48, height: 48, palette: Palette.build(for: [a, b]), fps: 20)
        for f in [a, a, a, b] { try stream.append(f) }
        let gif = try TestGIF(try stream.finish())
        #expect(gif.frames.count == 2)
        #expect(gif.delays == [15, 5])
    }

    @Test func wrongSizeAndEmptyStreamsAreErrors() throws {
        let stream = try GIFStream(width: 8, height: 8, palette: Palette(rgb: [0, 0, 0, 255, 255, 255]))
        #expect(throws: GIFError.self) { try stream.append(RGBImage(width: 9, height: 8)) }
        #expect(throws: GIFError.noFrames) { _ = try stream.finish() }
    }

    @Test func resizedAveragesTheCoveredPixels() {
        var im = RGBImage(width: 4, height: 2, channels: 1)
        im.pixels = [0, 100, 200, 255, 50, 150, 250, 255]
        let half = ImageOps.resized(im, width: 2, height: 1)
        #expect(half.pixels == [75, 240])   // (0+100+50+150)/4, (200+255+250+255)/4
        let third = ImageOps.resized(RGBImage(width: 3, height: 3, channels: 3), width: 2, height: 2)
        #expect(third.width == 2 && third.height == 2 && third.pixels.allSatisfy { $0 == 0 })
        #expect(ImageOps.resized(im, width: 4, height: 2) == im)
    }
}
