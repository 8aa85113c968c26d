import RLSupport

/// A Swift type that can be stored in a tensor (its `dtype` comes from `ArrayElement`).
public protocol TensorElement: ArrayElement {
    /// Converts from a Double (truncating toward zero for integers, like PyTorch casts).
    init(fromDouble v: Double)
    /// The value as a Double.
    var asDouble: Double { get }
}

extension Float: TensorElement {
    @inline(__always) public init(fromDouble v: Double) { self = Float(v) }
    @inline(__always) public var asDouble: Double { Double(self) }
}
extension Double: TensorElement {
    @inline(__always) public init(fromDouble v: Double) { self = v }
    @inline(__always) public var asDouble: Double { self }
}
extension Int64: TensorElement {
    @inline(__always) public init(fromDouble v: Double) {
        if v.isNaN { self = 0 } else if v >= 9.2e18 { self = .max } else if v <= -9.2e18 { self = .min } else { self = Int64(v) }
    }
    @inline(__always) public var asDouble: Double { Double(self) }
}
extension UInt8: TensorElement {
    @inline(__always) public init(fromDouble v: Double) {
        // PyTorch wraps modulo 256 for in-range integers; clamp NaN/inf to 0.
        if !v.isFinite { self = 0 } else { self = UInt8(truncatingIfNeeded: Int64(fromDouble: v)) }
    }
    @inline(__always) public var asDouble: Double { Double(self) }
}
extension Int8: TensorElement {
    @inline(__always) public init(fromDouble v: Double) {
        if !v.isFinite { self = 0 } else { self = Int8(truncatingIfNeeded: Int64(fromDouble: v)) }
    }
    @inline(__always) public var asDouble: Double { Double(self) }
}
extension Int32: TensorElement {
    @inline(__always) public init(fromDouble v: Double) {
        if !v.isFinite { self = 0 } else { self = Int32(truncatingIfNeeded: Int64(fromDouble: v)) }
    }
    @inline(__always) public var asDouble: Double { Double(self) }
}
extension Bool: TensorElement {
    @inline(__always) public init(fromDouble v: Double) { self = v != 0 }
    @inline(__always) public var asDouble: Double { self ? 1 : 0 }
}
