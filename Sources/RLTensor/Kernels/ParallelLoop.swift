/// RLTensor's parallel loop for other modules (an optimizer's update of a large tensor, a clip's sums of
/// squares): `body(i)` for i in 0..<n on the calling thread and the kernels' persistent workers, which
/// are spinning right after a backward pass, where `DispatchQueue.concurrentPerform` would wake a
/// Dispatch thread (tens of µs) while a worker still spins for the next loop (three threads on two
/// cores). Which thread runs an iteration never matters to a caller that gives each iteration its own
/// elements, so results do not depend on it.
public enum ParallelLoop {
    /// Worker threads the kernels use (`RLBOOK_THREADS`, else the online CPUs).
    public static var threads: Int { Threads.count }

    /// Runs `body(i)` for i in 0..<n, in parallel when n > 1.
    public static func run(_ n: Int, _ body: (Int) -> Void) { Threads.parallelFor(n, body) }
}
