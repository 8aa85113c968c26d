import Dispatch
import RLSupport

/// Relays SIGINT to every book running in this process (one handler, installed once).
///
/// With no book running, SIGINT exits the process with status 130 as usual.
final class SignalRelay: @unchecked Sendable {
    static let shared = SignalRelay()
    private let lock = NSLockLite()
    private var handlers: [Int: () -> Void] = [:]
    private var next = 0
    private var source: DispatchSourceSignal?

    /// Registers a handler; returns a token for `unregister`.
    func register(_ handler: @escaping () -> Void) -> Int {
        lock.withLock {
            if source == nil {
                signal(SIGINT, SIG_IGN)
                let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
                s.setEventHandler { SignalRelay.shared.fire() }
                s.resume()
                source = s
            }
            next += 1
            handlers[next] = handler
            return next
        }
    }

    func unregister(_ token: Int) {
        lock.withLock { _ = handlers.removeValue(forKey: token) }
    }

    func fire() {
        let hs = lock.withLock { Array(handlers.values) }
        if hs.isEmpty { exit(130) }
        for h in hs { h() }
    }
}

/// A flag set from the signal-handling queue and read by the runner.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLockLite()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
