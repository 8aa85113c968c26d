import RLSupport

/// Makes local media in prose work in the report: `![car](img/car.png)`, and the `src`/`poster` of
/// raw `<img>`, `<video>`, `<audio>`, `<source>` and `<track>` tags (`<video src="videos/best.mp4">`),
/// are read relative to the tutorial and embedded as `data:` URIs (so the page stays one
/// self-contained file), or, when larger than `inlineLimit`, copied beside the page as assets.
///
/// Only `src="..."` and `poster="..."` attributes as the prose renderer writes them are touched,
/// only for media file types, and only when the file can be read; anything else is left as it was.
/// Nothing is fetched from the network: URLs with a scheme are never read.
struct ProseImages {
    static let inlineLimit = 4 << 20
    static let mimeTypes = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                            "webp": "image/webp", "svg": "image/svg+xml", "mp4": "video/mp4", "m4v": "video/mp4",
                            "webm": "video/webm", "ogv": "video/ogg", "ogg": "audio/ogg", "mp3": "audio/mpeg",
                            "wav": "audio/wav", "m4a": "audio/mp4", "vtt": "text/vtt"]

    /// Folder the tutorial's relative paths start from.
    let baseDirectory: String
    let assets: ReportAssets
    private var resolved: [String: String] = [:]

    init(sourceFile: String, assets: ReportAssets) {
        let dir = FileIO.parentDirectory(of: sourceFile)
        self.baseDirectory = dir.isEmpty ? "." : dir
        self.assets = assets
    }

    /// `html` with local image sources replaced.
    mutating func rewrite(_ html: String) -> String {
        guard html.contains(" src=\"") || html.contains(" poster=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        while let r = Self.nextAttribute(in: rest) {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let escaped = String(rest[..<end])
            out += replacement(forEscapedSource: escaped) ?? escaped
            rest = rest[end...]
        }
        return out + rest
    }

    /// The next ` src="` or ` poster="` (the range ends where the value starts).
    static func nextAttribute(in s: Substring) -> Range<Substring.Index>? {
        let a = s.firstRange(of: " src=\""), b = s.firstRange(of: " poster=\"")
        switch (a, b) {
        case (let x?, let y?): return x.lowerBound < y.lowerBound ? x : y
        case (let x?, nil): return x
        case (nil, let y?): return y
        default: return nil
        }
    }

    private mutating func replacement(forEscapedSource escaped: String) -> String? {
        if let done = resolved[escaped] { return done }
        let src = Self.unescape(escaped)
        guard Self.isLocalPath(src), let dot = src.lastIndex(of: "."),
              let mime = Self.mimeTypes[src[src.index(after: dot)...].lowercased()] else { return nil }
        let path = src.hasPrefix("/") ? src : baseDirectory + "/" + src
        // only files inside the book's folder (symlinks followed), and only what their type says they are
        let real = FileIO.canonicalPath(path)
        guard FileIO.isInside(real, FileIO.canonicalPath(baseDirectory)),
              let bytes = try? FileIO.read(real), Self.contentMatches(mime, bytes) else { return nil }
        let result: String
        if bytes.count <= Self.inlineLimit {
            result = "data:" + mime + ";base64," + Base64.encode(bytes)
        } else {
            let name = src.split(separator: "/").last.map(String.init) ?? "image"
            result = HTML.escape(assets.add(name: name, bytes: bytes))
        }
        resolved[escaped] = result
        return result
    }

    /// Whether `bytes` start as a file of type `mime` does (images are checked by their signature;
    /// audio, video and text tracks are left to the browser).
    static func contentMatches(_ mime: String, _ bytes: [UInt8]) -> Bool {
        func starts(_ sig: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + sig.count && Array(bytes[offset..<(offset + sig.count)]) == sig
        }
        switch mime {
        case "image/png": return starts([0x89, 0x50, 0x4E, 0x47])
        case "image/jpeg": return starts([0xFF, 0xD8])
        case "image/gif": return starts(Array("GIF8".utf8))
        case "image/webp": return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case "image/svg+xml":
            let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
            return head.contains("<svg")
        default: return true
        }
    }

    /// A path with no URL scheme (`img/a.png`, `../a.png`, `/abs/a.png`), not `//host/...` or `#x`.
    static func isLocalPath(_ src: String) -> Bool {
        guard !src.isEmpty, !src.hasPrefix("//"), !src.hasPrefix("#") else { return false }
        for ch in src {
            if ch == ":" { return false }
            if ch == "/" || ch == "?" || ch == "#" { break }
        }
        return !src.contains("?") && !src.contains("#")
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s
        for (entity, ch) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingAll(entity, with: ch)
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
