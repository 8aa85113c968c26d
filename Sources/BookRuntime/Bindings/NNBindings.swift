import BookDSL

/// Cell bindings (filled in by its own change).
enum NNBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {}
}
