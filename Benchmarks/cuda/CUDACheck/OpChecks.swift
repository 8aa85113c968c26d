import RLCUDA
import RLNN
import RLTensor

/// One comparison: the same computation on the CPU backend and on the CUDA backend.
struct OpCheck {
    let name: String
    let run: (Backend) throws -> [Tensor]
}

/// Largest |gpu − cpu| / max(1, |cpu|) over all outputs; nil when shapes or dtypes differ.
func maxError(_ cpu: [Tensor], _ gpu: [Tensor]) -> Double? {
    guard cpu.count == gpu.count else { return nil }
    var worst = 0.0
    for (c, g) in zip(cpu, gpu) {
        guard c.shape == g.shape, c.dtype == g.dtype else { return nil }
        for (x, y) in zip(c.scalars, g.scalars) {
            if x.isNaN && y.isNaN { continue }
            if x == y { continue }
            worst = max(worst, abs(x - y) / max(1, abs(x)))
        }
    }
    return worst
}

/// Runs `body` with `backend` installed as the global backend (for module-level checks).
func with<R>(_ backend: Backend, _ body: () throws -> R) rethrows -> R {
    let saved = Tensor.backend
    Tensor.backend = backend
    defer { Tensor.backend = saved }
    return try body()
}

func opChecks() throws -> [OpCheck] {
    manualSeed(7)
    var checks: [OpCheck] = []
    let shapes: [([Int], [Int])] = [([3, 4, 5], [5]), ([2, 1, 4], [3, 1]), ([7], [7]), ([32, 512], [512]), ([4, 1, 6, 1], [5, 1, 3])]
    let ops: [BinaryOp] = [.add, .sub, .mul, .div, .pow, .maximum, .minimum, .eq, .ne, .lt, .le, .gt, .ge]
    for (sa, sb) in shapes {
        let a = Tensor.rand(sa) + 0.5, b = Tensor.randn(sb).clamp(min: -2, max: 2)
        for op in ops {
            checks.append(OpCheck(name: "binary \(op) \(sa)·\(sb)") { [try $0.binary(op, a, b)] })
        }
    }
    let x = Tensor.randn([33, 17]), pos = Tensor.rand([33, 17]) + 0.25
    for op in [BinaryOp.add, .sub, .mul, .div, .pow, .maximum, .gt] {
        for first in [false, true] {
            checks.append(OpCheck(name: "scalar \(op) first=\(first)") { [$0.binary(op, pos, scalar: 1.5, scalarFirst: first)] })
        }
    }
    let unary: [UnaryOp] = [.neg, .exp, .log, .sqrt, .abs, .tanh, .sigmoid, .relu, .sign, .square, .reciprocal, .log1p]
    for op in unary {
        let input = [.log, .sqrt, .reciprocal, .log1p].contains(op) ? pos : x
        checks.append(OpCheck(name: "unary \(op)") { [$0.unary(op, input)] })
    }
    let g = Tensor.randn([33, 17])
    for op in [UnaryOp.relu, .tanh, .sigmoid] {
        let y = CPUBackend().unary(op, x)
        checks.append(OpCheck(name: "\(op) backward") { [try $0.activationBackward(op, grad: g, output: y)] })
    }
    checks.append(OpCheck(name: "clamp [-0.5, 0.5]") { [$0.clamp(x, min: -0.5, max: 0.5)] })
    checks.append(OpCheck(name: "clamp min 0") { [$0.clamp(x, min: 0, max: nil)] })
    let cond = try CPUBackend().binary(.gt, Tensor.rand([33, 1]), Tensor.scalar(0.5))
    checks.append(OpCheck(name: "where (broadcast cond)") { [try $0.select(cond, x, g)] })
    let r = Tensor.randn([4, 5, 6]) * 0.5
    for kind in [ReductionKind.sum, .max, .min, .prod] {
        for dim in [0, 1, 2] {
            for keep in [false, true] {
                checks.append(OpCheck(name: "reduce \(kind) dim \(dim) keepdim \(keep)") { [$0.reduce(kind, r, dim: dim, keepdim: keep)] })
            }
        }
    }
    let long = Tensor.rand([100_003])
    checks.append(OpCheck(name: "reduce sum of 100003") { [$0.reduce(.sum, long, dim: 0, keepdim: false)] })
    checks.append(OpCheck(name: "reduce max of 100003") { [$0.reduce(.max, long, dim: 0, keepdim: false)] })
    for (shape, dim) in [([8, 6], 1), ([8, 6], 0), ([32, 5], 1), ([2, 300, 3], 1), ([1, 4096], 1)] {
        let s = Tensor.randn(shape) * 3
        for log in [false, true] {
            checks.append(OpCheck(name: "\(log ? "log_softmax" : "softmax") \(shape) dim \(dim)") { [$0.softmax(s, dim: dim, log: log)] })
        }
    }
    for (sa, sb) in [([5, 7], [7, 3]), ([4, 5, 7], [4, 7, 3]), ([4, 5, 7], [7, 3]), ([5, 7], [4, 7, 3]), ([64, 3136], [3136, 512])] {
        let a = Tensor.randn(sa), b = Tensor.randn(sb)
        checks.append(OpCheck(name: "matmul \(sa)·\(sb)") { [try $0.matmul(a, b)] })
    }
    for (rows, inF, outF, bias) in [(32, 3136, 512, true), (10, 4, 6, false), (1, 512, 5, true)] {
        let xi = Tensor.randn([rows, inF]), w = Tensor.randn([outF, inF]) * 0.05, b = bias ? Tensor.randn([outF]) : nil
        checks.append(OpCheck(name: "linear \(rows)×\(inF)→\(outF) bias \(bias)") { [try $0.linear(xi, w, b)] })
    }
    // Convolutions through RLNN's Conv2d (forward and all three gradients), NatureCNN's layers and a padded one.
    for (n, c, h, o, k, s, p) in [(32, 4, 84, 32, 8, 4, 0), (32, 32, 20, 64, 4, 2, 0), (32, 64, 9, 64, 3, 1, 0), (2, 3, 11, 5, 3, 2, 1)] {
        let conv = Conv2d(c, o, kernelSize: k, stride: s, padding: p)
        let input = Tensor.rand([n, c, h, h])
        checks.append(OpCheck(name: "conv2d \(n)×\(c)×\(h)×\(h) k\(k) s\(s) p\(p) fwd+bwd") { backend in
            try with(backend) {
                for q in conv.parameters() { q.grad = nil }
                let xin = input.clone().requiresGrad_()
                let y = try conv(xin)
                try (y * y).sum().backward()
                return [y.detach(), xin.grad!, conv.parameters()[0].grad!, conv.parameters()[1].grad!]
            }
        })
    }
    let gx = Tensor.randn([6, 9]), gi = try Tensor.randint(0, 9, [6, 4])
    checks.append(OpCheck(name: "gather dim 1") { backend in
        if let b = backend as? CUDABackend { return [try b.gather(gx, dim: 1, index: gi)] }
        return [try gx.gather(dim: 1, index: gi)]
    })
    let si = try Tensor.randint(0, 6, [10])
    checks.append(OpCheck(name: "index_select dim 0") { backend in
        if let b = backend as? CUDABackend { return [try b.indexSelect(gx, dim: 0, index: si)] }
        return [try gx.indexSelect(0, si)]
    })
    checks.append(OpCheck(name: "fused Adam, 3 steps") { backend in
        manualSeed(11)
        let p = Tensor.randn([1000]), m = Tensor.zeros([1000]), v = Tensor.zeros([1000])
        for step in 1...3 {
            let grad = Tensor.randn([1000])
            if let b = backend as? CUDABackend {
                try b.adamStep(param: p, grad: grad, expAvg: m, expAvgSq: v, step: step, lr: 1e-3, betas: (0.9, 0.999), eps: 1e-8, weightDecay: 0.01)
            } else {
                try referenceAdam(p, grad, m, v, step: step)
            }
        }
        return [p, m, v]
    })
    checks.append(OpCheck(name: "fused RMSprop, 3 steps, momentum 0.9") { backend in
        manualSeed(12)
        let p = Tensor.randn([1000]), v = Tensor.zeros([1000]), buf = Tensor.zeros([1000])
        for _ in 1...3 {
            let grad = Tensor.randn([1000])
            if let b = backend as? CUDABackend {
                try b.rmspropStep(param: p, grad: grad, squareAvg: v, momentumBuffer: buf, lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0.9)
            } else {
                try referenceRMSprop(p, grad, v, buf)
            }
        }
        return [p, v, buf]
    })
    return checks
}

/// PyTorch's single-tensor Adam (torch/optim/adam.py), lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01.
func referenceAdam(_ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, step: Int) throws {
    let gs = g.scalars.map { Float($0) }
    try p.withUnsafeMutableScalars(Float.self) { P in
        try m.withUnsafeMutableScalars(Float.self) { M in
            try v.withUnsafeMutableScalars(Float.self) { V in
                let bc1 = 1 - Float.pow(0.9, step), bc2 = 1 - Float.pow(0.999, step)
                for i in 0..<P.count {
                    let gi = gs[i] + 0.01 * P[i]
                    M[i] = 0.9 * M[i] + 0.1 * gi
                    V[i] = 0.999 * V[i] + 0.001 * gi * gi
                    P[i] -= 1e-3 / bc1 * M[i] / ((V[i]).squareRoot() / bc2.squareRoot() + 1e-8)
                }
            }
        }
    }
}

/// PyTorch's RMSprop (torch/optim/rmsprop.py), lr 1e-2, alpha 0.99, eps 1e-8, momentum 0.9.
func referenceRMSprop(_ p: Tensor, _ g: Tensor, _ v: Tensor, _ buf: Tensor) throws {
    let gs = g.scalars.map { Float($0) }
    try p.withUnsafeMutableScalars(Float.self) { P in
        try v.withUnsafeMutableScalars(Float.self) { V in
            try buf.withUnsafeMutableScalars(Float.self) { B in
                for i in 0..<P.count {
                    V[i] = 0.99 * V[i] + 0.01 * gs[i] * gs[i]
                    B[i] = 0.9 * B[i] + gs[i] / (V[i].squareRoot() + 1e-8)
                    P[i] -= 1e-2 * B[i]
                }
            }
        }
    }
}

extension Float {
    static func pow(_ b: Float, _ e: Int) -> Float { (0..<e).reduce(1) { r, _ in r * b } }
}
