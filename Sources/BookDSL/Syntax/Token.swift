/// A position inside one cell: 1-based line and column (in characters) plus the length to underline.
public struct Loc: Sendable, Hashable {
    /// Which compiled cell (index into the interpreter's sources) the position is in.
    public var cell: Int32
    public var line: Int32
    public var col: Int32
    public var len: Int32
    public init(cell: Int = 0, line: Int, col: Int, len: Int = 1) {
        self.cell = Int32(truncatingIfNeeded: cell)
        self.line = Int32(truncatingIfNeeded: line)
        self.col = Int32(truncatingIfNeeded: col)
        self.len = Int32(truncatingIfNeeded: max(1, len))
    }
    static let none = Loc(line: 0, col: 0)
}

/// One lexical token of the cell language.
struct Token {
    enum Kind: Equatable {
        case identifier       // names and keywords (text holds the spelling)
        case dollar           // $0, $1 ...
        case int
        case double
        case string           // a string literal; `parts` holds text and interpolations
        case op               // operators: + - * / ..< == etc. (text)
        case punct            // ( ) [ ] { } , : ; . -> @ #
        case eof
    }
    var kind: Kind
    var text: String
    var loc: Loc
    /// Whitespace (or a line break) comes right before this token.
    var spaceBefore: Bool
    /// A line break comes before this token.
    var newlineBefore: Bool
    /// Whitespace (or end) comes right after this token.
    var spaceAfter: Bool
    var intValue: Int = 0
    var doubleValue: Double = 0
    var parts: [StringPart] = []
    /// Multi-line (`"""`) string literal.
    var multiline = false
    /// The token's characters in the lexed text (0-based offsets; an interpolation's tokens count from
    /// the start of the whole cell). The `.eof` ending an interpolation's tokens spans all its code.
    var range: Range<Int> = 0..<0

    func isPunct(_ s: String) -> Bool { kind == .punct && text == s }
    func isOp(_ s: String) -> Bool { kind == .op && text == s }
    func isKeyword(_ s: String) -> Bool { kind == .identifier && text == s }
}

/// A piece of a string literal: literal text, or an interpolated expression's tokens (their
/// closing `.eof` token's `range` is the whole code between `\(` and `)`).
enum StringPart {
    case text(String)
    case interpolation([Token], Loc)
}

/// Keywords that cannot be used as plain identifiers.
let reservedWords: Set<String> = [
    "let", "var", "func", "if", "else", "guard", "while", "repeat", "for", "in", "return", "break",
    "continue", "switch", "case", "default", "struct", "class", "enum", "init", "self", "super",
    "true", "false", "nil", "do", "where", "mutating", "override", "static", "private", "public",
    "fileprivate", "internal", "final", "is", "as", "throw", "throws", "try", "defer", "fallthrough",
    "inout", "extension", "protocol", "import", "lazy", "weak",
]
