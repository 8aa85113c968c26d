import Dispatch
import RLSupport
import Synchronization

/// Persistent worker threads for `Threads.parallelFor`, woken in about a microsecond.
///
/// `DispatchQueue.concurrentPerform` wakes a sleeping Dispatch worker for every parallel loop: tens of
/// µs on a virtual machine, which a batch-1 forward pass (four loops of 50-100 µs each: DQN's
/// `predict`) paid four times, so two threads ran it slower than one (0.74-0.91 ms against
/// 0.57-0.62 ms per frame on a 2-core Zen 3 VM). Here the workers spin for a short while after each
/// loop before they sleep (as OpenMP runtimes and PyTorch's pool do), so loops that follow one
/// another start at once, and a loaded machine pays only the short spin.
///
/// One loop at a time: a loop started while another runs (a nested loop, or a second thread's)
/// falls back to `concurrentPerform`. Iterations are claimed one by one from a counter tagged with
/// the loop's generation, so a worker that wakes late can never claim an index of a later loop,
/// and the caller claims iterations too: if the workers are not running, it does the whole loop
/// itself. Which thread runs an iteration never changes a result (kernels give whole rows, columns
/// or blocks to an iteration).
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool(workers: getenv("RLBOOK_NO_POOL") != nil ? 0 : Threads.count - 1)

    /// How long a worker spins for the next loop before it sleeps (seconds).
    static let spinSeconds = 0.000_2
    /// The index part of the state while a loop is being set up (no loop has this many iterations).
    private static let closed = 0xffff_ffff

    private let workers: Int
    /// The running loop's generation (high bits) and its next unclaimed index (low 32 bits).
    private let state = Atomic<Int>(0)
    /// Iterations of the running loop finished.
    private let done = Atomic<Int>(0)
    /// Whether a loop holds the pool.
    private let busy = Atomic<Bool>(false)
    /// Workers asleep (or about to be) on `wake`.
    private let sleepers = Atomic<Int>(0)
    private let wake = DispatchSemaphore(value: 0)
    private let startLock = NSLockLite()
    private let started = Atomic<Bool>(false)
    /// The running loop (valid while an index of it is claimed but not finished).
    nonisolated(unsafe) private var body: ((Int) -> Void)?
    nonisolated(unsafe) private var count = 0

    init(workers: Int) { self.workers = max(0, workers) }

    /// Runs `body(i)` for i in 0..<n on the caller and the workers; false (nothing run) when the pool
    /// is taken or has no workers.
    func run(_ n: Int, _ body: (Int) -> Void) -> Bool {
        guard workers > 0, n < 1 << 31,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        if !started.load(ordering: .acquiring) { startWorkers() }
        withoutActuallyEscaping(body) { body in
            // Close the previous loop before its body and count change: a worker that read that loop's
            // state just before it ended (its last index, then the new count) could otherwise claim an
            // index with the old generation, run it with the new body and count it as done, so the
            // loop ended while an iteration still ran (and `withoutActuallyEscaping` trapped). With the
            // state moved on, such a claim fails. The new generation opens with no index claimable.
            let generation = (state.load(ordering: .relaxed) >> 32) + 1
            state.store(generation << 32 | Self.closed, ordering: .sequentiallyConsistent)
            self.body = body
            count = n
            done.store(0, ordering: .relaxed)
            state.store(generation << 32, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                for _ in 0..<min(workers, n - 1) { wake.signal() }
            }
            work(generation)
            var spins = 0
            while done.load(ordering: .acquiring) < n {
                spins += 1
                if spins > 1_000 { sched_yield() }
            }
            self.body = nil
        }
        return true
    }

    /// Claims and runs iterations of the loop of `generation` until none is left.
    private func work(_ generation: Int) {
        while true {
            let v = state.load(ordering: .acquiring)
            guard v >> 32 == generation else { return }
            let i = v & 0xffff_ffff
            if i == Self.closed { continue }   // being opened: its body and count are being set
            guard i < count else { return }
            guard state.compareExchange(expected: v, desired: v + 1, ordering: .acquiringAndReleasing).exchanged else { continue }
            runIteration(i)
            done.add(1, ordering: .releasing)
        }
    }

    /// Runs one claimed iteration out of line, so the reference to `body` it takes is released before it
    /// returns, hence before `done` counts the iteration (inlined, the release could move past it).
    @inline(never)
    private func runIteration(_ i: Int) {
        body.unsafelyUnwrapped(i)
    }

    /// Starts the workers once. Should a thread fail to start, loops still end: the caller claims
    /// whatever no worker does.
    private func startWorkers() {
        startLock.withLock {
            if !started.load(ordering: .relaxed) {
                for _ in 0..<workers { _ = Platform.startDetachedThread { [self] in workerLoop() } }
                started.store(true, ordering: .releasing)
            }
        }
    }

    private func workerLoop() {
        var seen = state.load(ordering: .acquiring) >> 32
        while true {
            // spin for the next loop, then sleep until one is started
            let deadline = Clock.monotonic() + Self.spinSeconds
            var generation = seen
            var polls = 0
            while generation == seen {
                generation = state.load(ordering: .acquiring) >> 32
                if generation != seen { break }
                polls += 1
                if polls & 63 == 0 && Clock.monotonic() > deadline {
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    generation = state.load(ordering: .sequentiallyConsistent) >> 32
                    if generation == seen { wake.wait() }
                    sleepers.subtract(1, ordering: .acquiringAndReleasing)
                    generation = state.load(ordering: .acquiring) >> 32
                }
            }
            seen = generation
            work(generation)
        }
    }
}
