import RLRender
import RLSupport

/// An animation recorded frame by frame, for episodes too long to hold as pixels: each frame is
/// scaled (optional) and encoded for the player as it arrives, so memory stays within `maxBytes`
/// of encoded frames plus one frame. When the encoded frames outgrow `maxBytes`, every other kept
/// frame is dropped and later frames are kept at the doubled stride (playback time is kept); the
/// player then says so. Consecutive identical frames are stored once.
public final class FrameRecorder {
    public let fps: Double
    public var caption: String?
    /// Budget for the encoded frames embedded in the report.
    public let maxBytes: Int
    /// Scale applied to each frame before encoding (1 = full size).
    public let scale: Double
    /// Frames appended so far.
    public private(set) var frameCount = 0
    /// Every `stride`-th frame is kept.
    public private(set) var stride = 1
    /// Size of the frames as appended and as stored.
    public private(set) var sourceSize: (width: Int, height: Int)?
    public private(set) var storedSize: (width: Int, height: Int)?
    /// Kept frames: original index and the image it shows (an index into `uris`).
    private var kept: [(frame: Int, image: Int)] = []
    private var uris: [String?] = []
    private var bytes = 0
    private var previous: RGBImage?

    public init(fps: Double = 30, caption: String? = nil, maxBytes: Int = FrameRecorder.defaultMaxBytes, scale: Double = 1) {
        self.fps = fps
        self.caption = caption
        self.maxBytes = max(1, maxBytes)
        self.scale = scale
    }

    /// 4 MB per animation: two 1,000-frame episodes keep a report under 8 MB.
    public static let defaultMaxBytes = 4_000_000

    /// Bytes of encoded frames held now.
    public var encodedBytes: Int { bytes }

    /// Adds the next frame. Frames must all have the size of the first.
    public func append(_ image: RGBImage) throws(GIFError) {
        if let s = sourceSize, s.width != image.width || s.height != image.height {
            throw .frameSizeMismatch(index: frameCount, expected: "\(s.width)x\(s.height)", got: "\(image.width)x\(image.height)")
        }
        let i = frameCount
        frameCount += 1
        if sourceSize == nil {
            sourceSize = (image.width, image.height)
            let w = max(1, Int((Double(image.width) * scale).rounded())), h = max(1, Int((Double(image.height) * scale).rounded()))
            storedSize = (w, h)
        }
        guard i % stride == 0 else { return }
        let frame = scale == 1 ? image : ImageOps.resized(image, width: storedSize!.width, height: storedSize!.height)
        if let p = previous, p == frame, let last = kept.last {
            kept.append((i, last.image))
            return
        }
        previous = frame
        let uri = Base64.pngDataURI(PNGEncoder.encode(frame))
        bytes += uri.utf8.count + 3
        uris.append(uri)
        kept.append((i, uris.count - 1))
        while bytes > maxBytes && kept.count > 1 { thin() }
    }

    /// Doubles the stride: drops the kept frames that are not on it and the images no frame shows.
    private func thin() {
        stride *= 2
        kept.removeAll { $0.frame % stride != 0 }
        var used = Set<Int>()
        for k in kept { used.insert(k.image) }
        for j in uris.indices where uris[j] != nil && !used.contains(j) {
            bytes -= uris[j]!.utf8.count + 3
            uris[j] = nil
        }
        if let last = kept.last, last.image != uris.count - 1 { previous = nil }
    }

    /// Notes the player shows about dropped or scaled frames.
    public var notes: [String] {
        var notes: [String] = []
        if let s = sourceSize, let t = storedSize, scale != 1 {
            notes.append("frames scaled to \(NumberText.trimmed(scale * 100, 1)) % (\(t.width)×\(t.height) from \(s.width)×\(s.height))")
        }
        if stride > 1 {
            notes.append("showing \(kept.count) of \(frameCount) frames (every \(stride)th; the embedded frames are limited to \(AnimationPlayer.sizeText(maxBytes)))")
        }
        return notes
    }

    /// The player's HTML and a summary line for `outputs.txt`.
    public func encoded() -> EncodedMedia {
        guard let size = storedSize, !kept.isEmpty else {
            return EncodedMedia(html: AnimationPlayer.emptyHTML, summary: "animation: 0 frames")
        }
        var remap: [Int: Int] = [:]
        var list: [String] = []
        var index: [Int] = []
        for k in kept {
            if remap[k.image] == nil { remap[k.image] = list.count; list.append(uris[k.image]!) }
            index.append(remap[k.image]!)
        }
        let html = AnimationPlayer.html(width: size.width, height: size.height, uris: list, index: index, shown: kept.map(\.frame),
                                        totalFrames: frameCount, fps: fps, stride: stride, caption: caption, notes: notes)
        return EncodedMedia(html: html, summary: "animation: \(frameCount) frames")
    }
}
