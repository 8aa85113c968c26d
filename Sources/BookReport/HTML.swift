import RLSupport

/// HTML text helpers.
public enum HTML {
    /// Escapes `& < > " '` so any text is shown as text, never markup or script.
    public static func escape(_ s: String) -> String { HTMLEscape.escape(s) }
}
