#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RLSupport

/// Compiled kernel modules, per process (loaded modules and looked-up functions) and on disk (PTX,
/// keyed by a hash of the source and the compute capability, under `$XDG_CACHE_HOME/rlbook/cuda` or
/// `~/.cache/rlbook/cuda`; `RLBOOK_CUDA_CACHE=0` turns the disk cache off).
final class KernelCache: @unchecked Sendable {
    let major: Int, minor: Int
    private var modules: [String: CUhandle?] = [:]
    private var functions: [String: CUhandle?] = [:]
    private var lock = pthread_mutex_t()

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
        pthread_mutex_init(&lock, nil)
    }

    /// FNV-1a (64 bit) of the text, as 16 hex digits.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    static var diskFolder: String? {
        if let off = getenv("RLBOOK_CUDA_CACHE"), String(cString: off) == "0" { return nil }
        if let x = getenv("XDG_CACHE_HOME") { return String(cString: x) + "/rlbook/cuda" }
        if let h = getenv("HOME") { return String(cString: h) + "/.cache/rlbook/cuda" }
        return nil
    }

    func function(_ kernel: String, in module: KernelSource, device: CUDADevice) throws(CUDAError) -> CUhandle? {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
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

    private func ptxText(_ module: KernelSource, _ nvrtc: NVRTCCompiler) throws(CUDAError) -> String {
        let options = NVRTCCompiler.options(computeCapability: major, minor)
        let key = "\(module.module)-sm\(major)\(minor)-\(Self.hash(module.source + options.joined()))"
        let folder = Self.diskFolder
        if let folder, let bytes = try? FileIO.read(folder + "/" + key + ".ptx"),
           let data = String(validating: bytes, as: UTF8.self), data.contains(".entry") { return data }
        let ptx = try nvrtc.compile(module: module.module, source: module.source, options: options)
        if let folder {
            try? FileIO.createDirectory(folder)
            try? FileIO.writeAtomically(ptx, to: folder + "/" + key + ".ptx")
        }
        return ptx
    }
}
