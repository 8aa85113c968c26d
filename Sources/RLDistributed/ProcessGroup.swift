import RLSupport

/// The processes of one run and the collectives between them (Lightning Fabric's world): rank,
/// size, all-reduce, broadcast, barrier, abort. A single process (no MPI launcher) is a world of
/// size 1 where every collective returns its input; with several processes each call goes to MPI.
///
/// MPI is initialised with `MPI_THREAD_SERIALIZED`: calls may come from any thread (cells run on
/// their own threads) but never two at once, which the group's lock guarantees.
public final class ProcessGroup: @unchecked Sendable {
    public let rank: Int
    public let size: Int
    /// The rank among this node's processes and their number (from the launcher; see `LaunchEnvironment`).
    public private(set) var localRank = 0
    public private(set) var localSize = 1
    /// `single process`, or the MPI library's version line.
    public let backend: String
    let mpi: MPILibrary?
    private let lock = NSLockLite()
    /// Aborts the job when a collective waits too long (MPI worlds only).
    var watchdog: CollectiveWatchdog?
    private var finalized = false
    /// All-reduce calls made, elements reduced and seconds spent in them (for the benchmark and docs).
    public private(set) var stats = Stats()

    public struct Stats: Sendable {
        public var allReduceCalls = 0
        public var allReduceElements = 0
        public var allReduceSeconds = 0.0
    }

    /// A world of one process.
    public init() {
        rank = 0; size = 1; backend = "single process"; mpi = nil
    }

    init(mpi: MPILibrary, rank: Int, size: Int) {
        self.mpi = mpi
        self.rank = rank
        self.size = size
        localRank = rank
        localSize = size
        backend = "MPI (\(mpi.flavor.rawValue): \(mpi.version))"
    }

    /// Takes the node-local rank and size the launcher reported.
    func setLocal(_ launch: LaunchEnvironment) {
        localRank = launch.localRank
        localSize = launch.localSize
    }

    /// Whether several processes take part.
    public var isDistributed: Bool { size > 1 }

    /// Starts MPI in this process (`MPI_Init_thread`), sets `MPI_ERRORS_RETURN` on the world so that
    /// every failure comes back as a code (checked, with `MPI_Error_string`), and reads rank and size.
    static func initializeMPI(_ lib: MPILibrary) throws(DistributedError) -> ProcessGroup {
        var flag: Int32 = 0
        try lib.check(lib.initialized(&flag), "MPI_Initialized")
        if flag == 0 {
            var provided: Int32 = 0
            try lib.check(lib.initThread(nil, nil, MPIFlavor.threadSerialized, &provided), "MPI_Init_thread")
            if provided < MPIFlavor.threadSerialized {
                throw .libraryUnavailable("\(lib.version) provides thread level \(provided), rlbook needs MPI_THREAD_SERIALIZED (2); use an MPI built with thread support")
            }
        }
        try lib.check(lib.calls.setErrorsReturn(), "MPI_Comm_set_errhandler")
        var r: Int32 = 0, s: Int32 = 0
        try lib.check(lib.calls.commRank(&r), "MPI_Comm_rank")
        try lib.check(lib.calls.commSize(&s), "MPI_Comm_size")
        return ProcessGroup(mpi: lib, rank: Int(r), size: Int(s))
    }

    // MARK: - Collectives on raw buffers

    /// Reduces `count` elements at `buffer` across all processes, in place (`MPI_IN_PLACE`), in chunks
    /// of at most 2³⁰ elements (MPI counts are `int`).
    public func allReduce(_ buffer: UnsafeMutableRawPointer, count: Int, element: MPIElement, op: MPIReduceOp) throws(DistributedError) {
        guard let mpi, size > 1, count > 0 else { return }
        let t0 = Clock.monotonic()
        watchdog?.set("MPI_Allreduce on rank \(rank)")
        defer { watchdog?.set(nil) }
        try lock.withLock { () throws(DistributedError) in
            var done = 0
            while done < count {
                let n = Swift.min(count - done, 1 << 30)
                try mpi.check(mpi.calls.allreduce(mpi.flavor.inPlace, buffer + done * element.size, Int32(n), element, op), "MPI_Allreduce")
                done += n
            }
        }
        stats.allReduceCalls += 1
        stats.allReduceElements += count
        stats.allReduceSeconds += Clock.monotonic() - t0
    }

    /// Sends `count` elements at `buffer` from `root` to every other process (`MPI_Bcast`).
    public func broadcast(_ buffer: UnsafeMutableRawPointer, count: Int, element: MPIElement, root: Int = 0) throws(DistributedError) {
        guard let mpi, size > 1, count > 0 else { return }
        guard (0..<size).contains(root) else { throw .invalidArgument("broadcast root \(root) is not a rank of this world (0..<\(size))") }
        watchdog?.set("MPI_Bcast on rank \(rank)")
        defer { watchdog?.set(nil) }
        try lock.withLock { () throws(DistributedError) in
            var done = 0
            while done < count {
                let n = Swift.min(count - done, 1 << 30)
                try mpi.check(mpi.calls.bcast(buffer + done * element.size, Int32(n), element, root: Int32(root)), "MPI_Bcast")
                done += n
            }
        }
    }

    /// Sums doubles across processes (small control values: losses, KL estimates, counters).
    public func allReduce(_ values: [Double], op: MPIReduceOp = .sum) throws(DistributedError) -> [Double] {
        var v = values
        if size == 1 || v.isEmpty { return v }
        let result: Result<Void, DistributedError> = v.withUnsafeMutableBytes { b in
            Result { () throws(DistributedError) in try allReduce(b.baseAddress!, count: values.count, element: .float64, op: op) }
        }
        try result.get()
        return v
    }

    /// Waits until every process reaches this point (`MPI_Barrier`).
    public func barrier() throws(DistributedError) {
        guard let mpi, size > 1 else { return }
        watchdog?.set("MPI_Barrier on rank \(rank)")
        defer { watchdog?.set(nil) }
        try lock.withLock { () throws(DistributedError) in try mpi.check(mpi.calls.barrier(), "MPI_Barrier") }
    }

    /// Stops every process of the job with `code` (`MPI_Abort`); in a single process, exits.
    public func abort(_ code: Int32) -> Never {
        if let mpi, size > 1 {
            fflush(stdout); fflush(stderr)
            _ = mpi.calls.abort(code)          // not under the lock: another thread may be blocked in a collective
        }
        exit(code)
    }

    /// Shuts MPI down (`MPI_Finalize`); later calls do nothing. Every process must call it.
    public func finalize() throws(DistributedError) {
        guard let mpi else { return }
        try lock.withLock { () throws(DistributedError) in
            if finalized { return }
            finalized = true
            var flag: Int32 = 0
            _ = mpi.finalized(&flag)
            if flag == 0 { try mpi.check(mpi.finalize(), "MPI_Finalize") }
        }
    }
}

