import Testing
import RLSupport

/// Runs the tests that touch the tensor generator one at a time.
///
/// `Tensor.generator` (`manualSeed`, `Tensor.rand`, layer initialisers, sampling, agents, and book
/// runs in this process with a seed, which reseed it at the start) is one object per process, and
/// Swift Testing runs the tests of every target side by side in one process. A test that seeds it and
/// relies on what follows (exact values, two runs compared, a learning curve whose threshold holds
/// for its seed: a small ReLU network on XOR fails for 1 seed in 30) saw other tests' draws and
/// reseeds in between, and a reseed replaces the generator object while another thread may be
/// drawing from it. Tests that draw from or seed the generator in this process carry
/// `.usesTheTensorGenerator` (on a suite, its tests do); they run one at a time while the other
/// tests run beside them as before. Tests whose books run in their own `rlbook` process, or use no
/// tensors drawn at random and no seed (environments have generators of their own), need not.
///
/// The wait is asynchronous (polled), so a waiting test holds no thread of the test pool.
public struct TensorGeneratorTrait: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // Re-entrant: the trait on a suite and on one of its tests.
        if TensorGeneratorAccess.isHeld { return try await function() }
        await TensorGeneratorAccess.acquire()
        defer { TensorGeneratorAccess.release() }
        try await TensorGeneratorAccess.$isHeld.withValue(true) { try await function() }
    }
}

extension Trait where Self == TensorGeneratorTrait {
    /// The test draws from or seeds `Tensor.generator` in this process: it runs alone among such tests.
    public static var usesTheTensorGenerator: Self { Self() }
}

enum TensorGeneratorAccess {
    @TaskLocal static var isHeld = false
    private static let lock = NSLockLite()
    nonisolated(unsafe) private static var busy = false

    static func acquire() async {
        while !lock.withLock({ busy ? false : { busy = true; return true }() }) {
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
    }

    static func release() { lock.withLock { busy = false } }
}
