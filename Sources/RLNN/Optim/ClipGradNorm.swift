import RLTensor

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
                    let n = b.count
                    var k = 0
                    while k < n {
                        let end = Swift.min(n, k + 1024)
                        var acc = SIMD8<Float>()
                        while k + 8 <= end {
                            let v = SIMD8<Float>(b[k], b[k + 1], b[k + 2], b[k + 3], b[k + 4], b[k + 5], b[k + 6], b[k + 7])
                            acc = acc.addingProduct(v, v)
                            k += 8
                        }
                        var part = Double(acc.sum())
                        while k < end { part += Double(b[k]) * Double(b[k]); k += 1 }
                        s += part
                    }
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
                try g.withUnsafeMutableScalars(Float.self) { b in let c = Float(coef); for k in b.indices { b[k] *= c } }
            } else if g.isContiguous && g.dtype == .float64 {
                try g.withUnsafeMutableScalars(Double.self) { b in for k in b.indices { b[k] *= coef } }
            } else {
                p.grad = g * coef
            }
        }
    }
    return total
}

extension Double {
    @inline(__always) func pow(_ e: Double) -> Double {
        if e == 2 { return self * self }
        if e == 1 { return self }
        return _pow(self, e)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) func _pow(_ a: Double, _ b: Double) -> Double { Glibc.pow(a, b) }
