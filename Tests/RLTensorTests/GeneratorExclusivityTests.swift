import Testing
import TestSupport
import RLSupport

/// `.usesTheTensorGenerator` runs its tests one at a time: the cases of a parameterized test (which
/// Swift Testing otherwise runs in parallel) never overlap.
@Suite struct GeneratorExclusivityTests {
    final class Occupancy: @unchecked Sendable {
        private let lock = NSLockLite()
        private var inside = 0
        private(set) var most = 0
        func enter() { lock.withLock { inside += 1; most = max(most, inside) } }
        func leave() { lock.withLock { inside -= 1 } }
        var maximum: Int { lock.withLock { most } }
    }

    static let occupancy = Occupancy()

    @Test(.usesTheTensorGenerator, arguments: 0..<6)
    func casesHoldingTheGeneratorNeverOverlap(_ i: Int) {
        Self.occupancy.enter()
        usleep(30_000)
        #expect(Self.occupancy.maximum == 1, "case \(i) ran beside another")
        Self.occupancy.leave()
    }
}
