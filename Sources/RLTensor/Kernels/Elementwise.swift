import RLSupport

/// Element types arithmetic runs in: Float, Double, Int64.
protocol ArithElement: TensorElement, Numeric, Comparable {
    static func divide(_ a: Self, _ b: Self) -> Self
    static func power(_ a: Self, _ b: Self) -> Self
    /// `+`, `-`, `*` that wrap around for integers (as PyTorch's int64 does) instead of trapping.
    static func plus(_ a: Self, _ b: Self) -> Self
    static func minus(_ a: Self, _ b: Self) -> Self
    static func times(_ a: Self, _ b: Self) -> Self
}
extension ArithElement where Self: FloatingPoint {
    @inline(__always) static func plus(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func minus(_ a: Self, _ b: Self) -> Self { a - b }
    @inline(__always) static func times(_ a: Self, _ b: Self) -> Self { a * b }
}
extension Float: ArithElement {
    @inline(__always) static func divide(_ a: Float, _ b: Float) -> Float { a / b }
    @inline(__always) static func power(_ a: Float, _ b: Float) -> Float { powf(a, b) }
}
extension Double: ArithElement {
    @inline(__always) static func divide(_ a: Double, _ b: Double) -> Double { a / b }
    @inline(__always) static func power(_ a: Double, _ b: Double) -> Double { pow(a, b) }
}
extension Int64: ArithElement {
    @inline(__always) static func plus(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) static func minus(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    @inline(__always) static func times(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    @inline(__always) static func divide(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? 0 : (a == .min && b == -1 ? .min : a / b) }
    @inline(__always) static func power(_ a: Int64, _ b: Int64) -> Int64 { Int64(fromDouble: pow(Double(a), Double(b))) }
}

/// Binary elementwise operations a backend implements.
public enum BinaryOp: Sendable {
    case add, sub, mul, div, pow, maximum, minimum
    case eq, ne, lt, le, gt, ge
    /// Whether the op yields a bool tensor.
    public var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: return true
        default: return false
        }
    }
}

/// Raw (non-differentiable) elementwise kernels with broadcasting.
enum Elementwise {
    /// The result dtype of a binary op on two tensors.
    static func resultType(_ op: BinaryOp, _ a: DType, _ b: DType) -> DType {
        if op.isComparison { return .bool }
        var dt = DType.promote(a, b)
        if (op == .div || op == .pow) && !dt.isFloatingPoint { dt = .float32 }
        if dt == .bool && (op == .add || op == .mul || op == .sub) { dt = .int64 }
        return dt
    }

    /// `a op b` with broadcasting.
    static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let outShape = try ShapeMath.broadcast(a.shape, b.shape)
        let rt = resultType(op, a.dtype, b.dtype)
        let ct = op.isComparison ? DType.promote(a.dtype, b.dtype).computeType : rt.computeType
        let out: Tensor
        switch ct {
        case .float32: out = run(Float.self, op, a, b, outShape)
        case .float64: out = run(Double.self, op, a, b, outShape)
        default: out = run(Int64.self, op, a, b, outShape)
        }
        return out.dtype == rt ? out : out.contiguousData(dtype: rt)
    }

    /// `a op s` (or `s op a` when `scalarFirst`), keeping a float tensor's dtype like PyTorch.
    static func binary(_ op: BinaryOp, _ a: Tensor, scalar s: Double, scalarFirst: Bool = false) -> Tensor {
        var rt: DType
        if op.isComparison { rt = .bool }
        else if a.dtype.isFloatingPoint { rt = a.dtype }
        else if s.rounded() != s || op == .div || op == .pow { rt = .float32 }
        else { rt = a.dtype == .bool ? .int64 : a.dtype }
        let ct = op.isComparison ? (a.dtype.isFloatingPoint || s.rounded() != s ? (a.dtype == .float32 ? .float32 : .float64) : .int64) : rt.computeType
        let out: Tensor
        switch ct {
        case .float32: out = runScalar(Float.self, op, a, Float(s), scalarFirst)
        case .float64: out = runScalar(Double.self, op, a, s, scalarFirst)
        default: out = runScalar(Int64.self, op, a, Int64(fromDouble: s), scalarFirst)
        }
        return out.dtype == rt ? out : out.contiguousData(dtype: rt)
    }

    static func run<T: ArithElement>(_: T.Type, _ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Tensor {
        let a = a.dtype == T.dtype ? a : a.contiguousData(as: T.self)
        let b = b.dtype == T.dtype ? b : b.contiguousData(as: T.self)
        switch op {
        case .add: return apply(a, b, shape) { (x: T, y: T) in T.plus(x, y) }
        case .sub: return apply(a, b, shape) { (x: T, y: T) in T.minus(x, y) }
        case .mul: return apply(a, b, shape) { (x: T, y: T) in T.times(x, y) }
        case .div: return apply(a, b, shape) { (x: T, y: T) in T.divide(x, y) }
        case .pow: return apply(a, b, shape) { (x: T, y: T) in T.power(x, y) }
        case .maximum: return apply(a, b, shape) { (x: T, y: T) in (x != x || y != y) ? x + y : (x > y ? x : y) }
        case .minimum: return apply(a, b, shape) { (x: T, y: T) in (x != x || y != y) ? x + y : (x < y ? x : y) }
        case .eq: return apply(a, b, shape) { (x: T, y: T) in x == y }
        case .ne: return apply(a, b, shape) { (x: T, y: T) in x != y }
        case .lt: return apply(a, b, shape) { (x: T, y: T) in x < y }
        case .le: return apply(a, b, shape) { (x: T, y: T) in x <= y }
        case .gt: return apply(a, b, shape) { (x: T, y: T) in x > y }
        case .ge: return apply(a, b, shape) { (x: T, y: T) in x >= y }
        }
    }

    static func runScalar<T: ArithElement>(_: T.Type, _ op: BinaryOp, _ a: Tensor, _ s: T, _ first: Bool) -> Tensor {
        let a = a.dtype == T.dtype ? a : a.contiguousData(as: T.self)
        switch (op, first) {
        case (.add, _): return map(a) { (x: T) in T.plus(x, s) }
        case (.sub, false): return map(a) { (x: T) in T.minus(x, s) }
        case (.sub, true): return map(a) { (x: T) in T.minus(s, x) }
        case (.mul, _): return map(a) { (x: T) in T.times(x, s) }
        case (.div, false): return map(a) { (x: T) in T.divide(x, s) }
        case (.div, true): return map(a) { (x: T) in T.divide(s, x) }
        case (.pow, false):
            if s == 2 { return map(a) { (x: T) in T.times(x, x) } }
            return map(a) { (x: T) in T.power(x, s) }
        case (.pow, true): return map(a) { (x: T) in T.power(s, x) }
        case (.maximum, _): return map(a) { (x: T) in x != x ? x : (x > s ? x : s) }
        case (.minimum, _): return map(a) { (x: T) in x != x ? x : (x < s ? x : s) }
        case (.eq, _): return map(a) { (x: T) in x == s }
        case (.ne, _): return map(a) { (x: T) in x != s }
        case (.lt, false), (.gt, true): return map(a) { (x: T) in x < s }
        case (.le, false), (.ge, true): return map(a) { (x: T) in x <= s }
        case (.gt, false), (.lt, true): return map(a) { (x: T) in x > s }
        case (.ge, false), (.le, true): return map(a) { (x: T) in x >= s }
        }
    }

    /// Applies `f` elementwise to a tensor whose dtype is `T`, producing a new contiguous tensor.
    @inline(__always)
    static func map<T: TensorElement, R: TensorElement>(_ a: Tensor, _ f: (T) -> R) -> Tensor {
        let out = Tensor(uninitialized: a.shape, dtype: R.dtype)
        let op = out.pointer(R.self)
        let ap = a.pointer(T.self)
        if a.isContiguous {
            StridedLoop.blocks(a.count) { lo, hi in for i in lo..<hi { op[i] = f(ap[i]) } }
            return out
        }
        var o = 0
        StridedLoop.rows(a.shape, [a.strides]) { offs, n, inner in
            let s = ap + offs[0], st = inner[0]
            for i in 0..<n { op[o + i] = f(s[i * st]) }
            o += n
        }
        return out
    }

    /// Applies `f` pairwise with broadcasting to tensors of dtype `T`.
    @inline(__always)
    static func apply<T: TensorElement, R: TensorElement>(_ a: Tensor, _ b: Tensor, _ shape: [Int], _ f: (T, T) -> R) -> Tensor {
        let out = Tensor(uninitialized: shape, dtype: R.dtype)
        let op = out.pointer(R.self)
        let ap = a.pointer(T.self), bp = b.pointer(T.self)
        if a.isContiguous && b.isContiguous && a.shape == b.shape {
            StridedLoop.blocks(out.count) { lo, hi in for i in lo..<hi { op[i] = f(ap[i], bp[i]) } }
            return out
        }
        let sa = ShapeMath.broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
        let sb = ShapeMath.broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
        var o = 0
        StridedLoop.rows(shape, [sa, sb]) { offs, n, inner in
            let x = ap + offs[0], y = bp + offs[1]
            let d = op + o
            let ia = inner[0], ib = inner[1]
            if ia == 1 && ib == 1 { for i in 0..<n { d[i] = f(x[i], y[i]) } }
            else if ia == 1 && ib == 0 { let v = y[0]; for i in 0..<n { d[i] = f(x[i], v) } }
            else if ia == 0 && ib == 1 { let v = x[0]; for i in 0..<n { d[i] = f(v, y[i]) } }
            else { for i in 0..<n { d[i] = f(x[i * ia], y[i * ib]) } }
            o += n
        }
        return out
    }

    /// `cond ? a : b` with broadcasting of all three.
    static func select(_ cond: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try ShapeMath.broadcast(ShapeMath.broadcast(cond.shape, a.shape), b.shape)
        let dt = DType.promote(a.dtype, b.dtype)
        let c = cond.contiguousData(as: Bool.self)
        switch dt {
        case .float32: return select3(Float.self, c, a, b, shape)
        case .float64: return select3(Double.self, c, a, b, shape)
        case .int64: return select3(Int64.self, c, a, b, shape)
        case .uint8: return select3(UInt8.self, c, a, b, shape)
        case .int8: return select3(Int8.self, c, a, b, shape)
        case .int32: return select3(Int32.self, c, a, b, shape)
        case .bool: return select3(Bool.self, c, a, b, shape)
        }
    }

    static func select3<T: TensorElement>(_: T.Type, _ c: Tensor, _ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Tensor {
        let a = a.dtype == T.dtype ? a : a.contiguousData(as: T.self)
        let b = b.dtype == T.dtype ? b : b.contiguousData(as: T.self)
        let out = Tensor(uninitialized: shape, dtype: T.dtype)
        let op = out.pointer(T.self), cp = c.pointer(Bool.self), ap = a.pointer(T.self), bp = b.pointer(T.self)
        let sc = ShapeMath.broadcastStrides(shape: c.shape, strides: c.strides, to: shape)
        let sa = ShapeMath.broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
        let sb = ShapeMath.broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
        var o = 0
        StridedLoop.rows(shape, [sc, sa, sb]) { offs, n, inner in
            let cc = cp + offs[0], x = ap + offs[1], y = bp + offs[2]
            for i in 0..<n { op[o + i] = cc[i * inner[0]] ? x[i * inner[1]] : y[i * inner[2]] }
            o += n
        }
        return out
    }
}
