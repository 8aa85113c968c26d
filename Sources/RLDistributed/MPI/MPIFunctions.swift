/// C signatures of the MPI functions rlbook calls (MPI 3.1, `mpi.h`), for both handle ABIs.
///
/// Functions without handles are shared; those taking `MPI_Comm`/`MPI_Datatype`/`MPI_Op`/
/// `MPI_Errhandler` come twice: handles as pointers (Open MPI) and as `int` (MPICH).
enum MPIC {
    typealias InitThread = @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?, Int32, UnsafeMutablePointer<Int32>) -> Int32
    typealias Flag = @convention(c) (UnsafeMutablePointer<Int32>) -> Int32
    typealias Finalize = @convention(c) () -> Int32
    typealias ErrorString = @convention(c) (Int32, UnsafeMutablePointer<CChar>, UnsafeMutablePointer<Int32>) -> Int32
    typealias LibraryVersion = @convention(c) (UnsafeMutablePointer<CChar>, UnsafeMutablePointer<Int32>) -> Int32

    /// Open MPI: handles are pointers to predefined objects.
    enum P {
        typealias CommInt = @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>) -> Int32
        typealias Allreduce = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, OpaquePointer, OpaquePointer, OpaquePointer) -> Int32
        typealias Bcast = @convention(c) (UnsafeMutableRawPointer?, Int32, OpaquePointer, Int32, OpaquePointer) -> Int32
        typealias Barrier = @convention(c) (OpaquePointer) -> Int32
        typealias Abort = @convention(c) (OpaquePointer, Int32) -> Int32
        typealias SetErrhandler = @convention(c) (OpaquePointer, OpaquePointer) -> Int32
    }

    /// MPICH: handles are 32-bit integers.
    enum I {
        typealias CommInt = @convention(c) (Int32, UnsafeMutablePointer<Int32>) -> Int32
        typealias Allreduce = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32) -> Int32
        typealias Bcast = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32, Int32, Int32) -> Int32
        typealias Barrier = @convention(c) (Int32) -> Int32
        typealias Abort = @convention(c) (Int32, Int32) -> Int32
        typealias SetErrhandler = @convention(c) (Int32, Int32) -> Int32
    }
}

/// The element types rlbook reduces.
public enum MPIElement: Sendable {
    case float32, float64
    var size: Int { self == .float32 ? 4 : 8 }
}

/// Reduction operators (`MPI_SUM`, `MPI_MAX`, `MPI_MIN`).
public enum MPIReduceOp: String, Sendable {
    case sum, max, min
}

/// The handle-taking calls, one implementation per ABI. Each returns MPI's error code.
protocol MPIHandleCalls: Sendable {
    func commRank(_ out: UnsafeMutablePointer<Int32>) -> Int32
    func commSize(_ out: UnsafeMutablePointer<Int32>) -> Int32
    func allreduce(_ send: UnsafeRawPointer?, _ recv: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, _ op: MPIReduceOp) -> Int32
    func bcast(_ buf: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, root: Int32) -> Int32
    func barrier() -> Int32
    func abort(_ code: Int32) -> Int32
    func setErrorsReturn() -> Int32
}

/// Open MPI's calls: handles are the addresses of `ompi_mpi_*` globals.
struct PointerHandleCalls: MPIHandleCalls, @unchecked Sendable {
    let world, float, double, sum, max, min, errorsReturn: OpaquePointer
    let rank, size: MPIC.P.CommInt
    let allreduceF: MPIC.P.Allreduce
    let bcastF: MPIC.P.Bcast
    let barrierF: MPIC.P.Barrier
    let abortF: MPIC.P.Abort
    let setErrhandlerF: MPIC.P.SetErrhandler

    func dtype(_ t: MPIElement) -> OpaquePointer { t == .float32 ? float : double }
    func op(_ o: MPIReduceOp) -> OpaquePointer { o == .sum ? sum : (o == .max ? max : min) }
    func commRank(_ out: UnsafeMutablePointer<Int32>) -> Int32 { rank(world, out) }
    func commSize(_ out: UnsafeMutablePointer<Int32>) -> Int32 { size(world, out) }
    func allreduce(_ send: UnsafeRawPointer?, _ recv: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, _ o: MPIReduceOp) -> Int32 {
        allreduceF(send, recv, count, dtype(type), op(o), world)
    }
    func bcast(_ buf: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, root: Int32) -> Int32 { bcastF(buf, count, dtype(type), root, world) }
    func barrier() -> Int32 { barrierF(world) }
    func abort(_ code: Int32) -> Int32 { abortF(world, code) }
    func setErrorsReturn() -> Int32 { setErrhandlerF(world, errorsReturn) }
}

/// MPICH's calls: handles are fixed integers.
struct IntHandleCalls: MPIHandleCalls, @unchecked Sendable {
    typealias H = MPIFlavor.MPICHHandle
    let rank, size: MPIC.I.CommInt
    let allreduceF: MPIC.I.Allreduce
    let bcastF: MPIC.I.Bcast
    let barrierF: MPIC.I.Barrier
    let abortF: MPIC.I.Abort
    let setErrhandlerF: MPIC.I.SetErrhandler

    func dtype(_ t: MPIElement) -> Int32 { t == .float32 ? H.float : H.double }
    func op(_ o: MPIReduceOp) -> Int32 { o == .sum ? H.sum : (o == .max ? H.max : H.min) }
    func commRank(_ out: UnsafeMutablePointer<Int32>) -> Int32 { rank(H.commWorld, out) }
    func commSize(_ out: UnsafeMutablePointer<Int32>) -> Int32 { size(H.commWorld, out) }
    func allreduce(_ send: UnsafeRawPointer?, _ recv: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, _ o: MPIReduceOp) -> Int32 {
        allreduceF(send, recv, count, dtype(type), op(o), H.commWorld)
    }
    func bcast(_ buf: UnsafeMutableRawPointer, _ count: Int32, _ type: MPIElement, root: Int32) -> Int32 { bcastF(buf, count, dtype(type), root, H.commWorld) }
    func barrier() -> Int32 { barrierF(H.commWorld) }
    func abort(_ code: Int32) -> Int32 { abortF(H.commWorld, code) }
    func setErrorsReturn() -> Int32 { setErrhandlerF(H.commWorld, H.errorsReturn) }
}
