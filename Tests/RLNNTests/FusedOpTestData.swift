import Foundation
import RLTensor

// Shared by FusedLinearTests and FusedConvTests: inputs for comparing a fused op with its two steps.

/// Deterministic test data that does not draw from the global generator.
func wave(_ shape: [Int], _ phase: Double, requiresGrad: Bool = false) throws -> Tensor {
    let n = shape.reduce(1, *)
    return try Tensor((0..<n).map { Float(sin(Double($0) * 0.37 + phase)) }, shape: shape, requiresGrad: requiresGrad)
}

/// `act` applied as its own op (the unfused second step).
func apply(_ act: UnaryOp, _ z: Tensor) -> Tensor {
    switch act {
    case .tanh: return z.tanh()
    case .relu: return z.relu()
    default: return z.sigmoid()
    }
}
