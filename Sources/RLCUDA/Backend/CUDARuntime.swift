import RLTensor
import RLSupport

/// The process-wide CUDA backend: initialised at most once, on first use, and only reported available
/// when it really runs (libraries load, a device exists, and a self-test of one elementwise kernel
/// and one cuBLAS product agrees with the CPU backend).
public enum CUDARuntime {
    nonisolated(unsafe) private static var state: Result<CUDABackend, CUDAError>?
    private static let lock = NSLockLite()

    /// The backend, or why there is none (`RLBOOK_DISABLE_CUDA=1` disables it).
    public static func backend() -> Result<CUDABackend, CUDAError> {
        lock.lock()
        defer { lock.unlock() }
        if let s = state { return s }
        let s: Result<CUDABackend, CUDAError>
        if let v = getenv("RLBOOK_DISABLE_CUDA"), String(cString: v) == "1" {
            s = .failure(.unsupported("the GPU here: it is disabled by RLBOOK_DISABLE_CUDA=1"))
        } else {
            s = Result { () throws(CUDAError) -> CUDABackend in
                let b = try CUDABackend(device: CUDADevice())
                try selfTest(b)
                return b
            }
        }
        state = s
        return s
    }

    /// Whether the backend runs here (cells' `cuda.isAvailable`).
    public static var isAvailable: Bool { if case .success = backend() { return true } else { return false } }

    /// Whether `--device auto` should choose this backend where it runs: not while it works in staging
    /// mode (operands copied to the device and results back for every operation, see `CUDABackend`),
    /// which is slower than the CPU backend for rlbook's model sizes.
    public static let preferredByAuto = false

    /// Makes every tensor operation run on the CUDA backend; throws when it cannot run here.
    public static func install() throws(CUDAError) {
        let b = try backend().get()
        Tensor.backend = b
    }

    /// Compares `a + b` (broadcast) and `a · bᵀ` against the CPU backend.
    static func selfTest(_ b: CUDABackend) throws(CUDAError) {
        var lastNote = "a kernel fell back to the CPU"
        b.warn = { lastNote = $0 }
        defer { b.warn = { msg in fputs(msg + "\n", stderr) } }
        do {
            let x = try Tensor((0..<12).map { Float($0) * 0.5 }, shape: [3, 4])
            let y = try Tensor((0..<4).map { Float($0) - 1 }, shape: [4])
            let cpu = CPUBackend()
            let pairs = [(try b.binary(.add, x, y), try cpu.binary(.add, x, y)),
                         (try b.linear(x, x, nil), try cpu.linear(x, x, nil))]
            guard b.fallbacks == 0 else { throw CUDAError.selfTestFailed(lastNote) }
            for (g, c) in pairs {
                guard g.shape == c.shape, zip(g.scalars, c.scalars).allSatisfy({ abs($0 - $1) <= 1e-4 * max(1, abs($1)) }) else {
                    throw CUDAError.selfTestFailed("GPU \(g.scalars) vs CPU \(c.scalars)")
                }
            }
        } catch let e as CUDAError {
            throw e
        } catch {
            throw .selfTestFailed("\(error)")
        }
    }
}
