import BookDSL
import RLSupport

/// Exposes the engine (tensors, networks, environments, report outputs) to cells as host functions.
public enum EngineBindings {
    /// Registers every engine name in the interpreter's global scope.
    public static func install(into interpreter: Interpreter, session: RunSession) {
    }

    /// Reseeds the engine's generators (`//| seed: N`).
    public static func reseed(_ seed: Int, session: RunSession) {
    }
}
