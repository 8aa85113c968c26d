/// Everything that can go wrong in `RLDistributed`, each with what happened and what to do.
public enum DistributedError: Error, Sendable, CustomStringConvertible {
    /// The process was started by `mpirun` (several ranks) but no usable MPI library could be loaded.
    case libraryUnavailable(String)
    /// A symbol rlbook needs is missing from the loaded MPI library.
    case missingSymbol(library: String, symbol: String)
    /// An MPI call returned an error code; `message` is `MPI_Error_string`'s text.
    case call(function: String, code: Int32, message: String)
    /// A buffer rlbook cannot reduce (wrong dtype, not contiguous, sizes that differ between ranks).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let m): return m
        case .missingSymbol(let lib, let sym):
            return "the MPI library \(lib) has no symbol '\(sym)'; it is not an Open MPI or MPICH build rlbook knows. Point RLBOOK_MPI_LIB at libmpi.so of Open MPI 4+ or MPICH 3.3+"
        case .call(let f, let code, let m): return "\(f) failed with MPI error \(code): \(m)"
        case .invalidArgument(let m): return m
        }
    }
}
