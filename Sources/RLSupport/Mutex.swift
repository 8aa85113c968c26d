/// The package's one mutex (a pthread mutex at a fixed address, no Foundation), for the few states
/// threads share: interrupt flags, the memory budget, registries, buffer and kernel caches.
public final class NSLockLite: @unchecked Sendable {
    @usableFromInline let m: UnsafeMutablePointer<pthread_mutex_t>

    public init() {
        m = .allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
    }

    deinit {
        pthread_mutex_destroy(m)
        m.deallocate()
    }

    @inlinable @inline(__always)
    public func withLock<T, E: Error>(_ f: () throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(m)
        defer { pthread_mutex_unlock(m) }
        return try f()
    }

    /// Takes the lock; pair with `unlock()` (prefer `withLock`).
    @inlinable @inline(__always) public func lock() { pthread_mutex_lock(m) }

    /// Releases the lock taken by `lock()`.
    @inlinable @inline(__always) public func unlock() { pthread_mutex_unlock(m) }
}
