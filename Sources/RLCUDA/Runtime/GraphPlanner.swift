/// Something that can record a stream's work into a CUDA graph and replay it (the driver on a GPU, a fake in tests).
public protocol GraphExecutor: AnyObject {
    associatedtype Graph
    /// Runs `body` under stream capture and returns the instantiated graph (the work is recorded, not run).
    func capture(_ body: () throws -> Void) throws -> Graph
    /// Launches a captured graph on the stream.
    func launch(_ graph: Graph) throws
    /// Destroys a captured graph.
    func destroy(_ graph: Graph)
}

/// CUDA-graph bookkeeping for fixed-shape hot paths (a DQN/PPO update step), keyed by a signature of
/// the step's shapes: the first `warmupRuns` calls of a key run eagerly (so kernels are loaded and the
/// caching allocator has all its blocks — capture must not allocate), the next call is captured and
/// launched, and later calls replay the graph. A capture that fails leaves that key eager for good,
/// with the reason kept for a one-time message. `invalidate()` drops every graph (e.g. when the
/// parameters' buffers are reallocated, since a graph replays fixed addresses).
public final class GraphPlanner<Executor: GraphExecutor, Key: Hashable> {
    public enum Mode: Equatable { case eager, captured, replayed }

    private enum State { case warming(Int), ready(Executor.Graph), failed(String) }

    public let executor: Executor
    public let warmupRuns: Int
    private var states: [Key: State] = [:]
    /// Why capture failed, per key (for a one-time message).
    public private(set) var failures: [Key: String] = [:]

    public init(executor: Executor, warmupRuns: Int = 2) {
        self.executor = executor
        self.warmupRuns = max(0, warmupRuns)
    }

    /// Runs `step` for `key` eagerly, or as a captured graph, and says which happened.
    @discardableResult
    public func run(_ key: Key, _ step: () throws -> Void) throws -> Mode {
        switch states[key] ?? .warming(0) {
        case .warming(let n) where n < warmupRuns:
            try step()
            states[key] = .warming(n + 1)
            return .eager
        case .warming:
            let graph: Executor.Graph
            do {
                graph = try executor.capture(step)
            } catch {
                states[key] = .failed("\(error)")
                failures[key] = "\(error)"
                try step()
                return .eager
            }
            states[key] = .ready(graph)
            try executor.launch(graph)
            return .captured
        case .ready(let graph):
            try executor.launch(graph)
            return .replayed
        case .failed:
            try step()
            return .eager
        }
    }

    /// The number of graphs held.
    public var graphCount: Int { states.values.filter { if case .ready = $0 { return true } else { return false } }.count }

    /// Destroys every graph; the next call of each key warms up and captures again.
    public func invalidate() {
        for case .ready(let g) in states.values { executor.destroy(g) }
        states.removeAll()
    }

    deinit { invalidate() }
}
