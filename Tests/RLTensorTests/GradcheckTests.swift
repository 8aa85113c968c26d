import Foundation
import Testing
@testable import RLTensor

/// Central finite differences of L = Σ out·gout in float64 against the analytic gradients,
/// for every differentiable op in the fixture list (so every gradient rule is exercised).
@Test func finiteDifferenceGradcheckEveryRule() throws {
    let fx = try Fixture.load("ops.json")
    var checked = Set<String>()
    for c in fx["cases"] as! [[String: Any]] {
        guard let goutObj = c["gout"] else { continue }
        let op = c["op"] as! String, args = c["args"] as! [String: Any], name = c["name"] as! String
        let gout = try Fixture.tensor(goutObj)
        let inputs = try (c["inputs"] as! [Any]).map { try Fixture.tensor($0, requiresGrad: true) }
        let (out, _) = try runOp(op, inputs, args)
        try out.backward(gout)
        for (k, x) in inputs.enumerated() {
            guard let analytic = x.grad?.scalars else { continue }
            let base = x.scalars
            let h = 1e-6
            for e in 0..<base.count {
                func loss(_ v: Double) throws -> Double {
                    var p = base
                    p[e] = v
                    var xs = inputs.map { $0.detach() }
                    xs[k] = try Tensor(p, shape: x.shape)
                    let (o, _) = try noGrad { try runOp(op, xs, args) }
                    return try (o * gout).sum().item
                }
                let num = (try loss(base[e] + h) - loss(base[e] - h)) / (2 * h)
                let tol = 1e-6 + 1e-5 * abs(num)
                #expect(abs(num - analytic[e]) <= tol, "\(name) input \(k)[\(e)]: numeric \(num) analytic \(analytic[e])")
            }
        }
        checked.insert(op)
    }
    #expect(checked.count >= 45)
}
