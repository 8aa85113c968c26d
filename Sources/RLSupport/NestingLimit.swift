/// One depth rule for every recursive reader and printer of what a book contains: the cell
/// language's lexer and parser (and so the checker, compiler and interpreter that walk its tree),
/// front matter, JSON and safetensors headers, and the printing of nested values.
///
/// Input nested deeper than `maximum` levels is an error at the place where the limit is crossed
/// ("too deeply nested", as Swift's parser says past its own 256 levels), never a stack overflow.
/// Markdown keeps its own lower limits for containers and emphasis: past them, CommonMark-style,
/// the rest of the nesting is shown as text rather than refused.
public enum NestingLimit {
    /// The most levels of nesting any input may have.
    public static let maximum = 256

    /// "`what` is too deeply nested (more than 256 levels); ..." for errors at the crossing point.
    public static func message(_ what: String) -> String {
        "\(what) is too deeply nested (more than \(maximum) levels); split it into smaller parts"
    }
}
