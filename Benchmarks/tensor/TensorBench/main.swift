// TensorBench: rlbook's side of the tensor benchmarks (see ../run.sh). Prints `name value unit` lines.
import Dispatch
import RLNN
import RLTensor

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Best (minimum) seconds of `reps` runs after `warmup` runs: the least disturbed by other load.
func timeIt(warmup: Int, reps: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var best = Double.infinity
    for _ in 0..<reps { let t0 = now(); try body(); best = min(best, now() - t0) }
    return best
}

let args = CommandLine.arguments
let quick = args.contains("--quick")
manualSeed(0)

for n in [512, 1024] {
    let a = Tensor.randn([n, n]), b = Tensor.randn([n, n])
    let t = try timeIt(warmup: 2, reps: n == 512 ? 20 : 6) { _ = try a.matmul(b) }
    print("sgemm_\(n) \(2.0 * Double(n * n * n) / t / 1e9) GFLOP/s")
}

do {
    let net = Sequential(Linear(4, 64), Tanh(), Linear(64, 64), Tanh(), Linear(64, 2))
    let opt = try Adam(net.parameters(), lr: 1e-3)
    let x = Tensor.randn([64, 4]), y = Tensor.randn([64, 2])
    let t = try timeIt(warmup: 200, reps: quick ? 500 : 3000) {
        opt.zeroGrad()
        let loss = try mseLoss(try net(x), y)
        try loss.backward()
        try opt.step()
    }
    print("mlp_4_64_64_2_b64_train_step \(t * 1e6) us")
}

func natureCNN(_ nActions: Int) -> Sequential {
    Sequential(Conv2d(4, 32, kernelSize: 8, stride: 4), ReLU(),
               Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
               Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(),
               Flatten(), Linear(3136, 512), ReLU(), Linear(512, nActions))
}

do {
    let net = natureCNN(6)
    let opt = try Adam(net.parameters(), lr: 1e-4)
    let x = Tensor.rand([32, 4, 84, 84]), y = Tensor.randn([32, 6])
    let t = try timeIt(warmup: 3, reps: quick ? 5 : 20) {
        opt.zeroGrad()
        let loss = try mseLoss(try net(x), y)
        try loss.backward()
        try opt.step()
    }
    print("naturecnn_b32_train_step \(t * 1e3) ms")
    let x1 = Tensor.rand([1, 4, 84, 84])
    let t1 = try timeIt(warmup: 20, reps: quick ? 50 : 300) { _ = try noGrad { try net(x1) } }
    print("naturecnn_b1_forward \(t1 * 1e3) ms")
}

// Interop: write a state dict for PyTorch to load (checked by run.sh).
if let i = args.firstIndex(of: "--write-safetensors"), i + 1 < args.count {
    manualSeed(123)
    let net = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
    try net.save(args[i + 1])
    let x = try Tensor([[0.5, -1.0, 2.0, 0.25]])
    print("interop_output " + (try net(x)).scalars.map { String($0) }.joined(separator: ","))
}
