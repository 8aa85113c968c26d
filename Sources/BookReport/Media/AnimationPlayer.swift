import RLRender

/// Builds the HTML of one animation player: unique frames as PNG `data:` URIs (stored once each),
/// a frame-to-image index, and controls carrying `data-action`. Frames beyond the size budget are
/// thinned evenly (playback time kept) with a visible "showing N of M frames" note.
struct AnimationPlayer {
    static let defaultBudget = FrameRecorder.defaultMaxBytes

    let animation: Animation
    let budgetBytes: Int

    /// (frames shown as original indices, unique PNG data URIs, image index per shown frame, stride).
    func frameData() -> (shown: [Int], uris: [String], index: [Int], stride: Int) {
        let frames = animation.frames
        var uniqueOf: [Int] = []
        var uris: [String] = []
        // Distinct images by a fast CRC-32 key, confirmed by comparing pixels.
        var seen: [UInt64: [Int]] = [:]
        var firstFrameOf: [Int] = []
        uniqueOf.reserveCapacity(frames.count)
        for (i, f) in frames.enumerated() {
            if i > 0 && f == frames[i - 1] { uniqueOf.append(uniqueOf[i - 1]); continue }
            let key = UInt64(CRC32.checksum(f.pixels)) << 32 | UInt64(truncatingIfNeeded: f.width &* 65_537 &+ f.height &* 31 &+ f.channels)
            if let k = seen[key]?.first(where: { frames[firstFrameOf[$0]] == f }) { uniqueOf.append(k); continue }
            seen[key, default: []].append(uris.count)
            firstFrameOf.append(i)
            uniqueOf.append(uris.count)
            uris.append(Base64.pngDataURI(PNGEncoder.encode(f)))
        }
        // Smallest stride whose referenced images fit the budget.
        var stride = 1
        while true {
            var used = Set<Int>()
            var bytes = 0
            for i in Swift.stride(from: 0, to: frames.count, by: stride) where used.insert(uniqueOf[i]).inserted {
                bytes += uris[uniqueOf[i]].utf8.count + 3
            }
            if bytes <= budgetBytes || stride >= frames.count { break }
            stride += 1
        }
        let shown = Array(Swift.stride(from: 0, to: frames.count, by: stride))
        // Re-number the images actually used.
        var remap: [Int: Int] = [:]
        var keptURIs: [String] = []
        var index: [Int] = []
        for i in shown {
            let u = uniqueOf[i]
            if remap[u] == nil { remap[u] = keptURIs.count; keptURIs.append(uris[u]) }
            index.append(remap[u]!)
        }
        return (shown, keptURIs, index, stride)
    }

    func html() -> String {
        let frames = animation.frames
        guard let first = frames.first else { return Self.emptyHTML }
        let (shown, uris, index, stride) = frameData()
        var notes: [String] = []
        if stride > 1 {
            notes.append("showing \(shown.count) of \(frames.count) frames (every \(stride)th; the embedded frames are limited to \(AnimationPlayer.sizeText(budgetBytes)))")
        }
        return Self.html(width: first.width, height: first.height, uris: uris, index: index, shown: shown, totalFrames: frames.count,
                         fps: animation.fps, stride: stride, caption: animation.caption, notes: notes)
    }

    static let emptyHTML = "<div class=\"rl-player rl-player-empty\" data-rlbook-player data-frame=\"0\"><p class=\"rl-media-note\">animation with no frames</p></div>"

    /// The player for frames already encoded: `uris[index[k]]` is shown frame `k`, which is frame
    /// `shown[k]` of the `totalFrames` recorded (`stride` apart, played at `fps / stride`).
    static func html(width: Int, height: Int, uris: [String], index: [Int], shown: [Int], totalFrames: Int,
                     fps rawFPS: Double, stride: Int, caption: String?, notes: [String]) -> String {
        guard !uris.isEmpty, !shown.isEmpty else { return emptyHTML }
        let fps = rawFPS.isFinite && rawFPS > 0 ? rawFPS : 30
        let factor = ImageOps.readableScale(width: width, height: height, target: 288)
        var s = "<figure class=\"rl-player\" data-rlbook-player data-frame=\"0\" data-frames=\"\(totalFrames)\" data-fps=\"\(NumberText.trimmed(fps / Double(stride), 3))\" tabindex=\"0\" aria-label=\"animation player: space plays or pauses, arrow keys step\">"
        s += "<img class=\"rl-px rl-player-img\" alt=\"frame\" width=\"\(width * factor)\" height=\"\(height * factor)\" src=\"\(uris[index[0]])\">"
        s += "<div class=\"rl-player-bar\"><input class=\"rl-player-slider\" type=\"range\" min=\"0\" max=\"\(shown.count - 1)\" value=\"0\" step=\"1\" data-action=\"seek\" aria-label=\"frame\">"
        s += "<span class=\"rl-player-status\">frame 1 / \(totalFrames)</span></div>"
        s += "<div class=\"rl-player-controls\">"
        for (action, title) in [("slower", "Slower"), ("first", "First frame"), ("prev", "Previous frame"), ("reverse", "Play backwards"),
                                ("pause", "Pause"), ("play", "Play"), ("next", "Next frame"), ("last", "Last frame"), ("faster", "Faster")] {
            s += "<button type=\"button\" data-action=\"\(action)\" title=\"\(title)\" aria-label=\"\(title)\">\(AnimationPlayer.icons[action] ?? "")</button>"
        }
        s += "<span class=\"rl-player-modes\" role=\"group\" aria-label=\"loop mode\">"
        for (mode, title) in [("once", "Once"), ("loop", "Loop"), ("reflect", "Reflect")] {
            s += "<button type=\"button\" data-action=\"mode\" data-mode=\"\(mode)\" aria-pressed=\"\(mode == "loop")\" title=\"\(title)\">\(title)</button>"
        }
        s += "</span><span class=\"rl-player-speed\">\(NumberText.trimmed(fps, 2)) fps</span></div>"
        for note in notes { s += "<p class=\"rl-media-note\">\(HTML.escape(note))</p>" }
        if let c = caption { s += "<figcaption>\(HTML.escape(c))</figcaption>" }
        // Data: base64 and integers only, so the JSON cannot close the script element.
        s += "<script type=\"application/json\" class=\"rl-player-data\">{\"images\":["
        s += uris.map { "\"" + $0 + "\"" }.joined(separator: ",")
        s += "],\"index\":[" + index.map(String.init).joined(separator: ",") + "],\"frames\":["
        s += shown.map(String.init).joined(separator: ",") + "]}</script></figure>"
        return s
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? NumberText.trimmed(Double(bytes) / 1e6, 1) + " MB" : NumberText.trimmed(Double(bytes) / 1e3, 1) + " kB"
    }

    /// Inline SVG icons (16×16, currentColor).
    static let icons: [String: String] = {
        func svg(_ body: String) -> String {
            "<svg viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" fill=\"currentColor\">\(body)</svg>"
        }
        return [
            "first": svg("<rect x=\"2\" y=\"3\" width=\"2\" height=\"10\"/><path d=\"M14 3v10L5 8z\"/>"),
            "prev": svg("<rect x=\"11\" y=\"3\" width=\"2\" height=\"10\"/><path d=\"M10 3v10L3 8z\"/>"),
            "reverse": svg("<path d=\"M12 3v10L4 8z\"/>"),
            "pause": svg("<rect x=\"4\" y=\"3\" width=\"3\" height=\"10\"/><rect x=\"9\" y=\"3\" width=\"3\" height=\"10\"/>"),
            "play": svg("<path d=\"M4 3v10l8-5z\"/>"),
            "next": svg("<rect x=\"3\" y=\"3\" width=\"2\" height=\"10\"/><path d=\"M6 3v10l7-5z\"/>"),
            "last": svg("<rect x=\"12\" y=\"3\" width=\"2\" height=\"10\"/><path d=\"M2 3v10l9-5z\"/>"),
            "slower": svg("<path d=\"M3 7h10v2H3z\"/>"),
            "faster": svg("<path d=\"M7 3h2v4h4v2H9v4H7V9H3V7h4z\"/>"),
        ]
    }()
}
