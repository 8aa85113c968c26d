import BookDSL
import RLSupport

/// Exposes the engine (tensors, networks, environments, report outputs) to cells as host globals.
///
/// Each area registers its names in its own file under `Bindings/` (`TensorBindings`, `NNBindings`,
/// `EnvBindings`, `MediaBindings`); this is the one place that installs them all.
public enum EngineBindings {
    /// Registers every engine name in the interpreter's global scope.
    public static func install(into interpreter: Interpreter, session: RunSession) {
        MediaBindings.install(into: interpreter, session: session)
        DisplayBindings.install(into: interpreter, session: session)
        RecorderBindings.install(into: interpreter, session: session)
        TensorBindings.install(into: interpreter, session: session)
        NNBindings.install(into: interpreter, session: session)
        EnvBindings.install(into: interpreter, session: session)
        AgentBindings.install(into: interpreter, session: session)
        VecWrapperBindings.install(into: interpreter)
        ClockBindings.install(into: interpreter)
        FabricBindings.install(into: interpreter, session: session)
        CellBaseClasses.install(into: interpreter)
        DeviceBindings.install(into: interpreter)
        CUDABindings.install(into: interpreter)   // `cuda` with deviceName/unavailableReason (after DeviceBindings' plain one)
        if let seed = session.seed { reseed(seed, session: session, interpreter: interpreter) }
    }

    /// Reseeds the engine's generators (book seed, `//| seed: N`): tensors, the cell language's `random`.
    public static func reseed(_ seed: Int, session: RunSession, interpreter: Interpreter? = nil) {
        TensorBindings.reseed(seed)
        interpreter?.seedRandom(UInt64(bitPattern: Int64(seed)))
    }
}
