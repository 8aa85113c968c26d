import BookRuntime
import RLDistributed
import RLSupport

/// `rlbook run --np N BOOK ...`: runs `mpirun -np N <this rlbook> run BOOK ...` (the same arguments
/// without `--np`) and exits with its status, so `--np 2` is shorthand for launching under MPI by
/// hand, except that Ctrl-C gives 130 as in a single process.
enum MPILauncher {
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

    /// Runs `rlbook run` with `arguments` (without `--np`) under `mpirun -np N`; returns the exit code.
    static func exec(np: Int, arguments: [String]) -> Int32 {
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
        // When Open MPI stops a job it sends SIGCONT, waits this many seconds, SIGTERM, waits again,
        // SIGKILL (orte/mca/odls/base/odls_base_default_fns.c), 1 s by default. Rank 0 on another
        // host learns of a failure only from that SIGTERM and needs a little longer than 1 s to write
        // the partial report; ranks on this host tell rank 0 directly (`RankZeroContact`).
        if env["OMPI_MCA_odls_base_sigkill_timeout"] == nil { setenv("OMPI_MCA_odls_base_sigkill_timeout", "2", 1) }
        fflush(stdout); fflush(stderr)
        return spawnAndWait(cmd)
    }

    /// Runs `cmd` as a child in this process group (Ctrl-C at the terminal reaches `mpirun` and the
    /// ranks as usual) and returns its exit status, except that a job stopped by Ctrl-C exits with
    /// 130 like a single-process run (`mpirun` itself exits with 1 then). SIGTERM and SIGHUP sent to
    /// this process are passed on to `mpirun`.
    static func spawnAndWait(_ cmd: [String]) -> Int32 {
        var cargs: [UnsafeMutablePointer<CChar>?] = cmd.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        // mpirun runs in a process group of its own with stdin from /dev/null (nothing reads it),
        // so Ctrl-C at the terminal reaches this process alone, which stops the ranks itself (see
        // below); mpirun's own Ctrl-C path waits its kill timeout before SIGTERM.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, cmd[0], &files, &attr, &cargs, environ)
        guard rc == 0 else {
            fputs("error: cannot start \(cmd[0]): \(String(cString: strerror(rc)))\n", stderr)
            return 69
        }
        launcherChild = pid
        signal(SIGINT) { _ in launcherInterrupted += 1 }
        signal(SIGTERM) { sig in if launcherChild > 0 { kill(launcherChild, sig) } }
        signal(SIGHUP) { sig in if launcherChild > 0 { kill(launcherChild, sig) } }
        var status: Int32 = 0
        var relayed: Int32 = 0
        var relayedAt = 0.0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { return 70 }
            // Ctrl-C: the ranks on this host get SIGINT, so each stops its cell within a second as
            // without MPI, and rank 0 writes the report as interrupted. Where no rank runs here
            // (another host), or the job still runs 10 s later, mpirun gets it and stops the job
            // its own way (SIGTERM to every rank, SIGKILL after its kill timeout).
            if launcherInterrupted > relayed {
                relayed = launcherInterrupted
                relayedAt = Clock.monotonic()
                let ranks = localRanks(of: pid)
                for rank in ranks { kill(rank, SIGINT) }
                if ranks.isEmpty || relayed > 1 { kill(pid, SIGINT) }
            } else if relayed > 0 && relayedAt > 0 && Clock.monotonic() - relayedAt > 10 {
                kill(pid, SIGINT)
                relayedAt = 0
            }
            usleep(20_000)
        }
        if launcherInterrupted != 0 { return 130 }
        let low = status & 0x7f
        if low == 0 { return (status >> 8) & 0xff }            // exited
        return 128 + low                                       // killed by a signal
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
    /// Processes under `parent` (on this host) running this same executable: the ranks mpirun
    /// started here. Empty where /proc is missing.
    static func localRanks(of parent: pid_t) -> [pid_t] {
        var parentOf: [pid_t: pid_t] = [:]
        for name in FileIO.listDirectory("/proc") {
            guard let pid = pid_t(name), let stat = try? FileIO.read("/proc/\(name)/stat") else { continue }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses; read after the last ')'.
            let text = String(decoding: stat, as: UTF8.self)
            guard let close = text.lastIndex(of: ")") else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            if fields.count > 1, let ppid = pid_t(fields[1]) { parentOf[pid] = ppid }
        }
        let me = selfExecutable()
        return parentOf.keys.filter { pid in
            var p = parentOf[pid] ?? 0, hops = 0
            while p > 1 && p != parent && hops < 64 { p = parentOf[p] ?? 0; hops += 1 }
            guard p == parent else { return false }
            var buf = [CChar](repeating: 0, count: 4096)
            let n = readlink("/proc/\(pid)/exe", &buf, buf.count - 1)
            return n > 0 && String(cString: buf) == me
        }
    }

    /// `run` arguments without `--np N` / `--np=N`.
    static func removingNP(_ args: [String]) -> [String] {
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

/// The `mpirun` child of `--np`, and whether Ctrl-C was pressed (written by signal handlers).
nonisolated(unsafe) private var launcherChild: pid_t = 0
nonisolated(unsafe) private var launcherInterrupted: Int32 = 0
