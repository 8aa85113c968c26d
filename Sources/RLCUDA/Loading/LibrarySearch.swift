import RLSupport

/// Where the CUDA libraries are looked for, in order:
///
/// 1. the library's own override (`RLBOOK_NVRTC_PATH` for NVRTC, `RLBOOK_CUBLAS_PATH` for cuBLAS): a file or a
///    folder; when set, it is the only place tried (so a wrong path fails instead of finding another copy);
/// 2. `RLBOOK_CUDA_PATH`: a colon-separated list of folders (or files);
/// 3. the bare sonames, so the system loader applies `LD_LIBRARY_PATH`, `ldconfig` and RPATHs;
/// 4. the usual install folders (`/usr/local/cuda/lib64`, the distribution's multiarch folder, …);
/// 5. the pip wheels' layout `site-packages/nvidia/<component>/lib` of the active virtual environment
///    (`VIRTUAL_ENV`), of `./.build/venv-cuda`, of the user site and of the system Pythons.
public struct LibrarySearch: Sendable {
    /// One library: its short name, soname patterns (newest first), its override variable, and its wheel folder.
    public struct Library: Sendable {
        public let name: String
        public let sonames: [String]
        public let filePatterns: [String]
        public let overrideVariable: String?
        public let wheelComponent: String

        public static let driver = Library(name: "libcuda", sonames: ["libcuda.so.1", "libcuda.so"],
                                           filePatterns: ["libcuda.so.1", "libcuda.so"], overrideVariable: nil, wheelComponent: "")
        public static let nvrtc = Library(name: "libnvrtc",
                                          sonames: ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so"],
                                          filePatterns: ["libnvrtc.so.[0-9]*", "libnvrtc.so"], overrideVariable: "RLBOOK_NVRTC_PATH",
                                          wheelComponent: "cuda_nvrtc")
        public static let cublas = Library(name: "libcublas", sonames: ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"],
                                           filePatterns: ["libcublas.so.[0-9]*", "libcublas.so"], overrideVariable: "RLBOOK_CUBLAS_PATH",
                                           wheelComponent: "cublas")
    }

    /// Reads an environment variable (injectable for tests).
    public var environment: @Sendable (String) -> String?
    /// Expands a glob pattern to existing paths, sorted (injectable for tests).
    public var expand: @Sendable (String) -> [String]

    public init(environment: @escaping @Sendable (String) -> String? = LibrarySearch.processEnvironment,
                expand: @escaping @Sendable (String) -> [String] = LibrarySearch.glob) {
        self.environment = environment
        self.expand = expand
    }

    /// Standard install folders.
    static let systemFolders = ["/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
                                "/usr/local/cuda/targets/sbsa-linux/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                                "/usr/lib64", "/usr/lib/wsl/lib", "/opt/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib"]

    /// The candidate paths for `library`, in search order, without duplicates.
    public func candidates(for library: Library) -> [String] {
        var out: [String] = []
        func add(_ p: String) { if !p.isEmpty && !out.contains(p) { out.append(p) } }
        func addFolder(_ folder: String) {
            for pattern in library.filePatterns {
                for p in expand(folder + "/" + pattern).reversed() { add(p) }    // newest version first
            }
        }
        func addEntry(_ entry: String) {
            if entry.hasSuffix(".so") || entry.contains(".so.") { add(entry) } else { addFolder(entry) }
        }
        if let v = library.overrideVariable, let p = environment(v), !p.isEmpty {
            addEntry(p)
            return out.isEmpty ? [p] : out          // an explicit choice is the only one tried
        }
        if let list = environment("RLBOOK_CUDA_PATH") {
            for entry in list.split(separator: ":") { addEntry(String(entry)) }
        }
        for s in library.sonames { add(s) }
        for f in Self.systemFolders { addFolder(f) }
        if !library.wheelComponent.isEmpty {
            for site in sitePackages() { addFolder(site + "/nvidia/" + library.wheelComponent + "/lib") }
        }
        return out
    }

    /// site-packages folders that may hold `nvidia-*` wheels.
    func sitePackages() -> [String] {
        var roots: [String] = []
        if let v = environment("VIRTUAL_ENV") { roots.append(v) }
        if let c = environment("CONDA_PREFIX") { roots.append(c) }
        roots.append(".build/venv-cuda")
        var sites: [String] = []
        for r in roots { sites += expand(r + "/lib/python3*/site-packages") }
        if let home = environment("HOME") { sites += expand(home + "/.local/lib/python3*/site-packages") }
        sites += expand("/usr/local/lib/python3*/dist-packages") + expand("/usr/local/lib/python3*/site-packages")
        sites += expand("/usr/lib/python3/dist-packages")
        return sites
    }

    @Sendable public static func processEnvironment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    @Sendable public static func glob(_ pattern: String) -> [String] {
        Platform.glob(pattern).sorted()
    }
}
