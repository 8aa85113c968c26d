// The one platform shim: the C library of the host (Glibc on Linux, Musl on static Linux, Darwin on
// macOS) is re-exported here, so every module that imports RLSupport sees `fopen`, `pthread_*`,
// `getenv`, libm, ... without its own `#if canImport(Glibc)` block. Names the C library shares
// with a Swift declaration in scope (a parameter called `stdout`, a function called `glob`) are
// reached through `Platform` instead of a `Glibc.` spelling.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// C library entry points whose names a caller's own declarations shadow.
public enum Platform {
    /// The C standard output stream.
    public static var standardOutput: UnsafeMutablePointer<FILE> { stdout }
    /// The C standard error stream.
    public static var standardError: UnsafeMutablePointer<FILE> { stderr }

    /// Writes `text` to standard output and flushes it.
    public static func writeStandardOutput(_ text: String) { fputs(text, stdout); fflush(stdout) }
    /// Writes `text` to standard error.
    public static func writeStandardError(_ text: String) { fputs(text, stderr) }

    /// Paths matching a shell pattern (`glob(3)`), sorted as the C library returns them; [] on no match or error.
    public static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        #if canImport(Darwin)
        guard Darwin.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #elseif canImport(Musl)
        guard Musl.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #else
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #endif
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out
    }

    /// `read(2)`.
    @inline(__always) public static func read(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
        #if canImport(Darwin)
        Darwin.read(fd, p, n)
        #elseif canImport(Musl)
        Musl.read(fd, p, n)
        #else
        Glibc.read(fd, p, n)
        #endif
    }

    /// `truncate(2)`.
    public static func truncate(_ path: String, _ size: Int) -> Int32 {
        #if canImport(Darwin)
        Darwin.truncate(path, off_t(size))
        #elseif canImport(Musl)
        Musl.truncate(path, off_t(size))
        #else
        Glibc.truncate(path, off_t(size))
        #endif
    }

    /// `write(2)`.
    @inline(__always) public static func write(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(fd, p, n)
        #elseif canImport(Musl)
        Musl.write(fd, p, n)
        #else
        Glibc.write(fd, p, n)
        #endif
    }

    /// Runs `body` on a new pthread made with `attr` and waits for it; false when no thread could
    /// be started (`body` has not run then). `pthread_t` is an integer on Linux and a pointer on
    /// Darwin: this is the one place that knows.
    public static func runOnThread(_ attr: inout pthread_attr_t, _ body: @escaping () -> Void) -> Bool {
        let box = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        #if canImport(Darwin)
        var tid: pthread_t?
        let rc = pthread_create(&tid, &attr, { p in
            Unmanaged<ThreadStart>.fromOpaque(p).takeRetainedValue().body(); return nil
        }, box)
        guard rc == 0, let thread = tid else { Unmanaged<ThreadStart>.fromOpaque(box).release(); return false }
        pthread_join(thread, nil)
        #else
        var tid = pthread_t()
        let rc = pthread_create(&tid, &attr, { p in
            Unmanaged<ThreadStart>.fromOpaque(p!).takeRetainedValue().body(); return nil
        }, box)
        guard rc == 0 else { Unmanaged<ThreadStart>.fromOpaque(box).release(); return false }
        pthread_join(tid, nil)
        #endif
        return true
    }

    /// Starts `body` on a new detached pthread (a background watcher that lives as long as the
    /// process); false when no thread could be started.
    public static func startDetachedThread(_ body: @escaping () -> Void) -> Bool {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(ThreadStart(body)).toOpaque()
        #if canImport(Darwin)
        var tid: pthread_t?
        let rc = pthread_create(&tid, &attr, { p in
            Unmanaged<ThreadStart>.fromOpaque(p).takeRetainedValue().body(); return nil
        }, box)
        #else
        var tid = pthread_t()
        let rc = pthread_create(&tid, &attr, { p in
            Unmanaged<ThreadStart>.fromOpaque(p!).takeRetainedValue().body(); return nil
        }, box)
        #endif
        if rc != 0 { Unmanaged<ThreadStart>.fromOpaque(box).release() }
        return rc == 0
    }

    /// Gives the heap's free pages back to the system (glibc's `malloc_trim`), so memory a run freed
    /// stops counting in its resident size; does nothing where the C library has no such call.
    public static func releaseFreeHeapMemory() {
        #if canImport(Glibc)
        if let f = mallocTrim { _ = f(0) }
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `malloc_trim` (malloc.h is not part of the Glibc module), looked up once.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(sym, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// libm's `pow` for doubles.
    @inline(__always) public static func pow(_ a: Double, _ b: Double) -> Double {
        #if canImport(Darwin)
        Darwin.pow(a, b)
        #elseif canImport(Musl)
        Musl.pow(a, b)
        #else
        Glibc.pow(a, b)
        #endif
    }
}

/// The closure a new thread runs (passed through `pthread_create`'s context pointer).
private final class ThreadStart {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
