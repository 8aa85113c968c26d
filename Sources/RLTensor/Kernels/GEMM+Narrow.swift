import RLSupport

/// GEMM for products with very few output columns (N < 8 with M ≥ 8: a Linear's input gradient or weight
/// gradient when the layer has a handful of inputs or outputs).
extension GEMM {
    /// Products with very few output columns (N < 8), column by column: with A's columns contiguous
    /// (rsA == 1) each column of C is a sum of scaled A columns; otherwise each entry is a dot product
    /// over a contiguous copy of B's column.
    static func narrow<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                      _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                      _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                      _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool,
                                      stop: UnsafeMutablePointer<Int>? = nil) {
        let (tb, cls) = BufferPool.shared.allocate(Swift.max(M, K) * MemoryLayout<T>.stride)
        defer { BufferPool.shared.release(tb, sizeClass: cls) }
        let tmp = tb.assumingMemoryBound(to: T.self)
        typealias V = SIMD8<T>
        let sz = MemoryLayout<T>.stride
        for j in 0..<N {
            if rsA == 1 {
                // C[:, j] = Σ_k B[k, j] · A[:, k]  (A's columns contiguous): 32 rows at a time in four vector
                // accumulators held in registers while k runs (then 8 rows, then single rows), each row's sum
                // one chain over k ascending from zero, fused in the vectors and unfused in the scalar tail
                // (the sums the earlier in-memory version formed, without its load and store per 8 rows and k).
                let aStep = csA &* sz, bStep = rsB &* sz, vs = 8 &* sz
                var i0 = 0
                while i0 + 32 <= M {
                    var s0 = V(), s1 = V(), s2 = V(), s3 = V()
                    var ap = UnsafeRawPointer(a + i0), bp = UnsafeRawPointer(b + j * csB)
                    for k in 0..<K {
                        if k & 255 == 0 && Cancellation.isRequested(stop) { return }
                        let vb = V(repeating: bp.load(as: T.self))
                        s0 = s0.addingProduct(vb, ap.loadUnaligned(as: V.self))
                        s1 = s1.addingProduct(vb, ap.loadUnaligned(fromByteOffset: vs, as: V.self))
                        s2 = s2.addingProduct(vb, ap.loadUnaligned(fromByteOffset: 2 &* vs, as: V.self))
                        s3 = s3.addingProduct(vb, ap.loadUnaligned(fromByteOffset: 3 &* vs, as: V.self))
                        ap += aStep; bp += bStep
                    }
                    let tr = UnsafeMutableRawPointer(tmp + i0)
                    tr.storeBytes(of: s0, as: V.self)
                    tr.storeBytes(of: s1, toByteOffset: vs, as: V.self)
                    tr.storeBytes(of: s2, toByteOffset: 2 &* vs, as: V.self)
                    tr.storeBytes(of: s3, toByteOffset: 3 &* vs, as: V.self)
                    i0 += 32
                }
                while i0 + 8 <= M {
                    var s0 = V()
                    var ap = UnsafeRawPointer(a + i0), bp = UnsafeRawPointer(b + j * csB)
                    for k in 0..<K {
                        if k & 255 == 0 && Cancellation.isRequested(stop) { return }
                        s0 = s0.addingProduct(V(repeating: bp.load(as: T.self)), ap.loadUnaligned(as: V.self))
                        ap += aStep; bp += bStep
                    }
                    UnsafeMutableRawPointer(tmp + i0).storeBytes(of: s0, as: V.self)
                    i0 += 8
                }
                while i0 < M {
                    var t: T = 0
                    var ap = UnsafeRawPointer(a + i0), bp = UnsafeRawPointer(b + j * csB)
                    for _ in 0..<K {
                        t += bp.load(as: T.self) * ap.load(as: T.self)
                        ap += aStep; bp += bStep
                    }
                    tmp[i0] = t
                    i0 += 1
                }
                for i in 0..<M { c[i * ldc + j] = accumulate ? c[i * ldc + j] + tmp[i] : tmp[i] }
            } else {
                for k in 0..<K { tmp[k] = b[k * rsB + j * csB] }
                let br = UnsafeRawPointer(tmp)
                for i in 0..<M {
                    if i & 1023 == 0 && Cancellation.isRequested(stop) { return }
                    let row = a + i * rsA
                    var acc: T = 0
                    if csA == 1 {
                        let rr = UnsafeRawPointer(row)
                        var s0 = V(), s1 = V()
                        var k = 0
                        while k + 16 <= K {
                            let o = k * sz
                            s0 = s0.addingProduct(rr.loadUnaligned(fromByteOffset: o, as: V.self), br.loadUnaligned(fromByteOffset: o, as: V.self))
                            s1 = s1.addingProduct(rr.loadUnaligned(fromByteOffset: o + 8 * sz, as: V.self), br.loadUnaligned(fromByteOffset: o + 8 * sz, as: V.self))
                            k += 16
                        }
                        while k + 8 <= K {
                            s0 = s0.addingProduct(rr.loadUnaligned(fromByteOffset: k * sz, as: V.self), br.loadUnaligned(fromByteOffset: k * sz, as: V.self))
                            k += 8
                        }
                        acc = (s0 + s1).sum()
                        while k < K { acc += row[k] * tmp[k]; k += 1 }
                    } else {
                        for k in 0..<K { acc += row[k * csA] * tmp[k] }
                    }
                    c[i * ldc + j] = accumulate ? c[i * ldc + j] + acc : acc
                }
            }
        }
    }
}
