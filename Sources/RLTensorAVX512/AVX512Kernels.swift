/// float32 GEMM and convolution kernels compiled for AVX-512 (this target alone is built with
/// `-target-cpu skylake-avx512`): a 6×32 register tile, twelve 512-bit accumulators (the AVX2 build's
/// 6×16 tile uses twelve 256-bit ones), so an FMA-bound product runs at up to twice the AVX2 rate on
/// cores with 512-bit FMA units (Zen 4/5, Xeon). RLTensor calls these only after checking the CPU
/// (`CPUFeatures.avx512`); on other CPUs this code never runs.
///
/// Every output element is the sum RLTensor's AVX2 kernels compute, in the same order: zero, then one
/// FMA per k ascending, then added to C when accumulating. Ragged tiles repeat their last row (computed,
/// never stored), so the results are bit-identical to the AVX2 path.
public enum AVX512Kernels {
    /// One 512-bit register; each tile row holds two (SIMD32's `addingProduct` does not lower to vector FMAs).
    typealias V = SIMD16<Float>
    typealias H = SIMD8<Float>

    /// C[M, N] (+)= A[M, K] · B[K, N] with A at `a[i*rsA + k*csA]`, B rows contiguous (`b[k*rsB + j]`),
    /// C row-major with row stride `ldc`; N must be a multiple of 32.
    @inline(never)
    public static func direct6x32(_ M: Int, _ N: Int, _ K: Int, _ a: UnsafePointer<Float>, _ rsA: Int, _ csA: Int,
                                  _ b: UnsafePointer<Float>, _ rsB: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool) {
        let sz = MemoryLayout<Float>.stride
        let bStep = rsB * sz
        var j = 0
        while j + 32 <= N {
            let braw = UnsafeRawPointer(b + j)
            var i = 0
            while i < M {
                let last = M - 1
                let a0 = a + i * rsA, a1 = a + Swift.min(i + 1, last) * rsA, a2 = a + Swift.min(i + 2, last) * rsA
                let a3 = a + Swift.min(i + 3, last) * rsA, a4 = a + Swift.min(i + 4, last) * rsA, a5 = a + Swift.min(i + 5, last) * rsA
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var d0 = V(), d1 = V(), d2 = V(), d3 = V(), d4 = V(), d5 = V()
                var bo = 0, ak = 0
                for _ in 0..<K {
                    let bv = braw.loadUnaligned(fromByteOffset: bo, as: V.self)
                    let bw = braw.loadUnaligned(fromByteOffset: bo + 64, as: V.self)
                    var av = V(repeating: a0[ak]); c0 = c0.addingProduct(av, bv); d0 = d0.addingProduct(av, bw)
                    av = V(repeating: a1[ak]); c1 = c1.addingProduct(av, bv); d1 = d1.addingProduct(av, bw)
                    av = V(repeating: a2[ak]); c2 = c2.addingProduct(av, bv); d2 = d2.addingProduct(av, bw)
                    av = V(repeating: a3[ak]); c3 = c3.addingProduct(av, bv); d3 = d3.addingProduct(av, bw)
                    av = V(repeating: a4[ak]); c4 = c4.addingProduct(av, bv); d4 = d4.addingProduct(av, bw)
                    av = V(repeating: a5[ak]); c5 = c5.addingProduct(av, bv); d5 = d5.addingProduct(av, bw)
                    bo += bStep; ak += csA
                }
                store(c + i * ldc + j, ldc, Swift.min(6, M - i), accumulate, c0, c1, c2, c3, c4, c5)
                store(c + i * ldc + j + 16, ldc, Swift.min(6, M - i), accumulate, d0, d1, d2, d3, d4, d5)
                i += 6
            }
            j += 32
        }
    }

    /// The implicit-GEMM convolution forward (RLTensor's `ConvKernels.implicitProduct`):
    /// yt[p, 0..<O] = Σ_k x[base(p) + off[k]] · wt[k, 0..<O] for p in `p0..<p1`, base(p) = oy·sh·w + ox·sw
    /// (p = oy·ow + ox), wt = Wᵀ [K, O]; O must be a multiple of 32.
    @inline(never)
    public static func implicitProduct(_ x: UnsafePointer<Float>, _ off: UnsafePointer<Int>, _ K: Int, _ wt: UnsafePointer<Float>, _ O: Int,
                                       _ yt: UnsafeMutablePointer<Float>, _ p0: Int, _ p1: Int, ow: Int, sh: Int, sw: Int, w: Int) {
        let sz = MemoryLayout<Float>.stride
        let rowBytes = O * sz
        @inline(__always)
        func base(_ q: Int) -> UnsafePointer<Float> {
            let oy = q / ow, ox = q - oy * ow
            return x + oy * sh * w + ox * sw
        }
        var j = 0
        while j + 32 <= O {
            let braw = UnsafeRawPointer(wt + j)
            var p = p0
            while p < p1 {
                let last = p1 - 1
                let x0 = base(p), x1 = base(Swift.min(p + 1, last)), x2 = base(Swift.min(p + 2, last))
                let x3 = base(Swift.min(p + 3, last)), x4 = base(Swift.min(p + 4, last)), x5 = base(Swift.min(p + 5, last))
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var d0 = V(), d1 = V(), d2 = V(), d3 = V(), d4 = V(), d5 = V()
                var bo = 0
                for k in 0..<K {
                    let o = off[k]
                    let bv = braw.loadUnaligned(fromByteOffset: bo, as: V.self)
                    let bw = braw.loadUnaligned(fromByteOffset: bo + 64, as: V.self)
                    var av = V(repeating: x0[o]); c0 = c0.addingProduct(av, bv); d0 = d0.addingProduct(av, bw)
                    av = V(repeating: x1[o]); c1 = c1.addingProduct(av, bv); d1 = d1.addingProduct(av, bw)
                    av = V(repeating: x2[o]); c2 = c2.addingProduct(av, bv); d2 = d2.addingProduct(av, bw)
                    av = V(repeating: x3[o]); c3 = c3.addingProduct(av, bv); d3 = d3.addingProduct(av, bw)
                    av = V(repeating: x4[o]); c4 = c4.addingProduct(av, bv); d4 = d4.addingProduct(av, bw)
                    av = V(repeating: x5[o]); c5 = c5.addingProduct(av, bv); d5 = d5.addingProduct(av, bw)
                    bo += rowBytes
                }
                let rows = Swift.min(6, p1 - p)
                store(yt + p * O + j, O, rows, false, c0, c1, c2, c3, c4, c5)
                store(yt + p * O + j + 16, O, rows, false, d0, d1, d2, d3, d4, d5)
                p += 6
            }
            j += 32
        }
    }

    /// The implicit convolution weight gradient (RLTensor's `ConvKernels.implicitWeightGrad`) for kernel
    /// rows 8 wide: dW[O, K] (+)= G[O, P] · cols[P, K], a 32-column strip of cols row p read as four 8-float
    /// runs x[base(p) + off(j + 8q)]; K must be a multiple of 32.
    @inline(never)
    public static func implicitWeightGrad(_ x: UnsafePointer<Float>, _ off: UnsafePointer<Int>, _ K: Int, _ gs: UnsafePointer<Float>,
                                          _ O: Int, _ P: Int, _ dw: UnsafeMutablePointer<Float>, accumulate: Bool,
                                          ow: Int, sh: Int, sw: Int, w: Int) {
        let xr = UnsafeRawPointer(x)
        let sz = MemoryLayout<Float>.stride
        var j = 0
        while j + 32 <= K {
            let o0 = off[j] * sz, o1 = off[j + 8] * sz, o2 = off[j + 16] * sz, o3 = off[j + 24] * sz
            var i = 0
            while i < O {
                let last = O - 1
                let a0 = gs + i * P, a1 = gs + Swift.min(i + 1, last) * P, a2 = gs + Swift.min(i + 2, last) * P
                let a3 = gs + Swift.min(i + 3, last) * P, a4 = gs + Swift.min(i + 4, last) * P, a5 = gs + Swift.min(i + 5, last) * P
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                var d0 = V(), d1 = V(), d2 = V(), d3 = V(), d4 = V(), d5 = V()
                var oy = 0, ox = 0
                for p in 0..<P {
                    let bb = (oy * sh * w + ox * sw) * sz
                    let bv = V(lowHalf: xr.loadUnaligned(fromByteOffset: bb + o0, as: H.self),
                               highHalf: xr.loadUnaligned(fromByteOffset: bb + o1, as: H.self))
                    let bw = V(lowHalf: xr.loadUnaligned(fromByteOffset: bb + o2, as: H.self),
                               highHalf: xr.loadUnaligned(fromByteOffset: bb + o3, as: H.self))
                    var av = V(repeating: a0[p]); c0 = c0.addingProduct(av, bv); d0 = d0.addingProduct(av, bw)
                    av = V(repeating: a1[p]); c1 = c1.addingProduct(av, bv); d1 = d1.addingProduct(av, bw)
                    av = V(repeating: a2[p]); c2 = c2.addingProduct(av, bv); d2 = d2.addingProduct(av, bw)
                    av = V(repeating: a3[p]); c3 = c3.addingProduct(av, bv); d3 = d3.addingProduct(av, bw)
                    av = V(repeating: a4[p]); c4 = c4.addingProduct(av, bv); d4 = d4.addingProduct(av, bw)
                    av = V(repeating: a5[p]); c5 = c5.addingProduct(av, bv); d5 = d5.addingProduct(av, bw)
                    ox += 1
                    if ox == ow { ox = 0; oy += 1 }
                }
                let rows = Swift.min(6, O - i)
                store(dw + i * K + j, K, rows, accumulate, c0, c1, c2, c3, c4, c5)
                store(dw + i * K + j + 16, K, rows, accumulate, d0, d1, d2, d3, d4, d5)
                i += 6
            }
            j += 32
        }
    }

    @inline(__always)
    static func store(_ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ rows: Int, _ accumulate: Bool,
                      _ c0: V, _ c1: V, _ c2: V, _ c3: V, _ c4: V, _ c5: V) {
        @inline(__always)
        func put(_ r: Int, _ v: V) {
            let p = UnsafeMutableRawPointer(c + r * ldc)
            if accumulate { p.storeBytes(of: p.loadUnaligned(as: V.self) + v, as: V.self) } else { p.storeBytes(of: v, as: V.self) }
        }
        put(0, c0)
        if rows > 1 { put(1, c1) }
        if rows > 2 { put(2, c2) }
        if rows > 3 { put(3, c3) }
        if rows > 4 { put(4, c4) }
        if rows > 5 { put(5, c5) }
    }
}
