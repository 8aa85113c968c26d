import RLTensor
import RLSupport

/// RLTensor's `Backend` on a GPU, in staging mode: every kernel uploads its (contiguous) operands, runs
/// NVRTC-compiled kernels and cuBLAS on the device, and downloads the result into an ordinary tensor.
///
/// RLTensor's `Tensor` owns host memory (`Storage` is a host pointer), so results must come back to the
/// host after each operation; keeping tensors resident needs a device-tagged `Storage` (see docs/cuda.md,
/// "What RLTensor would need"). This backend is therefore correct but transfer-bound: it checks every
/// kernel against the CPU backend on a real GPU, and it is what `--device cuda` runs today.
///
/// float32 and float64 operands run on the GPU; other dtypes, shapes the kernels do not cover (rank
/// above 8 after merging, broadcast batch dimensions in matmul) and any CUDA error fall back to the CPU
/// backend, with one message per reason on stderr.
public final class CUDABackend: Backend {
    public let device: CUDADevice
    let cpu = CPUBackend()
    private var reported: Set<String> = []
    /// How many operations ran on the GPU and how many fell back (for the device check and tests).
    public private(set) var gpuOps = 0, fallbacks = 0
    /// Where fallback messages go (stderr by default).
    public var warn: (String) -> Void = { msg in fputs(msg + "\n", stderr) }

    public init(device: CUDADevice) { self.device = device }
    public var name: String { "cuda" }

    /// The kernel element type for a float dtype, nil for the others.
    static func kernelType(_ d: DType) -> KernelType? { d == .float32 ? .f32 : d == .float64 ? .f64 : nil }

    /// Runs `gpu`; when it returns nil (unsupported) or throws, notes the reason once and runs `cpuPath`.
    func staged<R, E: Error>(_ what: String, gpu: () throws -> R?, cpu cpuPath: () throws(E) -> R) throws(E) -> R {
        do {
            try device.makeCurrent()            // contexts are per thread; cells may run on another thread
            if let r = try gpu() { gpuOps += 1; return r }
            note("\(what): not covered by the CUDA kernels, ran on the CPU")
        } catch {
            note("\(what): \(error); ran on the CPU")
        }
        fallbacks += 1
        return try cpuPath()
    }

    func note(_ reason: String) {
        if reported.insert(reason).inserted { warn("rlbook cuda: " + reason) }
    }

    // MARK: device buffers

    /// Uploads `t` as contiguous `dtype` bytes.
    func upload(_ t: Tensor, _ dtype: DType) throws -> CUdeviceptr {
        try t.withContiguousBytes(dtype: dtype) { raw in try device.upload(raw) }
    }

    func allocate(_ count: Int, _ dtype: DType) throws -> CUdeviceptr { try device.allocator.allocate(max(count, 1) * dtype.size) }

    func release(_ ps: CUdeviceptr...) { for p in ps { try? device.allocator.release(p) } }

    /// Downloads `count` elements at `p` into a new tensor (waits for the stream).
    func download(_ p: CUdeviceptr, _ shape: [Int], _ dtype: DType) throws -> Tensor {
        try Tensor.filling(shape, dtype: dtype) { raw in try device.download(p, into: raw) }
    }

    /// Type promotion between float dtypes (float64 wins); only used once both operands are floats.
    static func promote(_ a: DType, _ b: DType) -> DType { a == .float64 || b == .float64 ? .float64 : .float32 }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) { s[d] = acc; acc *= shape[d] }
        return s
    }

    static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let r = max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)], y = i < r - b.count ? 1 : b[i - (r - b.count)]
            guard x == y || x == 1 || y == 1 else { return nil }
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// Module sources by family (generated once).
    static let elementwise: [KernelType: KernelSource] = Dictionary(uniqueKeysWithValues: KernelType.allCases.map { ($0, ElementwiseKernels.source($0)) })
    static let reduction: [KernelType: KernelSource] = Dictionary(uniqueKeysWithValues: KernelType.allCases.map { ($0, ReductionKernels.source($0)) })
    static let conv: [KernelType: KernelSource] = Dictionary(uniqueKeysWithValues: KernelType.allCases.map { ($0, ConvKernels.source($0)) })
    static let gemmKernels: [KernelType: KernelSource] = Dictionary(uniqueKeysWithValues: KernelType.allCases.map { ($0, GEMMKernels.source($0)) })
    static let optim: [KernelType: KernelSource] = Dictionary(uniqueKeysWithValues: KernelType.allCases.map { ($0, OptimizerKernels.source($0)) })
}
