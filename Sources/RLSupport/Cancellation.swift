
/// A stop request shared by the thread that runs a cell and the engine code it calls: Ctrl-C and a
/// cell's `//| timeout:` set it, long loops (matrix products, convolutions, encoders, file reads,
/// environment rollouts, agents' `learn`, long built-ins) poll it and return early; the interpreter
/// then reports the interruption or timeout at the call and discards the partial result.
///
/// `state` is one word written by one side and read by the other; a reader sees the change within
/// a loop iteration or two, which is all a stop request needs.
public final class CancellationFlag: @unchecked Sendable {
    /// Nothing requested.
    public static let none = 0
    /// Interrupted (Ctrl-C, `BookRunner.interrupt()`).
    public static let interrupted = 1
    /// The cell's time limit passed.
    public static let timedOut = 2
    /// The process outgrew its memory budget (`MemoryWatchdog`, or an engine allocation the budget refused).
    public static let memoryExceeded = 3

    public let state: UnsafeMutablePointer<Int>

    public init() {
        state = .allocate(capacity: 1)
        state.initialize(to: 0)
    }

    deinit { state.deallocate() }

    @inline(__always) public var isSet: Bool { state.pointee != 0 }
}

/// The cancellation flag of the cell running on the current thread (nil outside cells), so engine
/// loops can poll it without being handed it: `Cancellation.isRequested`.
public enum Cancellation {
    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The state word polled on this thread (the interpreter sets it while it runs a cell; parallel
    /// loops hand it to their workers with `withState`).
    @inline(__always) public static var currentState: UnsafeMutablePointer<Int>? {
        pthread_getspecific(key)?.assumingMemoryBound(to: Int.self)
    }

    /// Whether the work running on this thread was asked to stop. Costs a thread-local read: poll
    /// it once per chunk of work (a row block, a batch), not per element.
    @inline(__always) public static var isRequested: Bool {
        guard let p = pthread_getspecific(key) else { return false }
        return p.assumingMemoryBound(to: Int.self).pointee != 0
    }

    /// Whether `state` (a `currentState` read once before a loop, possibly on another thread) asks
    /// to stop; false for nil. For kernels that poll once per block of work, on the calling thread
    /// or on the workers of a parallel loop.
    @inline(__always) public static func isRequested(_ state: UnsafeMutablePointer<Int>?) -> Bool {
        guard let state else { return false }
        return state.pointee != 0
    }

    /// Throws `CancellationStop` when the work running on this thread was asked to stop; for loops
    /// that can throw (a vector env's steps, building many envs). The interpreter reports the stop
    /// (timeout, Ctrl-C, memory) at the call, not this error.
    @inline(__always) public static func checkpoint() throws(CancellationStop) {
        if isRequested { throw CancellationStop() }
    }

    /// `checkpoint()` for a worker thread of a parallel loop, given the caller's `currentState`.
    @inline(__always) public static func checkpoint(_ state: UnsafeMutablePointer<Int>?) throws(CancellationStop) {
        if let state, state.pointee != 0 { throw CancellationStop() }
    }

    /// Stops the work running on this thread because memory ran out (an engine allocation the
    /// budget refused); the interpreter reports it with `MemoryWatchdog.message`. False when no cell
    /// runs on this thread (the caller goes on; nothing can report the stop).
    @discardableResult
    public static func requestMemoryStop() -> Bool {
        guard let p = pthread_getspecific(key)?.assumingMemoryBound(to: Int.self) else { return false }
        if p.pointee == CancellationFlag.none { p.pointee = CancellationFlag.memoryExceeded }
        return true
    }

    /// Runs `body` with `flag` as this thread's flag (restoring the previous one after).
    public static func withFlag<R>(_ flag: CancellationFlag?, _ body: () throws -> R) rethrows -> R {
        try withState(flag?.state, body)
    }

    /// Runs `body` with `state` (another thread's `currentState`) polled on this thread.
    public static func withState<R>(_ state: UnsafeMutablePointer<Int>?, _ body: () throws -> R) rethrows -> R {
        let saved = pthread_getspecific(key)
        pthread_setspecific(key, state.map { UnsafeRawPointer($0) })
        defer { pthread_setspecific(key, saved) }
        return try body()
    }
}

/// What engine loops throw when `Cancellation` asks them to stop.
public struct CancellationStop: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "stopped (Ctrl-C, the cell's time limit or the memory budget)" }
}
