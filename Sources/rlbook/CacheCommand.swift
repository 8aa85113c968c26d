import BookRuntime
import RLSupport

/// `rlbook cache list FILE` and `rlbook cache clear FILE`.
enum CacheCommand {
    static func run(action: String, options: RunOptions, out: (String) -> Void = { print($0, terminator: "") }) -> Int32 {
        let store = CacheStore(folder: options.resolvedCacheDir)
        switch action {
        case "list":
            let rows = store.list()
            if rows.isEmpty {
                out("no cached cells in \(store.folder)\n")
                return 0
            }
            for r in rows {
                let state = r.problem.map { "  (\($0))" } ?? ""
                out("\(r.cellName)\t\(CacheStore.sizeText(r.bytes))\tran \(Clock.formatDuration(r.seconds))\t\(r.file.prefix(16))\(state)\n")
            }
            out("\(rows.count) entr\(rows.count == 1 ? "y" : "ies"), \(CacheStore.sizeText(store.totalBytes)) in \(store.folder)\n")
            return 0
        default:
            let (n, bytes) = store.clear()
            out("removed \(n) entr\(n == 1 ? "y" : "ies") (\(CacheStore.sizeText(bytes))) from \(store.folder)\n")
            return 0
        }
    }
}
