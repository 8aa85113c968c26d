import Foundation
import Testing
import RLTensor

// Shared by FusedLinearTests and FusedConvTests: inputs for comparing a fused op with its two steps, and the comparison.

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

/// Expects `fused` and `plain` to hold the same values and, back-propagated from the same upstream
/// gradient, to give each pair of leaves (x, w, b of the fused and of the plain op) the same gradients,
/// bit for bit.
func expectSameValuesAndGradients(_ fused: Tensor, _ plain: Tensor, leaves: [(Tensor, Tensor)],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(fused.shape == plain.shape, sourceLocation: sourceLocation)
    #expect(fused.toArray(Float.self) == plain.toArray(Float.self), sourceLocation: sourceLocation)
    let g = try wave(plain.shape, 1.3)
    try (fused * g).sum().backward()
    try (plain * g).sum().backward()
    for (a, b) in leaves {
        #expect(a.grad!.toArray(Float.self) == b.grad!.toArray(Float.self), sourceLocation: sourceLocation)
    }
}
