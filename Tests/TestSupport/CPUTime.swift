import RLSupport

/// CPU time, for tests that bound how much work something takes: unlike the wall clock it does not
/// grow when other tests of the same process (Swift Testing runs them in parallel) or other
/// processes load the machine, so a limit can be tight without being flaky.
public enum CPUTime {
    /// Seconds of CPU the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`).
    public static func thread() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// The CPU seconds `body` took on the calling thread (for single-threaded work), and its result.
    public static func measure<R>(_ body: () throws -> R) rethrows -> (seconds: Double, result: R) {
        let t0 = thread()
        let r = try body()
        return (thread() - t0, r)
    }
}
