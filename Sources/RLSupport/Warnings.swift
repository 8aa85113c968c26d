/// Warnings engine code gives the user (Gymnasium's `logger.warn`: a render mode the env does not
/// have, stepping after `terminated`, a wrapper that does nothing): the cell running on the current
/// thread shows them as Python shows a `UserWarning`, once per message; outside cells they go to
/// standard error. Engine code calls `Warnings.emit`, the interpreter installs the cell's sink with
/// `Warnings.withSink` (one per thread, so books running side by side keep their own).
public enum Warnings {
    /// Receives one warning's text.
    public final class Sink: @unchecked Sendable {
        let handle: (String) -> Void
        public init(_ handle: @escaping (String) -> Void) { self.handle = handle }
    }

    static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// Gives `message` to this thread's sink, or writes it to standard error.
    public static func emit(_ message: String) {
        if let p = pthread_getspecific(key) {
            Unmanaged<Sink>.fromOpaque(p).takeUnretainedValue().handle(message)
        } else {
            fputs(line(message), stderr)
        }
    }

    /// The line Python prints for Gymnasium's `logger.warn(message)`.
    public static func line(_ message: String) -> String { "UserWarning: WARN: \(message)\n" }

    /// Runs `body` with `sink` receiving this thread's warnings (restoring the previous sink after).
    public static func withSink<R>(_ sink: Sink?, _ body: () throws -> R) rethrows -> R {
        let saved = pthread_getspecific(key)
        let retained = sink.map { Unmanaged.passRetained($0) }
        pthread_setspecific(key, retained.map { UnsafeRawPointer($0.toOpaque()) })
        defer {
            pthread_setspecific(key, saved)
            retained?.release()
        }
        return try body()
    }
}
