import Testing
import RLSupport
@testable import BookRuntime

/// Agents in the cell cache, and `--resume` inside a running `learn` (each book in its own `rlbook`).
@Suite struct AgentCacheTests {
    /// An agent, a closure schedule and an EvalCallback made in a cached cell; later cells read them,
    /// train on and predict, so a warm run only matches a cold one if all of it came back exactly
    /// (weights, replay buffer, generators, the env's episode, the callback's history).
    static let book = """
    ---
    title: Agents cached
    seed: 3
    ---

    ```swift
    //| label: env
    let env = gym.make("CartPole-v1")
    ```

    ```swift
    //| label: schedule
    func linearSchedule(_ v: Double) -> (Double) -> Double {
        return { p in p * v }
    }
    ```

    ```swift
    //| label: train
    //| cache: true
    env.reset(seed: 5)
    let model = DQN(policy: "MlpPolicy", env: env, verbose: 1, learningRate: linearSchedule(0.001), learningStarts: 60,
                    bufferSize: 1000, batchSize: 16, targetUpdateInterval: 50, policyKwargs: ["netArch": [16]])
    let cb = EvalCallback(evalEnv: model.getEnv(), nEvalEpisodes: 1, evalFreq: 150, verbose: 0)
    model.learn(totalTimesteps: 300, callback: cb)
    let twice = { (x: Int) in x * 2 }
    print("steps", model.numTimesteps, twice(21))
    ```

    ```swift
    //| label: after
    print(cb.evaluationsTimesteps, cb.evaluationsResults, model.explorationRate, model.episodeRewards)
    model.learn(totalTimesteps: 100, resetNumTimesteps: false)
    let (a, _) = model.predict(env.reset(seed: 9).0, deterministic: true)
    print("after", a, model.numTimesteps, model.episodeRewards.count, twice(4), model.learningRate)
    print(model.policy.stateDict()["q_net.q_net.0.weight"]!.sum(), Tensor.randn([2]), Int.random(in: 0..<1000))
    ```
    """

    func run(_ dir: String, _ text: String, _ extra: [String] = []) -> (code: Int32, stdout: String, stderr: String) {
        try? FileIO.writeAtomically(text, to: dir + "/book.md")
        return rlbook(["run", dir + "/book.md", "--out", dir + "/out"] + extra, logs: dir)
    }

    /// stdout without SB3's timing rows.
    static func untimed(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("fps") && !$0.contains("time_elapsed") }.joined(separator: "\n")
    }

    @Test func anAgentTrainedInACachedCellComesBackExactly() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-agent")
        let cold = run(dir, Self.book)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(!cold.stderr.contains("not cached"), "\(cold.stderr)")
        #expect(cold.stdout.contains("steps 300 42"), "\(cold.stdout)")
        let warm = run(dir, Self.book)
        #expect(warm.code == 0, "\(warm.stderr)")
        #expect(CellCacheTests.restored(warm.stderr, "train"), "\(warm.stderr)")
        #expect(Self.untimed(warm.stdout) == Self.untimed(cold.stdout))
        // Editing the schedule's cell (a dependency through the closure) makes the cell run again.
        let edited = run(dir, Self.book.replacingOnce("return { p in p * v }", "return { p in p * v * 0.5 }"))
        #expect(edited.code == 0, "\(edited.stderr)")
        #expect(!CellCacheTests.restored(edited.stderr, "train"), "\(edited.stderr)")
    }

    /// A network and its optimizer made in a cached cell come back with their state, the optimizer
    /// holding the restored network's own parameters (training on after a hit matches a cold run).
    @Test func networksAndOptimizersMadeInACachedCellComeBack() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-nn")
        let text = """
        ---
        seed: 11
        ---

        ```swift
        //| label: train
        //| cache: true
        let net = Sequential(Linear(4, 8), ReLU(), Linear(8, 1))
        let opt = Adam(net.parameters(), lr: 0.01)
        let other = Linear(2, 2)
        let opt2 = SGD(other, lr: 0.1)
        for _ in 0..<30 {
            let x = Tensor.randn([16, 4])
            let d = net(x) - x.sum(dim: 1, keepdim: true)
            let loss = (d * d).mean()
            opt.zeroGrad(); loss.backward(); opt.step()
        }
        print("trained", net(Tensor.ones([1, 4])).item())
        ```

        ```swift
        //| label: after
        for _ in 0..<10 {
            let x = Tensor.randn([16, 4])
            let d = net(x) - x.sum(dim: 1, keepdim: true)
            let loss = (d * d).mean()
            opt.zeroGrad(); loss.backward(); opt.step()
        }
        print("after", net(Tensor.ones([1, 4])).item(), opt.lr, Tensor.randn([2]), other(Tensor.ones([1, 2])), opt2.lr)
        ```
        """
        let cold = run(dir, text)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(!cold.stderr.contains("not cached"), "\(cold.stderr)")
        let warm = run(dir, text)
        #expect(warm.code == 0, "\(warm.stderr)")
        #expect(CellCacheTests.restored(warm.stderr, "train"), "\(warm.stderr)")
        #expect(warm.stdout == cold.stdout)
    }

    /// An agent and a callback an earlier (uncached) cell made, trained in a cached cell: both get their
    /// state back in place on a hit (the callback its evaluations, the agent its training state).
    @Test func objectsAnEarlierCellMadeGetTheirStateBackInPlace() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-existing")
        let text = """
        ```swift
        //| label: make
        let env = gym.make("CartPole-v1")
        let model = PPO(policy: "MlpPolicy", env: env, nSteps: 32, batchSize: 32, nEpochs: 1, seed: 5, policyKwargs: ["netArch": [8]])
        let cb = EvalCallback(evalEnv: model.getEnv(), nEvalEpisodes: 1, evalFreq: 32, verbose: 0)
        ```

        ```swift
        //| label: train
        //| cache: true
        model.learn(totalTimesteps: 128, callback: cb)
        ```

        ```swift
        //| label: after
        print(cb.evaluationsTimesteps, cb.evaluationsResults, cb.nCalls, model.numTimesteps, model.episodeRewards.count)
        ```
        """
        let cold = run(dir, text)
        #expect(cold.code == 0, "\(cold.stderr)")
        #expect(cold.stdout.contains("[32, 64, 96, 128]"), "\(cold.stdout)")
        let warm = run(dir, text)
        #expect(warm.code == 0, "\(warm.stderr)")
        #expect(CellCacheTests.restored(warm.stderr, "train"), "\(warm.stderr)")
        #expect(warm.stdout == cold.stdout)
    }

    @Test func anEnvironmentMadeInACachedCellStillSaysWhyItIsNotCached() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let dir = tempDir("cache-agent-env")
        let r = run(dir, """
        ```swift
        //| label: make
        //| cache: true
        let env = gym.make("CartPole-v1")
        let model = PPO(policy: "MlpPolicy", env: env, nSteps: 32, batchSize: 32, nEpochs: 1, seed: 5)
        model.learn(totalTimesteps: 32)
        ```
        """)
        #expect(r.code == 0, "\(r.stderr)")
        #expect(r.stderr.contains("cannot be cached: ") && r.stderr.contains("is an Env made in this cell"), "\(r.stderr)")
    }

    /// Training that prints its log, evaluates, and logs to TensorBoard; checkpoints at every safe point.
    static let training = """
    ---
    title: Resume inside learn
    seed: 4
    ---

    ```swift
    //| label: env
    let env = gym.make("CartPole-v1")
    ```

    ```swift
    //| label: train
    env.reset(seed: 5)
    let model = PPO(policy: "MlpPolicy", env: env, verbose: 1, nSteps: 64, batchSize: 32, nEpochs: 2, tensorboardLog: "tb/",
                    policyKwargs: ["netArch": [16]])
    let cb = EvalCallback(evalEnv: model.getEnv(), nEvalEpisodes: 1, evalFreq: 128, verbose: 1)
    model.learn(totalTimesteps: 4800, callback: cb)
    let tb = tensorboardScalars(model.tensorboardLogDir!, tag: "train/value_loss")
    print("done", model.numTimesteps, cb.evaluationsResults.count, tb.steps, tb.values.last!)
    print(model.policy.stateDict()["mlp_extractor.policy_net.0.weight"]!.sum(), Tensor.randn([2]))
    ```
    """

    @Test func resumeContinuesALearnFromItsCheckpointWithTheSameCurve() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let base = tempDir("resume-learn")
        try FileIO.writeAtomically(Self.training, to: base + "/book.md")
        let whole = rlbook(["run", base + "/book.md", "--out", base + "/whole"], logs: base)
        #expect(whole.code == 0, "\(whole.stderr)")
        // A run can finish before the signal arrives (a fast machine): try again, in a fresh folder.
        var interrupted = 0
        for attempt in 0..<4 where interrupted == 0 {
            let out = base + "/part\(attempt)"
            let args = ["run", base + "/book.md", "--out", out, "--checkpoint-every", "0.000001"]
            let p = RLBookProcess(args, logs: base)
            // Stop it once a checkpoint exists and training is under way.
            let start = Clock.monotonic()
            func checkpoints() -> [String] { FileIO.listDirectory(out + "/.cache").filter { $0.hasSuffix(".rlckpt") } }
            while checkpoints().isEmpty && Clock.monotonic() - start < 120 { usleep(5_000) }
            usleep(useconds_t(Double.random(in: 0.0...0.3) * 1e6))
            kill(p.pid, SIGINT)
            let stopped = p.wait()
            #expect(stopped.code == 130 || stopped.code == 0, "\(stopped.stderr)")
            guard stopped.code == 130 else { continue }
            interrupted += 1
            #expect(!checkpoints().isEmpty)
            let resumed = rlbook(args + ["--resume"], logs: base)
            #expect(resumed.code == 0, "\(resumed.stderr)")
            #expect(resumed.stderr.contains("resuming training from its checkpoint"), "\(resumed.stderr)")
            // The same printed log (timing rows aside), evaluations, TensorBoard curve, weights and next draws.
            #expect(AgentCacheTests.untimed(resumed.stdout) == AgentCacheTests.untimed(whole.stdout), "\(resumed.stdout)\n---\n\(whole.stdout)")
            // A finished cell's checkpoints are removed.
            #expect(checkpoints().isEmpty)
        }
        #expect(interrupted > 0, "every run finished before it could be interrupted")
    }

    @Test func aDamagedCheckpointIsIgnoredWithAWarning() throws {
        guard rlbookBinary != nil else { Issue.record("build the rlbook binary first (swift build)"); return }
        let base = tempDir("resume-damaged")
        try FileIO.writeAtomically(Self.training, to: base + "/book.md")
        let args = ["run", base + "/book.md", "--out", base + "/out", "--checkpoint-every", "0.000001"]
        let p = RLBookProcess(args, logs: base)
        let start = Clock.monotonic()
        func checkpoints() -> [String] { FileIO.listDirectory(base + "/out/.cache").filter { $0.hasSuffix(".rlckpt") } }
        while checkpoints().isEmpty && Clock.monotonic() - start < 120 { usleep(20_000) }
        kill(p.pid, SIGINT)
        _ = p.wait()
        for f in checkpoints() {
            var bytes = try FileIO.read(base + "/out/.cache/" + f)
            bytes[bytes.count / 2] ^= 0xFF
            try FileIO.writeAtomically(bytes, to: base + "/out/.cache/" + f)
        }
        let resumed = rlbook(args + ["--resume"], logs: base)
        #expect(resumed.code == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("done 4800"), "\(resumed.stdout)")
        if !checkpoints().isEmpty || resumed.stderr.contains("checkpoint") {
            #expect(resumed.stderr.contains("cannot be used"), "\(resumed.stderr)")
        }
    }
}
