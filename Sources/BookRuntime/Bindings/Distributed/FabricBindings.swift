import BookDSL
import RLDistributed

/// `Fabric()`: Lightning Fabric's vocabulary for data-parallel training in cells, over MPI when the
/// book runs under `mpirun -np N` (or `rlbook run --np N`), a world of one process otherwise.
enum FabricBindings {
    static let names = ["Fabric"]

    static func install(into interpreter: Interpreter, session: RunSession) {
        interpreter.defineFunction("Fabric", signature: Signature("accelerator?, strategy?, devices?, numNodes?, precision?")) { args in
            // Fabric's constructor arguments are accepted for familiarity; the launcher decides the processes.
            if let p = args.value("precision")?.asString, !["32", "32-true", "64", "64-true"].contains(p) {
                throw BindingError("Fabric(precision: \"\(p)\") is not available: rlbook trains in float32 or float64 (\"32-true\" or \"64-true\")")
            }
            let group: ProcessGroup
            do { group = try Distributed.world() } catch { throw BindingError("Fabric() cannot set up the processes: \(error)") }
            return .native(FabricObject(group: group, session: session))
        }
    }
}
