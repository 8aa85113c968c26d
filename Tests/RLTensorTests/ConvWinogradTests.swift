import Testing
import TestSupport
@testable import RLTensor

/// Largest |a − b| over `want`'s scale (its largest |value|, at least 1e-12): the error relative to the output's scale.
func scaledError(_ got: [Double], _ want: [Double]) -> Double {
    guard got.count == want.count, !want.isEmpty else { return .infinity }
    var err = 0.0, scale = 1e-12
    for i in 0..<want.count { err = max(err, abs(got[i] - want[i])); scale = max(scale, abs(want[i])) }
    return err / scale
}

/// float32 Winograd (forward with bias, input gradient, weight gradient, called directly, whatever the dispatch
/// would pick) against the direct path in float64 (inputs rounded to float32 first, so the only difference is
/// float32 rounding in the Winograd sums): batch 1 and larger, channels not multiples of 8, odd and even output
/// sizes (ragged last tiles), non-square images, padding 0 to 3.
@Test(.usesTheTensorGenerator, arguments: [
    // (n, c, o, h, w, pad)
    (1, 3, 5, 5, 5, 0), (2, 13, 13, 9, 7, 1), (1, 64, 64, 10, 10, 0), (32, 64, 64, 10, 10, 0), (3, 16, 24, 8, 11, 2),
    (4, 13, 64, 6, 6, 1), (2, 8, 3, 3, 4, 0), (5, 24, 17, 12, 9, 2), (32, 3, 13, 7, 7, 1), (2, 16, 8, 5, 6, 3),
])
func winogradMatchesDirectInFloat64(_ shape: (Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, o, h, w, p) = shape
    manualSeed(n * 1000 + c * 10 + p)
    let x = Tensor.randn([n, c, h, w]).float(), wt = Tensor.randn([o, c, 3, 3]).float(), b = Tensor.randn([o]).float()
    let g = try convGeometry(x, wt, bias: b, stride: [1, 1], padding: [p, p])
    #expect(ConvKernels.winogradShape(g, Float.self))
    #expect(!ConvKernels.winogradShape(g, Double.self))
    try expectWinogradMatchesFloat64(x, wt, b, stride: [1, 1], padding: [p, p], "\(shape)")
}

/// The three Winograd passes of a float32 layer, called directly (whatever the dispatch would pick), against the
/// direct path in float64 on the same (float32-representable) values, so the only difference is float32 rounding
/// in the Winograd sums: forward with and without bias, weight gradient, input gradient.
func expectWinogradMatchesFloat64(_ x: Tensor, _ wt: Tensor, _ b: Tensor, stride: [Int], padding: [Int], _ label: String) throws {
    let g = try convGeometry(x, wt, bias: b, stride: stride, padding: padding)
    let gOut = Tensor.randn([g.n, g.o, g.oh, g.ow]).float()
    let x64 = x.double().requiresGrad_(), w64 = wt.double().requiresGrad_(), b64 = b.double().requiresGrad_()
    let y64 = try conv2d(x64, w64, bias: b64, stride: stride, padding: padding)
    try y64.backward(gOut.double())

    let y = ConvKernels.winogradForward(g, x, wt, b)
    #expect(y.shape == y64.shape && y.dtype == .float32)
    let ey = scaledError(y.scalars, y64.scalars)
    #expect(ey < 1e-5, "forward \(label): \(ey)")
    let yNoBias = ConvKernels.winogradForward(g, x, wt, nil)
    let b64v = b64.scalars, P = g.oh * g.ow
    let eyn = scaledError(yNoBias.scalars, y64.scalars.enumerated().map { $0.element - b64v[($0.offset / P) % g.o] })
    #expect(eyn < 1e-5, "forward without bias \(label): \(eyn)")

    let dw = ConvKernels.winogradWeightGrad(g, x, gOut)
    #expect(dw.shape == wt.shape)
    let edw = scaledError(dw.scalars, w64.grad?.scalars ?? [])
    #expect(edw < 1e-5, "dW \(label): \(edw)")
    let dx = ConvKernels.winogradInputGrad(g, gOut, wt)
    #expect(dx.shape == x.shape)
    let edx = scaledError(dx.scalars, x64.grad?.scalars ?? [])
    #expect(edx < 1e-5, "dX \(label): \(edx)")
}

/// The dispatch: float32 3×3 stride-1 layers and kernels twice their stride, with enough channels and tiles, take
/// Winograd in all three passes (NatureCNN's layers at batch 32 and 1, a padded layer), float64 and other
/// kernels/strides/small layers do not;
/// and through `conv2d` with a fused ReLU and autograd, values and gradients (db included) match float64.
@Test(.usesTheTensorGenerator)
func winogradIsChosenWhereItPays() throws {
    func geometry(_ n: Int, _ c: Int, _ o: Int, _ h: Int, k: Int = 3, s: Int = 1, p: Int = 0) -> ConvGeometry {
        let oh = (h + 2 * p - k) / s + 1
        return ConvGeometry(n: n, c: c, h: h, w: h, o: o, kh: k, kw: k, sh: s, sw: s, ph: p, pw: p, oh: oh, ow: oh)
    }
    // NatureCNN's first and third layers (the first on the space-to-depth input: `Conv+WinogradStrided.swift`), batch
    // 32 and 1, on CarRacing's and Atari's frames; a 4×4 stride-2 layer with few channels.
    let chosen: [ConvGeometry] = [geometry(32, 64, 64, 10), geometry(1, 64, 64, 10), geometry(8, 32, 32, 16, p: 1),
                                  geometry(32, 3, 32, 96, k: 8, s: 4), geometry(1, 3, 32, 96, k: 8, s: 4),
                                  geometry(32, 4, 32, 84, k: 8, s: 4), geometry(32, 8, 32, 23, k: 4, s: 2)]
    for g in chosen {
        #expect(ConvKernels.forwardAlgorithm(g, Float.self) == .winograd, "\(g)")
        #expect(ConvKernels.inputGradAlgorithm(g, Float.self) == .winograd, "\(g)")
        #expect(ConvKernels.weightGradAlgorithm(g, Float.self) == .winograd, "\(g)")
        #expect(ConvKernels.forwardAlgorithm(g, Double.self) == .direct, "\(g)")
        #expect(ConvKernels.weightGradAlgorithm(g, Double.self) == .direct, "\(g)")
    }
    // other strides and kernels (3×3 stride 2, 5×5, 8×8 stride 3), too few channels or tiles, frames too large,
    // transformed kernels too large (NatureCNN's second layer: 16 × 128 × 64 floats)
    let direct: [ConvGeometry] = [geometry(32, 32, 64, 23, k: 4, s: 2), geometry(32, 64, 64, 10, s: 2), geometry(32, 16, 16, 20, k: 5), geometry(32, 3, 32, 96, k: 8, s: 3),
                                  geometry(32, 3, 64, 10), geometry(1, 64, 64, 4), geometry(1, 64, 64, 400, p: 1), geometry(32, 3, 8, 20, k: 4, s: 2),
                                  geometry(1, 16, 16, 6, k: 4, s: 2)]
    for g in direct { #expect(ConvKernels.forwardAlgorithm(g, Float.self) == .direct, "\(g)") }
    #expect(ConvKernels.inputGradAlgorithm(geometry(4, 64, 64, 10, p: 3), Float.self) == .winograd)

    // Through conv2d + ReLU + autograd: the counter shows Winograd ran (forward, dX, dW), and the results match.
    manualSeed(7)
    let x = Tensor.randn([6, 32, 9, 9]).float(), w = Tensor.randn([32, 32, 3, 3]).float(), b = Tensor.randn([32]).float()
    let gOut = Tensor.randn([6, 32, 9, 9]).float()
    let x32 = x.detach().requiresGrad_(), w32 = w.detach().requiresGrad_(), b32 = b.detach().requiresGrad_()
    let g = try convGeometry(x32, w32, bias: b32, stride: [1, 1], padding: [1, 1])
    #expect(ConvKernels.forwardAlgorithm(g, Float.self) == .winograd)
    let before = ConvKernels.winogradRuns.load(ordering: .relaxed)
    let y = try conv2d(x32, w32, bias: b32, stride: [1, 1], padding: [1, 1], activation: .relu)
    try y.backward(gOut)
    #expect(ConvKernels.winogradRuns.load(ordering: .relaxed) - before >= 3)
    let x64 = x.double().requiresGrad_(), w64 = w.double().requiresGrad_(), b64 = b.double().requiresGrad_()
    let y64 = try conv2d(x64, w64, bias: b64, stride: [1, 1], padding: [1, 1], activation: .relu)
    try y64.backward(gOut.double())
    #expect(y.scalars.contains(0) && y.scalars.allSatisfy { $0 >= 0 })
    // The same ReLU mask in both (an output within rounding of the kink could fall on either side; then the
    // gradients would differ there by design, not by error).
    #expect(zip(y.scalars, y64.scalars).allSatisfy { ($0 > 0) == ($1 > 0) })
    for (name, got, want) in [("y", y, y64), ("dx", x32.grad, x64.grad), ("dw", w32.grad, w64.grad), ("db", b32.grad, b64.grad)] {
        let e = scaledError(got?.scalars ?? [], want?.scalars ?? [])
        #expect(e < 1e-5, "\(name): \(e)")
    }
}

/// Same inputs, same bits: two runs of each pass (with the thread split the machine uses) agree exactly.
@Test(.usesTheTensorGenerator)
func winogradIsDeterministic() throws {
    manualSeed(3)
    let x = Tensor.randn([32, 64, 10, 10]).float(), w = Tensor.randn([64, 64, 3, 3]).float(), b = Tensor.randn([64]).float()
    let g = try convGeometry(x, w, bias: b, stride: [1, 1], padding: [0, 0])
    let gOut = Tensor.randn([32, 64, 8, 8]).float()
    let runs = (0..<2).map { _ in
        (ConvKernels.winogradForward(g, x, w, b).scalars, ConvKernels.winogradInputGrad(g, gOut, w).scalars,
         ConvKernels.winogradWeightGrad(g, x, gOut).scalars)
    }
    #expect(runs[0].0.map { Float($0).bitPattern } == runs[1].0.map { Float($0).bitPattern })
    #expect(runs[0].1.map { Float($0).bitPattern } == runs[1].1.map { Float($0).bitPattern })
    #expect(runs[0].2.map { Float($0).bitPattern } == runs[1].2.map { Float($0).bitPattern })
}
