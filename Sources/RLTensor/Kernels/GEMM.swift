import RLSupport
import Dispatch
import RLSupport

/// Scalars the GEMM microkernel supports, with their SIMD vector (one 512-bit vector per packed B row;
/// LLVM splits it into two AVX2 registers, which keeps the 6×16 tile free of spills).
protocol GemmScalar: MathElement, SIMDScalar, Codable {
    associatedtype Vec: SIMD where Vec.Scalar == Self
}
extension Float: GemmScalar { typealias Vec = SIMD16<Float> }
extension Double: GemmScalar { typealias Vec = SIMD8<Double> }

/// Worker threads for parallel kernels (`RLBOOK_THREADS` overrides the number of online CPUs).
enum Threads {
    nonisolated(unsafe) static var count: Int = {
        if let e = getenv("RLBOOK_THREADS"), let n = Int(String(cString: e)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Runs `body(i)` for i in 0..<n, in parallel when n > 1. Once the cell calling it is stopped
    /// (Ctrl-C, timeout: `Cancellation`), the chunks not yet started are skipped; the interpreter
    /// reports the stop and drops the partial result.
    @inline(__always)
    static func parallelFor(_ n: Int, _ body: (Int) -> Void) {
        if n <= 1 { if n == 1 { body(0) }; return }
        guard let stop = Cancellation.currentState else {
            if !WorkerPool.shared.run(n, body) { DispatchQueue.concurrentPerform(iterations: n, execute: body) }
            return
        }
        let checked: (Int) -> Void = { i in if stop.pointee == 0 { body(i) } }
        if !WorkerPool.shared.run(n, checked) { DispatchQueue.concurrentPerform(iterations: n, execute: checked) }
    }
}

/// General matrix multiply: C = A·B (+ C when `accumulate`), with a packed, cache-blocked
/// 6×(2·SIMD width) register microkernel (GotoBLAS/BLIS loop order) and threads over row or column blocks.
///
/// A is addressed as `a[i*rsA + k*csA]`, B as `b[k*rsB + j*csB]`, so transposed operands need no copy;
/// C is row-major with row stride `ldc`.
enum GEMM {
    static let MR = 6
    static let KC = 256
    static let MC = 120
    static let NC = 2048
    /// Multiply-adds below which a product runs on the calling thread. A worker's wake-up costs tens
    /// of µs on an idle machine but can cost milliseconds when other processes hold the cores (the
    /// caller then waits for a half that is runnable but not running): at 2M multiply-adds (~40 µs of
    /// work) a 256×256 MLP's products (4M) went to threads and PPO with two 256-unit layers ran at
    /// ~1,100 steps/s on a loaded 2-core machine. 8M (~0.15 ms) keeps MLP-sized products on one
    /// thread; NatureCNN's (tens of millions) still split. The split never changes results (threads
    /// take whole columns or rows, never parts of a sum).
    static let threadWork = 1 << 23

    static func gemm<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                    _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                    _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                    _ c: UnsafeMutablePointer<T>, _ ldc: Int,
                                    accumulate: Bool, parallel: Bool = true) {
        if M == 0 || N == 0 { return }
        if K == 0 {
            if !accumulate { for i in 0..<M { (c + i * ldc).update(repeating: 0, count: N) } }
            return
        }
        if M * N * K <= 2048 {
            small(M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate)
            return
        }
        // Larger products poll the cell's stop flag between blocks of work (the parallel ones also
        // on their worker threads), so Ctrl-C and timeouts end a huge product within milliseconds.
        let stop = Cancellation.currentState
        if M <= 4 && N >= 8 && (rsB == 1 || csB == 1) {
            gemv(M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate, parallel: parallel, stop: stop)
            return
        }
        if N < 8 && M >= 8 {
            narrow(M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate, stop: stop)
            return
        }
        if M * N * K <= (1 << 18) && N >= 8 {
            // L1/L2-sized: skip packing A; B only needs rows contiguous in j.
            if csB == 1 {
                direct(M, N, K, a, rsA, csA, b, rsB, c, ldc, accumulate)
            } else {
                let (tb, cls) = BufferPool.shared.allocate(K * N * MemoryLayout<T>.stride)
                defer { BufferPool.shared.release(tb, sizeClass: cls) }
                let bt = tb.assumingMemoryBound(to: T.self)
                if rsB == 1 && csB == K {
                    // Bᵀ of a row-major [N, K] (a Linear weight read transposed): the blocked transpose with
                    // byte-stepped pointers (the indexed double loop kept two overflow-checked multiplies per
                    // element: ~11 instructions an element, 4 % of a PPO MlpPolicy run)
                    transposeRows(b, rows: N, cols: K, lda: csB, into: bt)
                } else {
                    for k in 0..<K { for j in 0..<N { bt[k * N + j] = b[k * rsB + j * csB] } }
                }
                direct(M, N, K, a, rsA, csA, bt, N, c, ldc, accumulate)
            }
            return
        }
        if M <= 48 && rsB == 1 && csB >= K && N >= 64 {
            // Few rows times Wᵀ (a Linear layer's forward): see `fewRowsTransposedB`.
            fewRowsTransposedB(M, N, K, a, rsA, csA, b, csB, c, ldc, accumulate, parallel: parallel, stop: stop)
            return
        }
        if M <= 48 && csB == 1 && N >= 64 {
            // Few rows, B rows contiguous: packing B would cost about as much as the product itself
            // (each packed element is used only M times), so run the unpacked kernel over K blocks,
            // splitting columns across threads.
            directBlocked(M, N, K, a, rsA, csA, b, rsB, c, ldc, accumulate, parallel: parallel, stop: stop)
            return
        }
        let nr = T.Vec.scalarCount
        let work = M * N * K
        let nt = parallel && work >= GEMM.threadWork ? Swift.min(Threads.count, work >> 20) : 1
        if nt > 1 {
            // Up to four parts per thread, each at least 256 columns or 48 rows (a packed panel's worth of reuse),
            // so a worker that starts late (another process holds its core) still takes a share of the product.
            if N >= M && N >= nr * nt {
                // Split columns in NR-aligned chunks.
                let np = Swift.max(nt, Swift.min(4 * nt, N / 256))
                let chunk = ((N + np - 1) / np + nr - 1) / nr * nr
                let parts = (N + chunk - 1) / chunk
                Threads.parallelFor(parts) { t in
                    let j0 = t * chunk, n = min(chunk, N - j0)
                    blocked(M, n, K, a, rsA, csA, b + j0 * csB, rsB, csB, c + j0, ldc, accumulate, stop: stop)
                }
                return
            } else if M >= GEMM.MR * nt {
                let np = Swift.max(nt, Swift.min(4 * nt, M / 48))
                let chunk = ((M + np - 1) / np + GEMM.MR - 1) / GEMM.MR * GEMM.MR
                let parts = (M + chunk - 1) / chunk
                Threads.parallelFor(parts) { t in
                    let i0 = t * chunk, m = min(chunk, M - i0)
                    blocked(m, N, K, a + i0 * rsA, rsA, csA, b, rsB, csB, c + i0 * ldc, ldc, accumulate, stop: stop)
                }
                return
            }
        }
        if M <= GEMM.MR && N <= 8 {
            partialTile(M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate, stop: stop)
            return
        }
        blocked(M, N, K, a, rsA, csA, b, rsB, csB, c, ldc, accumulate, stop: stop)
    }

    /// A product that is one partial register tile (M ≤ 6 rows, N ≤ 8 columns: a Linear head at batch 1,
    /// DQN's 512 → 5 in `predict`), as `blocked` computes it: per K block of `KC`, each element one FMA
    /// chain from zero over k ascending, then stored (first block, not accumulating) or added to C. Same
    /// sums in the same order, without packing A and B into 6×16 panels (~3,000 instructions instead of
    /// ~150,000 for 1×5×512).
    static func partialTile<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                           _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                           _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                           _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool,
                                           stop: UnsafeMutablePointer<Int>? = nil) {
        typealias V = SIMD8<T>
        withUnsafeTemporaryAllocation(of: V.self, capacity: Swift.min(K, KC)) { panel in
            let bp = panel.baseAddress!
            var pc = 0
            while pc < K {
                if Cancellation.isRequested(stop) { return }
                let kc = Swift.min(KC, K - pc)
                let first = pc == 0 && !accumulate
                for k in 0..<kc {
                    var v = V()
                    for j in 0..<N { v[j] = b[(pc + k) * rsB + j * csB] }
                    bp[k] = v
                }
                for i in 0..<M {
                    var acc = V()
                    let ar = a + i * rsA + pc * csA
                    for k in 0..<kc { acc = acc.addingProduct(V(repeating: ar[k * csA]), bp[k]) }
                    let cr = c + i * ldc
                    for j in 0..<N { cr[j] = first ? acc[j] : cr[j] + acc[j] }
                }
                pc += KC
            }
        }
    }

    static func blocked<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                       _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                       _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                       _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool,
                                       stop: UnsafeMutablePointer<Int>? = nil) {
        let NR = T.Vec.scalarCount
        let MR = GEMM.MR
        let kcMax = min(K, KC), mcMax = min(M, MC), ncMax = min(N, NC)
        let aBytes = ((mcMax + MR - 1) / MR * MR) * kcMax * MemoryLayout<T>.stride
        let bBytes = ((ncMax + NR - 1) / NR * NR) * kcMax * MemoryLayout<T>.stride
        let (ab, aCls) = BufferPool.shared.allocate(aBytes)
        let (bb, bCls) = BufferPool.shared.allocate(bBytes)
        defer { BufferPool.shared.release(ab, sizeClass: aCls); BufferPool.shared.release(bb, sizeClass: bCls) }
        let pa = ab.assumingMemoryBound(to: T.self)
        let pb = bb.assumingMemoryBound(to: T.self)
        var tile = [T](repeating: 0, count: MR * NR)
        var jc = 0
        while jc < N {
            let nc = min(NC, N - jc)
            var pc = 0
            while pc < K {
                let kc = min(KC, K - pc)
                let first = pc == 0 && !accumulate
                packB(kc, nc, b + pc * rsB + jc * csB, rsB, csB, pb, NR)
                var ic = 0
                while ic < M {
                    let mc = min(MC, M - ic)
                    packA(mc, kc, a + ic * rsA + pc * csA, rsA, csA, pa, MR)
                    var jr = 0
                    while jr < nc {
                        // one poll per MC×KC×NR panel (up to 490K multiply-adds)
                        if Cancellation.isRequested(stop) { return }
                        let nr = min(NR, nc - jr)
                        var ir = 0
                        while ir < mc {
                            let mr = min(MR, mc - ir)
                            let cp = c + (ic + ir) * ldc + jc + jr
                            let ap = pa + ir * kc
                            let bp = pb + jr * kc
                            if mr == MR && nr == NR {
                                kernel(kc, ap, bp, cp, ldc, !first)
                            } else {
                                tile.withUnsafeMutableBufferPointer { t in
                                    kernel(kc, ap, bp, t.baseAddress!, NR, false)
                                    for r in 0..<mr {
                                        for j in 0..<nr {
                                            cp[r * ldc + j] = first ? t[r * NR + j] : cp[r * ldc + j] + t[r * NR + j]
                                        }
                                    }
                                }
                            }
                            ir += MR
                        }
                        jr += NR
                    }
                    ic += MC
                }
                pc += KC
            }
            jc += NC
        }
    }

    /// Packs an mc×kc block of A into MR-row panels: panel p holds, for each k, MR values.
    @inline(__always)
    static func packA<T: GemmScalar>(_ mc: Int, _ kc: Int, _ a: UnsafePointer<T>, _ rs: Int, _ cs: Int,
                                     _ out: UnsafeMutablePointer<T>, _ MR: Int) {
        var p = 0
        while p < mc {
            let rows = min(MR, mc - p)
            let dst = out + p * kc
            if rows == MR && cs == 1 {
                for r in 0..<MR {
                    let src = a + (p + r) * rs
                    for k in 0..<kc { dst[k * MR + r] = src[k] }
                }
            } else if rows == MR && rs == 1 {
                for k in 0..<kc {
                    let src = a + k * cs + p
                    for r in 0..<MR { dst[k * MR + r] = src[r] }
                }
            } else {
                for k in 0..<kc {
                    for r in 0..<MR { dst[k * MR + r] = r < rows ? a[(p + r) * rs + k * cs] : 0 }
                }
            }
            p += MR
        }
    }

    /// Packs a kc×nc block of B into NR-column panels: panel q holds, for each k, NR values.
    @inline(__always)
    static func packB<T: GemmScalar>(_ kc: Int, _ nc: Int, _ b: UnsafePointer<T>, _ rs: Int, _ cs: Int,
                                     _ out: UnsafeMutablePointer<T>, _ NR: Int) {
        var q = 0
        while q < nc {
            let cols = min(NR, nc - q)
            let dst = out + q * kc
            if cols == NR && cs == 1 {
                for k in 0..<kc {
                    (dst + k * NR).update(from: b + k * rs + q, count: NR)
                }
            } else if cols == NR && rs == 1 {
                for j in 0..<NR {
                    let src = b + (q + j) * cs
                    for k in 0..<kc { dst[k * NR + j] = src[k] }
                }
            } else {
                for k in 0..<kc {
                    for j in 0..<NR { dst[k * NR + j] = j < cols ? b[k * rs + (q + j) * cs] : 0 }
                }
            }
            q += NR
        }
    }

    /// The 6×NR register-blocked microkernel: 6 row accumulators (12 AVX2 registers), FMA per packed k step.
    @inline(__always)
    static func kernel<T: GemmScalar>(_ kc: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>,
                                      _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        typealias V = T.Vec
        var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
        let braw = UnsafeRawPointer(b)
        var ap = a
        var off = 0
        let step = V.scalarCount * MemoryLayout<T>.stride
        for _ in 0..<kc {
            let bv = braw.load(fromByteOffset: off, as: V.self)
            c0 = c0.addingProduct(V(repeating: ap[0]), bv)
            c1 = c1.addingProduct(V(repeating: ap[1]), bv)
            c2 = c2.addingProduct(V(repeating: ap[2]), bv)
            c3 = c3.addingProduct(V(repeating: ap[3]), bv)
            c4 = c4.addingProduct(V(repeating: ap[4]), bv)
            c5 = c5.addingProduct(V(repeating: ap[5]), bv)
            ap += 6
            off += step
        }
        @inline(__always)
        func put(_ row: Int, _ v: V) {
            let p = UnsafeMutableRawPointer(c + row * ldc)
            if accumulate { p.storeBytes(of: p.loadUnaligned(as: V.self) + v, as: V.self) }
            else { p.storeBytes(of: v, as: V.self) }
        }
        put(0, c0); put(1, c1); put(2, c2); put(3, c3); put(4, c4); put(5, c5)
    }
}
