import RLSupport

/// Compiles CUDA C++ kernel sources to PTX with NVRTC (no GPU needed).
public final class NVRTCCompiler: @unchecked Sendable {
    let api: NVRTCAPI

    /// The path NVRTC was loaded from.
    public var libraryPath: String { api.library.path }

    /// Loads NVRTC from the places `LibrarySearch` lists.
    public init(search: LibrarySearch = LibrarySearch()) throws(CUDAError) {
        api = try NVRTCAPI(DynamicLibrary.open("libnvrtc", candidates: search.candidates(for: .nvrtc)))
    }

    /// NVRTC's version (major, minor).
    public var version: (Int, Int) {
        var major: Int32 = 0, minor: Int32 = 0
        _ = api.nvrtcVersion(&major, &minor)
        return (Int(major), Int(minor))
    }

    /// The options used for a device of compute capability `major.minor` (virtual architecture, so the
    /// driver JIT-compiles the PTX for the exact GPU; fast math off to match the CPU backend within float32 tolerance).
    public static func options(computeCapability major: Int, _ minor: Int) -> [String] {
        ["--gpu-architecture=compute_\(major)\(minor)", "--std=c++14", "-default-device"]
    }

    /// Compiles `source` (module `name`) and returns the PTX text; throws `.compile` with NVRTC's log on errors.
    public func compile(module name: String, source: String, options: [String]) throws(CUDAError) -> String {
        var prog: NVRTCAPI.Program? = nil
        try api.check(api.nvrtcCreateProgram(&prog, source, name + ".cu", 0, nil, nil), "nvrtcCreateProgram(\(name))")
        defer { _ = api.nvrtcDestroyProgram(&prog) }
        let cOptions = options.map { strdup($0) }
        defer { cOptions.forEach { free($0) } }
        let result = cOptions.map { UnsafePointer<CChar>($0) }.withUnsafeBufferPointer { buf in
            api.nvrtcCompileProgram(prog, Int32(buf.count), buf.baseAddress)
        }
        if result != 0 {
            throw .compile(module: name, options: options, log: programLog(prog))
        }
        var size = 0
        try api.check(api.nvrtcGetPTXSize(prog, &size), "nvrtcGetPTXSize(\(name))")
        var bytes = [CChar](repeating: 0, count: max(size, 1))
        try api.check(api.nvrtcGetPTX(prog, &bytes), "nvrtcGetPTX(\(name))")
        return String(cString: bytes)
    }

    func programLog(_ prog: NVRTCAPI.Program?) -> String {
        var size = 0
        guard api.nvrtcGetProgramLogSize(prog, &size) == 0, size > 1 else { return "(NVRTC gave no log)" }
        var bytes = [CChar](repeating: 0, count: size)
        guard api.nvrtcGetProgramLog(prog, &bytes) == 0 else { return "(NVRTC's log could not be read)" }
        return String(cString: bytes)
    }
}
