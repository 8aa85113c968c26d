import RLDistributed
import RLSupport

/// `rlbook run --np N BOOK ...`: replaces this process with `mpirun -np N <this rlbook> run BOOK ...`
/// (the same arguments without `--np`), so `--np 2` is shorthand for launching under MPI by hand.
public enum MPILauncher {
    /// The command line to exec, or why it cannot be built.
    static func command(np: Int, arguments: [String], environment: [String: String], executable: String,
                        isRoot: Bool, cores: Int, mpirun: String?) throws(RunError) -> [String] {
        guard np >= 1 else { throw .usage("--np needs a positive number of processes, got \(np)") }
        guard let mpirun else {
            throw .backendUnavailable("--np \(np) runs the book under MPI, but no 'mpirun' (or 'mpiexec') is on the PATH. Install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev; macOS: brew install open-mpi), or run without --np")
        }
        if isRoot && environment["OMPI_ALLOW_RUN_AS_ROOT"] != "1" && isOpenMPI(mpirun) {
            throw .usage("Open MPI refuses to run as root unless asked to: run as another user, or set OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 (e.g. OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 rlbook run --np \(np) ...)")
        }
        var cmd = [mpirun, "-np", String(np)]
        if np > cores && isOpenMPI(mpirun) { cmd.append("--oversubscribe") }
        return cmd + [executable, "run"] + arguments
    }

    /// Runs `rlbook run` with `arguments` (without `--np`) under `mpirun -np N`; returns only on failure.
    public static func exec(np: Int, arguments: [String]) -> Int32 {
        let env = LaunchEnvironment.processEnvironment
        if LaunchEnvironment.detect(env).isMultiProcess {
            fputs("error: --np was given to a process that mpirun already started; use either 'mpirun -np N rlbook run BOOK' or 'rlbook run --np N BOOK'\n", stderr)
            return 64
        }
        let cmd: [String]
        do {
            cmd = try command(np: np, arguments: arguments, environment: env, executable: selfExecutable(),
                              isRoot: getuid() == 0, cores: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))), mpirun: findMPIRun(env))
        } catch {
            fputs(error.description + "\n", stderr)
            return error.exitCode
        }
        // Open MPI gives processes 1 s between SIGTERM and SIGKILL when it stops a job; rank 0 needs
        // a little longer to write the partial report.
        if env["OMPI_MCA_odls_base_sigkill_timeout"] == nil { setenv("OMPI_MCA_odls_base_sigkill_timeout", "5", 1) }
        fflush(stdout); fflush(stderr)
        var cargs: [UnsafeMutablePointer<CChar>?] = cmd.map { strdup($0) } + [nil]
        execv(cmd[0], &cargs)
        fputs("error: cannot start \(cmd[0]): \(String(cString: strerror(errno)))\n", stderr)
        return 69
    }

    /// `mpirun` or `mpiexec` on the PATH.
    static func findMPIRun(_ env: [String: String]) -> String? {
        let dirs = (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["mpirun", "mpiexec"] {
            for d in dirs where access(d + "/" + name, X_OK) == 0 { return d + "/" + name }
        }
        return nil
    }

    /// Whether `mpirun` is Open MPI's (its real name is `orterun` or `prterun`, or `--version` says so).
    static func isOpenMPI(_ mpirun: String) -> Bool {
        if let real = realpath(mpirun, nil) {
            let target = String(cString: real)
            free(real)
            if target.contains("orterun") || target.contains("prterun") || target.contains("opal") { return true }
            if target.contains("hydra") || target.contains("mpich") { return false }
        }
        if case .success(let d) = Distributed.probeLibrary() { return d.hasPrefix("Open MPI") }
        return false
    }

    /// The running executable's path.
    static func selfExecutable() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(cString: buf) }
        return CommandLine.arguments.first ?? "rlbook"
    }
}

extension MPILauncher {
    /// `run` arguments without `--np N` / `--np=N`.
    public static func removingNP(_ args: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--np" { i += 2; continue }
            if args[i].hasPrefix("--np=") { i += 1; continue }
            out.append(args[i])
            i += 1
        }
        return out
    }
}
