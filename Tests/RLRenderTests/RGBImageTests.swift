import Testing
@testable import RLRender

@Test func blackImageHasRightSize() {
    let im = RGBImage(width: 4, height: 3)
    #expect(im.pixels.count == 36)
}
