import RLSupport
import RLTensorAVX512

/// GEMM paths for small or thin products, where packing would cost more than it saves:
/// tiny triple loops, few-row (GEMV-like) and unpacked register-blocked (direct); few-column products
/// are in GEMM+Narrow.swift.
extension GEMM {
    /// Unblocked loops for tiny products (packing would cost more than it saves).
    static func small<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                     _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                     _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                     _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        if csB != 1 {
            // B's columns strided (a Linear weight read transposed, as at batch 1): each output's sum in a
            // register over k ascending, from zero or the existing C (the same additions in the same order
            // as the row-by-row loop below, without its strided index per element).
            let sz = MemoryLayout<T>.stride, aStep = csA &* sz, bStep = rsB &* sz
            for i in 0..<M {
                let crow = c + i * ldc
                for j in 0..<N {
                    var acc: T = accumulate ? crow[j] : 0
                    var ap = UnsafeRawPointer(a + i * rsA), bp = UnsafeRawPointer(b + j * csB)
                    for _ in 0..<K {
                        acc += ap.load(as: T.self) * bp.load(as: T.self)
                        ap += aStep; bp += bStep
                    }
                    crow[j] = acc
                }
            }
            return
        }
        for i in 0..<M {
            let crow = c + i * ldc
            if !accumulate { crow.update(repeating: 0, count: N) }
            for k in 0..<K {
                let av = a[i * rsA + k * csA]
                let brow = b + k * rsB
                for j in 0..<N { crow[j] += av * brow[j] }
            }
        }
    }

    /// `out[c·rows + r] = a[r·lda + c]` for an r × c block (rows × cols, row stride `lda`): four rows at a
    /// time, each column's four elements stored as one vector (about 2 instructions an element). Copies only.
    static func transposeRows<T: GemmScalar>(_ a: UnsafePointer<T>, rows: Int, cols: Int, lda: Int, into out: UnsafeMutablePointer<T>) {
        let sz = MemoryLayout<T>.stride, step = rows &* sz
        var r = 0
        while r + 4 <= rows {
            let p0 = UnsafeRawPointer(a + r * lda), p1 = UnsafeRawPointer(a + (r + 1) * lda)
            let p2 = UnsafeRawPointer(a + (r + 2) * lda), p3 = UnsafeRawPointer(a + (r + 3) * lda)
            var dst = UnsafeMutableRawPointer(out + r)
            var o = 0
            for _ in 0..<cols {
                let v = SIMD4<T>(p0.load(fromByteOffset: o, as: T.self), p1.load(fromByteOffset: o, as: T.self),
                                 p2.load(fromByteOffset: o, as: T.self), p3.load(fromByteOffset: o, as: T.self))
                dst.storeBytes(of: v, as: SIMD4<T>.self)
                dst += step; o &+= sz
            }
            r += 4
        }
        while r < rows {
            let src = UnsafeRawPointer(a + r * lda)
            var dst = UnsafeMutableRawPointer(out + r)
            var o = 0
            for _ in 0..<cols {
                dst.storeBytes(of: src.load(fromByteOffset: o, as: T.self), as: T.self)
                dst += step; o &+= sz
            }
            r += 1
        }
    }

    /// Matrix–vector style products for 1–4 rows of A (action selection, batch-1 inference): no packing.
    /// With B's columns contiguous (rsB == 1, e.g. a Linear weight read transposed) each output is a SIMD
    /// dot product; with B's rows contiguous it is a sum of scaled rows. Columns are split across threads.
    static func gemv<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                    _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                    _ b: UnsafePointer<T>, _ rsB: Int, _ csB: Int,
                                    _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool, parallel: Bool,
                                    stop: UnsafeMutablePointer<Int>? = nil) {
        typealias V = SIMD8<T>
        let sz = MemoryLayout<T>.stride
        // A's rows contiguous: read in place (row stride `lda`); otherwise as contiguous copies.
        let inPlace = csA == 1
        let (ab, acls) = BufferPool.shared.allocate(inPlace ? sz : M * K * sz)
        defer { BufferPool.shared.release(ab, sizeClass: acls) }
        let ap = inPlace ? UnsafeMutablePointer(mutating: a) : ab.assumingMemoryBound(to: T.self)
        let lda = inPlace ? rsA : K
        if !inPlace { for i in 0..<M { for k in 0..<K { ap[i * lda + k] = a[i * rsA + k * csA] } } }
        // up to four column parts per thread, at least 64 columns each (a late worker still takes a share)
        let nt = parallel && M * N * K >= (1 << 17) ? Swift.min(4 * Threads.count, Swift.max(1, Swift.min(Threads.count, N / 16), N / 64)) : 1
        let chunk = (N + nt - 1) / nt
        Threads.parallelFor(nt) { t in
            let j0 = t * chunk, j1 = Swift.min(N, j0 + chunk)
            if j0 >= j1 { return }
            if rsB == 1 {
                for i in 0..<M {
                    let x = UnsafeRawPointer(ap + i * lda)
                    // Two columns at a time share the loads of x (5 loads per 4 FMAs instead of 8: a 512×4096
                    // Linear at batch 1, 0.18 → 0.16 ms on one Zen 3 core); each column's sums are those below.
                    var j = j0
                    while j + 2 <= j1 && K >= 32 {
                        // (a poll per 256 dot products of K each)
                        if (j - j0) & 255 == 0 && Cancellation.isRequested(stop) { return }
                        let ca = UnsafeRawPointer(b + j * csB), cb = UnsafeRawPointer(b + (j + 1) * csB)
                        var s0 = V(), s1 = V(), s2 = V(), s3 = V(), t0 = V(), t1 = V(), t2 = V(), t3 = V()
                        var o = 0
                        let end = K / 32 * 32 * sz, vs = 8 * sz
                        while o < end {
                            let x0 = x.loadUnaligned(fromByteOffset: o, as: V.self), x1 = x.loadUnaligned(fromByteOffset: o &+ vs, as: V.self)
                            let x2 = x.loadUnaligned(fromByteOffset: o &+ 2 &* vs, as: V.self), x3 = x.loadUnaligned(fromByteOffset: o &+ 3 &* vs, as: V.self)
                            s0 = s0.addingProduct(x0, ca.loadUnaligned(fromByteOffset: o, as: V.self))
                            t0 = t0.addingProduct(x0, cb.loadUnaligned(fromByteOffset: o, as: V.self))
                            s1 = s1.addingProduct(x1, ca.loadUnaligned(fromByteOffset: o &+ vs, as: V.self))
                            t1 = t1.addingProduct(x1, cb.loadUnaligned(fromByteOffset: o &+ vs, as: V.self))
                            s2 = s2.addingProduct(x2, ca.loadUnaligned(fromByteOffset: o &+ 2 &* vs, as: V.self))
                            t2 = t2.addingProduct(x2, cb.loadUnaligned(fromByteOffset: o &+ 2 &* vs, as: V.self))
                            s3 = s3.addingProduct(x3, ca.loadUnaligned(fromByteOffset: o &+ 3 &* vs, as: V.self))
                            t3 = t3.addingProduct(x3, cb.loadUnaligned(fromByteOffset: o &+ 3 &* vs, as: V.self))
                            o &+= 4 &* vs
                        }
                        var k = K / 32 * 32
                        while k + 8 <= K {
                            let o = k * sz, xv = x.loadUnaligned(fromByteOffset: o, as: V.self)
                            s0 = s0.addingProduct(xv, ca.loadUnaligned(fromByteOffset: o, as: V.self))
                            t0 = t0.addingProduct(xv, cb.loadUnaligned(fromByteOffset: o, as: V.self))
                            k += 8
                        }
                        var accA = ((s0 + s1) + (s2 + s3)).sum(), accB = ((t0 + t1) + (t2 + t3)).sum()
                        let xs = ap + i * lda, csa = b + j * csB, csb = b + (j + 1) * csB
                        while k < K { accA += xs[k] * csa[k]; accB += xs[k] * csb[k]; k += 1 }
                        c[i * ldc + j] = accumulate ? c[i * ldc + j] + accA : accA
                        c[i * ldc + j + 1] = accumulate ? c[i * ldc + j + 1] + accB : accB
                        j += 2
                    }
                    for j in j..<j1 {
                        if j & 255 == 0 && Cancellation.isRequested(stop) { return }
                        let col = UnsafeRawPointer(b + j * csB)
                        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
                        var k = 0
                        while k + 32 <= K {
                            let o = k * sz
                            s0 = s0.addingProduct(x.loadUnaligned(fromByteOffset: o, as: V.self), col.loadUnaligned(fromByteOffset: o, as: V.self))
                            s1 = s1.addingProduct(x.loadUnaligned(fromByteOffset: o + 8 * sz, as: V.self), col.loadUnaligned(fromByteOffset: o + 8 * sz, as: V.self))
                            s2 = s2.addingProduct(x.loadUnaligned(fromByteOffset: o + 16 * sz, as: V.self), col.loadUnaligned(fromByteOffset: o + 16 * sz, as: V.self))
                            s3 = s3.addingProduct(x.loadUnaligned(fromByteOffset: o + 24 * sz, as: V.self), col.loadUnaligned(fromByteOffset: o + 24 * sz, as: V.self))
                            k += 32
                        }
                        while k + 8 <= K {
                            let o = k * sz
                            s0 = s0.addingProduct(x.loadUnaligned(fromByteOffset: o, as: V.self), col.loadUnaligned(fromByteOffset: o, as: V.self))
                            k += 8
                        }
                        var acc = ((s0 + s1) + (s2 + s3)).sum()
                        let xs = ap + i * lda, cs = b + j * csB
                        while k < K { acc += xs[k] * cs[k]; k += 1 }
                        c[i * ldc + j] = accumulate ? c[i * ldc + j] + acc : acc
                    }
                }
            } else {
                for i in 0..<M {
                    let crow = c + i * ldc
                    if !accumulate { (crow + j0).update(repeating: 0, count: j1 - j0) }
                    for k in 0..<K {
                        if k & 255 == 0 && Cancellation.isRequested(stop) { return }
                        let av = ap[i * lda + k]
                        let brow = b + k * rsB
                        for j in j0..<j1 { crow[j] += av * brow[j] }
                    }
                }
            }
        }
    }

    /// Few rows of A (M ≤ 48) times a B whose columns are contiguous (B = Wᵀ of a row-major W [N, K], as in a
    /// Linear layer's forward): computes Cᵀ[N, M] = W · Aᵀ with the unpacked kernel over K blocks of 256, so
    /// W is read once, along its rows, and only Aᵀ (M×K, small) is copied; W rows are split across threads.
    /// Packing W instead would copy N×K elements that are each used only M times.
    static func fewRowsTransposedB<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                                  _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                                  _ b: UnsafePointer<T>, _ csB: Int,
                                                  _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool, parallel: Bool,
                                                  stop: UnsafeMutablePointer<Int>? = nil) {
        let sz = MemoryLayout<T>.stride
        let (atRaw, atCls) = BufferPool.shared.allocate(K * M * sz)
        let (ctRaw, ctCls) = BufferPool.shared.allocate(N * M * sz)
        defer { BufferPool.shared.release(atRaw, sizeClass: atCls); BufferPool.shared.release(ctRaw, sizeClass: ctCls) }
        let at = atRaw.assumingMemoryBound(to: T.self), ct = ctRaw.assumingMemoryBound(to: T.self)
        // Aᵀ, with byte-stepped pointers (the indexed form kept two overflow-checked multiplies per element:
        // ~1.5 % of a DQN CnnPolicy train step, on the calling thread while the other waited)
        let aStep = csA &* sz, tStep = M &* sz
        if csA == 1 && rsA == K {
            // row-major A (a Linear's input): in 16-column blocks, so the written lines stay in L1
            ConvKernels.transpose(a, rows: M, cols: K, into: at)
        } else {
            for i in 0..<M {
                var src = UnsafeRawPointer(a + i * rsA), dst = UnsafeMutableRawPointer(at + i)
                for _ in 0..<K {
                    dst.storeBytes(of: src.load(as: T.self), as: T.self)
                    src += aStep; dst += tStep
                }
            }
        }
        let work = M * N * K
        let nt = parallel && work >= GEMM.threadWork ? Swift.min(4 * Threads.count, Swift.max(1, N / 48)) : 1
        let chunk = ((N + nt - 1) / nt + 5) / 6 * 6
        Threads.parallelFor((N + chunk - 1) / chunk) { t in
            let j0 = t * chunk, n = Swift.min(chunk, N - j0)
            var k0 = 0
            while k0 < K {
                let kc = Swift.min(256, K - k0)
                // rows of W in pieces of 240 (whole 6-row tiles; each output's sum is unchanged),
                // polling the stop flag between pieces
                var r0 = 0
                while r0 < n {
                    if Cancellation.isRequested(stop) { return }
                    let rn = Swift.min(240, n - r0)
                    direct(rn, M, kc, b + (j0 + r0) * csB + k0, csB, 1, at + k0 * M, M, ct + (j0 + r0) * M, M, k0 > 0)
                    r0 += rn
                }
                k0 += 256
            }
        }
        for i in 0..<M {
            let crow = c + i * ldc
            if accumulate { for j in 0..<N { crow[j] += ct[j * M + i] } }
            else { for j in 0..<N { crow[j] = ct[j * M + i] } }
        }
    }

    /// The unpacked kernel over K blocks of 256 (so a 256×16 strip of B stays in L1 while all row tiles
    /// use it), with columns split across threads in multiples of 16.
    static func directBlocked<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                             _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                             _ b: UnsafePointer<T>, _ rsB: Int,
                                             _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool, parallel: Bool,
                                             stop: UnsafeMutablePointer<Int>? = nil) {
        let work = M * N * K
        // Up to four column parts per thread, each at least 64 wide (see `GEMM.gemm`).
        let nt = parallel && work >= GEMM.threadWork && Threads.count > 1 ? Swift.min(4 * Threads.count, Swift.max(1, N / 64)) : 1
        let chunk = ((N + nt - 1) / nt + 15) / 16 * 16
        let parts = (N + chunk - 1) / chunk
        Threads.parallelFor(parts) { t in
            let j0 = t * chunk, n = Swift.min(chunk, N - j0)
            var k0 = 0
            while k0 < K {
                if Cancellation.isRequested(stop) { return }
                let kc = Swift.min(256, K - k0)
                direct(M, n, kc, a + k0 * csA, rsA, csA, b + k0 * rsB + j0, rsB, c + j0, ldc, accumulate || k0 > 0)
                k0 += 256
            }
        }
    }

    /// Unpacked register-blocked product for small matrices whose B rows are contiguous:
    /// tiles of 4 rows × 16 (or 8) columns accumulate in registers while k runs, A read as broadcast scalars.
    static func direct<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                      _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                      _ b: UnsafePointer<T>, _ rsB: Int,
                                      _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        // float32 on AVX-512 cores: 6×32 tiles over whole 32-column strips (same sums, same order).
        if T.self == Float.self && N >= 32 && CPUFeatures.avx512 {
            let N32 = N / 32 * 32
            AVX512Kernels.direct6x32(M, N32, K, UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), rsA, csA,
                                     UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), rsB,
                                     UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc, accumulate)
            if N32 < N { directAVX2(M, N - N32, K, a, rsA, csA, b + N32, rsB, c + N32, ldc, accumulate) }
            return
        }
        directAVX2(M, N, K, a, rsA, csA, b, rsB, c, ldc, accumulate)
    }

    /// `direct` without the AVX-512 kernel (the x86-64-v3 build's code on any CPU).
    static func directAVX2<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                          _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                          _ b: UnsafePointer<T>, _ rsB: Int,
                                          _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        // 6×16 tiles with six 16-wide accumulators (the packed microkernel's shape), ragged rows and
        // columns with 4×16 / 4×8 tiles.
        let M6 = M / 6 * 6, N16 = N / 16 * 16
        if M6 > 0 && N16 > 0 {
            direct6x16(M, N16, K, a, rsA, csA, b, rsB, c, ldc, accumulate)
            if N16 < N { direct4(M, N - N16, K, a, rsA, csA, b + N16, rsB, c + N16, ldc, accumulate) }
        } else {
            direct4(M, N, K, a, rsA, csA, b, rsB, c, ldc, accumulate)
        }
    }

    static func direct6x16<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                          _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                          _ b: UnsafePointer<T>, _ rsB: Int,
                                          _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        typealias V = T.Vec
        let sz = MemoryLayout<T>.stride
        let W = V.scalarCount
        // B rows a multiple of 1 KiB apart (512 or 4096 floats: conv2's weight and column rows, a 4096-wide
        // Linear weight) fall into a few L1 sets, so a K×W strip cannot stay in an 8-way 32 KiB L1 while the
        // row tiles reuse it: such strips are copied contiguous first when at least two row tiles read them
        // (on Zen 3: conv2's products 70 → 85 GFLOP/s, the Linear input gradient 50 → 61). Other strides
        // read B in place (the hardware prefetcher covers them; copying was slower there).
        let copyStrip = (rsB &* sz) % 1024 == 0 && M >= 12 && K >= 16
        let (stripRaw, stripCls) = BufferPool.shared.allocate(copyStrip ? K * W * sz : sz)
        defer { BufferPool.shared.release(stripRaw, sizeClass: stripCls) }
        let bStride = copyStrip ? W : rsB, bStep = bStride &* sz, aStep = csA &* sz
        let r1 = rsA &* sz, r2 = 2 &* r1, r3 = 3 &* r1, r4 = 4 &* r1, r5 = 5 &* r1
        var j = 0
        while j + W <= N {
            var braw = UnsafeRawPointer(b + j)
            if copyStrip {
                let vb = W * sz
                for k in 0..<K {
                    stripRaw.storeBytes(of: braw.loadUnaligned(fromByteOffset: k &* rsB &* sz, as: V.self), toByteOffset: k &* vb, as: V.self)
                }
                braw = UnsafeRawPointer(stripRaw)
            }
            var i = 0
            while i + 6 <= M {
                var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
                // Byte-stepped pointers with wrapping arithmetic: the indexed form kept two overflow-checked
                // multiplies per k in the loop (about 5 % slower on Zen 3).
                var ap = UnsafeRawPointer(a + i * rsA), bp = braw
                var k = K
                while k > 0 {
                    let bv = bp.loadUnaligned(as: V.self)
                    c0 = c0.addingProduct(V(repeating: ap.load(as: T.self)), bv)
                    c1 = c1.addingProduct(V(repeating: ap.load(fromByteOffset: r1, as: T.self)), bv)
                    c2 = c2.addingProduct(V(repeating: ap.load(fromByteOffset: r2, as: T.self)), bv)
                    c3 = c3.addingProduct(V(repeating: ap.load(fromByteOffset: r3, as: T.self)), bv)
                    c4 = c4.addingProduct(V(repeating: ap.load(fromByteOffset: r4, as: T.self)), bv)
                    c5 = c5.addingProduct(V(repeating: ap.load(fromByteOffset: r5, as: T.self)), bv)
                    bp += bStep; ap += aStep; k &-= 1
                }
                @inline(__always)
                func put(_ r: Int, _ v: V) {
                    let p = UnsafeMutableRawPointer(c + (i + r) * ldc + j)
                    if accumulate { p.storeBytes(of: p.loadUnaligned(as: V.self) + v, as: V.self) }
                    else { p.storeBytes(of: v, as: V.self) }
                }
                put(0, c0); put(1, c1); put(2, c2); put(3, c3); put(4, c4); put(5, c5)
                i += 6
            }
            if i < M {
                // Ragged rows (fewer than 6) of this strip, from the same (copied) strip of B.
                direct4(M - i, W, K, a + i * rsA, rsA, csA, braw.assumingMemoryBound(to: T.self), bStride, c + i * ldc + j, ldc, accumulate)
            }
            j += W
        }
        if j < N { direct4(M, N - j, K, a, rsA, csA, b + j, rsB, c + j, ldc, accumulate) }
    }

    static func direct4<T: GemmScalar>(_ M: Int, _ N: Int, _ K: Int,
                                       _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int,
                                       _ b: UnsafePointer<T>, _ rsB: Int,
                                       _ c: UnsafeMutablePointer<T>, _ ldc: Int, _ accumulate: Bool) {
        typealias V = SIMD8<T>
        let braw = UnsafeRawPointer(b)
        let sz = MemoryLayout<T>.stride
        let bStep = rsB &* sz, aStep = csA &* sz
        var j = 0
        while j + 8 <= N {
            let wide = j + 16 <= N
            var i = 0
            while i < M {
                let rows = Swift.min(4, M - i)
                var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
                let a0 = a + i * rsA
                let a1 = a0 + (rows > 1 ? rsA : 0), a2 = a0 + (rows > 2 ? 2 * rsA : 0), a3 = a0 + (rows > 3 ? 3 * rsA : 0)
                let a0r = UnsafeRawPointer(a0), a1r = UnsafeRawPointer(a1), a2r = UnsafeRawPointer(a2), a3r = UnsafeRawPointer(a3)
                // Byte-stepped pointers with wrapping arithmetic (no overflow-checked multiplies in the loop).
                var bp = braw + j &* sz, ko = 0
                if wide {
                    for _ in 0..<K {
                        let b0 = bp.loadUnaligned(as: V.self)
                        let b1 = bp.loadUnaligned(fromByteOffset: 8 &* sz, as: V.self)
                        var av = V(repeating: a0r.load(fromByteOffset: ko, as: T.self)); c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
                        av = V(repeating: a1r.load(fromByteOffset: ko, as: T.self)); c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
                        av = V(repeating: a2r.load(fromByteOffset: ko, as: T.self)); c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
                        av = V(repeating: a3r.load(fromByteOffset: ko, as: T.self)); c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
                        bp += bStep; ko &+= aStep
                    }
                } else {
                    for _ in 0..<K {
                        let b0 = bp.loadUnaligned(as: V.self)
                        c00 = c00.addingProduct(V(repeating: a0r.load(fromByteOffset: ko, as: T.self)), b0)
                        c10 = c10.addingProduct(V(repeating: a1r.load(fromByteOffset: ko, as: T.self)), b0)
                        c20 = c20.addingProduct(V(repeating: a2r.load(fromByteOffset: ko, as: T.self)), b0)
                        c30 = c30.addingProduct(V(repeating: a3r.load(fromByteOffset: ko, as: T.self)), b0)
                        bp += bStep; ko &+= aStep
                    }
                }
                @inline(__always)
                func put(_ r: Int, _ v0: V, _ v1: V) {
                    let p = UnsafeMutableRawPointer(c + (i + r) * ldc + j)
                    if accumulate {
                        p.storeBytes(of: p.loadUnaligned(as: V.self) + v0, as: V.self)
                        if wide { (p + 8 * sz).storeBytes(of: (p + 8 * sz).loadUnaligned(as: V.self) + v1, as: V.self) }
                    } else {
                        p.storeBytes(of: v0, as: V.self)
                        if wide { (p + 8 * sz).storeBytes(of: v1, as: V.self) }
                    }
                }
                put(0, c00, c01)
                if rows > 1 { put(1, c10, c11) }
                if rows > 2 { put(2, c20, c21) }
                if rows > 3 { put(3, c30, c31) }
                i += 4
            }
            j += wide ? 16 : 8
        }
        if j < N {
            // Remaining columns (< 8): scalar loops.
            for i in 0..<M {
                for jj in j..<N {
                    var acc: T = 0
                    for k in 0..<K { acc += a[i * rsA + k * csA] * b[k * rsB + jj] }
                    c[i * ldc + jj] = accumulate ? c[i * ldc + jj] + acc : acc
                }
            }
        }
    }
}
