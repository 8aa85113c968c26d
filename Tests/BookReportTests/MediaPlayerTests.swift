import Testing
import RLRender
@testable import BookReport

private func frame(_ v: UInt8, size: Int = 16) -> RGBImage {
    var im = RGBImage(width: size, height: size, channels: 3)
    for i in 0..<(size * size) { im.pixels[i * 3] = v; im.pixels[i * 3 + 1] = UInt8(i % 256); im.pixels[i * 3 + 2] = 255 &- v }
    return im
}

private func count(_ s: String, _ sub: String) -> Int { s.components(sub).count - 1 }

@Test func playerHasControlsAndStoresEachFrameOnce() {
    let frames = [frame(1), frame(1), frame(2), frame(3), frame(3), frame(3), frame(1)]
    let html = MediaHTML.animation(Animation(frames: frames, fps: 10, caption: "run <1>"), assets: ReportAssets())
    #expect(html.contains("data-rlbook-player data-frame=\"0\""))
    for action in ["play", "pause", "next", "prev", "first", "last", "faster", "slower", "reverse", "mode"] {
        #expect(html.contains("data-action=\"\(action)\""), "\(action)")
    }
    for mode in ["once", "loop", "reflect"] { #expect(html.contains("data-mode=\"\(mode)\"")) }
    // 3 distinct images: 3 data URIs in the JSON plus the first in the <img>.
    #expect(count(html, "data:image/png;base64,") == 4)
    #expect(html.contains("\"index\":[0,0,1,2,2,2,0]"))
    #expect(html.contains("run &lt;1&gt;"))
    #expect(!html.contains("showing"))
    #expect(html.contains("<svg viewBox=\"0 0 16 16\""), "inline SVG icons")
}

@Test func playerBudgetThinsFramesWithAVisibleNote() {
    let frames = (0..<40).map { frame(UInt8($0 * 5)) }
    let full = MediaHTML.animation(Animation(frames: frames, fps: 20), budgetBytes: 100_000_000)
    let one = full.components("data:image/png;base64,")[1].components("\"")[0].utf8.count
    let html = MediaHTML.animation(Animation(frames: frames, fps: 20), budgetBytes: (one + 25) * 12)
    #expect(html.contains("showing 10 of 40 frames"))
    #expect(html.contains("data-fps=\"5\""), "playback time is kept")
    #expect(count(html, "data:image/png;base64,") == 11)
}

@Test func emptyAnimationIsANoteNotACrash() {
    let html = MediaHTML.animation(Animation(frames: []), assets: ReportAssets())
    #expect(html.contains("data-rlbook-player"))
}

@Test func imagesAreEmbeddedPNGsShownPixelated() {
    let g = RGBImage(width: 8, height: 8, channels: 1)
    let html = MediaHTML.image(ImageOutput(images: [g, g, g, g], gridColumns: 4, caption: "stack"), assets: ReportAssets())
    #expect(count(html, "<img class=\"rl-px\"") == 4)
    #expect(html.contains("repeat(4,auto)"))
    #expect(html.contains("width=\"64\""), "8 px frames are shown 8x larger")
    #expect(html.contains("data:image/png;base64,iVBORw0KGgo"))
    #expect(MediaHTML.styles.contains("image-rendering:pixelated"))
}

@Test func scriptNeverEvaluatesText() {
    #expect(!MediaHTML.script.contains("eval("))
    #expect(!MediaHTML.script.contains("innerHTML"))
    #expect(!MediaHTML.script.contains("new Function"))
    #expect(MediaHTML.script.contains("JSON.parse"))
}
