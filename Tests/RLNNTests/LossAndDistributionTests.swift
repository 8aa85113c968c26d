import Foundation
import Testing
import TestSupport
import RLTensor
@testable import RLNN

@Test func lossesMatchPyTorch() throws {
    let fx = try Fixture.load("losses.json")
    for c in fx["cases"] as! [[String: Any]] {
        let name = c["name"] as! String, args = c["args"] as! [String: Any]
        let x = try Fixture.tensor(c["input"], requiresGrad: true)
        let y = try Fixture.tensor(c["target"])
        let red = Reduction(rawValue: args["reduction"] as? String ?? "mean")!
        let out: Tensor
        switch name {
        case let n where n.hasPrefix("mse"): out = try mseLoss(x, y, reduction: red)
        case let n where n.hasPrefix("smooth_l1"): out = try smoothL1Loss(x, y, reduction: red, beta: (args["beta"] as? NSNumber)?.doubleValue ?? 1)
        case "huber": out = try huberLoss(x, y, delta: (args["delta"] as! NSNumber).doubleValue)
        default: out = try crossEntropy(x, y, reduction: red, labelSmoothing: (args["label_smoothing"] as? NSNumber)?.doubleValue ?? 0)
        }
        #expect(Fixture.maxDiff(out, try Fixture.tensor(c["output"])) <= 1e-8, "\(name) value \(out)")
        try out.sum().backward()
        #expect(Fixture.maxDiff(x.grad!, try Fixture.tensor(c["grad"])) <= 1e-8, "\(name) grad")
    }
}

@Test(.usesTheTensorGenerator) func distributionsMatchPyTorch() throws {
    let fx = try Fixture.load("distributions.json")
    for c in fx["cases"] as! [[String: Any]] {
        let name = c["name"] as! String
        if name == "normal" {
            let mu = try Fixture.tensor(c["mean"], requiresGrad: true), sd = try Fixture.tensor(c["std"], requiresGrad: true)
            let n = try Normal(mean: mu, std: sd)
            let lp = try n.logProb(try Fixture.tensor(c["values"])), ent = try n.entropy()
            #expect(Fixture.maxDiff(lp, try Fixture.tensor(c["log_prob"])) <= 1e-8)
            #expect(Fixture.maxDiff(ent, try Fixture.tensor(c["entropy"])) <= 1e-8)
            try (lp.sum() + ent.sum() * 2.0).backward()
            #expect(Fixture.maxDiff(mu.grad!, try Fixture.tensor(c["grad_mean"])) <= 1e-8)
            #expect(Fixture.maxDiff(sd.grad!, try Fixture.tensor(c["grad_std"])) <= 1e-8)
            continue
        }
        let param = try Fixture.tensor(c["param"], requiresGrad: true)
        let cat = name == "categorical_logits" ? try Categorical(logits: param) : try Categorical(probs: param)
        #expect(Fixture.maxDiff(cat.probs, try Fixture.tensor(c["probs"])) <= 1e-8, "\(name) probs")
        #expect(Fixture.maxDiff(cat.logits, try Fixture.tensor(c["logits"])) <= 1e-8, "\(name) logits")
        let lp = try cat.logProb(try Fixture.tensor(c["values"]))
        let ent = try cat.entropy()
        #expect(Fixture.maxDiff(lp, try Fixture.tensor(c["log_prob"])) <= 1e-8, "\(name) log_prob")
        #expect(Fixture.maxDiff(ent, try Fixture.tensor(c["entropy"])) <= 1e-8, "\(name) entropy")
        try (lp.sum() + ent.sum() * 2.0).backward()
        #expect(Fixture.maxDiff(param.grad!, try Fixture.tensor(c["grad"])) <= 1e-8, "\(name) grad")
    }
}

