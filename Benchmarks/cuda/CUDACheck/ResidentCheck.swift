import RLCUDA
import RLNN
import RLTensor

/// The resident NatureCNN step (`ResidentNatureCNNStep`): its first loss and gradients against RLNN
/// on the CPU backend, then its time per step eagerly and as a replayed CUDA graph. Returns false
/// when the gradients disagree.
func residentCheck(_ gpu: CUDABackend, reps: Int) throws -> Bool {
    manualSeed(0)
    let net = Sequential(Conv2d(4, 32, kernelSize: 8, stride: 4), ReLU(), Conv2d(32, 64, kernelSize: 4, stride: 2), ReLU(),
                         Conv2d(64, 64, kernelSize: 3, stride: 1), ReLU(), Flatten(), Linear(3136, 512), ReLU(), Linear(512, 6))
    let x = Tensor.rand([32, 4, 84, 84]), y = Tensor.randn([32, 6])
    let params = net.parameters()
    let step = try ResidentNatureCNNStep(device: gpu, parameters: params.map { $0.scalars.map { Float($0) } },
                                         input: x.scalars.map { Float($0) }, target: y.scalars.map { Float($0) }, batch: 32, actions: 6)
    let loss = try with(CPUBackend()) { () throws -> Double in
        let l = try mseLoss(try net(x), y)
        try l.backward()
        return try l.item
    }
    try step.run()
    let gpuLoss = Double(try step.lastLoss())
    var ok = abs(gpuLoss - loss) <= 1e-4 * max(1, abs(loss))
    print("resident step: loss cpu \(loss) gpu \(gpuLoss)")
    for (i, p) in params.enumerated() {
        let want = p.grad!.scalars, got = try step.gradient(i)
        let scale = want.map { abs($0) }.max() ?? 0
        let diff = zip(want, got).map { abs($0 - Double($1)) }.max() ?? .infinity
        let rel = got.count == want.count ? diff / max(scale, 1e-12) : .infinity   // relative to the largest gradient entry
        if rel > 1e-3 { ok = false; print("FAIL resident gradient \(i) \(p.shape): error \(rel)") }
    }
    for _ in 0..<3 { try step.run() }
    try gpu.device.synchronize()
    var best = Double.infinity
    for _ in 0..<reps { let t0 = now(); try step.run(); try gpu.device.synchronize(); best = min(best, now() - t0) }
    print("naturecnn_b32_train_step cuda-resident eager \(best * 1e3) ms (best of \(reps))")
    let planner = GraphPlanner<DriverGraphs, String>(executor: try DriverGraphs(device: gpu.device), warmupRuns: 1)
    var bestGraph = Double.infinity
    for _ in 0..<(reps + 2) {
        let t0 = now()
        try planner.run("step") { try step.run() }
        try gpu.device.synchronize()
        bestGraph = min(bestGraph, now() - t0)
    }
    if let why = planner.failures["step"] { print("graph capture failed: \(why)"); ok = false }
    print("naturecnn_b32_train_step cuda-resident graph \(bestGraph * 1e3) ms (best of \(reps + 2), includes the capture run)")
    return ok
}
