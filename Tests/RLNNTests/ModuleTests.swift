import Foundation
import Testing
import TestSupport
import RLTensor
@testable import RLNN

@Test(.usesTheTensorGenerator) func loadsPyTorchSafetensorsAndMatchesOutputs() throws {
    let net = Sequential(Linear(4, 8), ReLU(), Linear(8, 2))
    try net.load(Fixture.path("torch_mlp.safetensors"))
    let fx = try Fixture.load("torch_mlp.json")
    let y = try net(try Fixture.tensor(fx["input"]))
    #expect(y.dtype == .float32)
    #expect(Fixture.maxDiff(y, try Fixture.tensor(fx["output"])) < 1e-6)
    #expect(net.stateDict().keys == ["0.weight", "0.bias", "2.weight", "2.bias"])
}

@Test func readsEveryDtypeWrittenByPyTorch() throws {
    let d = Dictionary(uniqueKeysWithValues: try Safetensors.load(Fixture.path("torch_dtypes.safetensors")))
    #expect(d["f64"]!.dtype == .float64)
    #expect(Fixture.maxDiff(d["f64"]!, try Tensor([0, 1, 2, 3, 4, 5].map { Double($0) / 7 }, shape: [2, 3])) == 0)
    #expect(d["i64"]!.toArray(Int64.self) == [-3, 0, 9_000_000_000])
    #expect(d["u8"]!.toArray(UInt8.self) == [0, 7, 255])
    #expect(d["flags"]!.toArray(Bool.self) == [true, false])
}

/// Tests that draw from the global generator run one at a time so seeds stay meaningful.
@Suite(.serialized) struct SeededTests {
    @Test(.usesTheTensorGenerator) func saveLoadRoundTripAndStrictErrors() throws {
        manualSeed(1)
        let a = Sequential(Conv2d(2, 3, kernelSize: 3, stride: 2), ReLU(), Flatten(), Linear(12, 2))
        let b = Sequential(Conv2d(2, 3, kernelSize: 3, stride: 2), ReLU(), Flatten(), Linear(12, 2))
        let path = NSTemporaryDirectory() + "rlnn-roundtrip-\(getpid()).safetensors"
        try a.save(path)
        try b.load(path)
        for (p, q) in zip(a.parameters(), b.parameters()) { #expect(p.scalars == q.scalars) }
        let x = Tensor.randn([2, 2, 6, 6])
        #expect(try a(x).scalars == b(x).scalars)
        var sd = a.stateDict()
        sd["3.weigth"] = sd["3.weight"]
        sd["3.weight"] = nil
        do {
            try b.loadStateDict(sd)
            Issue.record("expected a missing-key error")
        } catch let e as NNError {
            #expect(e.description.contains("Missing key(s) in state_dict: \"3.weight\""))
            #expect(e.description.contains("Unexpected key(s) in state_dict: \"3.weigth\""))
        }
        unlink(path)
    }

    @Test(.usesTheTensorGenerator) func defaultAndOrthogonalInit() throws {
        manualSeed(0)
        let l = Linear(50, 30)
        let bound = 1 / 50.0.squareRoot()
        #expect(l.weight.scalars.allSatisfy { abs($0) <= bound })
        #expect(l.bias!.scalars.allSatisfy { abs($0) <= bound })
        #expect(l.weight.scalars.map { abs($0) }.max()! > bound * 0.9)
        let w = Tensor.zeros([4, 6])
        try Init.orthogonal_(w, gain: 2.0.squareRoot())
        let wwt = try w.matmul(try w.t()).scalars
        for i in 0..<4 { for j in 0..<4 { #expect(abs(wwt[i * 4 + j] - (i == j ? 2 : 0)) < 1e-5) } }
        #expect(l.description == "Linear(in_features=50, out_features=30, bias=True)")
        #expect(Sequential(Linear(2, 2), Tanh()).description == "Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): Tanh()\n)")
    }

    @Test(.usesTheTensorGenerator) func tinyRegressionFits() throws {
        manualSeed(42)
        let x = Tensor.rand([64, 1]) * 4.0 - 2.0
        let y = x * 3.0 - 2.0
        let model = Linear(1, 1)
        let opt = try SGD(model.parameters(), lr: 0.1)
        var last = 0.0
        for _ in 0..<200 {
            opt.zeroGrad()
            let loss = try mseLoss(try model(x), y)
            try loss.backward()
            try opt.step()
            last = try loss.item
        }
        #expect(last < 1e-6)
        #expect(abs(model.weight.scalars[0] - 3) < 1e-3)
        #expect(abs(model.bias!.scalars[0] + 2) < 1e-3)
    }

    @Test(.usesTheTensorGenerator) func mlpClassifierTrains() throws {
        manualSeed(5)
        // Two interleaved half-moons-like classes separated by a curved boundary.
        let n = 128
        let x = Tensor.rand([n, 2]) * 4.0 - 2.0
        let xs = x.scalars
        var labels: [Int64] = []
        for i in 0..<n { labels.append(xs[2 * i + 1] > 0.5 * xs[2 * i] * xs[2 * i] - 1 ? 1 : 0) }
        let y = try Tensor(labels, shape: [n])
        let net = Sequential(Linear(2, 16), Tanh(), Linear(16, 16), ReLU(), Linear(16, 2))
        let opt = try Adam(net.parameters(), lr: 0.03)
        for _ in 0..<150 {
            opt.zeroGrad()
            let loss = try crossEntropy(try net(x), y)
            try loss.backward()
            try opt.step()
        }
        let pred = try noGrad { try net(x).argmax(dim: 1) }
        let acc = try (pred == y).to(.float32).mean().item
        #expect(acc > 0.95, "accuracy \(acc)")
    }

    @Test(.usesTheTensorGenerator) func categoricalSamplesFollowProbabilities() throws {
        manualSeed(3)
        let c = try Categorical(probs: try Tensor([0.1, 0.2, 0.7]))
        let s = try c.sample([20000])
        #expect(s.shape == [20000])
        #expect(s.dtype == .int64)
        let v = s.toArray(Int64.self)
        for (k, p) in [0.1, 0.2, 0.7].enumerated() {
            let f = Double(v.filter { $0 == Int64(k) }.count) / 20000
            #expect(abs(f - p) < 0.015, "category \(k): \(f)")
        }
        let batched = try Categorical(logits: Tensor.zeros([5, 3]))
        #expect(try batched.sample().shape == [5])
        #expect(throws: NNError.self) { try c.logProb(try Tensor([3])) }
    }

    /// The REINFORCE loop of the Gymnasium code-along on a toy task: each episode shows a fixed sign ±1
    /// for 4 steps and rewards actions matching it (policy net, Categorical, discounted returns, Adam;
    /// returns normalised over a batch of 8 episodes).
    @Test(.usesTheTensorGenerator) func reinforceLoopLearns() throws {
        manualSeed(11)
        let policy = Sequential(Linear(1, 16), ReLU(), Linear(16, 2))
        let opt = try Adam(policy.parameters(), lr: 0.02)
        let gamma = 0.99
        var recent: [Double] = []
        for _ in 0..<40 {
            var logProbs: [Tensor] = []
            var allReturns: [Double] = []
            for _ in 0..<8 {
                let s = Tensor.generator.nextDouble() < 0.5 ? -1.0 : 1.0
                var rewards: [Double] = []
                for _ in 0..<4 {
                    let dist = try Categorical(logits: try policy(try Tensor([[s]])))
                    let action = try dist.sample()
                    logProbs.append(try dist.logProb(action))
                    rewards.append((try action.item == 1) == (s > 0) ? 1 : 0)
                }
                var g = 0.0
                var returns: [Double] = []
                for r in rewards.reversed() { g = r + gamma * g; returns.insert(g, at: 0) }
                allReturns += returns
                recent.append(rewards.reduce(0, +) / 4)
            }
            var ret = try Tensor(allReturns)
            ret = try (ret - ret.mean()) / (ret.std() + 1e-8)
            let loss = try (-(try cat(logProbs)) * ret).sum()
            opt.zeroGrad()
            try loss.backward()
            try opt.step()
        }
        let last = recent.suffix(40).reduce(0, +) / 40
        #expect(last > 0.9, "mean reward over the last 40 episodes: \(last)")
    }
}
