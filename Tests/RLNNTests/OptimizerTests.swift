import Foundation
import Testing
import RLTensor
@testable import RLNN

func makeOptimizer(_ name: String, _ params: [Tensor], _ kw: [String: Any]) throws -> Optimizer {
    func d(_ k: String, _ def: Double) -> Double { (kw[k] as? NSNumber)?.doubleValue ?? def }
    func b(_ k: String) -> Bool { (kw[k] as? Bool) ?? false }
    let lr = d("lr", 1e-3)
    if name.hasPrefix("sgd") {
        return try SGD(params, lr: lr, momentum: d("momentum", 0), dampening: d("dampening", 0), weightDecay: d("weight_decay", 0), nesterov: b("nesterov"))
    }
    if name.hasPrefix("adamw") { return try AdamW(params, lr: lr, weightDecay: d("weight_decay", 0.01)) }
    if name.hasPrefix("adam") {
        let betas = (kw["betas"] as? [NSNumber]).map { ($0[0].doubleValue, $0[1].doubleValue) } ?? (0.9, 0.999)
        return try Adam(params, lr: lr, betas: betas, weightDecay: d("weight_decay", 0), amsgrad: b("amsgrad"))
    }
    if name.hasPrefix("rmsprop_tf") {
        return try RMSpropTFLike(params, lr: lr, alpha: d("alpha", 0.99), eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0), momentum: d("momentum", 0), centered: b("centered"))
    }
    return try RMSprop(params, lr: lr, alpha: d("alpha", 0.99), eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0), momentum: d("momentum", 0), centered: b("centered"))
}

@Test func optimizersMatchPyTorchStepByStep() throws {
    let fx = try Fixture.load("optimizers.json")
    let cases = fx["cases"] as! [[String: Any]]
    #expect(cases.count == 10)
    for c in cases {
        let name = c["name"] as! String
        let params = try (c["params"] as! [Any]).map { try Fixture.tensor($0, requiresGrad: true) }
        let opt = try makeOptimizer(name, params, c["kwargs"] as! [String: Any])
        let grads = c["grads"] as! [[Any]]
        let after = c["after"] as! [[Any]]
        for (s, gs) in grads.enumerated() {
            for (p, g) in zip(params, gs) { p.grad = try Fixture.tensor(g) }
            try opt.step()
            for (k, want) in after[s].enumerated() {
                let diff = Fixture.maxDiff(params[k], try Fixture.tensor(want))
                #expect(diff <= 1e-12, "\(name) step \(s + 1) param \(k): diff \(diff)")
            }
        }
        opt.zeroGrad()
        #expect(params.allSatisfy { $0.grad == nil })
    }
}

@Test func clipGradNormScalesLikePyTorch() throws {
    let a = try Tensor([3.0, 4.0], dtype: .float64, requiresGrad: true)
    let b = try Tensor([12.0], dtype: .float64, requiresGrad: true)
    a.grad = try Tensor([3.0, 4.0], dtype: .float64)
    b.grad = try Tensor([12.0], dtype: .float64)
    let total = try clipGradNorm([a, b], maxNorm: 1.3)
    #expect(abs(total - 13) < 1e-12)
    let coef = 1.3 / (13 + 1e-6)
    #expect(Fixture.maxDiff(a.grad!, try Tensor([3 * coef, 4 * coef], dtype: .float64)) < 1e-12)
    #expect(abs(b.grad!.scalars[0] - 12 * coef) < 1e-12)
}

/// The vectorised, threaded float32 Adam path agrees with the exact float64 rule.
@Test func adamFloat32FastPathMatchesFloat64() throws {
    let n = 70_003
    var pv: [Double] = [], gv: [Double] = []
    for i in 0..<n { pv.append(sin(Double(i))); gv.append(cos(Double(i) * 0.37)) }
    let p32 = try Tensor(pv, shape: [n], dtype: .float32, requiresGrad: true)
    let p64 = try Tensor(p32.scalars, shape: [n], dtype: .float64, requiresGrad: true)
    let o32 = try Adam([p32], lr: 0.01), o64 = try Adam([p64], lr: 0.01)
    for s in 0..<3 {
        let g = try Tensor(gv.map { $0 * Double(s + 1) }, shape: [n], dtype: .float32)
        p32.grad = g
        p64.grad = g.double()
        try o32.step()
        try o64.step()
    }
    #expect(Fixture.maxDiff(p32.double(), p64) < 1e-5)
}

/// The vector square root used by the float32 Adam path is bit-exact with `Float.squareRoot()`.
@Test func vectorSquareRootIsCorrectlyRounded() {
    var x = Float("1e-40")!  // a subnormal (the literal would warn that it underflows)
    var mismatches = 0
    while x < 3e38 {
        var v = SIMD8<Float>()
        for i in 0..<8 { v[i] = x * (1 + Float(i) * 0.123) }
        let s = vectorSquareRoot(v)
        for i in 0..<8 where s[i] != v[i].squareRoot() { mismatches += 1 }
        x = max(x * 1.0173, x.nextUp)
    }
    #expect(mismatches == 0)
    #expect(vectorSquareRoot(SIMD8<Float>(repeating: 0)) == SIMD8<Float>(repeating: 0))
}

/// The float32 Adam vector path (blocks of 512, a range pre-check, scalar fallback for blocks with tiny, huge or
/// NaN second moments) gives the scalar loop's bits, on both threads' chunks and in the tail.
@Test func adamFloat32VectorPathIsBitIdenticalToTheScalarLoop() throws {
    let n = (1 << 18) + 1_037   // two threads' chunks and a tail that is not a multiple of 8
    var pv = [Float](repeating: 0, count: n), gv = [Float](repeating: 0, count: n)
    for i in 0..<n {
        pv[i] = Float(sin(Double(i)))
        gv[i] = Float(cos(Double(i) * 0.37)) * 0.01
    }
    gv[5] = 0                     // v stays exactly 0: the vector path's square root handles it
    gv[700] = 1e-20               // v ~ 1e-43: that block takes the scalar loop
    gv[(1 << 17) + 3] = 3e18      // v ~ 1e34: same, in the second thread's chunk
    gv[n - 3] = 1e-25             // in the scalar tail
    let fast = try Tensor(pv, shape: [n], dtype: .float32, requiresGrad: true)
    let opt = try Adam([fast], lr: 0.01)
    // The reference: the scalar loop alone over the same buffers.
    var rp = pv, rm = [Float](repeating: 0, count: n), rv = [Float](repeating: 0, count: n)
    for step in 1...3 {
        let g = try Tensor(gv.map { $0 * Float(step) }, shape: [n], dtype: .float32)
        fast.grad = g
        try opt.step()
        var gs = gv.map { $0 * Float(step) }
        let bc1 = 1 - pow(0.9, Double(step)), bc2 = 1 - pow(0.999, Double(step))
        rp.withUnsafeMutableBufferPointer { p in
            gs.withUnsafeMutableBufferPointer { g in
                rm.withUnsafeMutableBufferPointer { m in
                    rv.withUnsafeMutableBufferPointer { v in
                        Adam.scalarRule(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, v.baseAddress!, 0..<n, opt,
                                        stepSize: Float(0.01 / bc1), bc2Sqrt: Float(bc2.squareRoot()))
                    }
                }
            }
        }
    }
    let got = try fast.detach().withUnsafeMutableScalars(Float.self) { Array($0) }
    var mismatches = 0
    for i in 0..<n where got[i].bitPattern != rp[i].bitPattern { mismatches += 1 }
    #expect(mismatches == 0)
}
