import RLSupport

/// libm entry points for Float and Double, so kernels can be written once generically.
protocol MathElement: ArithElement, BinaryFloatingPoint {
    static func exp_(_ x: Self) -> Self
    static func log_(_ x: Self) -> Self
    static func sqrt_(_ x: Self) -> Self
    static func tanh_(_ x: Self) -> Self
    static func log1p_(_ x: Self) -> Self
}
extension Float: MathElement {
    @inline(__always) static func exp_(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func log_(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func sqrt_(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) static func tanh_(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) static func log1p_(_ x: Float) -> Float { log1pf(x) }
}
extension Double: MathElement {
    @inline(__always) static func exp_(_ x: Double) -> Double { exp(x) }
    @inline(__always) static func log_(_ x: Double) -> Double { log(x) }
    @inline(__always) static func sqrt_(_ x: Double) -> Double { x.squareRoot() }
    @inline(__always) static func tanh_(_ x: Double) -> Double { tanh(x) }
    @inline(__always) static func log1p_(_ x: Double) -> Double { log1p(x) }
}

/// Unary elementwise operations a backend implements.
public enum UnaryOp: Sendable {
    case neg, exp, log, sqrt, abs, tanh, sigmoid, relu, sign, square, reciprocal, log1p
}

extension Elementwise {
    /// Applies a unary op; integer inputs are promoted to float32 for transcendental ops (like PyTorch).
    static func unary(_ op: UnaryOp, _ a: Tensor) -> Tensor {
        switch op {
        case .neg, .abs, .relu, .sign, .square:
            switch a.dtype {
            case .float32: return unaryF(Float.self, op, a)
            case .float64: return unaryF(Double.self, op, a)
            default:
                let r = unaryI(op, a.contiguousData(as: Int64.self))
                return a.dtype == .int64 ? r : r.contiguousData(dtype: a.dtype == .bool ? .int64 : a.dtype)
            }
        case .tanh where a.dtype == .float32 && a.isContiguous, .sigmoid where a.dtype == .float32 && a.isContiguous:
            let out = Tensor(uninitialized: a.shape, dtype: .float32)
            if op == .tanh { FastMath.tanh(a.pointer(Float.self), out.pointer(Float.self), a.count) }
            else { FastMath.sigmoid(a.pointer(Float.self), out.pointer(Float.self), a.count) }
            return out
        default:
            if a.dtype == .float64 { return unaryF(Double.self, op, a) }
            return unaryF(Float.self, op, a.dtype == .float32 ? a : a.contiguousData(as: Float.self))
        }
    }

    static func unaryI(_ op: UnaryOp, _ a: Tensor) -> Tensor {
        switch op {
        case .neg: return map(a) { (x: Int64) in 0 &- x }
        case .abs: return map(a) { (x: Int64) in x < 0 ? 0 &- x : x }
        case .relu: return map(a) { (x: Int64) in x > 0 ? x : 0 }
        case .sign: return map(a) { (x: Int64) in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        default: return map(a) { (x: Int64) in x &* x }
        }
    }

    static func unaryF<T: MathElement>(_: T.Type, _ op: UnaryOp, _ a: Tensor) -> Tensor {
        switch op {
        case .neg: return map(a) { (x: T) in -x }
        case .exp: return map(a) { (x: T) in T.exp_(x) }
        case .log: return map(a) { (x: T) in T.log_(x) }
        case .log1p: return map(a) { (x: T) in T.log1p_(x) }
        case .sqrt: return map(a) { (x: T) in T.sqrt_(x) }
        case .abs: return map(a) { (x: T) in Swift.abs(x) }
        case .tanh: return map(a) { (x: T) in T.tanh_(x) }
        case .sigmoid: return map(a) { (x: T) in 1 / (1 + T.exp_(-x)) }
        case .relu: return map(a) { (x: T) in x > 0 ? x : (x != x ? x : 0) }
        case .sign: return map(a) { (x: T) in x > 0 ? 1 : (x < 0 ? -1 : 0) }
        case .square: return map(a) { (x: T) in x * x }
        case .reciprocal: return map(a) { (x: T) in 1 / x }
        }
    }

    /// One-pass activation gradients from the activation's output (same shapes; broadcasting not needed).
    static func activationBackward(_ op: UnaryOp, _ g: Tensor, _ y: Tensor) throws -> Tensor {
        guard g.shape == y.shape else { throw TensorError.shape("activation backward: gradient \(g.shape) vs output \(y.shape)") }
        if op == .relu && g.dtype == .float32 && y.dtype == .float32 && g.isContiguous && y.isContiguous {
            let out = Tensor(uninitialized: y.shape, dtype: .float32)
            ReLUKernels.backward(g.pointer(Float.self), y.pointer(Float.self), out.pointer(Float.self), out.count)
            return withExtendedLifetime((g, y)) { out }
        }
        func go<T: MathElement>(_: T.Type) -> Tensor {
            let gc = g.dtype == T.dtype ? g : g.contiguousData(as: T.self)
            let yc = y.dtype == T.dtype ? y : y.contiguousData(as: T.self)
            switch op {
            case .relu: return apply(gc, yc, y.shape) { (gv: T, yv: T) in yv > 0 ? gv : 0 }
            case .tanh: return apply(gc, yc, y.shape) { (gv: T, yv: T) in gv * (1 - yv * yv) }
            default: return apply(gc, yc, y.shape) { (gv: T, yv: T) in gv * (yv * (1 - yv)) }
            }
        }
        return y.dtype == .float64 ? go(Double.self) : go(Float.self)
    }

    /// Clamps to `[lo, hi]` (either bound optional), keeping the dtype.
    static func clamp(_ a: Tensor, _ lo: Double?, _ hi: Double?) -> Tensor {
        func go<T: ArithElement>(_: T.Type) -> Tensor {
            let l = lo.map { T(fromDouble: $0) }, h = hi.map { T(fromDouble: $0) }
            switch (l, h) {
            case let (l?, h?): return map(a) { (x: T) in x != x ? x : (x < l ? l : (x > h ? h : x)) }
            case let (l?, nil): return map(a) { (x: T) in x < l ? l : x }
            case let (nil, h?): return map(a) { (x: T) in x > h ? h : x }
            default: return map(a) { (x: T) in x }
            }
        }
        switch a.dtype {
        case .float32: return go(Float.self)
        case .float64: return go(Double.self)
        case .int64: return go(Int64.self)
        default:
            let r = clamp(a.contiguousData(as: Int64.self), lo, hi)
            return a.dtype == .int64 ? r : r.contiguousData(dtype: a.dtype)
        }
    }
}

@inline(__always) func _log(_ x: Double) -> Double { log(x) }
