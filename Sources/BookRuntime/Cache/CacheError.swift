/// What can go wrong with the cell cache. None of these stops a run: a bad entry is a miss with a
/// warning, an unstorable binding makes the cell run every time with a note saying why.
enum CacheError: Error, CustomStringConvertible {
    /// The entry is truncated, damaged, or not a cache entry.
    case corrupt(String)
    /// The entry was written by another format version or another rlbook.
    case foreign(String)
    /// A binding the cell defines holds something the cache cannot store.
    case unstorable(binding: String, reason: String)
    /// A cached entry refers to an object the current run does not have (the cell runs instead).
    case stale(String)

    var description: String {
        switch self {
        case .corrupt(let m): return "corrupt cache entry: \(m)"
        case .foreign(let m): return "cache entry from elsewhere: \(m)"
        case .unstorable(let b, let r): return "'\(b)' cannot be cached: \(r)"
        case .stale(let m): return "cache entry does not fit this run: \(m)"
        }
    }
}
