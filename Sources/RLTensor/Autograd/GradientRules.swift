import RLSupport
/// Every gradient rule of the engine, in one place. Each function captures what its backward pass
/// needs at record time and returns the closure mapping the output gradient to input gradients
/// (in the order of the recorded inputs; nil where an input needs no gradient).
///
/// Rules follow PyTorch's `tools/autograd/derivatives.yaml`; each is checked by a float64
/// finite-difference gradcheck and against PyTorch fixtures in `RLTensorTests`.
enum Rules {
    static let identity: BackwardFn = { g in [g] }

    static func sumTo(_ shape: [Int]) -> BackwardFn { { g in [try g.sumToShape(shape)] } }

    // MARK: Binary arithmetic

    static func add(_ a: Tensor, _ b: Tensor) -> BackwardFn {
        let sa = a.shape, sb = b.shape, ra = a._requiresGrad, rb = b._requiresGrad
        return { g in [ra ? try g.sumToShape(sa) : nil, rb ? try g.sumToShape(sb) : nil] }
    }

    static func sub(_ a: Tensor, _ b: Tensor) -> BackwardFn {
        let sa = a.shape, sb = b.shape, ra = a._requiresGrad, rb = b._requiresGrad
        return { g in [ra ? try g.sumToShape(sa) : nil, rb ? try (-g).sumToShape(sb) : nil] }
    }

    static func mul(_ a: Tensor, _ b: Tensor) -> BackwardFn {
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in [ra ? try (g * b).sumToShape(a.shape) : nil, rb ? try (g * a).sumToShape(b.shape) : nil] }
    }

    static func div(_ a: Tensor, _ b: Tensor) -> BackwardFn {
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in
            [ra ? try (g / b).sumToShape(a.shape) : nil,
             rb ? try ((-g) * a / (b * b)).sumToShape(b.shape) : nil]
        }
    }

    /// d(a^b)/da = b·a^(b-1); d(a^b)/db = a^b·ln a (0 where a = 0 and b ≥ 0).
    static func pow(_ a: Tensor, _ b: Tensor, _ output: Tensor) -> BackwardFn {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in
            var ga: Tensor? = nil
            if ra {
                let e: Tensor = try a.pow(b - 1.0)
                let gb0: Tensor = try g * b
                ga = try (gb0 * e).sumToShape(a.shape)
            }
            var gb: Tensor? = nil
            if rb {
                let mask = try (a == 0.0) * (b >= 0.0)
                let term = try RLTensor.where(mask, Tensor.zeros([], dtype: out.dtype), out * a.log())
                gb = try (g * term).sumToShape(b.shape)
            }
            return [ga, gb]
        }
    }

    /// Gradient split evenly on ties, as PyTorch's maximum/minimum.
    static func maximum(_ a: Tensor, _ b: Tensor, isMax: Bool) -> BackwardFn {
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in
            if let (ga, gb) = FusedGrad.extreme(g, a, b, isMax: isMax) { return [ra ? ga : nil, rb ? gb : nil] }
            let win = try (isMax ? a > b : a < b).to(g.dtype)
            let tie = try (a == b).to(g.dtype) * 0.5
            let wa = try win + tie
            let wb = try (1.0 - win) - tie
            return [ra ? try (g * wa).sumToShape(a.shape) : nil, rb ? try (g * wb).sumToShape(b.shape) : nil]
        }
    }

    /// Tensor–scalar ops (`scalarFirst`: the scalar is the left operand).
    static func scalar(_ op: BinaryOp, _ a: Tensor, _ s: Double, _ first: Bool, _ output: Tensor) -> (String, BackwardFn) {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        switch (op, first) {
        case (.add, _): return ("AddBackward1", identity)
        case (.sub, false): return ("SubBackward1", identity)
        case (.sub, true): return ("RsubBackward1", { g in [-g] })
        case (.mul, _): return ("MulBackward1", { g in [g * s] })
        case (.div, false): return ("DivBackward1", { g in [g / s] })
        case (.div, true): return ("DivBackward1", { g in [try (-g) * s / (a * a)] })
        case (.pow, false):
            if s == 0 { return ("PowBackward0", { g in [Tensor.zerosLike(g)] }) }
            return ("PowBackward0", { g in [try g * (a.pow(s - 1) * s)] })
        case (.pow, true): return ("PowBackward2", { g in [try g * out * _log(s)] })
        case (.maximum, _), (.minimum, _):
            let isMax = op == .maximum
            return (isMax ? "MaximumBackward0" : "MinimumBackward0", { g in
                let w = try (isMax ? a > s : a < s).to(g.dtype) + (a == s).to(g.dtype) * 0.5
                return [try g * w]
            })
        default: return ("Backward", { _ in [nil] })
        }
    }

    // MARK: Unary math

    static func unary(_ op: UnaryOp, _ x: Tensor, _ output: Tensor) -> (String, BackwardFn) {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        switch op {
        case .neg: return ("NegBackward0", { g in [-g] })
        case .exp: return ("ExpBackward0", { g in [try g * out] })
        case .log: return ("LogBackward0", { g in [try g / x] })
        case .log1p: return ("Log1PBackward0", { g in [try g / (x + 1.0)] })
        case .sqrt: return ("SqrtBackward0", { g in [try g / (out * 2.0)] })
        case .abs: return ("AbsBackward0", { g in [try g * x.sign()] })
        case .tanh: return ("TanhBackward0", { g in [try Tensor.backend.activationBackward(.tanh, grad: g, output: out)] })
        case .sigmoid: return ("SigmoidBackward0", { g in [try Tensor.backend.activationBackward(.sigmoid, grad: g, output: out)] })
        case .relu: return ("ReluBackward0", { g in [try Tensor.backend.activationBackward(.relu, grad: g, output: out)] })
        case .square: return ("PowBackward0", { g in [try g * (x * 2.0)] })
        case .reciprocal: return ("ReciprocalBackward0", { g in [try (-g) * out * out] })
        case .sign: return ("SignBackward0", { g in [Tensor.zerosLike(g)] })
        }
    }

    /// Gradient flows where lo ≤ x ≤ hi.
    static func clamp(_ x: Tensor, _ lo: Double?, _ hi: Double?) -> BackwardFn {
        { g in
            if let r = FusedGrad.clamp(g, x, lo, hi) { return [r] }
            var mask = Tensor.ones(x.shape, dtype: .bool)
            if let lo { mask = try mask * (x >= lo) }
            if let hi { mask = try mask * (x <= hi) }
            return [try g * mask.to(g.dtype)]
        }
    }

    static func `where`(_ cond: Tensor, _ a: Tensor, _ b: Tensor) -> BackwardFn {
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in
            let zero = Tensor.zeros([], dtype: g.dtype)
            return [ra ? try RLTensor.where(cond, g, zero).sumToShape(a.shape) : nil,
                    rb ? try RLTensor.where(cond, zero, g).sumToShape(b.shape) : nil]
        }
    }

    // MARK: Views and joins

    static func reshape(_ shape: [Int]) -> BackwardFn { { g in [try g.reshape(shape)] } }

    static func permute(_ dims: [Int]) -> BackwardFn {
        var inv = [Int](repeating: 0, count: dims.count)
        for (i, d) in dims.enumerated() { inv[d] = i }
        return { g in [try g.permute(inv)] }
    }

    /// Basic indexing: scatter the gradient into zeros through the same view.
    static func indexing(_ shape: [Int], _ dtype: DType, _ replay: @escaping (Tensor) throws -> Tensor) -> BackwardFn {
        { g in
            let z = Tensor.zeros(shape, dtype: g.dtype)
            Convert.assign(try replay(z), from: g)
            return [z]
        }
    }

    static func cat(_ sizes: [Int], _ dim: Int) -> BackwardFn {
        { g in
            var start = 0
            var out: [Tensor?] = []
            for s in sizes { out.append(try g.narrow(dim, start: start, length: s)); start += s }
            return out
        }
    }

    // MARK: Reductions

    static func sumAll(_ shape: [Int]) -> BackwardFn { { g in [try g.reshape([]).expand(shape)] } }

    static func sumDims(_ shape: [Int], _ dims: [Int], _ keepdim: Bool) -> BackwardFn {
        { g in
            var x = g
            if !keepdim { for d in dims.sorted() where !shape.isEmpty { x = try x.unsqueeze(d) } }
            return [try x.expand(shape)]
        }
    }

    /// Full max/min: the gradient is shared evenly among elements equal to the extreme.
    static func extremeAll(_ x: Tensor, _ output: Tensor) -> BackwardFn {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        return { g in
            let mask = try (x == out).to(g.dtype)
            return [try g * mask / mask.sum()]
        }
    }

    /// gather / max(dim:): scatter-add the gradient back at the indices (`idx` in keepdim form).
    static func gatherLike(_ shape: [Int], _ d: Int, _ idx: Tensor, _ squeezed: [Int]?) -> BackwardFn {
        { g in
            let g2 = squeezed != nil && !shape.isEmpty ? try g.unsqueeze(d) : g
            return [Tensor.scatterAdd(shape: shape, dim: d, index: idx, src: g2)]
        }
    }

    // MARK: Linear algebra

    static func matmul(_ a: Tensor, _ b: Tensor) -> BackwardFn {
        let ra = a._requiresGrad, rb = b._requiresGrad
        return { g in
            [ra ? try Tensor.backend.matmul(g, try b.transpose(-1, -2)).sumToShape(a.shape) : nil,
             rb ? try Tensor.backend.matmul(try a.transpose(-1, -2), g).sumToShape(b.shape) : nil]
        }
    }

    static func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?) -> BackwardFn {
        let rx = x._requiresGrad, rw = w._requiresGrad, rb = b?._requiresGrad ?? false
        return { g in
            if let res = linearBackwardDirect(g, x, w, b, rx, rw, rb) { return res }
            let outF = w.shape[0], inF = w.shape[1]
            let rows = x.count / Swift.max(inF, 1)
            let g2 = try g.reshape([rows, outF])
            var res: [Tensor?] = []
            res.append(rx ? try Tensor.backend.matmul(g2, w).reshape(x.shape) : nil)
            res.append(rw ? try Tensor.backend.matmul(try g2.t(), try x.reshape([rows, inF])) : nil)
            if b != nil { res.append(rb ? try g2.sum(dim: 0) : nil) }
            return res
        }
    }

    /// The linear rule's three products for same-dtype float operands with a contiguous gradient and
    /// input: `Linalg.matmul`'s GEMM calls with the operands and strides its views would give (g as
    /// [rows, out], gᵀ by strides, W as stored) and the bias sum by the same reduction, without the
    /// reshape/transpose views, batch-shape bookkeeping and intermediate tensors per product.
    static func linearBackwardDirect(_ g: Tensor, _ x: Tensor, _ w: Tensor, _ b: Tensor?,
                                     _ rx: Bool, _ rw: Bool, _ rb: Bool) -> [Tensor?]? {
        let dt = g.dtype
        guard dt == .float32 || dt == .float64, x.dtype == dt, w.dtype == dt, w.rank == 2,
              g.isContiguous, x.isContiguous, Tensor.backend is CPUBackend else { return nil }
        let outF = w.shape[0], inF = w.shape[1]
        let rows = x.count / Swift.max(inF, 1)
        guard g.count == rows * outF, rows > 0 else { return nil }
        func run<T: GemmScalar>(_: T.Type) -> [Tensor?] {
            var res: [Tensor?] = []
            let gp = g.pointer(T.self)
            if rx {
                // matmul(g2 [rows, out], W [out, in]) reshaped to x's shape
                let dx = Tensor(uninitialized: x.shape, dtype: dt)
                GEMM.gemm(rows, inF, outF, gp, outF, 1, w.pointer(T.self), w.strides[0], w.strides[1],
                          dx.pointer(T.self), inF, accumulate: false)
                res.append(dx)
            } else {
                res.append(nil)
            }
            if rw {
                // matmul(g2ᵀ [out, rows], x [rows, in])
                let dw = Tensor(uninitialized: [outF, inF], dtype: dt)
                GEMM.gemm(outF, inF, rows, gp, 1, outF, x.pointer(T.self), inF, 1, dw.pointer(T.self), inF, accumulate: false)
                res.append(dw)
            } else {
                res.append(nil)
            }
            if b != nil {
                res.append(rb ? Tensor.backend.reduce(.sum, g.view(shape: [rows, outF], strides: [outF, 1], offset: g.offset), dim: 0, keepdim: false) : nil)
            }
            return res
        }
        return withExtendedLifetime((g, x, w)) { dt == .float32 ? run(Float.self) : run(Double.self) }
    }

    static func softmax(_ output: Tensor, _ d: Int) -> BackwardFn {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        return { g in [try FusedGrad.softmax(g, out, dim: d) ?? out * (g - (g * out).sum(dim: d, keepdim: true))] }
    }

    static func logSoftmax(_ output: Tensor, _ d: Int) -> BackwardFn {
        // The output owns this node, so capture it unowned (no retain cycle).
        unowned let out = output
        return { g in [try FusedGrad.logSoftmax(g, out, dim: d) ?? g - out.exp() * g.sum(dim: d, keepdim: true)] }
    }

    // MARK: Convolution

    static func conv2d(_ geo: ConvGeometry, _ x: Tensor, _ w: Tensor, _ b: Tensor?, _ cols: Tensor?) -> BackwardFn {
        let needX = x._requiresGrad, needW = w._requiresGrad, needB = b?._requiresGrad ?? false
        return { g in
            let (dx, dw, db) = Tensor.backend.conv2dBackward(geo, g, cols, w, needX: needX, needW: needW, needB: needB)
            var res: [Tensor?] = [dx, dw]
            if b != nil { res.append(db) }
            return res
        }
    }
}

extension Tensor {
    /// Sums broadcast dimensions away so the result has `target` shape (inverse of broadcasting).
    func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        var dims = Array(0..<Swift.max(lead, 0))
        for i in 0..<target.count where target[i] == 1 && shape[i + lead] != 1 { dims.append(i + lead) }
        let r = dims.isEmpty ? self : try sum(dims: dims, keepdim: true)
        return try r.reshape(target)
    }
}
