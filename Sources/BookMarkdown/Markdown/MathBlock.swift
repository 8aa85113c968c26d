/// Display math written as a block: a line starting with `$$`, up to a line ending with `$$`.
enum MathBlock {
    /// Whether a content line closes the block.
    static func closes(_ line: String) -> Bool {
        SourceLines.trimmed(line).hasSuffix("$$")
    }

    /// The TeX between the `$$` markers of a finished block.
    static func tex(_ literal: String) -> String {
        var s = literal.trimmingLineSpace
        if s.hasSuffix("$$") { s.removeLast(2) }
        return s.trimmingLineSpace
    }
}
