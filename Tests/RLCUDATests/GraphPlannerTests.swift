import Testing
@testable import RLCUDA

/// A fake executor: "capturing" records the step's work instead of doing it; launching replays it.
final class FakeGraphs: GraphExecutor {
    struct Failure: Error {}
    var log: [String] = []
    var recording: [String]? = nil
    var failCapture = false
    var destroyed = 0
    func capture(_ body: () throws -> Void) throws -> [String] {
        if failCapture { throw Failure() }
        recording = []
        try body()
        defer { recording = nil }
        return recording ?? []
    }
    func launch(_ graph: [String]) throws { log += graph }
    func destroy(_ graph: [String]) { destroyed += 1 }
    func work(_ s: String) { if recording != nil { recording!.append(s) } else { log.append(s) } }
}

@Suite struct GraphPlannerTests {
    @Test func warmsUpThenCapturesThenReplays() throws {
        let ex = FakeGraphs()
        let planner = GraphPlanner<FakeGraphs, [Int]>(executor: ex, warmupRuns: 2)
        var modes: [GraphPlanner<FakeGraphs, [Int]>.Mode] = []
        for _ in 0..<5 { modes.append(try planner.run([32, 4, 84, 84]) { ex.work("fwd"); ex.work("bwd"); ex.work("adam") }) }
        #expect(modes == [.eager, .eager, .captured, .replayed, .replayed])
        #expect(ex.log.count == 15)                    // the work ran exactly once per call
        #expect(planner.graphCount == 1)
    }

    @Test func aNewShapeIsANewGraph() throws {
        let ex = FakeGraphs()
        let planner = GraphPlanner<FakeGraphs, [Int]>(executor: ex, warmupRuns: 0)
        #expect(try planner.run([32]) { ex.work("a") } == .captured)
        #expect(try planner.run([16]) { ex.work("a") } == .captured)
        #expect(try planner.run([32]) { ex.work("a") } == .replayed)
        #expect(planner.graphCount == 2)
        planner.invalidate()
        #expect(ex.destroyed == 2 && planner.graphCount == 0)
        #expect(try planner.run([32]) { ex.work("a") } == .captured)
    }

    @Test func aFailedCaptureStaysEagerAndKeepsTheReason() throws {
        let ex = FakeGraphs()
        ex.failCapture = true
        let planner = GraphPlanner<FakeGraphs, String>(executor: ex, warmupRuns: 1)
        let modes = try (0..<4).map { _ in try planner.run("dqn") { ex.work("step") } }
        #expect(modes == [.eager, .eager, .eager, .eager])
        #expect(ex.log == ["step", "step", "step", "step"])
        #expect(planner.failures["dqn"] != nil)
    }
}
