/// The two MPI ABIs rlbook binds. Their handles differ:
///
/// - Open MPI: `MPI_Comm`, `MPI_Datatype`, `MPI_Op`, `MPI_Errhandler` are pointers to predefined
///   objects the library exports (`MPI_COMM_WORLD` is `&ompi_mpi_comm_world`, `MPI_FLOAT` is
///   `&ompi_mpi_float`, `MPI_SUM` is `&ompi_mpi_op_sum`; see Open MPI's `ompi/include/mpi.h.in`,
///   `OMPI_PREDEFINED_GLOBAL`), and `MPI_IN_PLACE` is `(void *) 1`.
/// - MPICH (and its ABI family: Intel MPI, MVAPICH, Cray MPICH): handles are 32-bit integers with
///   fixed values (`MPI_COMM_WORLD` = 0x44000000, `MPI_FLOAT` = 0x4c00040a, `MPI_SUM` = 0x58000003;
///   see MPICH's `src/include/mpi.h.in`), and `MPI_IN_PLACE` is `(void *) -1`.
public enum MPIFlavor: String, Sendable {
    case openMPI = "Open MPI"
    case mpich = "MPICH"

    /// `MPI_THREAD_SERIALIZED` (the same value in both): cells run on their own threads, one MPI call at a time.
    static let threadSerialized: Int32 = 2

    /// `MPI_IN_PLACE` as a pointer.
    var inPlace: UnsafeMutableRawPointer {
        switch self {
        case .openMPI: return UnsafeMutableRawPointer(bitPattern: 1)!
        case .mpich: return UnsafeMutableRawPointer(bitPattern: -1)!
        }
    }

    /// MPICH's integer handles (`mpi.h`).
    enum MPICHHandle {
        static let commWorld: Int32 = 0x4400_0000
        static let float: Int32 = 0x4c00_040a
        static let double: Int32 = 0x4c00_080b
        static let sum: Int32 = 0x5800_0003
        static let max: Int32 = 0x5800_0001
        static let min: Int32 = 0x5800_0002
        static let errorsReturn: Int32 = 0x5400_0001
    }

    /// Open MPI's exported predefined objects whose addresses are the handles.
    enum OpenMPISymbol {
        static let commWorld = "ompi_mpi_comm_world"
        static let float = "ompi_mpi_float"
        static let double = "ompi_mpi_double"
        static let sum = "ompi_mpi_op_sum"
        static let max = "ompi_mpi_op_max"
        static let min = "ompi_mpi_op_min"
        static let errorsReturn = "ompi_mpi_errors_return"
    }

    /// The flavor a library version string names (`MPI_Get_library_version`), nil when unknown.
    static func from(versionString s: String) -> MPIFlavor? {
        let l = s.lowercased()
        if l.contains("open mpi") { return .openMPI }
        if l.contains("mpich") || l.contains("intel(r) mpi") || l.contains("mvapich") { return .mpich }
        return nil
    }
}
