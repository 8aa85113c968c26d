import RLSupport

/// An MPI shared library opened with `dlopen` and bound into C function pointers (no build-time
/// dependency on MPI). Loading does not initialise MPI; `MPIWorld` does.
struct MPILibrary: @unchecked Sendable {
    /// The file that was loaded.
    let path: String
    let flavor: MPIFlavor
    /// `MPI_Get_library_version`'s first line.
    let version: String
    let initThread: MPIC.InitThread
    let initialized: MPIC.Flag
    let finalized: MPIC.Flag
    let finalize: MPIC.Finalize
    let errorString: MPIC.ErrorString
    let calls: any MPIHandleCalls

    /// Names tried in order: `RLBOOK_MPI_LIB`, then Open MPI 3-5 (`libmpi.so.40`) and MPICH's ABI
    /// (`libmpi.so.12`, `libmpich.so.12`), MPICH first when MPICH's launcher (Hydra: `PMI_RANK`,
    /// no `OMPI_*`) started the process, so the library matches the `mpirun` used; then
    /// unversioned names (development packages, macOS).
    static func candidates(environment: [String: String]) -> [String] {
        if let forced = environment["RLBOOK_MPI_LIB"], !forced.isEmpty { return [forced] }
        let openMPI = ["libmpi.so.40"], mpich = ["libmpich.so.12", "libmpi.so.12"]
        let launchedByMPICH = LaunchEnvironment.detect(environment).launcher == LaunchEnvironment.mpichLauncher
        return (launchedByMPICH ? mpich + openMPI : openMPI + mpich)
            + ["libmpi.so", "libmpich.so", "libmpi.dylib", "libmpi.40.dylib", "libmpi.12.dylib"]
    }

    /// Opens the first library that loads; the message lists what was tried and how to install MPI.
    static func load(environment: [String: String]) throws(DistributedError) -> MPILibrary {
        var reasons: [String] = []
        for name in candidates(environment: environment) {
            // RTLD_GLOBAL: Open MPI's plugins (mca_*.so) resolve their symbols against libmpi.
            guard let h = dlopen(name, RTLD_NOW | RTLD_GLOBAL) else {
                reasons.append(dlerror().map { String(cString: $0) } ?? "\(name): not found")
                continue
            }
            return try bind(h, path: name)
        }
        throw .libraryUnavailable("no MPI library could be loaded (\(reasons.joined(separator: "; "))). Install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev; macOS: brew install open-mpi), or set RLBOOK_MPI_LIB to the path of libmpi.so")
    }

    /// Looks up every symbol and detects the handle ABI.
    static func bind(_ h: UnsafeMutableRawPointer, path: String) throws(DistributedError) -> MPILibrary {
        func sym<T>(_ name: String, _: T.Type) throws(DistributedError) -> T {
            guard let p = dlsym(h, name) else { throw .missingSymbol(library: path, symbol: name) }
            return unsafeBitCast(p, to: T.self)
        }
        let getVersion = try sym("MPI_Get_library_version", MPIC.LibraryVersion.self)
        var buffer = [CChar](repeating: 0, count: 8192 + 1)     // MPI_MAX_LIBRARY_VERSION_STRING: 256 (Open MPI), 8192 (MPICH)
        var len: Int32 = 0
        // Allowed before MPI_Init; a failure only loses the version text.
        let full = getVersion(&buffer, &len) == 0 ? String(cString: buffer) : "unknown MPI version"
        let version = full.split(separator: "\n").first.map(String.init) ?? full
        // Open MPI exports its predefined objects; MPICH-family libraries do not.
        let flavor: MPIFlavor
        if dlsym(h, MPIFlavor.OpenMPISymbol.commWorld) != nil {
            flavor = .openMPI
        } else if let f = MPIFlavor.from(versionString: full) {
            flavor = f
        } else {
            throw .libraryUnavailable("\(path) is an MPI library rlbook does not know (\(version)); rlbook binds Open MPI and MPICH-compatible libraries. Set RLBOOK_MPI_LIB to one of those")
        }
        let calls: any MPIHandleCalls
        switch flavor {
        case .openMPI:
            func obj(_ name: String) throws(DistributedError) -> OpaquePointer {
                guard let p = dlsym(h, name) else { throw .missingSymbol(library: path, symbol: name) }
                return OpaquePointer(p)
            }
            typealias S = MPIFlavor.OpenMPISymbol
            calls = PointerHandleCalls(world: try obj(S.commWorld), float: try obj(S.float), double: try obj(S.double),
                                       sum: try obj(S.sum), max: try obj(S.max), min: try obj(S.min), errorsReturn: try obj(S.errorsReturn),
                                       rank: try sym("MPI_Comm_rank", MPIC.P.CommInt.self), size: try sym("MPI_Comm_size", MPIC.P.CommInt.self),
                                       allreduceF: try sym("MPI_Allreduce", MPIC.P.Allreduce.self), bcastF: try sym("MPI_Bcast", MPIC.P.Bcast.self),
                                       barrierF: try sym("MPI_Barrier", MPIC.P.Barrier.self), abortF: try sym("MPI_Abort", MPIC.P.Abort.self),
                                       setErrhandlerF: try sym("MPI_Comm_set_errhandler", MPIC.P.SetErrhandler.self))
        case .mpich:
            calls = IntHandleCalls(rank: try sym("MPI_Comm_rank", MPIC.I.CommInt.self), size: try sym("MPI_Comm_size", MPIC.I.CommInt.self),
                                   allreduceF: try sym("MPI_Allreduce", MPIC.I.Allreduce.self), bcastF: try sym("MPI_Bcast", MPIC.I.Bcast.self),
                                   barrierF: try sym("MPI_Barrier", MPIC.I.Barrier.self), abortF: try sym("MPI_Abort", MPIC.I.Abort.self),
                                   setErrhandlerF: try sym("MPI_Comm_set_errhandler", MPIC.I.SetErrhandler.self))
        }
        return MPILibrary(path: path, flavor: flavor, version: version,
                          initThread: try sym("MPI_Init_thread", MPIC.InitThread.self), initialized: try sym("MPI_Initialized", MPIC.Flag.self),
                          finalized: try sym("MPI_Finalized", MPIC.Flag.self), finalize: try sym("MPI_Finalize", MPIC.Finalize.self),
                          errorString: try sym("MPI_Error_string", MPIC.ErrorString.self), calls: calls)
    }

    /// `MPI_Error_string` for a code.
    func message(_ code: Int32) -> String {
        var buf = [CChar](repeating: 0, count: 1024 + 1)       // MPI_MAX_ERROR_STRING: 256 (Open MPI), 512/1024 (MPICH)
        var len: Int32 = 0
        guard errorString(code, &buf, &len) == 0 else { return "unknown MPI error" }
        return String(cString: buf)
    }

    /// Throws with the function name and MPI's message when `code` is not `MPI_SUCCESS`.
    func check(_ code: Int32, _ function: String) throws(DistributedError) {
        if code != 0 { throw .call(function: function, code: code, message: message(code)) }
    }
}
