import Testing
import TestSupport
@testable import RLTensor

/// The 8-lane, threaded float32 ReLU forward and backward against the scalar rules, bit for bit, with NaN,
/// ±0 and infinities among the values, for lengths below, at and above the threading threshold (odd ones,
/// so both the parts' boundaries and the scalar tail are crossed).
@Test(.usesTheTensorGenerator, arguments: [13, 4_103, ReLUKernels.threadElements, ReLUKernels.threadElements * 3 + 5])
func reluKernelsMatchScalarRules(_ n: Int) throws {
    manualSeed(n)
    let special: [Float] = [.nan, -0.0, 0.0, .infinity, -.infinity, -1e-30, 1e-30]
    var x = Tensor.randn([n]).scalars.map { Float($0) }
    var g = Tensor.randn([n]).scalars.map { Float($0) }
    for i in stride(from: 0, to: n, by: 11) { x[i] = special[(i / 11) % special.count] }
    for i in stride(from: 3, to: n, by: 17) { g[i] = special[(i / 17) % special.count] }
    let wantY = x.map { v in v > 0 ? v : (v != v ? v : 0) }
    var y = x
    ReLUKernels.forwardInPlace(&y, n)
    #expect(y.map(\.bitPattern) == wantY.map(\.bitPattern), "forward n=\(n)")
    let wantG = (0..<n).map { i in wantY[i] > 0 ? g[i] : 0 }
    var got = [Float](repeating: .nan, count: n)
    ReLUKernels.backward(g, wantY, &got, n)
    #expect(got.map(\.bitPattern) == wantG.map(\.bitPattern), "backward n=\(n)")
}

/// Through the tensor API: `relu` fused after a Linear equals max(0, ·) of the plain Linear, and the input
/// gradient is the ReLU-masked output gradient times W.
@Test(.usesTheTensorGenerator) func reluThroughLinearMatchesFloat64() throws {
    manualSeed(3)
    let x = Tensor.randn([64, 3000], dtype: .float64), w = Tensor.randn([40, 3000], dtype: .float64)
    let x32 = x.to(.float32).requiresGrad_(), w32 = w.to(.float32)
    let y32 = try linear(x32, w32, nil, activation: .relu)
    let z = try linear(x32.detach(), w32, nil)
    let want = z.scalars.map { $0 > 0 ? $0 : 0 }
    #expect(y32.scalars == want)
    let r = Tensor.randn(y32.shape)
    try (y32 * r).sum().backward()
    let gz = zip(r.scalars, z.scalars).map { $1 > 0 ? $0 : 0 }
    let wantGx = try Tensor(gz.map { Float($0) }, shape: y32.shape).matmul(w32).scalars
    let gotGx = x32.grad?.scalars ?? []
    #expect(gotGx.count == wantGx.count)
    var err = 0.0
    for i in 0..<min(gotGx.count, wantGx.count) { err = max(err, abs(gotGx[i] - wantGx[i])) }
    #expect(err < 1e-4)
}
