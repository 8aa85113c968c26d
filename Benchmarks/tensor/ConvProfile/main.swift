// ConvProfile: times each NatureCNN layer's forward and backward on its own (release build), to show
// where a training step's time goes. Build and run with Benchmarks/tensor/profile.sh.
import Dispatch
import RLNN
import RLTensor

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Best (minimum) seconds of `reps` runs after `warmup` runs.
func timeIt(warmup: Int = 3, reps: Int = 15, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var best = Double.infinity
    for _ in 0..<reps { let t0 = now(); try body(); best = min(best, now() - t0) }
    return best
}

manualSeed(0)
let layers: [(String, Module, [Int])] = [
    ("conv1 4->32 k8 s4", Conv2d(4, 32, kernelSize: 8, stride: 4), [4, 84, 84]),
    ("conv2 32->64 k4 s2", Conv2d(32, 64, kernelSize: 4, stride: 2), [32, 20, 20]),
    ("conv3 64->64 k3 s1", Conv2d(64, 64, kernelSize: 3, stride: 1), [64, 9, 9]),
    ("linear 3136->512", Linear(3136, 512), [3136]),
    ("relu 32x20x20", ReLU(), [32, 20, 20]),
]
for n in [32, 1] {
    var total = 0.0
    for (name, m, shape) in layers {
        let x = Tensor.rand([n] + shape, requiresGrad: name.hasPrefix("conv1") ? false : true)
        let fwd = try timeIt { _ = try noGrad { try m(x) } }
        let y0 = try m(x)
        let g = Tensor.randn(y0.shape)
        let step = try timeIt { let y = try m(x); try y.backward(g) }
        total += n == 1 ? fwd : step
        print("b\(n) \(name): forward \(format1(fwd * 1e3)) ms, forward+backward \(format1(step * 1e3)) ms")
    }
    print("b\(n) sum: \(format1(total * 1e3)) ms")
}

func format1(_ v: Double) -> String { String(Double(Int(v * 1000)) / 1000) }

// The whole training step, split into forward, backward and optimizer step.
do {
    let net = Sequential(Conv2d(4, 32, kernelSize: 8, stride: 4), ReLU(), Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                         Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten(), Linear(3136, 512), ReLU(), Linear(512, 6))
    let opt = try Adam(net.parameters(), lr: 1e-4)
    let x = Tensor.rand([32, 4, 84, 84]), y = Tensor.randn([32, 6])
    var tf = Double.infinity, tb = Double.infinity, to = Double.infinity
    for _ in 0..<15 {
        opt.zeroGrad()
        let t0 = now()
        let loss = try mseLoss(try net(x), y)
        let t1 = now()
        try loss.backward()
        let t2 = now()
        try opt.step()
        let t3 = now()
        tf = min(tf, t1 - t0); tb = min(tb, t2 - t1); to = min(to, t3 - t2)
    }
    print("b32 step: forward \(format1(tf * 1e3)) ms, backward \(format1(tb * 1e3)) ms, adam \(format1(to * 1e3)) ms")
}
