import RLSupport
/// Reductions a backend implements along one dimension.
public enum ReductionKind: Sendable { case sum, max, min, prod }

/// The narrow, device-agnostic set of kernels every tensor operation bottoms out in.
///
/// Operations (and their gradient rules) call `Tensor.backend`; the CPU backend implements every
/// kernel with SIMD code and Dispatch threads. A CUDA backend can be added later behind the same
/// protocol (dlopen'ed at run time) without touching the operations or autograd.
public protocol Backend: AnyObject {
    /// A short name ("cpu").
    var name: String { get }
    /// `a op b` with broadcasting (PyTorch type promotion; comparisons give bool).
    func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor
    /// `a op s` (or `s op a` when `scalarFirst`).
    func binary(_ op: BinaryOp, _ a: Tensor, scalar: Double, scalarFirst: Bool) -> Tensor
    /// Elementwise unary math.
    func unary(_ op: UnaryOp, _ a: Tensor) -> Tensor
    /// Fused gradient of an activation from its output: relu g·(y>0), tanh g·(1−y²), sigmoid g·y·(1−y).
    func activationBackward(_ op: UnaryOp, grad: Tensor, output: Tensor) throws -> Tensor
    /// Clamp into [lo, hi] (either optional).
    func clamp(_ a: Tensor, min lo: Double?, max hi: Double?) -> Tensor
    /// `cond ? a : b` with broadcasting.
    func select(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor
    /// Reduction along a (wrapped) dimension.
    func reduce(_ kind: ReductionKind, _ a: Tensor, dim: Int, keepdim: Bool) -> Tensor
    /// Batched matrix product of rank-≥2 operands with broadcast batch dimensions.
    func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor
    /// `x·wᵀ + b`.
    func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor
    /// (Log-)softmax along a (wrapped) dimension.
    func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor
    /// Convolution forward; returns the output and, when `keepColumns`, saved data for the backward pass.
    func conv2dForward(_ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepColumns: Bool) -> (Tensor, Tensor?)
    /// Convolution backward: (dx, dw, db) for the requested inputs.
    func conv2dBackward(_ g: ConvGeometry, _ gOut: Tensor, _ saved: Tensor?, _ w: Tensor,
                        needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?)
}

/// The CPU backend: SIMD kernels (AVX2/FMA on x86-64, NEON on arm64), packed GEMM, Dispatch threads.
public final class CPUBackend: Backend {
    public init() {}
    public var name: String { "cpu" }

    public func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor { try Elementwise.binary(op, a, b) }
    public func binary(_ op: BinaryOp, _ a: Tensor, scalar: Double, scalarFirst: Bool) -> Tensor {
        Elementwise.binary(op, a, scalar: scalar, scalarFirst: scalarFirst)
    }
    public func unary(_ op: UnaryOp, _ a: Tensor) -> Tensor { Elementwise.unary(op, a) }
    public func clamp(_ a: Tensor, min lo: Double?, max hi: Double?) -> Tensor { Elementwise.clamp(a, lo, hi) }
    public func activationBackward(_ op: UnaryOp, grad: Tensor, output: Tensor) throws -> Tensor {
        try Elementwise.activationBackward(op, grad, output)
    }
    public func select(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor { try Elementwise.select(cond, a, b) }
    public func reduce(_ kind: ReductionKind, _ a: Tensor, dim: Int, keepdim: Bool) -> Tensor {
        Reduce.along(kind, a, dim: dim, keepdim: keepdim)
    }
    public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try Linalg.matmul(a, b) }
    public func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor { try Linalg.linear(x, w, b) }
    public func softmax(_ x: Tensor, dim: Int, log: Bool) -> Tensor { SoftmaxKernel.run(x, dim: dim, log: log) }
    public func conv2dForward(_ g: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, keepColumns: Bool) -> (Tensor, Tensor?) {
        let dt: DType = DType.promote(x.dtype, w.dtype) == .float64 ? .float64 : .float32
        let X = x.contiguousData(dtype: dt), W = w.contiguousData(dtype: dt), B = b?.contiguousData(dtype: dt)
        return dt == .float32
            ? ConvKernels.forward(Float.self, g, X, W, B, keepCols: keepColumns)
            : ConvKernels.forward(Double.self, g, X, W, B, keepCols: keepColumns)
    }
    public func conv2dBackward(_ g: ConvGeometry, _ gOut: Tensor, _ saved: Tensor?, _ w: Tensor,
                               needX: Bool, needW: Bool, needB: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let W = w.contiguousData(dtype: w.dtype == .float64 ? .float64 : .float32)
        return W.dtype == .float32
            ? ConvKernels.backward(Float.self, g, gOut, saved, W, needX: needX, needW: needW && saved != nil, needB: needB)
            : ConvKernels.backward(Double.self, g, gOut, saved, W, needX: needX, needW: needW && saved != nil, needB: needB)
    }
}

extension Tensor {
    /// The backend all operations run on (the CPU backend today).
    nonisolated(unsafe) public static var backend: Backend = CPUBackend()
}
