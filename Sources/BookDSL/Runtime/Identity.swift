/// Class identity (`===`, `!==`).
extension Value {
    /// `a === b`: the same object; an optional compares the object it holds (`node.parent ===
    /// root`), and two nils are identical, as in Swift.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        let x = a.unwrapped ?? a, y = b.unwrapped ?? b
        switch (x, y) {
        case (.object(let p), .object(let q)): return p === q
        case (.native(let p), .native(let q)): return p === q
        case (.nilValue, .nilValue): return true
        default: return false
        }
    }
}
