/// An error raised by an engine binding; its text becomes the diagnostic message at the call site.
struct BindingError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
