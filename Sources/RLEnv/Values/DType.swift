/// Element types of environment arrays, named as numpy names them.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case float32, float64, int8, int32, int64, uint8, bool

    public var description: String { rawValue }

    /// Floating-point kinds (`dtype.kind == "f"`).
    public var isFloat: Bool { self == .float32 || self == .float64 }

    /// Smallest and largest representable values (numpy's `finfo` / `iinfo`).
    public var range: (min: Double, max: Double) {
        switch self {
        case .float32: return (-Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude))
        case .float64: return (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude)
        case .int8: return (-128, 127)
        case .int32: return (Double(Int32.min), Double(Int32.max))
        case .int64: return (Double(Int64.min), Double(Int64.max))
        case .uint8: return (0, 255)
        case .bool: return (0, 1)
        }
    }

    /// numpy's `np.can_cast(from, to)` under the default "safe" rule.
    public func canCast(to other: DType) -> Bool {
        if self == other { return true }
        switch (self, other) {
        case (.bool, _): return true
        case (.uint8, .int32), (.uint8, .int64), (.uint8, .float32), (.uint8, .float64): return true
        case (.int8, .int32), (.int8, .int64), (.int8, .float32), (.int8, .float64): return true
        case (.int32, .int64), (.int32, .float64): return true
        case (.int64, .float64): return false
        case (.float32, .float64): return true
        default: return false
        }
    }

    /// Rounds a double to what storing it in this dtype keeps (numpy `astype` for in-range values; ints truncate toward zero).
    @inline(__always)
    public func cast(_ v: Double) -> Double {
        switch self {
        case .float32: return Double(Float(v))
        case .float64: return v
        case .bool: return v != 0 ? 1 : 0
        default:
            guard v.isFinite else { return 0 }
            let r = range
            return Swift.min(Swift.max(v.rounded(.towardZero), r.min), r.max)
        }
    }
}
