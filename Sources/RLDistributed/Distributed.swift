import RLSupport

/// The process-wide world: set up once (by `rlbook run` at start, or on first use), then shared by
/// Fabric cells and the library agents.
public enum Distributed {
    nonisolated(unsafe) private static var current: ProcessGroup?
    nonisolated(unsafe) private static var failure: DistributedError?
    /// Called before this process aborts the job on its own (the collective watchdog), e.g. to
    /// write a partial report.
    nonisolated(unsafe) public static var beforeAbort: ((String) -> Void)?
    private static let lock = NSLockLite()

    /// The world of this process. Outside an MPI launcher: one process, MPI is not loaded. Under
    /// `mpirun -np N` (N > 1): MPI is loaded with `dlopen` and initialised; throws when it cannot be.
    public static func world() throws(DistributedError) -> ProcessGroup {
        try lock.withLock { () throws(DistributedError) -> ProcessGroup in
            if let current { return current }
            if let failure { throw failure }
            do throws(DistributedError) {
                let g = try make(LaunchEnvironment.processEnvironment)
                current = g
                return g
            } catch {
                failure = error
                throw error
            }
        }
    }

    /// The world when it is set up, else a world of one (for code that must not fail, such as logging).
    public static var worldOrSingle: ProcessGroup { (try? world()) ?? ProcessGroup() }

    /// Builds the world for an environment (exposed for tests).
    static func make(_ environment: [String: String]) throws(DistributedError) -> ProcessGroup {
        let launch = LaunchEnvironment.detect(environment)
        guard launch.isMultiProcess else { return ProcessGroup() }
        let lib: MPILibrary
        do { lib = try MPILibrary.load(environment: environment) } catch {
            throw .libraryUnavailable("this process was started by \(launch.launcher ?? "an MPI launcher") as rank \(launch.rank) of \(launch.size), but MPI cannot be used: \(error)")
        }
        let g = try ProcessGroup.initializeMPI(lib)
        if g.size != launch.size || g.rank != launch.rank {
            throw .libraryUnavailable("the launcher says rank \(launch.rank) of \(launch.size) but \(lib.path) says rank \(g.rank) of \(g.size); the mpirun that started rlbook and the library it loaded belong to different MPI installations. Use the mpirun of \(lib.version), or set RLBOOK_MPI_LIB")
        }
        g.setLocal(launch)
        if let w = CollectiveWatchdog(environment: environment, onTimeout: { [g] message in
            fputs("[rank \(g.rank)] error: \(message)\n", stderr)
            Distributed.beforeAbort?(message)
            g.abort(70)
        }) {
            g.watchdog = w
            w.start()
        }
        return g
    }

    /// Loads the MPI library without initialising it; returns its description or why it cannot be loaded.
    public static func probeLibrary() -> Result<String, DistributedError> {
        do {
            let lib = try MPILibrary.load(environment: LaunchEnvironment.processEnvironment)
            return .success("\(lib.flavor.rawValue) (\(lib.path)): \(lib.version)")
        } catch { return .failure(error) }
    }
}
