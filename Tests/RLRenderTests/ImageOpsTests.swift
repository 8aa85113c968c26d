import Testing
@testable import RLRender

@Test func floatAndByteArraysBecomeImages() throws {
    let gray = try ImageOps.image(shape: [2, 2], values: [0, 0.5, 1, 2.0 / 255])
    #expect(gray.channels == 3 && gray.pixels == [0, 0, 0, 128, 128, 128, 255, 255, 255, 2, 2, 2])
    let bytes = try ImageOps.image(shape: [1, 2, 3], values: [255, 0, 0, 0, 128, 7])
    #expect(bytes.pixels == [255, 0, 0, 0, 128, 7])
    let chw = try ImageOps.image(shape: [3, 1, 2], values: [1, 0, 0, 1, 0, 0], scale: .unit)
    #expect(chw.pixels == [255, 0, 0, 0, 255, 0])
    #expect(throws: ImageError.self) { try ImageOps.image(shape: [2, 2, 5], values: [Double](repeating: 0, count: 20)) }
    #expect(throws: ImageError.self) { try ImageOps.image(shape: [2, 2], values: [1, 2, 3]) }
}

@Test func viridisIsMatplotlibs() throws {
    #expect(Colormap.viridis.color(0) == (68, 1, 84))
    #expect(Colormap.viridis.color(128) == (33, 145, 140))
    #expect(Colormap.viridis.color(255) == (253, 231, 37))
    #expect(try Colormap(named: "Viridis") == .viridis)
    #expect(throws: ColormapError.self) { try Colormap(named: "viridsi") }
    let e = ColormapError.unknown(name: "viridsi", suggestion: "viridis")
    #expect(e.description.contains("did you mean 'viridis'"))
}

@Test func upscaleAndGrid() throws {
    let im = RGBImage(width: 2, height: 1, channels: 1, pixels: [10, 20])
    let up = ImageOps.upscale(im, factor: 3)
    #expect(up.width == 6 && up.height == 3)
    #expect(up.pixels == [10, 10, 10, 20, 20, 20, 10, 10, 10, 20, 20, 20, 10, 10, 10, 20, 20, 20])
    #expect(ImageOps.readableScale(width: 96, height: 96, target: 288) == 3)
    let g = try ImageOps.grid([im, im, im, im], columns: 4, gap: 1)
    #expect(g.width == 11 && g.height == 1 && g.channels == 3)
    #expect(Array(g.pixels[6..<9]) == [255, 255, 255])
    #expect(throws: ImageError.empty) { try ImageOps.grid([], columns: 2) }
}

@Test func hugeShapesAreErrorsNotTraps() {
    #expect(throws: ImageError.self) { try ImageOps.image(shape: [Int.max / 2, 4], values: [1]) }
    #expect(throws: ImageError.self) { try ImageOps.image(shape: [0, 4], values: []) }
}
