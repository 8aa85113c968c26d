import RLSupport

/// The `rlbook` binary built next to the tests (cache tests run books in their own process: the
/// tensor generator is global, and other tests draw from it in parallel).
let rlbookBinary: String? = {
    for p in [".build/debug/rlbook", ".build/release/rlbook"] where FileIO.exists(packageRoot + "/" + p) { return packageRoot + "/" + p }
    return nil
}()

/// A running `rlbook` process whose stdout and stderr go to files.
struct RLBookProcess {
    let pid: pid_t
    let stdoutFile: String
    let stderrFile: String

    init(_ args: [String], logs dir: String) {
        let tag = UInt32.random(in: 0...UInt32.max)
        stdoutFile = dir + "/stdout-\(tag).txt"
        stderrFile = dir + "/stderr-\(tag).txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([rlbookBinary ?? "rlbook"] + args).map { strdup($0) } + [nil]
        var pid: pid_t = 0
        _ = posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ)
        posix_spawn_file_actions_destroy(&actions)
        for a in argv { free(a) }
        self.pid = pid
    }

    /// Waits for the process; its exit status, and what it printed.
    func wait() -> (code: Int32, stdout: String, stderr: String) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (p: String) in (try? FileIO.read(p)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return (code, read(stdoutFile), read(stderrFile))
    }
}

extension RLBookProcess {
    /// Waits for the process, killing it once it has run `limit` seconds (a hang): its exit status,
    /// what it printed, the CPU time it used (user and system, its threads only: unlike the wall
    /// clock, other tests and processes loading the machine do not add to it), its wall time, and
    /// whether it was killed.
    func waitWithCPUTime(killAfter limit: Double) -> (code: Int32, stdout: String, stderr: String, cpuSeconds: Double, wallSeconds: Double, killed: Bool) {
        let start = Clock.monotonic()
        var status: Int32 = 0
        var usage = rusage()
        var killed = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if !killed && Clock.monotonic() - start > limit {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(10_000)
        }
        let wall = Clock.monotonic() - start
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (p: String) in (try? FileIO.read(p)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return (code, read(stdoutFile), read(stderrFile), cpu, wall, killed)
    }
}

/// Runs `rlbook` to the end.
func rlbook(_ args: [String], logs dir: String) -> (code: Int32, stdout: String, stderr: String) {
    RLBookProcess(args, logs: dir).wait()
}

