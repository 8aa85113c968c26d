// Tensors are built on the engine's one array layer (RLSupport/Array): the same `DType` as
// environment arrays, and `ArrayBuffer` memory, so a tensor made from an observation shares its buffer.
@_exported import enum RLSupport.DType
@_exported import struct RLSupport.NDArray
@_exported import protocol RLSupport.ArrayElement
import RLSupport

/// A tensor's memory is an `ArrayBuffer` (views share it).
typealias Storage = ArrayBuffer
/// The pooled allocator behind `ArrayBuffer`, also used directly by the kernels for scratch space.
typealias BufferPool = RLSupport.BufferPool

extension RLSupport.DType {
    /// Promotion order of tensor dtypes.
    var rank: Int {
        switch self {
        case .bool: return 0
        case .uint8: return 1
        case .int8: return 2
        case .int32: return 3
        case .int64: return 4
        case .float32: return 5
        case .float64: return 6
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
