import RLSupport

/// How this process was started: by an MPI launcher (`mpirun`, `mpiexec`) with a rank and a world
/// size, or on its own. Read from the variables the launchers set, before MPI is loaded:
/// Open MPI's `OMPI_COMM_WORLD_RANK`/`_SIZE`, MPICH Hydra's `PMI_RANK`/`PMI_SIZE`, PMIx's `PMIX_RANK`
/// (with `OMPI_COMM_WORLD_SIZE` or `PMI_SIZE` for the size).
public struct LaunchEnvironment: Sendable, Equatable {
    /// This process's rank, 0 when not launched by MPI.
    public var rank: Int
    /// The number of processes, 1 when not launched by MPI.
    public var size: Int
    /// Which launcher's variables were found (`Open MPI`, `MPICH (PMI)`), nil when none.
    public var launcher: String?
    /// The rank among the processes on this node (`OMPI_COMM_WORLD_LOCAL_RANK`, Hydra's
    /// `MPI_LOCALRANKID`), the global rank when the launcher does not say.
    public var localRank: Int
    /// The number of processes on this node (`OMPI_COMM_WORLD_LOCAL_SIZE`, `MPI_LOCALNRANKS`).
    public var localSize: Int

    public init(rank: Int = 0, size: Int = 1, launcher: String? = nil, localRank: Int? = nil, localSize: Int? = nil) {
        self.rank = rank
        self.size = size
        self.launcher = launcher
        self.localRank = localRank ?? rank
        self.localSize = localSize ?? size
    }

    /// Whether several processes were started together (MPI is needed to talk between them).
    public var isMultiProcess: Bool { size > 1 }

    /// The launcher name of MPICH's Hydra (and other PMI launchers).
    public static let mpichLauncher = "MPICH (PMI)"

    /// Reads the launcher's variables from `environment`.
    public static func detect(_ environment: [String: String]) -> LaunchEnvironment {
        func int(_ k: String) -> Int? { environment[k].flatMap { Int($0.trimmingCharacters(in: " ")) } }
        if let size = int("OMPI_COMM_WORLD_SIZE"), let rank = int("OMPI_COMM_WORLD_RANK") ?? int("PMIX_RANK") {
            return LaunchEnvironment(rank: rank, size: size, launcher: "Open MPI",
                                     localRank: int("OMPI_COMM_WORLD_LOCAL_RANK"), localSize: int("OMPI_COMM_WORLD_LOCAL_SIZE"))
        }
        if let size = int("PMI_SIZE"), let rank = int("PMI_RANK") ?? int("PMIX_RANK") {
            return LaunchEnvironment(rank: rank, size: size, launcher: mpichLauncher,
                                     localRank: int("MPI_LOCALRANKID"), localSize: int("MPI_LOCALNRANKS"))
        }
        return LaunchEnvironment()
    }

    /// The process environment as a dictionary.
    public static var processEnvironment: [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { out[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return out
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
