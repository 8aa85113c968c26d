import RLSupport

/// Compiled kernel modules, per process (loaded modules and looked-up functions) and on disk (PTX,
/// keyed by a hash of the source and the compute capability, under `$XDG_CACHE_HOME/rlbook/cuda` or
/// `~/.cache/rlbook/cuda`; `RLBOOK_CUDA_CACHE=0` turns the disk cache off).
public final class KernelCache: @unchecked Sendable {
    let major: Int, minor: Int
    private var modules: [String: CUhandle?] = [:]
    private var functions: [String: CUhandle?] = [:]
    private let lock = NSLockLite()

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// FNV-1a (64 bit) of the text, as 16 hex digits.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The PTX cache folder (nil when turned off).
    public static var diskFolder: String? {
        if let off = getenv("RLBOOK_CUDA_CACHE"), String(cString: off) == "0" { return nil }
        if let x = getenv("XDG_CACHE_HOME") { return String(cString: x) + "/rlbook/cuda" }
        if let h = getenv("HOME") { return String(cString: h) + "/.cache/rlbook/cuda" }
        return nil
    }

    func function(_ kernel: String, in module: KernelSource, device: CUDADevice) throws(CUDAError) -> CUhandle? {
        lock.lock()
        defer { lock.unlock() }
        if let f = functions[kernel] { return f }
        let mod: CUhandle?
        if let m = modules[module.module] { mod = m } else {
            let ptx = try ptxText(module, device.nvrtc)
            var m: CUhandle? = nil
            try device.driver.check(device.driver.cuModuleLoadData(&m, ptx), "cuModuleLoadData(\(module.module))")
            modules[module.module] = m
            mod = m
        }
        var f: CUhandle? = nil
        try device.driver.check(device.driver.cuModuleGetFunction(&f, mod, kernel), "cuModuleGetFunction(\(kernel))")
        functions[kernel] = f
        return f
    }

    /// The cache file name of `module` compiled for compute capability `major.minor`.
    static func key(_ module: KernelSource, _ major: Int, _ minor: Int) -> String {
        let options = NVRTCCompiler.options(computeCapability: major, minor)
        return "\(module.module)-sm\(major)\(minor)-\(hash(module.source + options.joined())).ptx"
    }

    private func ptxText(_ module: KernelSource, _ nvrtc: Result<NVRTCCompiler, CUDAError>) throws(CUDAError) -> String {
        let folder = Self.diskFolder, key = Self.key(module, major, minor)
        if let folder, let bytes = try? FileIO.read(folder + "/" + key),
           let data = String(validating: bytes, as: UTF8.self), data.contains(".entry") { return data }
        let compiler: NVRTCCompiler
        switch nvrtc {
        case .success(let c): compiler = c
        case .failure(let e): throw .noCompiler(module: module.module, architecture: "sm_\(major)\(minor)", nvrtcError: e.description)
        }
        let ptx = try compiler.compile(module: module.module, source: module.source, options: NVRTCCompiler.options(computeCapability: major, minor))
        if let folder {
            try? FileIO.createDirectory(folder)
            try? FileIO.writeAtomically(ptx, to: folder + "/" + key)
        }
        return ptx
    }

    /// Compiles every kernel module for `major.minor` into the disk cache (or `folder`), so a machine
    /// without NVRTC can run the backend. Returns the files written.
    public static func precompile(with compiler: NVRTCCompiler, major: Int, minor: Int, folder: String? = nil) throws -> [String] {
        guard let dir = folder ?? diskFolder else { throw CUDAError.unsupported("precompiling without a cache folder (set XDG_CACHE_HOME or HOME)") }
        try FileIO.createDirectory(dir)
        var written: [String] = []
        for m in KernelCatalog.all {
            let ptx = try compiler.compile(module: m.module, source: m.source, options: NVRTCCompiler.options(computeCapability: major, minor))
            let path = dir + "/" + key(m, major, minor)
            try FileIO.writeAtomically(ptx, to: path)
            written.append(path)
        }
        return written
    }
}
