/// Public entry to the TeX-to-MathML converter, for cell output (`show(math: "...")`).
public enum TeX {
    /// `<math>` markup for `tex` (display math when `display`); every character of the input is
    /// escaped, unknown commands are shown in a visible `<merror>` box.
    public static func mathML(_ tex: String, display: Bool = true) -> String {
        MathML.render(tex: tex, display: display)
    }
}
