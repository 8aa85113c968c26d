import Testing
import TestSupport
import BookDSL
import RLSupport
@testable import BookRuntime

extension EngineTensorBindingTests {
    @Test(.usesTheTensorGenerator) func sequentialPrintsAndRunsLikePyTorch() {
        let h = TensorCellHarness()
        let out = h.ok("""
        let policy = Sequential(Linear(4, 16), ReLU(), Linear(16, 2), Softmax(dim: -1))
        print(policy)
        let ps = policy.parameters()
        print(ps.count, ps.map { $0.shape })
        let probs = policy(Tensor([0.1, 0.2, 0.3, 0.4], dtype: .float64))
        print(probs.shape, abs(probs.sum().item - 1) < 1e-6, probs.dtype == .float32)
        print(policy(Tensor.zeros([5, 4])).shape)
        print(policy[0], policy[-1], policy.count)
        print(Conv2d(4, 32, kernelSize: 8, stride: 4), Flatten(), Tanh(), Sigmoid())
        let keys = policy.stateDict().keys.map { $0 }
        print(keys)
        print((policy.parameters() + Linear(2, 1).parameters()).count)
        """)
        #expect(out.contains("""
        Sequential(
          (0): Linear(in_features=4, out_features=16, bias=True)
          (1): ReLU()
          (2): Linear(in_features=16, out_features=2, bias=True)
          (3): Softmax(dim=-1)
        )
        """))
        #expect(out.contains("4 [[16, 4], [16], [2, 16], [2]]"))
        #expect(out.contains("[2] true true"))
        #expect(out.contains("[5, 2]"))
        #expect(out.contains("Linear(in_features=4, out_features=16, bias=True) Softmax(dim=-1) 4"))
        #expect(out.contains("Conv2d(4, 32, kernel_size=(8, 8), stride=(4, 4)) Flatten(start_dim=1, end_dim=-1) Tanh() Sigmoid()"))
        #expect(out.contains("[\"0.weight\", \"0.bias\", \"2.weight\", \"2.bias\"]"))
        #expect(out.contains("6\n"))
    }

    @Test(.usesTheTensorGenerator) func distributionsSampleAndScore() {
        let h = TensorCellHarness()
        let out = h.ok("""
        manualSeed(3)
        let d = Categorical(probs: Tensor([0.2, 0.8]))
        print(d.logProb(1).item, d.entropy().item, d.probs.tolist())
        var counts = [0, 0]
        for _ in 0..<1000 { counts[d.sample().item] += 1 }
        print(counts[1] > 700 && counts[1] < 900)
        let l = Categorical(logits: Tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 100.0]]))
        print(l.sample().shape, l.probs[1, 2].item > 0.99, l.logProb(Tensor([0, 2])).shape)
        let n = Normal(mean: 0.0, std: 1.0)
        print(n.logProb(0.0).item, n.entropy().item, n.sample().shape)
        let nb = Normal(mean: Tensor([0.0, 1.0]), std: 0.5)
        print(nb.sample().shape, nb.rsample([3]).shape)
        print(d, nb)
        """)
        #expect(out.contains("-0.22314"))
        #expect(out.contains("0.50040"))
        #expect(out.contains("true\n"))
        #expect(out.contains("[2] true [2]"))
        #expect(out.contains("-0.918938"))
        #expect(out.contains("1.418938"))
        #expect(out.contains("[2] [3, 2]"))
        #expect(out.contains("Categorical(probs: torch.Size([2])) Normal(loc: torch.Size([2]), scale: torch.Size([2]))"))
    }

    @Test(.usesTheTensorGenerator) func reinforceUpdateWithAHandMadeEpisode() {
        let h = TensorCellHarness()
        let out = h.ok("""
        manualSeed(42)
        let policy = Sequential(Linear(4, 16), ReLU(), Linear(16, 2), Softmax(dim: -1))
        let optimizer = Adam(policy.parameters(), lr: 0.01)
        let gamma = 0.99
        let observations: [[Double]] = [[0.01, 0.02, -0.03, 0.04], [0.02, -0.15, -0.02, 0.33], [0.0, 0.05, 0.01, -0.2],
                                        [0.03, 0.2, -0.01, -0.4], [0.05, 0.01, -0.02, 0.1], [0.06, -0.2, 0.0, 0.4]]
        func probabilityOfLeft() -> Double { noGrad { policy(Tensor(observations[0]))[0].item } }
        let before = probabilityOfLeft()
        var lossValues: [Double] = []
        for _ in 0..<100 {
            var logProbs: [Tensor] = []
            var rewards: [Double] = []
            for obs in observations {
                let probs = policy(Tensor(obs, dtype: .float64))
                let dist = Categorical(probs: probs)
                let action = dist.sample()
                logProbs.append(dist.logProb(action))
                rewards.append(action.item == 0 ? 1.0 : 0.0)      // the hand-made environment rewards "left"
            }
            var returns: [Double] = []
            var g = 0.0
            for r in rewards.reversed() {
                g = r + gamma * g
                returns.insert(g, at: 0)
            }
            var ret = Tensor(returns)
            ret = (ret - ret.mean()) / (ret.std() + 1e-9)
            let loss = -(stack(logProbs) * ret).sum()
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            lossValues.append(loss.item)
        }
        let after = probabilityOfLeft()
        print(before < 0.7, after > 0.75 && after - before > 0.25, lossValues.count)
        """)
        #expect(out == "true true 100\n")
    }

    @Test(.usesTheTensorGenerator) func userClassNetworkTrainsWithAdam() {
        let h = TensorCellHarness()
        let out = h.ok("""
        manualSeed(0)
        class Policy {
            let l1 = Linear(2, 8)
            let l2 = Linear(8, 1)
            func callAsFunction(_ x: Tensor) -> Tensor { l2(relu(l1(x))) }
            func parameters() -> [Tensor] { l1.parameters() + l2.parameters() }
        }
        let net = Policy()
        let opt = Adam(net.parameters(), lr: 0.05, betas: (0.9, 0.999), eps: 1e-8, weightDecay: 0)
        let x = Tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
        let y = Tensor([[1.0], [1.0], [0.0], [0.0]])
        var losses: [Double] = []
        for _ in 0..<200 {
            let loss = mseLoss(net(x), y)
            opt.zeroGrad()
            loss.backward()
            opt.step()
            losses.append(loss.item)
        }
        print(net.parameters().count, losses[0] > losses[losses.count - 1] * 5)
        let opt2 = SGD(net, lr: 0.1, momentum: 0.9)          // a cell object: its layers' parameters are found
        print(opt2.parameters().count)
        let seq = Sequential(net, Tanh())
        print(seq(x).shape, seq.parameters().count)
        """)
        #expect(out == "4 true\n4\n[4, 1] 4\n")
    }

    @Test(.usesTheTensorGenerator) func optimizersClipAndStateDicts() throws {
        let h = TensorCellHarness()
        let dir = "/tmp/rlbook-nn-tests-\(getpid())"
        let out = h.ok("""
        manualSeed(1)
        let net = Sequential(Linear(3, 4), Tanh(), Linear(4, 2))
        let a = AdamW(net.parameters(), lr: 1e-3, weightDecay: 0.01, amsgrad: true)
        let r = RMSprop(net.parameters(), lr: 7e-4, alpha: 0.99, eps: 1e-5, centered: true)
        let s = SGD(net.parameters(), lr: 0.1, momentum: 0.9, nesterov: true)
        let t = RMSpropTFLike(net.parameters(), lr: 7e-4)
        s.lr = 0.05
        print(s.lr, a.lr, r.lr, t.lr)
        let x = Tensor.randn([8, 3])
        let loss = net(x).pow(2).sum() * 100
        loss.backward()
        let norm = clipGradNorm(net.parameters(), maxNorm: 0.5)
        var total = 0.0
        for p in net.parameters() { total += p.grad!.pow(2).sum().item }
        print(norm > 0.5, abs(sqrt(total) - 0.5) < 1e-3)
        s.step()
        let saved = net(x)
        net.save("\(dir)/net.safetensors")
        let other = Sequential(Linear(3, 4), Tanh(), Linear(4, 2))
        print(abs((other(x) - saved).abs().max().item) > 1e-6)
        other.load("\(dir)/net.safetensors")
        print((other(x) - saved).abs().max().item < 1e-7)
        let third = Sequential(Linear(3, 4), Tanh(), Linear(4, 2))
        third.loadStateDict(net.stateDict())
        print((third(x) - saved).abs().max().item < 1e-7)
        print(net.eval().training, net.train().training)
        """)
        #expect(out == "0.05 0.001 0.0007 0.0007\ntrue true\ntrue\ntrue\ntrue\nfalse true\n")
        let bad = h.failure("""
        let small = Sequential(Linear(3, 5))
        small.loadStateDict(Sequential(Linear(3, 4)).stateDict())
        """)
        #expect(bad?.message.contains("size mismatch for 0.weight") == true)
    }

    @Test(.usesTheTensorGenerator) func networkErrorsAreCaughtEarlyAndClearly() {
        let h = TensorCellHarness()
        let label = h.failure("let net = Linear(4, 2)\nlet opt = Adam(net.parameters(), learningRate: 0.01)")
        #expect(label?.message.contains("incorrect argument label") == true)
        #expect(label?.location?.line == h.cellLine(2))

        let missing = h.failure("let l = Linear(4)")
        #expect(missing?.message.contains("missing argument") == true)

        let shape = h.failure("""
        let net = Sequential(Linear(4, 8), ReLU())
        let y = net(Tensor.zeros([2, 3]))
        """)
        #expect(shape?.message.isEmpty == false)
        #expect(shape?.location?.line == h.cellLine(2))

        let typo = h.failure("let net = Linear(4, 2)\nnet.zeroGard()")
        #expect(typo?.message.contains("did you mean 'zeroGrad'?") == true)

        let mse = h.failure("let l = mseLoss(Tensor.zeros([4, 1]), Tensor.zeros([4]))")
        #expect(mse?.message.contains("would broadcast to [4, 4]") == true)

        let cat = h.failure("let d = Categorical(probs: Tensor([0.5, 0.5]), logits: Tensor([0.0, 0.0]))")
        #expect(cat?.message.contains("exactly one of probs: or logits:") == true)
    }

    @Test(.usesTheTensorGenerator) func convolutionsAndLosses() {
        let h = TensorCellHarness()
        let out = h.ok("""
        let x = Tensor.ones([1, 1, 4, 4])
        let y = conv2d(x, Tensor.ones([1, 1, 3, 3]), stride: 1, padding: 1)
        print(y.shape, y[0, 0, 0, 0].item, y[0, 0, 1, 1].item, conv2d(x, Tensor.ones([2, 1, 2, 2]), bias: Tensor([1.0, -1.0]), stride: 2).tolist())
        let cnn = Sequential(Conv2d(4, 8, kernelSize: 8, stride: 4), ReLU(), Flatten(), Linear(8 * 20 * 20, 2))
        print(cnn(Tensor.zeros([3, 4, 84, 84], dtype: .uint8)).shape)
        print(crossEntropy(Tensor([[0.0, 0.0]]), Tensor([1])).item, smoothL1Loss(Tensor([0.0, 2.0]), Tensor([0.5, 0.0])).item)
        print(mseLoss(Tensor([1.0, 3.0]), [0.0, 0.0], reduction: "sum").item, huberLoss(Tensor([0.0]), Tensor([3.0]), delta: 2).item)
        """)
        #expect(out.contains("[1, 1, 4, 4] 4.0 9.0 [[[[5.0, 5.0], [5.0, 5.0]], [[3.0, 3.0], [3.0, 3.0]]]]"))
        #expect(out.contains("[3, 2]\n"))
        #expect(out.contains("0.693147"))
        #expect(out.contains(" 0.8125\n"))
        #expect(out.contains("10.0 4.0\n"))
    }

    @Test(.usesTheTensorGenerator) func tensorTypeMembersHaveDidYouMean() {
        let h = TensorCellHarness()
        let e = h.failure("let z = Tensor.zeroes([2])")
        #expect(e?.message.contains("did you mean 'zeros'?") == true)
        let l = h.failure("let z = Tensor([1.0], requiresGrade: true)")
        #expect(l?.message.contains("did you mean 'requiresGrad'?") == true)
        let p = h.failure("let n = Linear(2, 2)\nlet w = n.wieght")
        #expect(p?.message.contains("did you mean 'weight'?") == true)
    }

    /// REINFORCE on CartPole written in a cell, as in the Gymnasium code-along (runs once the
    /// environment bindings define `gym`).
    @Test(.usesTheTensorGenerator, .enabled(if: TensorCellHarness().interpreter.global("gym") != nil))
    func reinforceOnCartPoleInACell() {
        let h = TensorCellHarness()
        let out = h.ok("""
        manualSeed(0)
        let env = gym.make("CartPole-v1")
        let policy = Sequential(Linear(4, 16), ReLU(), Linear(16, 2), Softmax(dim: -1))
        let optimizer = Adam(policy.parameters(), lr: 0.01)
        let gamma = 0.99
        let firstWeights = policy[0].weight.clone()
        var episodeLengths: [Int] = []
        var losses: [Double] = []
        for episode in 0..<8 {
            var (obs, _) = env.reset(seed: episode)
            var logProbs: [Tensor] = []
            var rewards: [Double] = []
            var done = false
            while !done {
                let probs = policy(Tensor(obs))
                let dist = Categorical(probs: probs)
                let action = dist.sample()
                let (next, reward, terminated, truncated, _) = env.step(action)
                logProbs.append(dist.logProb(action))
                rewards.append(reward)
                obs = next
                done = terminated || truncated
            }
            var returns: [Double] = []
            var g = 0.0
            for r in rewards.reversed() {
                g = r + gamma * g
                returns.insert(g, at: 0)
            }
            var ret = Tensor(returns)
            ret = (ret - ret.mean()) / (ret.std() + 1e-9)
            let loss = -(stack(logProbs) * ret).sum()
            optimizer.zeroGrad()
            loss.backward()
            optimizer.step()
            episodeLengths.append(rewards.count)
            losses.append(loss.item)
        }
        print(episodeLengths.count, episodeLengths.allSatisfy { $0 >= 8 && $0 <= 500 }, losses.allSatisfy { $0.isFinite })
        print((policy[0].weight - firstWeights).abs().max().item > 0)
        env.close()
        """)
        #expect(out == "8 true true\ntrue\n")
    }

    /// The Gymnasium code-along "Training using REINFORCE" (a policy class returning means and
    /// standard deviations, `Normal`, AdamW, `log(1 + exp(x))`), here on Pendulum-v1.
    @Test(.usesTheTensorGenerator, .enabled(if: TensorCellHarness().interpreter.global("gym") != nil))
    func gymnasiumCodeAlongReinforceWithNormal() {
        let h = TensorCellHarness()
        let out = h.ok("""
        manualSeed(1)
        class PolicyNetwork {
            let sharedNet: Sequential
            let policyMeanNet: Sequential
            let policyStddevNet: Sequential
            init(_ obsSpaceDims: Int, _ actionSpaceDims: Int) {
                let hiddenSpace1 = 16
                let hiddenSpace2 = 32
                sharedNet = Sequential(Linear(obsSpaceDims, hiddenSpace1), Tanh(), Linear(hiddenSpace1, hiddenSpace2), Tanh())
                policyMeanNet = Sequential(Linear(hiddenSpace2, actionSpaceDims))
                policyStddevNet = Sequential(Linear(hiddenSpace2, actionSpaceDims))
            }
            func callAsFunction(_ x: Tensor) -> (Tensor, Tensor) {
                let sharedFeatures = sharedNet(x.float())
                let actionMeans = policyMeanNet(sharedFeatures)
                let actionStddevs = (1 + policyStddevNet(sharedFeatures).exp()).log()
                return (actionMeans, actionStddevs)
            }
        }
        class Reinforce {
            let learningRate = 1e-4
            let gamma = 0.99
            let eps = 1e-6
            var probs: [Tensor] = []
            var rewards: [Double] = []
            let net: PolicyNetwork
            let optimizer: Any
            init(_ obsSpaceDims: Int, _ actionSpaceDims: Int) {
                net = PolicyNetwork(obsSpaceDims, actionSpaceDims)
                optimizer = AdamW(net, lr: learningRate)
            }
            func sampleAction(_ state: Tensor) -> Tensor {
                let (actionMeans, actionStddevs) = net(Tensor([state]))
                let distrib = Normal(mean: actionMeans[0] + eps, std: actionStddevs[0] + eps)
                let action = distrib.sample()
                probs.append(distrib.logProb(action))
                return action
            }
            func update() -> Double {
                var runningG = 0.0
                var gs: [Double] = []
                for r in rewards.reversed() {
                    runningG = r + gamma * runningG
                    gs.insert(runningG, at: 0)
                }
                let deltas = Tensor(gs)
                let logProbs = stack(probs).squeeze()
                let loss = -(logProbs.mean() * deltas).sum()
                optimizer.zeroGrad()
                loss.backward()
                optimizer.step()
                probs = []
                rewards = []
                return loss.item
            }
        }
        let env = gym.make("Pendulum-v1")
        let wrapped = RecordEpisodeStatistics(env, bufferLength: 50)
        let agent = Reinforce(3, 1)
        var losses: [Double] = []
        for episode in 0..<3 {
            var (obs, _) = wrapped.reset(seed: episode)
            var done = false
            while !done {
                let action = agent.sampleAction(obs)
                let (next, reward, terminated, truncated, _) = wrapped.step(action)
                agent.rewards.append(reward)
                obs = next
                done = terminated || truncated
            }
            losses.append(agent.update())
        }
        print(losses.count, losses.allSatisfy { $0.isFinite }, agent.probs.count)
        """)
        #expect(out == "3 true 0\n")
    }
}
