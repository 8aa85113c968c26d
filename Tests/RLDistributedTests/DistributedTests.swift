import Testing
import RLTensor
import RLSupport
@testable import RLDistributed

@Test func launchEnvironmentReadsOpenMPIAndMPICHVariables() {
    #expect(LaunchEnvironment.detect([:]) == LaunchEnvironment())
    #expect(LaunchEnvironment.detect(["OMPI_COMM_WORLD_SIZE": "4", "OMPI_COMM_WORLD_RANK": "3"]) == LaunchEnvironment(rank: 3, size: 4, launcher: "Open MPI"))
    #expect(LaunchEnvironment.detect(["PMI_SIZE": "2", "PMI_RANK": "1"]) == LaunchEnvironment(rank: 1, size: 2, launcher: "MPICH (PMI)"))
    #expect(!LaunchEnvironment.detect(["OMPI_COMM_WORLD_SIZE": "1", "OMPI_COMM_WORLD_RANK": "0"]).isMultiProcess)
    #expect(LaunchEnvironment.detect(["PMI_SIZE": "two", "PMI_RANK": "1"]) == LaunchEnvironment())
    let multiNode = LaunchEnvironment.detect(["OMPI_COMM_WORLD_SIZE": "8", "OMPI_COMM_WORLD_RANK": "5",
                                              "OMPI_COMM_WORLD_LOCAL_RANK": "1", "OMPI_COMM_WORLD_LOCAL_SIZE": "4"])
    #expect(multiNode.localRank == 1 && multiNode.localSize == 4)
    #expect(LaunchEnvironment.detect(["PMI_SIZE": "2", "PMI_RANK": "1"]).localRank == 1)
}

@Test func flavorFromVersionString() {
    #expect(MPIFlavor.from(versionString: "Open MPI v4.1.4, package: Debian OpenMPI") == .openMPI)
    #expect(MPIFlavor.from(versionString: "MPICH Version:\t4.0.2\nMPICH Release date: ...") == .mpich)
    #expect(MPIFlavor.from(versionString: "Intel(R) MPI Library 2021.6 for Linux* OS") == .mpich)
    #expect(MPIFlavor.from(versionString: "Some other MPI") == nil)
    #expect(MPIFlavor.openMPI.inPlace == UnsafeMutableRawPointer(bitPattern: 1))
    #expect(MPIFlavor.mpich.inPlace == UnsafeMutableRawPointer(bitPattern: -1))
}

@Test func withoutALauncherTheWorldIsOneProcessAndCollectivesAreIdentities() throws {
    let g = try Distributed.make([:])
    #expect(g.rank == 0 && g.size == 1 && !g.isDistributed && g.mpi == nil)
    let t = try Tensor([1.5, -2, 3] as [Float], shape: [3])
    try g.allReduce(t, op: .sum)
    #expect(t.scalars == [1.5, -2, 3])
    let p = try Tensor([1, 2] as [Float], shape: [2])
    p.grad = try Tensor([0.25, 0.5] as [Float], shape: [2])
    try g.averageGradients([p])
    #expect(p.grad!.scalars == [0.25, 0.5])
    try g.broadcast([p])
    #expect(p.scalars == [1, 2])
    #expect(try g.allReduce([2.0, 3.0]) == [2.0, 3.0])
    try g.barrier()
    try g.finalize()
}

@Test func launchedWithoutAUsableLibraryFailsWithAnInstallHint() {
    do {
        _ = try Distributed.make(["OMPI_COMM_WORLD_SIZE": "2", "OMPI_COMM_WORLD_RANK": "1", "RLBOOK_MPI_LIB": "/nonexistent/libmpi.so"])
        Issue.record("expected an error")
    } catch {
        let m = error.description
        #expect(m.contains("rank 1 of 2"))
        #expect(m.contains("apt-get install openmpi-bin libopenmpi-dev"))
        #expect(m.contains("/nonexistent/libmpi.so"))
    }
}

@Test func allReduceRejectsIntegerTensorsWithAHint() throws {
    let g = ProcessGroup()
    let t = try Tensor([1, 2] as [Int64], shape: [2])
    #expect(throws: DistributedError.self) { try g.allReduce(t) }
}

/// The flat bucket packs every gradient of one dtype into one buffer and writes the result back in order.
@Test func gradientBucketIsOneFlatBufferPerDTypeInParameterOrder() throws {
    let a = try Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    let b = try Tensor([5] as [Float], shape: [1])
    let c = try Tensor([7, 8] as [Float], shape: [2])          // no gradient on this process
    let d = try Tensor([0.5, 0.25] as [Double], shape: [2])
    a.grad = try Tensor([0.1, 0.2, 0.3, 0.4] as [Float], shape: [2, 2])
    b.grad = try Tensor([0.5] as [Float], shape: [1])
    d.grad = try Tensor([1, 2] as [Double], shape: [2])
    var calls: [(Int, MPIElement)] = []
    for (dtype, group) in ProcessGroup.byDType([a, b, c, d]) {
        try Bucket.withFlatGradients(group, dtype: dtype) { ptr, count, element in
            calls.append((count, element))
            if element == .float32 {
                let p = ptr.assumingMemoryBound(to: Float.self)
                #expect(Array(UnsafeBufferPointer(start: p, count: count)) == [0.1, 0.2, 0.3, 0.4, 0.5, 0, 0])
                for i in 0..<count { p[i] *= 10 }
                p[5] = 1                                            // another process had a gradient for c
            } else {
                let p = ptr.assumingMemoryBound(to: Double.self)
                for i in 0..<count { p[i] += 1 }
            }
        }
    }
    #expect(calls.map(\.0) == [7, 2])
    #expect(calls.map(\.1) == [.float32, .float64])
    #expect(a.grad!.scalars.map { Float($0) } == [1, 2, 3, 4])
    #expect(b.grad!.scalars == [5])
    #expect(c.grad!.scalars == [1, 0])
    #expect(d.grad!.scalars == [2, 3])
}

@Test func bucketLeavesAMissingGradientMissingWhenEveryProcessHadNone() throws {
    let a = try Tensor([1, 2] as [Float], shape: [2])
    let b = try Tensor([3] as [Float], shape: [1])
    b.grad = try Tensor([1] as [Float], shape: [1])
    try Bucket.withFlatGradients([a, b], dtype: .float32) { _, _, _ in }
    #expect(a.grad == nil)
    #expect(b.grad!.scalars == [1])
}

/// Loads the system's MPI library (not initialised) and checks the handle ABI detection; skipped
/// visibly where no MPI is installed.
@Test(.enabled(if: { if case .success = Distributed.probeLibrary() { return true }; return false }(),
               "no MPI library here (apt-get install openmpi-bin libopenmpi-dev)"))
func systemMPILibraryLoadsAndItsABIIsDetected() throws {
    let lib = try MPILibrary.load(environment: [:])
    switch lib.flavor {
    case .openMPI:
        #expect(lib.version.contains("Open MPI"))
        #expect(lib.calls is PointerHandleCalls)
    case .mpich:
        #expect(lib.calls is IntHandleCalls)
    }
    // (MPI_Error_string may not be called before MPI_Init: Open MPI aborts the process.)
}

@Test func libraryCandidatesFollowTheLauncher() {
    #expect(MPILibrary.candidates(environment: ["RLBOOK_MPI_LIB": "/opt/x/libmpi.so"]) == ["/opt/x/libmpi.so"])
    #expect(MPILibrary.candidates(environment: [:]).first == "libmpi.so.40")
    #expect(MPILibrary.candidates(environment: ["OMPI_COMM_WORLD_SIZE": "2", "OMPI_COMM_WORLD_RANK": "0"]).first == "libmpi.so.40")
    #expect(MPILibrary.candidates(environment: ["PMI_SIZE": "2", "PMI_RANK": "0"]).first == "libmpich.so.12")
}

@Test func watchdogExpiresOnlyForACallInFlightPastTheLimit() throws {
    #expect(CollectiveWatchdog(environment: ["RLBOOK_COLLECTIVE_TIMEOUT": "0"], onTimeout: { _ in }) == nil)
    let w = try #require(CollectiveWatchdog(environment: ["RLBOOK_COLLECTIVE_TIMEOUT": "5"], onTimeout: { _ in }))
    #expect(w.limit == 5)
    #expect(CollectiveWatchdog(environment: [:], onTimeout: { _ in })?.limit == 600)
    let now = Clock.monotonic()
    #expect(w.expired(now: now + 100) == nil)                 // nothing in flight
    w.set("MPI_Barrier on rank 0")
    #expect(w.expired(now: Clock.monotonic() + 1) == nil)
    let m = try #require(w.expired(now: Clock.monotonic() + 6))
    #expect(m.contains("MPI_Barrier on rank 0") && m.contains("RLBOOK_COLLECTIVE_TIMEOUT"))
    w.set(nil)
    #expect(w.expired(now: Clock.monotonic() + 100) == nil)
}
