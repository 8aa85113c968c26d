import RLTensor
import Dispatch
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
for n in [64, 256, 512, 1024] {
    let a = Tensor.randn([n, n]), b = Tensor.randn([n, n])
    _ = try! a.matmul(b)
    var best = 1e9
    let reps = n <= 256 ? 50 : (n == 512 ? 10 : 4)
    for _ in 0..<reps { let t0 = now(); _ = try! a.matmul(b); best = min(best, now() - t0) }
    print("sgemm \(n): \(2.0 * Double(n * n * n) / best / 1e9) GFLOP/s")
}
