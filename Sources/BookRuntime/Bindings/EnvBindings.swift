import BookDSL

/// Cell bindings (filled in by its own change).
enum EnvBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {}
}
