import Testing
import BookRuntime
@testable import rlbook

// `rlbook run --np N`: the mpirun command line the launcher builds, and its errors.
@Test func mpirunCommandLineAndItsErrors() throws {
    let cmd = try MPILauncher.command(np: 2, arguments: ["t.md", "--quiet"], environment: [:], executable: "/x/rlbook",
                                      isRoot: false, cores: 2, mpirun: "/usr/bin/mpirun")
    #expect(cmd == ["/usr/bin/mpirun", "-np", "2", "/x/rlbook", "run", "t.md", "--quiet"])
    do {
        _ = try MPILauncher.command(np: 2, arguments: ["t.md"], environment: [:], executable: "rlbook", isRoot: false, cores: 2, mpirun: nil)
        Issue.record("expected an error without mpirun")
    } catch {
        #expect(error.exitCode == 69)
        #expect(error.description.contains("apt-get install openmpi-bin libopenmpi-dev"))
    }
}

@Test func theLauncherFindsNoRanksUnderAProcessWithoutChildren() {
    // The ranks of `--np` are found among mpirun's descendants running this executable; a process
    // with no children has none (and a missing /proc gives none rather than failing).
    #expect(MPILauncher.localRanks(of: 999_999_999).isEmpty)
}
