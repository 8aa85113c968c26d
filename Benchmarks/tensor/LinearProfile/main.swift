// LinearProfile: the three products of a Linear layer's training step, one at a time, in CPU
// milliseconds of the whole process (all threads) per call and GFLOP per CPU-second: forward
// y = x·Wᵀ, input gradient dX = g·W, weight gradient dW = gᵀ·x, for NatureCNN's 4096→512 at batch
// 32 and a few other shapes. CPU time is steadier than wall time on a shared machine.
// Build and run: Benchmarks/tensor/linearprofile.sh [reps]  (RLBOOK_THREADS=1 for one thread)
import RLNN
import RLSupport
import RLTensor

func cpuNow() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}
func cpuPerCall(_ reps: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<3 { try body() }
    let c0 = cpuNow()
    for _ in 0..<reps { try body() }
    return (cpuNow() - c0) / Double(reps)
}
func f3(_ v: Double) -> String { String(Double(Int(v * 1000)) / 1000) }

manualSeed(0)
let reps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 50 : 50
// (batch, in, out)
for (n, fin, fout) in [(32, 4096, 512), (32, 512, 5), (64, 3136, 512), (256, 256, 256), (1, 4096, 512)] {
    let x = Tensor.randn([n, fin]), w = Tensor.randn([fout, fin]), g = Tensor.randn([n, fout])
    let flops = 2.0 * Double(n * fin * fout)
    let fwd = try cpuPerCall(reps) { _ = try linear(x, w, nil) }
    // dX = g·W and dW = gᵀ·x through the public matmul (the shapes and strides the backward uses)
    let wt = w
    let dx = try cpuPerCall(reps) { _ = try g.matmul(wt) }
    let gt = try g.t()
    let dw = try cpuPerCall(reps) { _ = try gt.matmul(x) }
    print("linear b\(n) \(fin)->\(fout): forward \(f3(fwd * 1e3)) ms CPU (\(f3(flops / fwd / 1e9)) GFLOP/CPU-s), dX \(f3(dx * 1e3)) ms (\(f3(flops / dx / 1e9))), dW \(f3(dw * 1e3)) ms (\(f3(flops / dw / 1e9)))")
}
