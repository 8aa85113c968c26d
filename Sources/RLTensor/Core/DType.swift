/// Element types a tensor can hold, named as in PyTorch.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, int64, uint8, bool

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float32: return 4
        case .float64, .int64: return 8
        case .uint8, .bool: return 1
        }
    }

    /// Whether the type is a floating-point type.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The PyTorch spelling, for messages (`torch.float32`).
    public var description: String { "torch.\(rawValue)" }

    /// The safetensors header spelling (`F32`, `F64`, `I64`, `U8`, `BOOL`).
    public var safetensorsName: String {
        switch self {
        case .float32: return "F32"
        case .float64: return "F64"
        case .int64: return "I64"
        case .uint8: return "U8"
        case .bool: return "BOOL"
        }
    }

    /// Parses a safetensors dtype name.
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

    var rank: Int {
        switch self {
        case .bool: return 0
        case .uint8: return 1
        case .int64: return 2
        case .float32: return 3
        case .float64: return 4
        }
    }

    /// PyTorch's type promotion for two tensor operands.
    static func promote(_ a: DType, _ b: DType) -> DType { a.rank >= b.rank ? a : b }

    /// The type arithmetic is carried out in: Float, Double or Int64.
    var computeType: DType {
        switch self {
        case .float32: return .float32
        case .float64: return .float64
        default: return .int64
        }
    }
}
