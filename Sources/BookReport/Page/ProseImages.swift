import RLSupport

/// Makes local images in prose work in the report: `![car](img/car.png)` is read relative to the
/// tutorial and embedded as a `data:` URI (so the page stays one self-contained file), or, when
/// larger than `inlineLimit`, copied beside the page as an asset.
///
/// Only `<img src="...">` of the prose renderer are touched, only for image file types, and only
/// when the file can be read; anything else is left as it was.
struct ProseImages {
    static let inlineLimit = 4 << 20
    static let mimeTypes = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                            "webp": "image/webp", "svg": "image/svg+xml"]

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
        let marker = "<img src=\""
        guard html.contains(marker) else { return html }
        var out = ""
        var rest = Substring(html)
        while let r = rest.firstRange(of: marker) {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let escaped = String(rest[..<end])
            out += replacement(forEscapedSource: escaped) ?? escaped
            rest = rest[end...]
        }
        return out + rest
    }

    private mutating func replacement(forEscapedSource escaped: String) -> String? {
        if let done = resolved[escaped] { return done }
        let src = Self.unescape(escaped)
        guard Self.isLocalPath(src), let dot = src.lastIndex(of: "."),
              let mime = Self.mimeTypes[src[src.index(after: dot)...].lowercased()] else { return nil }
        let path = src.hasPrefix("/") ? src : baseDirectory + "/" + src
        guard let bytes = try? FileIO.read(path) else { return nil }
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
