/// Elementwise arithmetic, comparisons and unary math with broadcasting and autograd.
extension Tensor {
    static func binaryOp(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Tensor.backend.binary(op, a, b)
        if !op.isComparison && Autograd.active(a, b) {
            switch op {
            case .add: Autograd.record(out, "AddBackward0", [a, b], Rules.add(a, b))
            case .sub: Autograd.record(out, "SubBackward0", [a, b], Rules.sub(a, b))
            case .mul: Autograd.record(out, "MulBackward0", [a, b], Rules.mul(a, b))
            case .div: Autograd.record(out, "DivBackward0", [a, b], Rules.div(a, b))
            case .pow: Autograd.record(out, "PowBackward1", [a, b], Rules.pow(a, b, out))
            case .maximum: Autograd.record(out, "MaximumBackward0", [a, b], Rules.maximum(a, b, isMax: true))
            case .minimum: Autograd.record(out, "MinimumBackward0", [a, b], Rules.maximum(a, b, isMax: false))
            default: break
            }
        }
        return out
    }

    static func scalarOp(_ op: BinaryOp, _ a: Tensor, _ s: Double, scalarFirst: Bool = false) -> Tensor {
        let out = Tensor.backend.binary(op, a, scalar: s, scalarFirst: scalarFirst)
        if !op.isComparison && Autograd.active(a) {
            let (name, fn) = Rules.scalar(op, a, s, scalarFirst, out)
            Autograd.record(out, name, [a], fn)
        }
        return out
    }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.add, a, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.sub, a, b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.mul, a, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.div, a, b) }
    public static func + (a: Tensor, s: Double) -> Tensor { scalarOp(.add, a, s) }
    public static func - (a: Tensor, s: Double) -> Tensor { scalarOp(.sub, a, s) }
    public static func * (a: Tensor, s: Double) -> Tensor { scalarOp(.mul, a, s) }
    public static func / (a: Tensor, s: Double) -> Tensor { scalarOp(.div, a, s) }
    public static func + (s: Double, a: Tensor) -> Tensor { scalarOp(.add, a, s, scalarFirst: true) }
    public static func - (s: Double, a: Tensor) -> Tensor { scalarOp(.sub, a, s, scalarFirst: true) }
    public static func * (s: Double, a: Tensor) -> Tensor { scalarOp(.mul, a, s, scalarFirst: true) }
    public static func / (s: Double, a: Tensor) -> Tensor { scalarOp(.div, a, s, scalarFirst: true) }
    public static prefix func - (a: Tensor) -> Tensor { a.unaryOp(.neg) }

    public static func == (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.eq, a, b) }
    public static func != (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.ne, a, b) }
    public static func < (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.lt, a, b) }
    public static func <= (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.le, a, b) }
    public static func > (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.gt, a, b) }
    public static func >= (a: Tensor, b: Tensor) throws -> Tensor { try binaryOp(.ge, a, b) }
    public static func == (a: Tensor, s: Double) -> Tensor { scalarOp(.eq, a, s) }
    public static func != (a: Tensor, s: Double) -> Tensor { scalarOp(.ne, a, s) }
    public static func < (a: Tensor, s: Double) -> Tensor { scalarOp(.lt, a, s) }
    public static func <= (a: Tensor, s: Double) -> Tensor { scalarOp(.le, a, s) }
    public static func > (a: Tensor, s: Double) -> Tensor { scalarOp(.gt, a, s) }
    public static func >= (a: Tensor, s: Double) -> Tensor { scalarOp(.ge, a, s) }

    /// Elementwise equality as a bool tensor (`torch.eq`).
    public func eq(_ other: Tensor) throws -> Tensor { try Tensor.binaryOp(.eq, self, other) }
    /// Elementwise `self ** exponent`.
    public func pow(_ exponent: Double) -> Tensor { Tensor.scalarOp(.pow, self, exponent) }
    /// Elementwise `self ** exponent` with a tensor exponent (broadcasting).
    public func pow(_ exponent: Tensor) throws -> Tensor { try Tensor.binaryOp(.pow, self, exponent) }
    /// Elementwise maximum with broadcasting (`torch.maximum`).
    public func maximum(_ other: Tensor) throws -> Tensor { try Tensor.binaryOp(.maximum, self, other) }
    /// Elementwise minimum with broadcasting (`torch.minimum`).
    public func minimum(_ other: Tensor) throws -> Tensor { try Tensor.binaryOp(.minimum, self, other) }

    func unaryOp(_ op: UnaryOp) -> Tensor {
        let out = Tensor.backend.unary(op, self)
        if Autograd.active(self), out.dtype.isFloatingPoint {
            let (name, fn) = Rules.unary(op, self, out)
            Autograd.record(out, name, [self], fn)
        }
        return out
    }

    /// e^x.
    public func exp() -> Tensor { unaryOp(.exp) }
    /// Natural logarithm.
    public func log() -> Tensor { unaryOp(.log) }
    /// log(1 + x).
    public func log1p() -> Tensor { unaryOp(.log1p) }
    /// Square root.
    public func sqrt() -> Tensor { unaryOp(.sqrt) }
    /// Absolute value.
    public func abs() -> Tensor { unaryOp(.abs) }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { unaryOp(.tanh) }
    /// Logistic sigmoid 1/(1+e^-x).
    public func sigmoid() -> Tensor { unaryOp(.sigmoid) }
    /// max(x, 0).
    public func relu() -> Tensor { unaryOp(.relu) }
    /// -1, 0 or 1 (no gradient).
    public func sign() -> Tensor { Tensor.backend.unary(.sign, self) }
    /// x².
    public func square() -> Tensor { unaryOp(.square) }
    /// -x.
    public func neg() -> Tensor { unaryOp(.neg) }
    /// 1/x.
    public func reciprocal() -> Tensor { unaryOp(.reciprocal) }
    /// `base ** self` elementwise for a scalar base.
    public func rpow(_ base: Double) -> Tensor { Tensor.scalarOp(.pow, self, base, scalarFirst: true) }

    /// Clamps into `[min, max]` (either optional); gradient passes where min ≤ x ≤ max.
    public func clamp(min lo: Double? = nil, max hi: Double? = nil) -> Tensor {
        let out = Tensor.backend.clamp(self, min: lo, max: hi)
        if Autograd.active(self) { Autograd.record(out, "ClampBackward1", [self], Rules.clamp(self, lo, hi)) }
        return out
    }

    /// Clamps elementwise between tensor bounds (broadcasting).
    public func clamp(min lo: Tensor?, max hi: Tensor?) throws -> Tensor {
        var r = self
        if let lo { r = try r.maximum(lo) }
        if let hi { r = try r.minimum(hi) }
        return r
    }
}

/// `condition ? a : b` elementwise with broadcasting (`torch.where`).
public func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
    let out = try Tensor.backend.select(condition, a, b)
    if Autograd.active(a, b) { Autograd.record(out, "WhereBackward0", [a, b], Rules.where(condition, a, b)) }
    return out
}

/// `condition ? a : s` with a scalar alternative.
public func `where`(_ condition: Tensor, _ a: Tensor, _ s: Double) throws -> Tensor {
    try `where`(condition, a, Tensor.full([], s, dtype: a.dtype))
}

/// max(x, 0) elementwise.
public func relu(_ x: Tensor) -> Tensor { x.relu() }
/// Logistic sigmoid.
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
