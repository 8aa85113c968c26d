import Foundation
import Testing
@testable import RLTensor

/// Runs the op named in a fixture case on the given inputs.
func runOp(_ op: String, _ x: [Tensor], _ args: [String: Any]) throws -> (Tensor, Tensor?) {
    func d(_ k: String) -> Double { (args[k] as! NSNumber).doubleValue }
    func i(_ k: String) -> Int { (args[k] as! NSNumber).intValue }
    func ints(_ k: String) -> [Int] { (args[k] as! [NSNumber]).map { $0.intValue } }
    func b(_ k: String) -> Bool { (args[k] as? Bool) ?? false }
    switch op {
    case "add": return (try x[0] + x[1], nil)
    case "sub": return (try x[0] - x[1], nil)
    case "mul": return (try x[0] * x[1], nil)
    case "div": return (try x[0] / x[1], nil)
    case "pow": return (try x[0].pow(x[1]), nil)
    case "maximum": return (try x[0].maximum(x[1]), nil)
    case "minimum": return (try x[0].minimum(x[1]), nil)
    case "add_s": return (x[0] + d("s"), nil)
    case "rsub_s": return (d("s") - x[0], nil)
    case "mul_s": return (x[0] * d("s"), nil)
    case "div_s": return (x[0] / d("s"), nil)
    case "rdiv_s": return (d("s") / x[0], nil)
    case "pow_s": return (x[0].pow(d("s")), nil)
    case "neg": return (-x[0], nil)
    case "exp": return (x[0].exp(), nil)
    case "log": return (x[0].log(), nil)
    case "sqrt": return (x[0].sqrt(), nil)
    case "abs": return (x[0].abs(), nil)
    case "tanh": return (x[0].tanh(), nil)
    case "sigmoid": return (x[0].sigmoid(), nil)
    case "relu": return (relu(x[0]), nil)
    case "clamp": return (x[0].clamp(min: d("min"), max: d("max")), nil)
    case "clamp_min": return (x[0].clamp(min: d("min")), nil)
    case "where":
        let c = try Tensor((args["cond"] as! [NSNumber]).map { $0.intValue != 0 }, shape: x[0].shape)
        return (try RLTensor.where(c, x[0], x[1]), nil)
    case "sum": return (x[0].sum(), nil)
    case "sum_dim": return (try x[0].sum(dim: i("dim"), keepdim: b("keepdim")), nil)
    case "sum_dims": return (try x[0].sum(dims: ints("dims")), nil)
    case "mean": return (try x[0].mean(), nil)
    case "mean_dim": return (try x[0].mean(dim: i("dim"), keepdim: b("keepdim")), nil)
    case "std": return (try x[0].std(), nil)
    case "std_dim": return (try x[0].std(dim: i("dim"), keepdim: b("keepdim")), nil)
    case "max_all": return (try x[0].max(), nil)
    case "min_all": return (try x[0].min(), nil)
    case "max_dim": let r = try x[0].max(dim: i("dim"), keepdim: b("keepdim")); return (r.values, r.indices)
    case "min_dim": let r = try x[0].min(dim: i("dim"), keepdim: b("keepdim")); return (r.values, r.indices)
    case "argmax": return (try x[0].argmax(dim: i("dim")), nil)
    case "gather":
        let idx = try Tensor(ints("index").map { Int64($0) }, shape: ints("index_shape"))
        return (try x[0].gather(dim: i("dim"), index: idx), nil)
    case "reshape": return (try x[0].reshape(ints("shape")), nil)
    case "permute": return (try x[0].permute(ints("dims")) * 1.0, nil)
    case "transpose": return (try x[0].transpose(i("d0"), i("d1")) * 1.0, nil)
    case "squeeze": return (try x[0].squeeze(i("dim")), nil)
    case "unsqueeze": return (try x[0].unsqueeze(i("dim")), nil)
    case "flatten": return (try x[0].flatten(startDim: i("start")), nil)
    case "slice": return (try x[0][1..., TensorIndex.slice(start: nil, end: nil, step: 2), 1..<3], nil)
    case "select": return (try x[0][1, TensorIndex.all, -1], nil)
    case "cat": return (try cat(x, dim: i("dim")), nil)
    case "stack": return (try stack(x, dim: i("dim")), nil)
    case "expand": return (try x[0].expand(ints("shape")), nil)
    case "matmul": return (try x[0].matmul(x[1]), nil)
    case "linear": return (try linear(x[0], x[1], x[2]), nil)
    case "softmax": return (try softmax(x[0], dim: i("dim")), nil)
    case "log_softmax": return (try logSoftmax(x[0], dim: i("dim")), nil)
    case "conv2d": return (try conv2d(x[0], x[1], bias: x[2], stride: ints("stride"), padding: ints("padding")), nil)
    case "rpow_s": return (x[0].rpow(d("s")), nil)
    case "log1p": return (x[0].log1p(), nil)
    case "reciprocal": return (x[0].reciprocal(), nil)
    case "clone": return (x[0].clone() * 1.0, nil)
    case "narrow": return (try x[0].narrow(i("dim"), start: i("start"), length: i("length")), nil)
    case "index_select": return (try x[0].indexSelect(0, try Tensor(ints("index").map { Int64($0) }, shape: [ints("index").count])), nil)
    case "log_softmax_gather": return (try logSoftmax(x[0], dim: 1).gather(dim: 1, index: try Tensor([Int64(1), 0, 4, 2], shape: [4, 1])), nil)
    default: throw TensorError.invalidArgument("unknown op \(op)")
    }
}

@Test func opsMatchPyTorchFixtures() throws {
    let fx = try Fixture.load("ops.json")
    let cases = fx["cases"] as! [[String: Any]]
    #expect(cases.count >= 60)
    for c in cases {
        let name = c["name"] as! String
        let inputs = try (c["inputs"] as! [Any]).map { try Fixture.tensor($0, requiresGrad: true) }
        let (out, indices) = try runOp(c["op"] as! String, inputs, c["args"] as! [String: Any])
        let expected = try Fixture.tensor(c["output"])
        #expect(Fixture.maxDiff(out, expected) <= 1e-8, "\(name): value \(out) vs \(expected)")
        if let ix = c["indices"] {
            #expect(Fixture.maxDiff(indices!, try Fixture.tensor(ix)) == 0, "\(name): indices")
        }
        guard let gout = c["gout"] else { continue }
        try out.backward(try Fixture.tensor(gout))
        for (k, g) in (c["grads"] as! [Any]).enumerated() where !(g is NSNull) {
            let want = try Fixture.tensor(g)
            guard let got = inputs[k].grad else { Issue.record("\(name): no grad for input \(k)"); continue }
            #expect(Fixture.maxDiff(got, want) <= 1e-8, "\(name): grad \(k) \(got) vs \(want)")
        }
    }
}
