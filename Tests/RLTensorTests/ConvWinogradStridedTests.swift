import Testing
import TestSupport
@testable import RLTensor

/// F(3×3, 2×2) on the space-to-depth input (kernels twice their stride), forward with and without bias, input and
/// weight gradients, called directly, against the direct path in float64 (`expectWinogradMatchesFloat64`): NatureCNN's
/// first two layers (CarRacing and Atari frames), 2×2 stride 1, unequal strides, channels not multiples of 8,
/// padding (also not a multiple of the stride), ragged last tiles, input rows and columns no output reads (which get
/// a zero gradient), batch 1 and larger.
@Test(.usesTheTensorGenerator, arguments: [
    // (n, c, o, h, w, kh, kw, sh, sw, ph, pw)
    (2, 3, 32, 96, 96, 8, 8, 4, 4, 0, 0), (1, 4, 32, 84, 84, 8, 8, 4, 4, 0, 0), (3, 32, 64, 23, 23, 4, 4, 2, 2, 0, 0),
    (2, 32, 64, 20, 20, 4, 4, 2, 2, 0, 0), (2, 5, 16, 9, 11, 2, 2, 1, 1, 0, 0), (2, 3, 13, 17, 14, 4, 4, 2, 2, 1, 2),
    (1, 6, 24, 9, 9, 4, 4, 2, 2, 0, 0), (2, 2, 8, 19, 13, 6, 4, 3, 2, 1, 0), (4, 1, 17, 10, 10, 2, 2, 1, 1, 1, 1),
    (1, 3, 8, 16, 16, 8, 8, 4, 4, 3, 1),
])
func stridedWinogradMatchesDirectInFloat64(_ shape: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, o, h, w, kh, kw, sh, sw, ph, pw) = shape
    manualSeed(n * 1000 + c * 10 + kh)
    let x = Tensor.randn([n, c, h, w]).float(), wt = Tensor.randn([o, c, kh, kw]).float(), b = Tensor.randn([o]).float()
    let g = try convGeometry(x, wt, bias: b, stride: [sh, sw], padding: [ph, pw])
    #expect(ConvKernels.winogradShape(g, Float.self))
    #expect(WinogradPlan(g).kind == .f3x2)
    try expectWinogradMatchesFloat64(x, wt, b, stride: [sh, sw], padding: [ph, pw], "\(shape)")
}

/// The space-to-depth frame and its inverse: every input pixel an output reads lands in its channel and position and
/// comes back unchanged; pixels no output reads come back as zero; with and without the vector path (strides 4 and 2
/// with aligned padding; stride 3; padding not a multiple of the stride).
@Test(arguments: [(8, 4, 0), (8, 4, 3), (4, 2, 0), (4, 2, 1), (6, 3, 0), (2, 1, 1)])
func spaceToDepthFrameRoundTrips(_ k: (Int, Int, Int)) throws {
    let (kh, s, p) = k
    for (h, w) in [(23, 23), (19, 26), (kh, kh + 1)] {
        let c = 3, n = 1
        let oh = (h + 2 * p - kh) / s + 1, ow = (w + 2 * p - kh) / s + 1
        guard oh > 0 && ow > 0 else { continue }
        let g = ConvGeometry(n: n, c: c, h: h, w: w, o: 8, kh: kh, kw: kh, sh: s, sw: s, ph: p, pw: p, oh: oh, ow: ow)
        let pl = WinogradPlan(g)
        let src = (0..<(c * h * w)).map { Float($0 + 1) }
        var frame = [Float](repeating: -1, count: pl.frameCount)
        var back = [Float](repeating: -1, count: c * h * w)
        src.withUnsafeBufferPointer { sp in frame.withUnsafeMutableBufferPointer { ConvKernels.spaceToDepthFrame(sp.baseAddress!, pl, into: $0.baseAddress!) } }
        frame.withUnsafeBufferPointer { fp in back.withUnsafeMutableBufferPointer { ConvKernels.spaceToDepthUnframe(fp.baseAddress!, pl, into: $0.baseAddress!) } }
        for ci in 0..<c {
            for y in 0..<h {
                for x in 0..<w {
                    let Y = (y + p) / s, X = (x + p) / s
                    let read = Y <= oh && X <= ow   // the 2×2 kernel of output (oy, ox) reads rows oy, oy + 1
                    let v = src[(ci * h + y) * w + x]
                    if Y < pl.fh && X < pl.fw {
                        let ch = (ci * s + (y + p) % s) * s + (x + p) % s
                        #expect(frame[(Y * pl.fw + X) * pl.cp + ch] == v)
                    }
                    #expect(back[(ci * h + y) * w + x] == (Y < pl.fh && X < pl.fw ? v : 0), "\(k) \(h)x\(w) (\(ci), \(y), \(x))")
                    if read { #expect(Y < pl.fh && X < pl.fw) }
                }
            }
        }
        // everything else in the frame is zero
        let written = Set((0..<c).flatMap { ci in (0..<h).flatMap { y in (0..<w).compactMap { x -> Int? in
            let Y = (y + p) / s, X = (x + p) / s
            guard Y < pl.fh && X < pl.fw else { return nil }
            return (Y * pl.fw + X) * pl.cp + (ci * s + (y + p) % s) * s + (x + p) % s } } })
        #expect(frame.indices.allSatisfy { written.contains($0) || frame[$0] == 0 })
    }
}

/// Through `conv2d` with a fused ReLU and autograd (NatureCNN's first layer on a small batch, a 4×4 stride-2 layer): the
/// counter shows Winograd ran in all three passes, and values and gradients (db included) match float64.
@Test(.usesTheTensorGenerator, arguments: [(3, 3, 32, 52, 8, 4), (2, 8, 32, 23, 4, 2)])
func stridedWinogradThroughAutograd(_ shape: (Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, o, h, k, s) = shape
    manualSeed(11)
    let x = Tensor.randn([n, c, h, h]).float(), w = Tensor.randn([o, c, k, k]).float(), b = Tensor.randn([o]).float()
    let x32 = x.detach().requiresGrad_(), w32 = w.detach().requiresGrad_(), b32 = b.detach().requiresGrad_()
    let g = try convGeometry(x32, w32, bias: b32, stride: [s, s], padding: [0, 0])
    #expect(ConvKernels.forwardAlgorithm(g, Float.self) == .winograd)
    let gOut = Tensor.randn([n, o, g.oh, g.ow]).float()
    let before = ConvKernels.winogradRuns.load(ordering: .relaxed)
    let y = try conv2d(x32, w32, bias: b32, stride: [s, s], padding: [0, 0], activation: .relu)
    try y.backward(gOut)
    #expect(ConvKernels.winogradRuns.load(ordering: .relaxed) - before >= 3)
    let x64 = x.double().requiresGrad_(), w64 = w.double().requiresGrad_(), b64 = b.double().requiresGrad_()
    let y64 = try conv2d(x64, w64, bias: b64, stride: [s, s], padding: [0, 0], activation: .relu)
    try y64.backward(gOut.double())
    #expect(zip(y.scalars, y64.scalars).allSatisfy { ($0 > 0) == ($1 > 0) })
    for (name, got, want) in [("y", y, y64), ("dx", x32.grad, x64.grad), ("dw", w32.grad, w64.grad), ("db", b32.grad, b64.grad)] {
        let e = scaledError(got?.scalars ?? [], want?.scalars ?? [])
        #expect(e < 1e-5, "\(name): \(e)")
    }
}
