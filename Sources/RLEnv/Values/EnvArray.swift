// Environment arrays are the engine's one n-d array (RLSupport/Array): observations, frames and
// actions are `NDArray`s, with the same `DType` tensors have, so a tensor wraps an observation's buffer.
@_exported import enum RLSupport.DType
@_exported import struct RLSupport.NDArray
import RLSupport

/// An n-dimensional, row-major, contiguous array crossing the environment boundary (observations,
/// actions, frames): numpy's `ndarray` for what Gymnasium envs exchange. The same type as `NDArray`.
public typealias EnvArray = NDArray

extension NDArray: CustomStringConvertible {
    /// numpy's `repr`-like form, e.g. `array([0.01, -0.02], dtype=float32)`.
    public var description: String {
        let body = NumpyFormat.array(self)
        switch dtype {
        case .float64, .int64, .bool: return "array(\(body))"
        default: return "array(\(body), dtype=\(dtype))"
        }
    }
}
