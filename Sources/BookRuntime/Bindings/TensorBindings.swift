import BookDSL

/// Cell bindings (filled in by its own change).
enum TensorBindings {
    static func install(into interpreter: Interpreter, session: RunSession) {}
}
extension TensorBindings { static func reseed(_ seed: Int) {} }
