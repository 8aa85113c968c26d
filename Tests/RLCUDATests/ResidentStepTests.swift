import Testing
import TestSupport
import RLTensor
@testable import RLCUDA

/// The resident NatureCNN step's composition (which kernels, in which order, with which GEMM
/// shapes and strides) on the emulated device, against RLTensor's CPU autograd of the same network.
@Suite(.enabled(if: KernelEmulator.clang != nil, "no clang++ to compile the kernels for CPU emulation"))
struct ResidentStepTests {
    @Test(.usesTheTensorGenerator) func lossAndGradientsMatchTheCPUBackendsAutograd() throws {
        manualSeed(5)
        let n = 2, actions = 6
        // The same network as RLNN's NatureCNN (Conv2d/Linear parameter order), written with RLTensor ops.
        let shapes: [[Int]] = [[32, 4, 8, 8], [32], [64, 32, 4, 4], [64], [64, 64, 3, 3], [64], [512, 3136], [512], [actions, 512], [actions]]
        let params = shapes.map { (Tensor.randn($0) * 0.05).detach().requiresGrad_() }
        let x = Tensor.rand([n, 4, 84, 84]), y = Tensor.randn([n, actions])
        var h = x
        for (i, stride) in [4, 2, 1].enumerated() {
            h = try conv2d(h, params[2 * i], bias: params[2 * i + 1], stride: stride).relu()
        }
        h = try linear(try h.reshape([n, 3136]), params[6], params[7]).relu()
        let q = try linear(h, params[8], params[9])
        let diff = try q - y
        let loss = try (diff * diff).mean()
        try loss.backward()

        let dev = EmulatedDevice()
        let step = try ResidentNatureCNNStep(device: dev, parameters: params.map { $0.scalars.map { Float($0) } },
                                             input: x.scalars.map { Float($0) }, target: y.scalars.map { Float($0) }, batch: n, actions: actions)
        try step.run()
        let want = try loss.item
        #expect(abs(Double(try step.lastLoss()) - want) <= 1e-4 * max(1, abs(want)))
        for (i, p) in params.enumerated() {
            let g = try step.gradient(i), w = p.grad!.scalars
            let scale = max(w.map { abs($0) }.max() ?? 0, 1e-12)
            let err = zip(g, w).map { abs(Double($0) - $1) }.max() ?? .infinity
            #expect(g.count == w.count && err / scale <= 1e-3, "gradient \(i) \(p.shape): error \(err / scale)")
        }
        // The Adam step moved every parameter by at most lr (plus rounding) in the first step.
        for (i, p) in params.enumerated() {
            let after = try step.parameter(i), before = p.scalars
            let moved = zip(after, before).map { abs(Double($0) - $1) }.max() ?? .infinity
            #expect(moved > 0 && moved <= 1.01e-4, "parameter \(i) moved by \(moved)")
        }
        #expect(dev.launches > 30)
    }
}
