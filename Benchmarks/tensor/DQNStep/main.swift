// DQNStep: the pieces of a DQN CnnPolicy step on CarRacing shapes (NatureCNN on 3×96×96, 5 actions):
// per-layer forward / forward+backward with GFLOP/s, the whole batch-32 train step (target forward,
// forward, Huber loss, backward, clip, Adam) and the greedy batch-1 predict. Times are the best of
// several runs, wall and CPU (both threads count). Build and run with Benchmarks/tensor/dqnstep.sh.
import Dispatch
import RLNN
import RLSupport
import RLTensor

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func cpuNow() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}

/// Best wall seconds and the CPU seconds per run (process CPU time, all threads, averaged over the timed
/// runs: on a machine shared with other work the CPU time is the steadier measure).
func timeIt(warmup: Int = 3, reps: Int = 20, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    for _ in 0..<warmup { try body() }
    var best = Double.infinity
    let c0 = cpuNow()
    for _ in 0..<reps { let t0 = now(); try body(); best = min(best, now() - t0) }
    return (best, (cpuNow() - c0) / Double(reps))
}

/// Accumulated CPU seconds of a part of a loop.
final class Part { var cpu = 0.0, wall = Double.infinity, wallSum = 0.0
    func run<R>(_ body: () throws -> R) rethrows -> R {
        let c0 = cpuNow(), t0 = now(); let r = try body(); cpu += cpuNow() - c0
        let d = now() - t0; wall = min(wall, d); wallSum += d; return r
    }
}

func f3(_ v: Double) -> String { String(Double(Int(v * 1000)) / 1000) }

manualSeed(0)
let args = CommandLine.arguments
let reps = args.count > 1 ? Int(args[1]) ?? 20 : 20
let only = args.count > 2 ? args[2] : "all"

// Per-layer forward and forward+backward at batch 32, with the multiply-adds of each GEMM.
let layers: [(String, Module, [Int], Double)] = [
    ("conv1 3->32 k8 s4 (23x23)", Conv2d(3, 32, kernelSize: 8, stride: 4), [3, 96, 96], 529.0 * 32 * 192),
    ("conv2 32->64 k4 s2 (10x10)", Conv2d(32, 64, kernelSize: 4, stride: 2), [32, 23, 23], 100.0 * 64 * 512),
    ("conv3 64->64 k3 s1 (8x8)", Conv2d(64, 64, kernelSize: 3, stride: 1), [64, 10, 10], 64.0 * 64 * 576),
    ("linear 4096->512", Linear(4096, 512), [4096], 4096.0 * 512),
]
for n in [32, 1] where only == "all" || only == "layers" {
    for (name, m, shape, macs) in layers {
        let x = Tensor.rand([n] + shape, requiresGrad: !name.hasPrefix("conv1"))
        let fwd = try timeIt(reps: reps) { _ = try noGrad { try m(x) } }
        let y0 = try m(x)
        let g = Tensor.randn(y0.shape)
        let step = try timeIt(reps: reps) { let y = try m(x); try y.backward(g) }
        let flops = 2 * macs * Double(n)
        let bwdFlops = name.hasPrefix("conv1") ? 2 * flops : 3 * flops
        print("b\(n) \(name): forward \(f3(fwd.wall * 1e3)) ms best, \(f3(fwd.cpu * 1e3)) ms CPU (\(f3(flops / fwd.cpu / 1e9)) GFLOP per CPU-s); forward+backward \(f3(step.wall * 1e3)) ms best, \(f3(step.cpu * 1e3)) ms CPU (\(f3(bwdFlops / step.cpu / 1e9)) GFLOP per CPU-s)")
    }
}

// The train step of DQN.train on a batch of 32 (obs scaled to [0, 1] like the replay buffer's batch).
let net = Sequential(Conv2d(3, 32, kernelSize: 8, stride: 4), ReLU(), Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                     Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten(), Linear(4096, 512), ReLU(), Linear(512, 5))
let target = Sequential(Conv2d(3, 32, kernelSize: 8, stride: 4), ReLU(), Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                        Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten(), Linear(4096, 512), ReLU(), Linear(512, 5))
try target.loadStateDict(net.stateDict())
let opt = try Adam(net.parameters(), lr: 1e-4)
let obs = Tensor.rand([32, 3, 96, 96]), next = Tensor.rand([32, 3, 96, 96])
let actions = try Tensor.randint(0, 5, [32, 1]), rewards = Tensor.randn([32, 1]), dones = Tensor.zeros([32, 1])
let parts = (0..<5).map { _ in Part() }
if only == "all" || only == "step" {
for i in 0..<(reps + 3) {
    if i == 3 { for p in parts { p.cpu = 0; p.wallSum = 0 } }
    let tgt: Tensor = try parts[0].run { try noGrad {
        let nq = try target(next).max(dim: 1, keepdim: true).values
        return try rewards + (try (1 - dones) * nq) * 0.99
    } }
    let loss = try parts[1].run { () throws -> Tensor in
        let q = try net(obs).gather(dim: 1, index: actions)
        let l = try smoothL1Loss(q, tgt)
        _ = try l.item
        return l
    }
    try parts[2].run { opt.zeroGrad(); try loss.backward() }
    _ = try parts[3].run { try clipGradNorm(net.parameters(), maxNorm: 10) }
    try parts[4].run { try opt.step() }
}
let names = ["target forward", "forward+loss", "backward", "clip", "adam"]
let total = parts.reduce(0) { $0 + $1.cpu } / Double(reps)
print("b32 train step: " + zip(names, parts).map { "\($0) \(f3($1.cpu / Double(reps) * 1e3)) ms CPU (best wall \(f3($1.wall * 1e3)), mean wall \(f3($1.wallSum / Double(reps) * 1e3)))" }.joined(separator: ", "))
let totalWall = parts.reduce(0) { $0 + $1.wallSum } / Double(reps)
print("b32 train step: \(f3(total * 1e3)) ms CPU, \(f3(totalWall * 1e3)) ms wall per step (\(f3(2.6e9 / total / 1e9)) GFLOP per CPU-s at ~2.6 GFLOP a step)")
}

// Greedy predict on one frame (DQNPolicy.predict).
if only == "all" || only == "predict" {
let one = Tensor.rand([1, 3, 96, 96])
let pr = try timeIt(warmup: 20, reps: reps * 20) { _ = try noGrad { try net(one).argmax(dim: 1).scalars } }
print("predict b1: best \(f3(pr.wall * 1e3)) ms, mean CPU \(f3(pr.cpu * 1e3)) ms")
let prs = try timeIt(warmup: 20, reps: reps * 20) { _ = try noGrad { try net(one).argmax(dim: 1).scalars } }
print("predict b1 (again): best \(f3(prs.wall * 1e3)) ms, mean CPU \(f3(prs.cpu * 1e3)) ms")
// After every optimizer step the weights change: predict right after a step (what DQN does every 4th call).
let pr2 = try timeIt(warmup: 3, reps: reps) {
    try opt.step()
    _ = try noGrad { try net(one).argmax(dim: 1).scalars }
}
print("adam step + predict b1: best \(f3(pr2.wall * 1e3)) ms")
}
