import RLSupport

/// What the CPU running this process can do, for kernels that have a faster variant.
enum CPUFeatures {
    /// AVX-512 (F, CD, BW, DQ, VL, as `-target-cpu skylake-avx512` assumes) on x86-64 Linux, as the kernel
    /// reports it in /proc/cpuinfo (listed only when the OS saves the 512-bit registers too).
    /// `RLBOOK_AVX512=0` turns the AVX-512 kernels off (same results, for comparisons).
    static let avx512: Bool = {
        #if arch(x86_64) && os(Linux)
        if let e = getenv("RLBOOK_AVX512"), String(cString: e) == "0" { return false }
        guard let bytes = try? FileIO.read("/proc/cpuinfo") else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let flags = Set(line.split(separator: " ").map(String.init))
        return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        #else
        return false
        #endif
    }()
}
