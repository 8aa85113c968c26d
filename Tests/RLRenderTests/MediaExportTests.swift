import Testing
import RLSupport
@testable import RLRender

private func tempDir() -> String {
    let dir = "/tmp/rlbook-media-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try? FileIO.createDirectory(dir)
    return dir
}

@Test func saveChoosesTheFormatByExtension() throws {
    let dir = tempDir()
    let frames = (0..<4).map { SyntheticFrames.carRacing($0 * 5) }
    try MediaExport.save(frames: [frames[0]], path: dir + "/one.png")
    #expect(try TestPNG(FileIO.read(dir + "/one.png")).pixels == frames[0].pixels)
    try MediaExport.save(frames: frames, path: dir + "/sub/anim.GIF", fps: 20)
    #expect(try TestGIF(FileIO.read(dir + "/sub/anim.GIF")).frames.count == 4)
    do {
        try MediaExport.save(frames: frames, path: dir + "/x.avi")
        Issue.record("expected an error")
    } catch {
        #expect(error.description.contains(".png, .gif, .mp4, .webm"))
    }
    #expect(throws: MediaExportError.self) { try MediaExport.save(frames: frames, path: dir + "/many.png") }
    #expect(throws: MediaExportError.self) { try MediaExport.save(frames: [], path: dir + "/none.gif") }
}

@Test func videoNeedsFFmpegAndSaysHowToInstallIt() throws {
    let dir = tempDir()
    let frames = [SyntheticFrames.carRacing(0)]
    do {
        try VideoExport.write(frames: frames, path: dir + "/v.mp4", fps: 30, container: .mp4, ffmpeg: nil)
        // ffmpeg is installed here: real MP4 and WebM files (odd sizes are padded to even ones).
        let mp4 = try FileIO.read(dir + "/v.mp4")
        #expect(mp4.count > 100 && String(decoding: mp4[4..<8], as: UTF8.self) == "ftyp")
        let odd = (0..<5).map { t in RGBImage(width: 45, height: 31, channels: 3, pixels: (0..<(45 * 31 * 3)).map { UInt8(($0 + t * 17) % 256) }) }
        try MediaExport.save(frames: odd, path: dir + "/v.webm", fps: 10)
        let webm = try FileIO.read(dir + "/v.webm")
        #expect(webm.count > 100 && Array(webm[0..<4]) == [0x1A, 0x45, 0xDF, 0xA3])
    } catch {
        #expect(String(describing: error).contains("apt-get install ffmpeg"))
    }
    #expect(VideoExport.findFFmpeg(path: "/nonexistent") == nil)
}

@Test func videoPipesRawFramesToFFmpeg() throws {
    // A stand-in ffmpeg that copies stdin to the output path (its last argument).
    let dir = tempDir()
    let fake = dir + "/ffmpeg"
    try FileIO.writeAtomically("#!/bin/sh\nfor a in \"$@\"; do out=\"$a\"; done\ncat > \"$out\"\n", to: fake)
    chmod(fake, 0o755)
    let frames = (0..<3).map { SyntheticFrames.carRacing($0) }
    try VideoExport.write(frames: frames, path: dir + "/v.webm", fps: 25, container: .webm, ffmpeg: fake)
    #expect(try FileIO.read(dir + "/v.webm") == frames.flatMap(\.pixels))
    // A failing ffmpeg gives its message and leaves no file.
    let bad = dir + "/bad"
    try FileIO.writeAtomically("#!/bin/sh\necho 'Unknown encoder libx264' >&2\nexit 1\n", to: bad)
    chmod(bad, 0o755)
    do {
        try VideoExport.write(frames: frames, path: dir + "/w.mp4", fps: 25, container: .mp4, ffmpeg: bad)
        Issue.record("expected an error")
    } catch {
        #expect(error.description.contains("Unknown encoder libx264"))
    }
    #expect(!FileIO.exists(dir + "/w.mp4"))
    let args = VideoExport.arguments(width: 96, height: 96, fps: 50, container: .mp4, output: "o")
    #expect(args.contains("rgb24") && args.contains("96x96") && args.last == "o")
}
