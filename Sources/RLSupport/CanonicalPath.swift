
extension FileIO {
    /// The absolute path `path` names, with symbolic links resolved as far as the path exists and
    /// `.`/`..` applied (the part that does not exist yet is taken as written). Relative paths are
    /// relative to the working directory.
    public static func canonicalPath(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buf = [CChar](repeating: 0, count: 4096)
            let cwd = getcwd(&buf, buf.count).map { _ in String(cString: buf) } ?? "/"
            absolute = cwd + "/" + path
        }
        var parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // The longest prefix that exists, resolved by realpath.
        var rest: [String] = []
        var base = "/"
        while true {
            let candidate = "/" + parts.joined(separator: "/")
            if let r = realpath(candidate, nil) {
                base = String(cString: r)
                free(r)
                break
            }
            guard let last = parts.popLast() else { break }
            rest.insert(last, at: 0)
        }
        var out = base.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for c in rest {
            if c == "." { continue }
            if c == ".." { _ = out.popLast(); continue }
            out.append(c)
        }
        return "/" + out.joined(separator: "/")
    }

    /// Whether canonical path `path` is `folder` or inside it (both canonical).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
