/// The element type of every n-d array in the engine: environment arrays (`NDArray`, numpy's
/// names) and tensors (`Tensor`, PyTorch's names) use this one enum, so an observation's dtype is
/// its tensor's dtype with no mapping in between.
///
/// `description` is numpy's spelling (`float32`); `torchName` is PyTorch's (`torch.float32`), used by
/// tensors' messages. Tensors hold `tensorCases`; `int8` and `int32` exist for environment arrays
/// (Taxi's action mask, MultiBinary) and widen to `int64` when they become tensors.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case float32, float64, int8, int32, int64, uint8, bool

    /// The dtypes a tensor can have (PyTorch's subset the engine implements).
    public static let tensorCases: [DType] = [.float32, .float64, .int64, .uint8, .bool]

    /// numpy's spelling (`float32`).
    public var description: String { rawValue }

    /// PyTorch's spelling, for tensor messages (`torch.float32`).
    public var torchName: String { "torch.\(rawValue)" }

    /// Bytes per element.
    @inlinable
    public var size: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .uint8, .bool, .int8: return 1
        }
    }

    /// Floating-point kinds (`dtype.kind == "f"`).
    @inlinable
    public var isFloat: Bool { self == .float32 || self == .float64 }

    /// Whether the type is a floating-point type (PyTorch's `is_floating_point`).
    @inlinable
    public var isFloatingPoint: Bool { isFloat }

    /// Whether a tensor can hold this dtype without widening.
    public var isTensorDType: Bool { self != .int8 && self != .int32 }

    /// The dtype a tensor made from an array of this dtype has (`int8`/`int32` widen to `int64`).
    public var tensorDType: DType { isTensorDType ? self : .int64 }

    /// Smallest and largest representable values (numpy's `finfo` / `iinfo`).
    @inlinable
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
    @inlinable
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

    /// The safetensors header spelling (`F32`, `F64`, `I8`, `I32`, `I64`, `U8`, `BOOL`).
    public var safetensorsName: String {
        switch self {
        case .float32: return "F32"
        case .float64: return "F64"
        case .int8: return "I8"
        case .int32: return "I32"
        case .int64: return "I64"
        case .uint8: return "U8"
        case .bool: return "BOOL"
        }
    }

    /// Parses a safetensors dtype name (tensor dtypes only).
    public init?(safetensorsName: String) {
        switch safetensorsName {
        case "F32": self = .float32
        case "F64": self = .float64
        case "I64": self = .int64
        case "U8": self = .uint8
        case "BOOL": self = .bool
        default: return nil
        }
    }
}
