import RLSupport

/// Stops the job when one collective call waits too long. MPI has no timeout: when the ranks do not
/// make the same collective calls (rank-dependent control flow around Fabric calls, a cell that
/// failed on one rank only with `error: allow`), the waiting ranks would block forever, and a
/// blocked native call cannot be interrupted like a cell. A thread checks the call in flight once
/// a second; past the limit it prints what was waiting and calls `MPI_Abort` (exit 70).
///
/// The limit is `RLBOOK_COLLECTIVE_TIMEOUT` seconds (default 600; 0 turns the watchdog off): long
/// enough for one rank to wait at a barrier while rank 0 evaluates or saves.
final class CollectiveWatchdog: @unchecked Sendable {
    let limit: Double
    private let lock = NSLockLite()
    private var call: String?
    private var since = 0.0
    private let onTimeout: (String) -> Void

    init?(environment: [String: String], onTimeout: @escaping (String) -> Void) {
        let limit = environment["RLBOOK_COLLECTIVE_TIMEOUT"].flatMap(Double.init) ?? 600
        guard limit > 0 else { return nil }
        self.limit = limit
        self.onTimeout = onTimeout
    }

    /// Marks a collective as started (`name`) or finished (nil).
    func set(_ name: String?) {
        let now = Clock.monotonic()
        lock.withLock {
            call = name
            since = now
        }
    }

    /// The message when the call in flight has waited past the limit at time `now`, else nil.
    func expired(now: Double) -> String? {
        lock.withLock {
            guard let call, now - since > limit else { return nil }
            return "\(call) waited \(Int(now - since)) s for the other processes (RLBOOK_COLLECTIVE_TIMEOUT = \(Int(limit)) s): the ranks are not making the same collective calls (Fabric calls or agent updates behind rank-dependent conditions, or a cell that failed on some ranks only); stopping the job"
        }
    }

    /// Starts the checking thread.
    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        _ = pthread_create(&tid, nil, { p in
            let w = Unmanaged<CollectiveWatchdog>.fromOpaque(p!).takeRetainedValue()
            while true {
                sleep(1)
                if let m = w.expired(now: Clock.monotonic()) { w.onTimeout(m); return nil }
            }
        }, box)
        pthread_detach(tid)
    }
}
