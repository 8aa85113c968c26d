import Dispatch
import Testing
import RLSupport
@testable import RLTensor

/// `Threads.parallelFor` on the persistent `WorkerPool`: every index runs exactly once, loops started
/// while another holds the pool (nested, or from other threads) fall back and still run every index,
/// and the pool's many short loops in a row (a batch-1 forward pass) never lose or repeat one.
@Suite struct WorkerPoolTests {
    /// Counts how often each index ran.
    final class Counts: @unchecked Sendable {
        let lock = NSLockLite()
        var counts: [Int]
        init(_ n: Int) { counts = [Int](repeating: 0, count: n) }
        func hit(_ i: Int) { lock.withLock { counts[i] += 1 } }
    }

    @Test func everyIndexRunsOnceInManyShortLoops() {
        for n in [2, 3, 7, 64, 1000] {
            for _ in 0..<200 {
                let c = Counts(n)
                Threads.parallelFor(n) { i in c.hit(i) }
                #expect(c.counts.allSatisfy { $0 == 1 }, "n \(n): \(c.counts.filter { $0 != 1 }.count) indices ran other than once")
            }
        }
    }

    @Test func nestedLoopsAndLoopsFromOtherThreadsRunEveryIndex() {
        let outer = 8, inner = 16
        let c = Counts(outer * inner)
        Threads.parallelFor(outer) { o in
            Threads.parallelFor(inner) { i in c.hit(o * inner + i) }
        }
        #expect(c.counts.allSatisfy { $0 == 1 })

        let callers = 4, loops = 100, n = 32
        let all = Counts(callers * n)
        DispatchQueue.concurrentPerform(iterations: callers) { t in
            for _ in 0..<loops { Threads.parallelFor(n) { i in all.hit(t * n + i) } }
        }
        #expect(all.counts.allSatisfy { $0 == loops })
    }

    /// Many tiny loops back to back: a worker that read a loop's state just as it ended must not claim an
    /// index of the next one under the old generation (it ran that index with the new body, possibly
    /// twice, and counted it, so the loop could end while an iteration still ran: the caller then left
    /// `withoutActuallyEscaping` with the closure still held, which traps). Crashed 4 runs in 6 before
    /// the fix, and stopped a DQN benchmark once.
    @Test func workersHoldNoReferenceToALoopAfterItEnds() {
        let pool = WorkerPool(workers: 3)
        final class Box: @unchecked Sendable { var x = [Int](repeating: 0, count: 4) }
        var wrong = 0
        for k in 0..<200_000 {
            let b = Box(), n = 2 + k % 3
            _ = pool.run(n) { i in b.x[i] &+= 1 }
            if b.x[0..<n].contains(where: { $0 != 1 }) { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) loops ran an index other than once")
    }

    @Test func aPoolWithoutWorkersDeclines() {
        let pool = WorkerPool(workers: 0)
        var ran = false
        #expect(!pool.run(4) { _ in ran = true })
        #expect(!ran)
    }

    @Test func theSamePoolRunsLoopsAfterItsWorkersSlept() {
        let pool = WorkerPool(workers: 2)
        for pause in [0.0, 0.002, 0.0] {
            if pause > 0 { usleep(UInt32(pause * 1e6)) }   // past the spin: the workers sleep
            let c = Counts(50)
            #expect(pool.run(50) { i in c.hit(i) })
            #expect(c.counts.allSatisfy { $0 == 1 })
        }
    }
}
