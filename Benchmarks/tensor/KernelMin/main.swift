// KernelMin: the minimum thread-CPU time of one NatureCNN (CarRacing shapes) layer operation over many runs.
// On a shared machine the minimum CPU time of a single-threaded run is the steadiest measure of a kernel.
// Usage: RLBOOK_THREADS=1 .build/tensor-bench/KernelMin [reps]
import Glibc
import RLNN
import RLTensor

func threadCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
func best(_ reps: Int, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<3 { try body() }
    var b = Double.infinity
    for _ in 0..<reps { let t0 = threadCPU(); try body(); b = min(b, threadCPU() - t0) }
    return b
}
let reps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 30
manualSeed(0)
let n = 32
let cases: [(String, Module, [Int], Double)] = [
    ("conv1 3->32 k8 s4", Conv2d(3, 32, kernelSize: 8, stride: 4), [3, 96, 96], 2.0 * 32 * 529 * 32 * 192),
    ("conv2 32->64 k4 s2", Conv2d(32, 64, kernelSize: 4, stride: 2), [32, 23, 23], 2.0 * 32 * 100 * 64 * 512),
    ("conv3 64->64 k3 s1", Conv2d(64, 64, kernelSize: 3, stride: 1), [64, 10, 10], 2.0 * 32 * 64 * 64 * 576),
    ("linear 4096->512", Linear(4096, 512), [4096], 2.0 * 32 * 4096 * 512),
]
let only = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
for (name, m, shape, flops) in cases where only.isEmpty || name.hasPrefix(only) {
    let x = Tensor.rand([n] + shape, requiresGrad: !name.hasPrefix("conv1"))
    let f = try best(reps) { _ = try noGrad { try m(x) } }
    let y0 = try m(x)
    let g = Tensor.randn(y0.shape)
    let fb = try best(reps) { let y = try m(x); try y.backward(g) }
    let bw = fb - f, bflops = name.hasPrefix("conv1") ? flops : 2 * flops
    func r(_ v: Double) -> String { String(Double(Int(v * 100)) / 100) }
    print("\(name): forward \(r(f * 1e3)) ms (\(r(flops / f / 1e9)) GFLOP/s), backward \(r(bw * 1e3)) ms (\(r(bflops / bw / 1e9)) GFLOP/s)")
}

// A Linear layer's products one at a time (the shapes and strides its backward uses).
for (b, fin, fout) in [(32, 4096, 512), (32, 3136, 512), (64, 512, 512)] where only.isEmpty || only == "products" {
    let x = Tensor.randn([b, fin]), w = Tensor.randn([fout, fin]), g = Tensor.randn([b, fout])
    let flops = 2.0 * Double(b * fin * fout)
    let fwd = try best(reps) { _ = try linear(x, w, nil) }
    let dx = try best(reps) { _ = try g.matmul(w) }
    let gt = try g.t()
    let dw = try best(reps) { _ = try gt.matmul(x) }
    func r(_ v: Double) -> String { String(Double(Int(v * 100)) / 100) }
    print("linear b\(b) \(fin)->\(fout): forward \(r(fwd * 1e3)) ms (\(r(flops / fwd / 1e9)) GFLOP/s), dX \(r(dx * 1e3)) ms (\(r(flops / dx / 1e9))), dW \(r(dw * 1e3)) ms (\(r(flops / dw / 1e9)))")
}
