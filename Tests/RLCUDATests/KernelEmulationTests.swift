import Foundation
import Testing
import TestSupport
import RLTensor
@testable import RLCUDA

/// The generated kernels run on the CPU (see `KernelEmulator`) against RLTensor's CPU backend.
@Suite(.enabled(if: KernelEmulator.clang != nil, "no clang++ to compile the kernels for CPU emulation"))
struct KernelEmulationTests {
    typealias F = UnsafePointer<Float>
    typealias MF = UnsafeMutablePointer<Float>

    static func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in (x.isNaN && y.isNaN) || abs(x - y) <= tol * max(1, abs(y)) }
    }

    static func floats(_ t: Tensor) -> [Float] { t.scalars.map { Float($0) } }

    @Test(.usesTheTensorGenerator) func elementwiseKernelsMatchTheCPUBackend() throws {
        let module = ElementwiseKernels.source(.f32)
        var wrappers = ""
        for op in ElementwiseKernels.binaryOps {
            let k = ElementwiseKernels.binaryKernel(op, .f32, ""), out = op.isComparison ? "unsigned char" : "float"
            wrappers += "extern \"C\" void emu_\(k)(const float* A, const float* B, \(out)* Y, long long n, const RLStrides* s) { \(k)(A, B, Y, n, *s); }\n"
        }
        wrappers += "extern \"C\" void emu_rl_select_f32(const unsigned char* C, const float* A, const float* B, float* Y, long long n, const RLStrides* s) { rl_select_f32(C, A, B, Y, n, *s); }\n"
        let emu = try KernelEmulator(module, extra: wrappers)
        let cpu = CPUBackend()
        let a = Tensor.rand([2, 1, 4]) + 0.5, b = Tensor.randn([3, 1])
        let ls = try #require(LaunchStrides(outShape: [2, 3, 4], operands: [([2, 1, 4], [4, 4, 1]), ([3, 1], [1, 1])]))
        let A = Self.floats(a), B = Self.floats(b), n = 24
        for op in ElementwiseKernels.binaryOps {
            let want = try cpu.binary(op, a, b)
            let name = "emu_" + ElementwiseKernels.binaryKernel(op, .f32, "")
            let got: [Double]
            if op.isComparison {
                let f = try emu.fn(name, as: (@convention(c) (F, F, UnsafeMutablePointer<UInt8>, Int64, UnsafeRawPointer) -> Void).self)
                var y = [UInt8](repeating: 9, count: n)
                ls.bytes.withUnsafeBytes { s in f(A, B, &y, Int64(n), s.baseAddress!) }
                got = y.map(Double.init)
            } else {
                let f = try emu.fn(name, as: (@convention(c) (F, F, MF, Int64, UnsafeRawPointer) -> Void).self)
                var y = [Float](repeating: .nan, count: n)
                ls.bytes.withUnsafeBytes { s in f(A, B, &y, Int64(n), s.baseAddress!) }
                got = y.map(Double.init)
            }
            #expect(Self.close(got, want.scalars), "binary \(op)")
        }
        let x = Tensor.randn([37]), pos = Tensor.rand([37]) + 0.25
        for op in ElementwiseKernels.unaryOps {
            let input = [.log, .sqrt, .reciprocal, .log1p].contains(op) ? pos : x
            let f = try emu.fn(ElementwiseKernels.unaryKernel(op, .f32), as: (@convention(c) (F, MF, Int64) -> Void).self)
            var y = [Float](repeating: .nan, count: 37)
            f(Self.floats(input), &y, 37)
            #expect(Self.close(y.map(Double.init), cpu.unary(op, input).scalars), "unary \(op)")
        }
        for (op, s, first) in [(BinaryOp.sub, 1.5, true), (.pow, 2.0, false), (.div, 3.0, true), (.gt, 0.0, false)] {
            let want = cpu.binary(op, pos, scalar: s, scalarFirst: first)
            let name = ElementwiseKernels.binaryKernel(op, .f32, "scalar_")
            if op.isComparison {
                let f = try emu.fn(name, as: (@convention(c) (F, Float, Int32, UnsafeMutablePointer<UInt8>, Int64) -> Void).self)
                var y = [UInt8](repeating: 9, count: 37)
                f(Self.floats(pos), Float(s), first ? 1 : 0, &y, 37)
                #expect(Self.close(y.map(Double.init), want.scalars), "scalar \(op)")
            } else {
                let f = try emu.fn(name, as: (@convention(c) (F, Float, Int32, MF, Int64) -> Void).self)
                var y = [Float](repeating: .nan, count: 37)
                f(Self.floats(pos), Float(s), first ? 1 : 0, &y, 37)
                #expect(Self.close(y.map(Double.init), want.scalars), "scalar \(op) first \(first)")
            }
        }
        let g = Tensor.randn([37])
        for op in [UnaryOp.relu, .tanh, .sigmoid] {
            let out = cpu.unary(op, x)
            let f = try emu.fn("rl_\(op)_backward_f32", as: (@convention(c) (F, F, MF, Int64) -> Void).self)
            var d = [Float](repeating: .nan, count: 37)
            f(Self.floats(g), Self.floats(out), &d, 37)
            #expect(Self.close(d.map(Double.init), try cpu.activationBackward(op, grad: g, output: out).scalars), "\(op) backward")
        }
        let clamp = try emu.fn("rl_clamp_f32", as: (@convention(c) (F, MF, Int64, Float, Float, Int32, Int32) -> Void).self)
        var c = [Float](repeating: .nan, count: 37)
        clamp(Self.floats(x), &c, 37, -0.5, 0, 1, 0)
        #expect(Self.close(c.map(Double.init), cpu.clamp(x, min: -0.5, max: nil).scalars))
        let cond = try cpu.binary(.gt, Tensor.rand([3, 1]), Tensor.scalar(0.5)), sa = Tensor.randn([2, 3, 4]), sb = Tensor.randn([4])
        let sl = try #require(LaunchStrides(outShape: [2, 3, 4], operands: [([3, 1], [1, 1]), ([2, 3, 4], [12, 4, 1]), ([4], [1])]))
        let select = try emu.fn("emu_rl_select_f32", as: (@convention(c) (UnsafePointer<UInt8>, F, F, MF, Int64, UnsafeRawPointer) -> Void).self)
        var w = [Float](repeating: .nan, count: 24)
        let cbytes = cond.scalars.map { UInt8($0) }
        sl.bytes.withUnsafeBytes { s in select(cbytes, Self.floats(sa), Self.floats(sb), &w, 24, s.baseAddress!) }
        #expect(Self.close(w.map(Double.init), try cpu.select(cond, sa, sb).scalars))
    }

    @Test(.usesTheTensorGenerator) func reductionsAndSoftmaxMatchTheCPUBackend() throws {
        let emu = try KernelEmulator(ReductionKernels.source(.f32))
        let cpu = CPUBackend()
        let shape = [4, 5, 6]
        let x = Tensor.randn(shape) * 0.7, X = Self.floats(x)
        for kind in [ReductionKind.sum, .max, .min, .prod] {
            for dim in 0..<3 {
                let (outer, len, inner) = CUDABackend.split(shape, dim)
                var y = [Float](repeating: .nan, count: outer * inner)
                if inner == 1 {
                    let f = try emu.fn(ReductionKernels.rowsKernel(kind, .f32), as: (@convention(c) (F, MF, Int64, Int64) -> Void).self)
                    f(X, &y, Int64(outer), Int64(len))
                } else {
                    let f = try emu.fn(ReductionKernels.columnsKernel(kind, .f32), as: (@convention(c) (F, MF, Int64, Int64, Int64) -> Void).self)
                    f(X, &y, Int64(outer), Int64(len), Int64(inner))
                }
                #expect(Self.close(y.map(Double.init), cpu.reduce(kind, x, dim: dim, keepdim: false).scalars), "\(kind) dim \(dim)")
            }
        }
        let softmax = try emu.fn("rl_softmax_f32", as: (@convention(c) (F, MF, Int64, Int64, Int64, Int32) -> Void).self)
        for dim in 0..<3 {
            for log in [false, true] {
                let (outer, len, inner) = CUDABackend.split(shape, dim)
                var y = [Float](repeating: .nan, count: x.count)
                softmax(X, &y, Int64(outer), Int64(len), Int64(inner), log ? 1 : 0)
                #expect(Self.close(y.map(Double.init), cpu.softmax(x, dim: dim, log: log).scalars), "softmax dim \(dim) log \(log)")
            }
        }
        // gather along dim 1 of [3, 5], index [3, 4]; an out-of-range index sets the error flag.
        let g = Tensor.randn([3, 5]), idx = try Tensor.randint(0, 5, [3, 4])
        let gather = try emu.fn("rl_gather_f32", as: (@convention(c) (F, UnsafePointer<Int64>, MF, Int64, Int64, Int64, Int64, UnsafeMutablePointer<Int32>) -> Void).self)
        var out = [Float](repeating: .nan, count: 12), err: Int32 = 0
        let I = idx.scalars.map { Int64($0) }
        gather(Self.floats(g), I, &out, 3, 5, 4, 1, &err)
        #expect(err == 0)
        #expect(Self.close(out.map(Double.init), try g.gather(dim: 1, index: idx).scalars))
        var bad = I
        bad[5] = 7
        gather(Self.floats(g), bad, &out, 3, 5, 4, 1, &err)
        #expect(err == 1)
        // scatter-add is gather's adjoint: <gather(x), y> == <x, scatter_add(y)>.
        let scatter = try emu.fn("rl_scatter_add_f32", as: (@convention(c) (F, UnsafePointer<Int64>, MF, Int64, Int64, Int64, Int64) -> Void).self)
        let yv = Self.floats(Tensor.randn([3, 4]))
        var d = [Float](repeating: 0, count: 15)
        scatter(yv, I, &d, 3, 5, 4, 1)
        gather(Self.floats(g), I, &out, 3, 5, 4, 1, &err)
        let lhs = zip(out, yv).reduce(0.0) { $0 + Double($1.0 * $1.1) }, rhs = zip(Self.floats(g), d).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        #expect(abs(lhs - rhs) < 1e-4)
    }

    @Test(.usesTheTensorGenerator) func im2colMatchesTheCPUConvolutionAndCol2imIsItsAdjoint() throws {
        let emu = try KernelEmulator(ConvKernels.source(.f32))
        let (N, C, H, O, K, S, P) = (2, 3, 11, 5, 3, 2, 1)
        let OH = (H + 2 * P - K) / S + 1, ckk = C * K * K, np = OH * OH
        let x = Tensor.randn([N, C, H, H]), w = Tensor.randn([O, C, K, K]), b = Tensor.randn([O])
        typealias Geo = @convention(c) (F, MF, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) -> Void
        let im2col = try emu.fn("rl_im2col_f32", as: Geo.self), col2im = try emu.fn("rl_col2im_f32", as: Geo.self)
        let geo: [Int32] = [N, C, H, H, K, K, S, S, P, P, OH, OH].map { Int32($0) }
        func call(_ f: Geo, _ src: [Float], _ dst: inout [Float]) {
            f(src, &dst, geo[0], geo[1], geo[2], geo[3], geo[4], geo[5], geo[6], geo[7], geo[8], geo[9], geo[10], geo[11])
        }
        var cols = [Float](repeating: .nan, count: N * ckk * np)
        call(im2col, Self.floats(x), &cols)
        // Y_n[O, P] = W[O, CKK] · cols_n[CKK, P] + b, the product the backend hands to cuBLAS.
        let W = Self.floats(w), B = Self.floats(b)
        var y = [Double](repeating: 0, count: N * O * np)
        for n in 0..<N { for o in 0..<O { for p in 0..<np {
            var s = Double(B[o])
            for k in 0..<ckk { s += Double(W[o * ckk + k]) * Double(cols[(n * ckk + k) * np + p]) }
            y[(n * O + o) * np + p] = s
        } } }
        let want = try conv2d(x, w, bias: b, stride: S, padding: P)
        #expect(want.shape == [N, O, OH, OH])
        #expect(Self.close(y, want.scalars, 1e-4))
        // <im2col(x), c> == <x, col2im(c)>.
        let c = Self.floats(Tensor.randn([N * ckk * np]))
        var folded = [Float](repeating: .nan, count: N * C * H * H)
        call(col2im, c, &folded)
        let lhs = zip(cols, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let rhs = zip(Self.floats(x), folded).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        #expect(abs(lhs - rhs) <= 1e-3 * max(1, abs(lhs)))
    }

    @Test(.usesTheTensorGenerator) func fusedAdamAndRMSpropFollowPyTorchsFormulas() throws {
        let emu = try KernelEmulator(OptimizerKernels.source(.f32))
        let adam = try emu.fn("rl_adam_f32", as: (@convention(c) (MF, F, MF, MF, Int64, Float, Float, Float, Float, Float, Float, Float) -> Void).self)
        let rms = try emu.fn("rl_rmsprop_f32", as: (@convention(c) (MF, F, MF, MF, Int64, Float, Float, Float, Float, Float) -> Void).self)
        let n = 50
        var p = Self.floats(Tensor.randn([n])), m = [Float](repeating: 0, count: n), v = m
        var rp = p, rm = m, rv = m
        for step in 1...3 {
            let g = Self.floats(Tensor.randn([n]))
            let bc1 = 1 - Float(pow(0.9, Double(step))), bc2 = 1 - Float(pow(0.999, Double(step)))
            adam(&p, g, &m, &v, Int64(n), 1e-3, 0.9, 0.999, 1e-8, 0.01, bc1, bc2)
            for i in 0..<n {          // torch/optim/adam.py, single tensor, weight decay as L2
                let gi = g[i] + 0.01 * rp[i]
                rm[i] = 0.9 * rm[i] + 0.1 * gi
                rv[i] = 0.999 * rv[i] + (1 - 0.999) * gi * gi
                rp[i] -= 1e-3 / bc1 * rm[i] / (rv[i].squareRoot() / bc2.squareRoot() + 1e-8)
            }
        }
        #expect(Self.close(p.map(Double.init), rp.map(Double.init), 1e-5))
        var q = Self.floats(Tensor.randn([n])), sq = [Float](repeating: 0, count: n), buf = sq
        var rq = q, rsq = sq, rbuf = sq
        for _ in 1...3 {
            let g = Self.floats(Tensor.randn([n]))
            rms(&q, g, &sq, &buf, Int64(n), 1e-2, 0.99, 1e-8, 0, 0.9)
            for i in 0..<n {          // torch/optim/rmsprop.py, non-centered, momentum
                rsq[i] = 0.99 * rsq[i] + (1 - 0.99) * g[i] * g[i]
                rbuf[i] = 0.9 * rbuf[i] + g[i] / (rsq[i].squareRoot() + 1e-8)
                rq[i] -= 1e-2 * rbuf[i]
            }
        }
        #expect(Self.close(q.map(Double.init), rq.map(Double.init), 1e-5))
    }
}
