/// float32 ReLU forward (in place) and backward on contiguous buffers, 8 lanes at a time, split across
/// the threads for large tensors (NatureCNN's first activation at batch 32 is 541K elements: the forward
/// and backward ran on the calling thread while the other core waited). Every element is computed on its
/// own, so the values are exactly the scalar loops' (`Elementwise.unary(.relu)`: NaN kept, −0.0 → 0;
/// the backward passes the gradient where the output is > 0, else 0).
enum ReLUKernels {
    /// Elements below which a loop stays on the calling thread (~25 µs of work).
    static let threadElements = 1 << 17

    /// Runs `body(lo, hi)` over 0..<n, in one part per thread when n is large.
    @inline(__always)
    static func split(_ n: Int, _ body: (Int, Int) -> Void) {
        let parts = n >= threadElements ? Swift.min(Threads.count, 8) : 1
        if parts <= 1 { StridedLoop.blocks(n, body); return }
        // parts end on multiples of 8, so only the last has a scalar tail
        Threads.parallelFor(parts) { t in
            let lo = Swift.min(n, (t * n / parts) & ~7), hi = t == parts - 1 ? n : Swift.min(n, ((t + 1) * n / parts) & ~7)
            body(lo, hi)
        }
    }

    /// p[i] = max(p[i], 0) for i in 0..<n, NaN kept.
    static func forwardInPlace(_ p: UnsafeMutablePointer<Float>, _ n: Int) {
        typealias V = SIMD8<Float>
        split(n) { lo, hi in
            var i = lo
            let r = UnsafeMutableRawPointer(p)
            while i + 8 <= hi {
                let v = r.loadUnaligned(fromByteOffset: i &* 4, as: V.self)
                r.storeBytes(of: v.replacing(with: 0, where: .!(v .> 0) .& (v .== v)), toByteOffset: i &* 4, as: V.self)
                i &+= 8
            }
            while i < hi { let v = p[i]; p[i] = v > 0 ? v : (v != v ? v : 0); i += 1 }
        }
    }

    /// out[i] = y[i] > 0 ? g[i] : 0 for i in 0..<n.
    static func backward(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        typealias V = SIMD8<Float>
        split(n) { lo, hi in
            var i = lo
            let gr = UnsafeRawPointer(g), yr = UnsafeRawPointer(y), o = UnsafeMutableRawPointer(out)
            while i + 8 <= hi {
                let gv = gr.loadUnaligned(fromByteOffset: i &* 4, as: V.self), yv = yr.loadUnaligned(fromByteOffset: i &* 4, as: V.self)
                o.storeBytes(of: gv.replacing(with: 0, where: .!(yv .> 0)), toByteOffset: i &* 4, as: V.self)
                i &+= 8
            }
            while i < hi { out[i] = y[i] > 0 ? g[i] : 0; i += 1 }
        }
    }
}
