import BookDSL

/// Cell bindings for report outputs.
enum MediaBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {}
}
