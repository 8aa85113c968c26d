import Testing
import TestSupport
@testable import RLTensor

/// Naive conv2d (direct 7-deep loops) for checking the unfolded, per-sample, threaded kernels.
private func naiveConv(_ x: [Double], _ w: [Double], _ b: [Double], n: Int, c: Int, h: Int, wd: Int, o: Int, k: Int,
                       s: Int, p: Int) -> (y: [Double], oh: Int, ow: Int) {
    let oh = (h + 2 * p - k) / s + 1, ow = (wd + 2 * p - k) / s + 1
    var y = [Double](repeating: 0, count: n * o * oh * ow)
    for i in 0..<n { for q in 0..<o { for oy in 0..<oh { for ox in 0..<ow {
        var acc = b[q]
        for ch in 0..<c { for ki in 0..<k { for kj in 0..<k {
            let iy = oy * s - p + ki, ix = ox * s - p + kj
            if iy >= 0 && iy < h && ix >= 0 && ix < wd { acc += x[((i * c + ch) * h + iy) * wd + ix] * w[((q * c + ch) * k + ki) * k + kj] }
        } } }
        y[((i * o + q) * oh + oy) * ow + ox] = acc
    } } } }
    return (y, oh, ow)
}

/// Batches large enough to take the threaded per-sample path (and single samples), with stride and
/// padding, in float64: values and all three gradients against the naive loops (gradients through
/// loss = Σ y ⊙ r, so dx, dW, db are checked against loops over the same r).
@Test(.usesTheTensorGenerator, arguments: [(6, 8, 20, 16, 4, 2, 1), (1, 4, 84, 32, 8, 4, 0), (3, 5, 11, 7, 3, 1, 2), (1, 3, 60, 32, 8, 4, 1), (5, 6, 25, 16, 5, 3, 0)])
func convBatchMatchesNaive(_ shape: (Int, Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, h, o, k, s, p) = shape
    manualSeed(n * 100 + c)
    let x = Tensor.randn([n, c, h, h], dtype: .float64, requiresGrad: true)
    let w = Tensor.randn([o, c, k, k], dtype: .float64, requiresGrad: true)
    let b = Tensor.randn([o], dtype: .float64, requiresGrad: true)
    let y = try conv2d(x, w, bias: b, stride: s, padding: p)
    let (want, oh, ow) = naiveConv(x.scalars, w.scalars, b.scalars, n: n, c: c, h: h, wd: h, o: o, k: k, s: s, p: p)
    #expect(y.shape == [n, o, oh, ow])
    let got = y.scalars
    var err = 0.0
    for i in 0..<want.count { err = max(err, abs(got[i] - want[i])) }
    #expect(err < 1e-10, "forward \(shape): \(err)")

    let r = Tensor.randn(y.shape, dtype: .float64)
    try (y * r).sum().backward()
    let rv = r.scalars, xv = x.scalars, wv = w.scalars
    var dx = [Double](repeating: 0, count: xv.count), dw = [Double](repeating: 0, count: wv.count), db = [Double](repeating: 0, count: o)
    for i in 0..<n { for q in 0..<o { for oy in 0..<oh { for ox in 0..<ow {
        let g = rv[((i * o + q) * oh + oy) * ow + ox]
        db[q] += g
        for ch in 0..<c { for ki in 0..<k { for kj in 0..<k {
            let iy = oy * s - p + ki, ix = ox * s - p + kj
            if iy >= 0 && iy < h && ix >= 0 && ix < h {
                let xi = ((i * c + ch) * h + iy) * h + ix, wi = ((q * c + ch) * k + ki) * k + kj
                dx[xi] += g * wv[wi]
                dw[wi] += g * xv[xi]
            }
        } } }
    } } } }
    for (name, got, want) in [("dx", x.grad?.scalars ?? [], dx), ("dw", w.grad?.scalars ?? [], dw), ("db", b.grad?.scalars ?? [], db)] {
        #expect(got.count == want.count, "\(name) \(shape)")
        var e = 0.0
        for i in 0..<min(got.count, want.count) { e = max(e, abs(got[i] - want[i])) }
        #expect(e < 1e-9, "\(name) \(shape): \(e)")
    }
}

/// float32 convolutions that take the implicit (no unfold) paths, the forward for unpadded layers and the
/// weight gradient for 8-wide kernel rows, against the same computation in float64 (which unfolds):
/// batch 1 (pixels split across threads) and batches, output channels not a multiple of the 6-row tile.
@Test(.usesTheTensorGenerator, arguments: [(1, 3, 96, 32, 8, 4), (5, 2, 37, 13, 8, 3), (4, 4, 30, 16, 4, 2)])
func convImplicitPathsMatchFloat64(_ shape: (Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, h, o, k, s) = shape
    manualSeed(n * 10 + o)
    let x64 = Tensor.randn([n, c, h, h], dtype: .float64), w64 = Tensor.randn([o, c, k, k], dtype: .float64, requiresGrad: true)
    let b64 = Tensor.randn([o], dtype: .float64)
    let x32 = x64.to(.float32), w32 = w64.detach().to(.float32).requiresGrad_(), b32 = b64.to(.float32)
    let y64 = try conv2d(x64, w64, bias: b64, stride: s), y32 = try conv2d(x32, w32, bias: b32, stride: s)
    let r = Tensor.randn(y64.shape, dtype: .float64)
    try (y64 * r).sum().backward()
    try (y32 * r.to(.float32)).sum().backward()
    func maxErr(_ a: [Double], _ b: [Double]) -> (Double, Double) {
        var e = 0.0, m = 0.0
        for i in 0..<a.count { e = max(e, abs(a[i] - b[i])); m = max(m, abs(b[i])) }
        return (e, m)
    }
    let (ey, my) = maxErr(y32.scalars, y64.scalars)
    #expect(ey <= 1e-5 * max(1, my) * Double(c * k * k).squareRoot(), "forward \(shape): \(ey)")
    let (ew, mw) = maxErr(w32.grad?.scalars ?? [], w64.grad?.scalars ?? [])
    #expect(w32.grad?.count == w64.grad?.count)
    #expect(ew <= 1e-5 * max(1, mw) * Double(n * y64.shape[2] * y64.shape[3]).squareRoot(), "dW \(shape): \(ew)")
}

/// float32 forward: each sample alone (batch 1: the product split in parts over row tiles and channel vectors
/// across the threads) gives bit for bit the outputs of the batched forward (samples in chunks), for layers
/// of NatureCNN's kinds (64 output channels: four channel vectors) and ragged row tiles and channel counts.
@Test(.usesTheTensorGenerator, arguments: [(3, 32, 20, 64, 4, 2), (2, 64, 10, 64, 3, 1), (3, 3, 60, 32, 8, 4), (2, 5, 23, 48, 3, 1), (2, 7, 33, 13, 3, 1)])
func convSingleSampleMatchesBatchBitwise(_ shape: (Int, Int, Int, Int, Int, Int)) throws {
    let (n, c, h, o, k, s) = shape
    manualSeed(n * 1000 + c * 10 + o)
    let x = Tensor.randn([n, c, h, h], dtype: .float32), w = Tensor.randn([o, c, k, k], dtype: .float32), b = Tensor.randn([o], dtype: .float32)
    let batched = try conv2d(x, w, bias: b, stride: s).scalars
    let per = batched.count / n
    for i in 0..<n {
        let one = try conv2d(x[i].unsqueeze(0), w, bias: b, stride: s).scalars
        #expect(one == Array(batched[(i * per)..<((i + 1) * per)]), "sample \(i) of \(shape)")
    }
}
