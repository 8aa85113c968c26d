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

/// One lexical token of the cell language. Kept small (64 bytes: a dense line such as
/// `[1, 1, 1, ...]` makes a token for every two characters of a cell): the number is one word
/// read as an `Int` or a `Double` by kind, the character range two 32-bit offsets (tutorials are
/// at most 16 MB).
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
    var text: String
    var loc: Loc
    var parts: [StringPart] = []
    /// The value of an `.int` (or a `$n`) or a `.double` token, as its bits.
    private var number: UInt64 = 0
    private var lower: Int32 = 0
    private var upper: Int32 = 0
    var kind: Kind
    /// Whitespace (or a line break) comes right before this token.
    var spaceBefore: Bool
    /// A line break comes before this token.
    var newlineBefore: Bool
    /// Whitespace (or end) comes right after this token.
    var spaceAfter: Bool
    /// Multi-line (`"""`) string literal.
    var multiline = false

    init(kind: Kind, text: String, loc: Loc, spaceBefore: Bool, newlineBefore: Bool, spaceAfter: Bool, range: Range<Int> = 0..<0) {
        self.kind = kind
        self.text = text
        self.loc = loc
        self.spaceBefore = spaceBefore
        self.newlineBefore = newlineBefore
        self.spaceAfter = spaceAfter
        self.range = range
    }

    var intValue: Int {
        get { Int(bitPattern: UInt(number)) }
        set { number = UInt64(UInt(bitPattern: newValue)) }
    }
    var doubleValue: Double {
        get { Double(bitPattern: number) }
        set { number = newValue.bitPattern }
    }
    /// The token's characters in the lexed text (0-based offsets; an interpolation's tokens count from
    /// the start of the whole cell). The `.eof` ending an interpolation's tokens spans all its code.
    var range: Range<Int> {
        get { Int(lower)..<Int(upper) }
        set {
            lower = Int32(truncatingIfNeeded: newValue.lowerBound)
            upper = Int32(truncatingIfNeeded: newValue.upperBound)
        }
    }

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
