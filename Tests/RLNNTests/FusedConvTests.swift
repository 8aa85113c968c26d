import Foundation
import Testing
import TestSupport
import RLTensor
@testable import RLNN

@Test(arguments: [UnaryOp.relu, .tanh, .sigmoid])
func fusedConvActivationEqualsConvThenActivationBitForBit(_ act: UnaryOp) throws {
    // (n, c, h, o, k, stride, padding): the implicit kernels (unpadded, 16 output channels, 8-wide kernel
    // rows), the unfolding path (padded, 7 channels) and a batch of one.
    for (n, c, h, o, k, s, p) in [(3, 3, 20, 16, 8, 4, 0), (2, 4, 9, 7, 3, 1, 1), (1, 2, 12, 16, 4, 2, 0)] {
        let x1 = try wave([n, c, h, h], 0.1, requiresGrad: true), x2 = try wave([n, c, h, h], 0.1, requiresGrad: true)
        let w1 = try wave([o, c, k, k], 0.7, requiresGrad: true), w2 = try wave([o, c, k, k], 0.7, requiresGrad: true)
        let b1 = try wave([o], 2.0, requiresGrad: true), b2 = try wave([o], 2.0, requiresGrad: true)
        let fused = try conv2d(x1, w1, bias: b1, stride: [s, s], padding: [p, p], activation: act)
        let plain = apply(act, try conv2d(x2, w2, bias: b2, stride: [s, s], padding: [p, p]))
        try expectSameValuesAndGradients(fused, plain, leaves: [(x1, x2), (w1, w2), (b1, b2)])
    }
}

@Test func fusedConvWithoutGradientRecordsNothing() throws {
    let w = try wave([16, 3, 4, 4], 0.3, requiresGrad: true)
    let y = try noGrad { try conv2d(try wave([1, 3, 10, 10], 0.5), w, bias: nil, stride: [2, 2], padding: [0, 0], activation: .relu) }
    #expect(!y.requiresGrad)
    #expect(y.isLeaf)
}

@Test(.usesTheTensorGenerator) func sequentialRunsFusedConvLayersWithTheSameValuesAndGradients() throws {
    let net = Sequential(Conv2d(3, 16, kernelSize: 8, stride: 4), ReLU(), Conv2d(16, 16, kernelSize: 3, stride: 1), Tanh(),
                         Flatten(), Linear(16 * 6 * 6, 4))
    let x = try wave([2, 3, 36, 36], 0.2)
    // Layer by layer (what Sequential did before fusing).
    var h = x
    for l in net.layers { h = try l(h) }
    try h.sum().backward()
    let stepwise = net.parameters().map { $0.grad!.toArray(Float.self) }
    for p in net.parameters() { p.grad = nil }
    let y = try net(x)
    #expect(y.toArray(Float.self) == h.toArray(Float.self))
    try y.sum().backward()
    #expect(net.parameters().map { $0.grad!.toArray(Float.self) } == stepwise)
}
