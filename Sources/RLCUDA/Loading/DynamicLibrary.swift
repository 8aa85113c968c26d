import RLSupport

/// A shared library opened with `dlopen`, and typed look-ups of its functions.
///
/// The handle is never closed: CUDA libraries keep global state and are meant to live as long as the process.
final class DynamicLibrary: @unchecked Sendable {
    /// The library's short name ("libcuda"), for messages.
    let name: String
    /// The path (or soname) it was opened from.
    let path: String
    let handle: UnsafeMutableRawPointer

    private init(name: String, path: String, handle: UnsafeMutableRawPointer) {
        self.name = name
        self.path = path
        self.handle = handle
    }

    /// Opens the first candidate that loads; throws `libraryNotFound` listing every place tried.
    static func open(_ name: String, candidates: [String]) throws(CUDAError) -> DynamicLibrary {
        var last = "no candidate paths"
        for c in candidates {
            if let h = dlopen(c, RTLD_NOW | RTLD_LOCAL) { return DynamicLibrary(name: name, path: c, handle: h) }
            if let e = dlerror() { last = String(cString: e) }
        }
        throw .libraryNotFound(library: name, tried: candidates, loaderMessage: last)
    }

    /// The function `symbol` as the C function type `T`; throws `symbolMissing` when absent.
    func function<T>(_ symbol: String, as _: T.Type = T.self) throws(CUDAError) -> T {
        guard let p = dlsym(handle, symbol) else { throw .symbolMissing(library: name, path: path, symbol: symbol) }
        return unsafeBitCast(p, to: T.self)
    }

    /// The function `symbol` when present (for calls that newer versions add).
    func optionalFunction<T>(_ symbol: String, as _: T.Type = T.self) -> T? {
        guard let p = dlsym(handle, symbol) else { return nil }
        return unsafeBitCast(p, to: T.self)
    }
}
