import Testing
import TestSupport
import RLTensorAVX512
@testable import RLTensor

/// The AVX-512 kernels compute the same sums in the same order as the AVX2 ones: bit-identical results
/// (so a run's curve does not depend on the CPU it ran on), including ragged row tiles and accumulation.
/// Runs only where the CPU has AVX-512 (elsewhere those kernels are never called).
@Suite(.enabled(if: CPUFeatures.avx512))
struct AVX512KernelTests {
    func random(_ n: Int) -> [Float] { Tensor.randn([n]).toArray(Float.self) }

    @Test(.usesTheTensorGenerator, arguments: [(6, 32, 17), (13, 64, 100), (32, 192, 529), (1, 96, 3)])
    func directMatchesAVX2(_ shape: (Int, Int, Int)) {
        let (M, N, K) = shape
        manualSeed(M * 7 + K)
        let a = random(M * K), b = random(K * N), c0 = random(M * N)
        for accumulate in [false, true] {
            var want = c0, got = c0
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
                want.withUnsafeMutableBufferPointer { GEMM.directAVX2(M, N, K, ap.baseAddress!, K, 1, bp.baseAddress!, N, $0.baseAddress!, N, accumulate) }
                got.withUnsafeMutableBufferPointer { AVX512Kernels.direct6x32(M, N, K, ap.baseAddress!, K, 1, bp.baseAddress!, N, $0.baseAddress!, N, accumulate) }
            } }
            #expect(got == want, "direct \(shape) accumulate \(accumulate)")
        }
    }

    @Test(.usesTheTensorGenerator, arguments: [(3, 40, 32, 8, 4), (32, 12, 64, 4, 2), (8, 23, 32, 8, 2)])
    func convKernelsMatchAVX2(_ shape: (Int, Int, Int, Int, Int)) {
        let (c, h, o, k, s) = shape
        manualSeed(c + h)
        let oh = (h - k) / s + 1
        let g = ConvGeometry(n: 1, c: c, h: h, w: h, o: o, kh: k, kw: k, sh: s, sw: s, ph: 0, pw: 0, oh: oh, ow: oh)
        let x = random(c * h * h), wt = random(g.ckk * o), gs = random(o * g.p), dw0 = random(o * g.ckk)
        var off = [Int](repeating: 0, count: g.ckk)
        off.withUnsafeMutableBufferPointer { ConvKernels.patchOffsets(g, into: $0.baseAddress!) }
        var want = [Float](repeating: 0, count: g.p * o), got = want
        x.withUnsafeBufferPointer { xp in off.withUnsafeBufferPointer { op in wt.withUnsafeBufferPointer { wp in
            want.withUnsafeMutableBufferPointer { ConvKernels.implicitProduct(g, xp.baseAddress!, op.baseAddress!, wp.baseAddress!, $0.baseAddress!, pixels: 5..<g.p) }
            got.withUnsafeMutableBufferPointer {
                AVX512Kernels.implicitProduct(xp.baseAddress!, op.baseAddress!, g.ckk, wp.baseAddress!, o, $0.baseAddress!, 5, g.p, ow: g.ow, sh: s, sw: s, w: h)
            }
        } } }
        #expect(got == want, "implicit forward \(shape)")
        guard k % 8 == 0 && g.ckk % 32 == 0 else { return }
        for accumulate in [false, true] {
            var dwWant = dw0, dwGot = dw0
            x.withUnsafeBufferPointer { xp in off.withUnsafeBufferPointer { op in gs.withUnsafeBufferPointer { gp in
                dwWant.withUnsafeMutableBufferPointer { ConvKernels.implicitWeightGrad(g, xp.baseAddress!, op.baseAddress!, gp.baseAddress!, $0.baseAddress!, accumulate: accumulate) }
                dwGot.withUnsafeMutableBufferPointer {
                    AVX512Kernels.implicitWeightGrad(xp.baseAddress!, op.baseAddress!, g.ckk, gp.baseAddress!, o, g.p, $0.baseAddress!, accumulate: accumulate,
                                                     ow: g.ow, sh: s, sw: s, w: h)
                }
            } } }
            #expect(dwGot == dwWant, "implicit dW \(shape) accumulate \(accumulate)")
        }
    }
}
