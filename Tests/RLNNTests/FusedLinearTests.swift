import Foundation
import Testing
import TestSupport
import RLTensor
@testable import RLNN

@Test(arguments: [UnaryOp.tanh, .relu, .sigmoid])
func fusedLinearActivationEqualsLinearThenActivationBitForBit(_ act: UnaryOp) throws {
    // Batch-1 (GEMV), MLP-sized and ragged shapes take different GEMM paths.
    for (rows, inF, outF) in [(1, 4, 64), (64, 64, 64), (7, 33, 9)] {
        let x1 = try wave([rows, inF], 0.1, requiresGrad: true), x2 = try wave([rows, inF], 0.1, requiresGrad: true)
        let w1 = try wave([outF, inF], 0.7, requiresGrad: true), w2 = try wave([outF, inF], 0.7, requiresGrad: true)
        let b1 = try wave([outF], 2.0, requiresGrad: true), b2 = try wave([outF], 2.0, requiresGrad: true)
        let fused = try linear(x1, w1, b1, activation: act)
        let plain = apply(act, try linear(x2, w2, b2))
        try expectSameValuesAndGradients(fused, plain, leaves: [(x1, x2), (w1, w2), (b1, b2)])
    }
}

@Test func fusedLinearWithoutGradientRecordsNothing() throws {
    let w = try wave([8, 4], 0.3, requiresGrad: true)
    let y = try noGrad { try linear(try wave([2, 4], 0.5), w, nil, activation: .tanh) }
    #expect(!y.requiresGrad)
    #expect(y.isLeaf)
}

@Test(.usesTheTensorGenerator) func sequentialRunsFusedLayersWithTheSameValuesAndGradients() throws {
    let net = Sequential(Linear(4, 16), Tanh(), Linear(16, 16), ReLU(), Linear(16, 3), Sigmoid(), Linear(3, 2))
    let x = try wave([5, 4], 0.2)
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

@Test(.usesTheTensorGenerator) func parametersKeepStateDictOrder() throws {
    let net = Sequential(Linear(3, 4), Tanh(), Sequential(Linear(4, 2), ReLU()))
    let named = net.namedParameters()
    #expect(named.map { $0.0 } == ["0.weight", "0.bias", "2.0.weight", "2.0.bias"])
    #expect(net.parameters().map { ObjectIdentifier($0) } == named.map { ObjectIdentifier($0.1) })
}

@Test(.usesTheTensorGenerator) func categoricalLogProbSameShapeAndBroadcastAgree() throws {
    let dist = try Categorical(logits: try wave([4, 3], 0.9))
    let a = try Tensor([Int64(0), 2, 1, 2], shape: [4])
    let direct = try dist.logProb(a)
    let broadcast = try dist.logProb(try a.unsqueeze(0))
    #expect(direct.shape == [4])
    #expect(broadcast.shape == [1, 4])
    #expect(direct.toArray(Float.self) == broadcast.toArray(Float.self))
    #expect(throws: (any Error).self) { try dist.logProb(try Tensor([Int64(0), 3, 1, 2], shape: [4])) }
    #expect(throws: (any Error).self) { try dist.logProb(try Tensor([Int64(0), 1], shape: [2])) }
}
