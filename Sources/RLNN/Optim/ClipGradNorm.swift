import RLTensor
import RLSupport

/// Scales gradients in place so their joint L2 norm is at most `maxNorm` (`torch.nn.utils.clip_grad_norm_`).
/// Returns the total norm before clipping. Coefficient: maxNorm / (total + 1e-6), clamped to ≤ 1.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Double, normType: Double = 2) throws -> Double {
    let grads = parameters.compactMap { $0.grad }
    if grads.isEmpty { return 0 }
    var total = 0.0
    if normType.isInfinite {
        for g in grads { for v in g.scalars { total = Swift.max(total, Swift.abs(v)) } }
    } else {
        for g in grads {
            var s = 0.0
            if g.dtype == .float32 && g.isContiguous && normType == 2 {
                // Sum of squares, 8 lanes at a time in float, each block of 1024 added in double.
                try g.withUnsafeMutableScalars(Float.self) { b in
                    let n = b.count, blocks = (n + 1023) / 1024
                    if blocks < 256 {
                        for i in 0..<blocks { s += blockSumOfSquares(b, i) }
                        return
                    }
                    // Large gradients (NatureCNN's 4096×512 weight): the blocks' sums on two threads, then
                    // added in order, so the total is the one-thread sum bit for bit.
                    var parts = [Double](repeating: 0, count: blocks)
                    parts.withUnsafeMutableBufferPointer { pb in
                        let pp = pb.baseAddress!
                        ParallelLoop.run(2) { t in
                            for i in (t * blocks / 2)..<((t + 1) * blocks / 2) { pp[i] = blockSumOfSquares(b, i) }
                        }
                    }
                    for part in parts { s += part }
                }
            } else if g.dtype == .float32 && g.isContiguous {
                try g.withUnsafeMutableScalars(Float.self) { b in for v in b { s += Swift.abs(Double(v)).pow(normType) } }
            } else {
                for v in g.scalars { s += Swift.abs(v).pow(normType) }
            }
            total += s
        }
        total = total.pow(1 / normType)
    }
    let coef = maxNorm / (total + 1e-6)
    if coef < 1 {
        for p in parameters {
            guard let g = p.grad else { continue }
            if g.isContiguous && g.dtype == .float32 {
                try g.withUnsafeMutableScalars(Float.self) { b in
                    let c = Float(coef), n = b.count, bp = b.baseAddress!
                    // (each element on its own: a split changes nothing)
                    let parts = n >= (1 << 18) ? 2 : 1
                    ParallelLoop.run(parts) { t in
                        for k in (t * n / parts)..<((t + 1) * n / parts) { bp[k] *= c }
                    }
                }
            } else if g.isContiguous && g.dtype == .float64 {
                try g.withUnsafeMutableScalars(Double.self) { b in for k in b.indices { b[k] *= coef } }
            } else {
                p.grad = g * coef
            }
        }
    }
    return total
}

/// Σ b[k]² over block i (1024 elements, the last may be shorter): 8 float lanes of FMAs, their sum in
/// double, then the scalar tail in double.
@inline(__always)
func blockSumOfSquares(_ b: UnsafeMutableBufferPointer<Float>, _ i: Int) -> Double {
    var k = i * 1024
    let end = Swift.min(b.count, k + 1024)
    var acc = SIMD8<Float>()
    while k + 8 <= end {
        let v = SIMD8<Float>(b[k], b[k + 1], b[k + 2], b[k + 3], b[k + 4], b[k + 5], b[k + 6], b[k + 7])
        acc = acc.addingProduct(v, v)
        k += 8
    }
    var part = Double(acc.sum())
    while k < end { part += Double(b[k]) * Double(b[k]); k += 1 }
    return part
}

extension Double {
    @inline(__always) func pow(_ e: Double) -> Double {
        if e == 2 { return self * self }
        if e == 1 { return self }
        return _pow(self, e)
    }
}

@inline(__always) func _pow(_ a: Double, _ b: Double) -> Double { Platform.pow(a, b) }
