import RLSupport

/// Finds the git commit of the repository containing a path, by reading `.git` files (no `git` process).
public enum GitInfo {
    /// The short (12-hex) commit of HEAD for the repository that contains `path`, or nil.
    public static func commit(near path: String) -> String? {
        var dir = absolute(FileIO.parentDirectory(of: path).isEmpty ? "." : FileIO.parentDirectory(of: path))
        for _ in 0..<64 {
            let git = dir + "/.git"
            if FileIO.isDirectory(git) { return head(gitDir: git) }
            if FileIO.exists(git), let text = readText(git), text.hasPrefix("gitdir:") {
                var g = String(text.dropFirst(7)).trimmingWhitespace
                if !g.hasPrefix("/") { g = dir + "/" + g }
                return head(gitDir: g)
            }
            if dir == "/" || dir.isEmpty { return nil }
            dir = FileIO.parentDirectory(of: dir)
            if dir.isEmpty { dir = "/" }
        }
        return nil
    }

    static func head(gitDir: String) -> String? {
        guard let head = readText(gitDir + "/HEAD")?.trimmingWhitespace else { return nil }
        if head.hasPrefix("ref:") {
            let ref = String(head.dropFirst(4)).trimmingWhitespace
            // Linked worktrees keep refs in the common dir.
            var common = gitDir
            if let c = readText(gitDir + "/commondir")?.trimmingWhitespace {
                common = c.hasPrefix("/") ? c : gitDir + "/" + c
            }
            for base in [gitDir, common] {
                if let sha = readText(base + "/" + ref)?.trimmingWhitespace, sha.count >= 12 { return String(sha.prefix(12)) }
            }
            for base in [gitDir, common] {
                if let packed = readText(base + "/packed-refs") {
                    for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                        return String(line.prefix(12))
                    }
                }
            }
            return nil
        }
        return head.count >= 12 ? String(head.prefix(12)) : nil
    }

    static func readText(_ path: String) -> String? {
        guard let bytes = try? FileIO.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buf = [CChar](repeating: 0, count: 4096)
        guard let cwd = getcwd(&buf, buf.count) else { return path }
        let base = String(cString: cwd)
        return path == "." ? base : base + "/" + path
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
        return String(s)
    }
}
