import XCTest
import RLEnv
import RLNN
import RLSupport
import RLTensor
@testable import RLAgents

/// Agents' mechanics with tiny budgets (learning itself is checked by Tests/EndToEndTests/Books/agents-learning.md
/// in release mode by .ci/run, and at full size by Benchmarks/agents).
final class AgentTests: XCTestCase {
    let quiet: (String) -> Void = { _ in }

    func cartPole(_ n: Int = 1) throws -> VecEnv { try VecEnv((0..<n).map { _ in try Gym.make("CartPole-v1") }) }

    func tmp(_ name: String) -> String { "/tmp/rlagents-tests-\(getpid())-\(name)" }

    // MARK: - Buffers

    func testFrameCodecRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        let cases: [[UInt8]] = [[], [7], [1, 1, 1], Array(repeating: 9, count: 1000),
                                (0..<777).map { _ in UInt8.random(in: 0...3, using: &rng) },
                                (0..<500).map { UInt8($0 / 37) } + (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }]
        for c in cases {
            XCTAssertEqual(FrameCodec.decode(FrameCodec.encode(c), count: c.count), c)
        }
        XCTAssertLessThan(FrameCodec.encode(Array(repeating: 9, count: 1000)).count, 20)
    }

    /// Frames decoded straight to floats are the bytes' `ObservationBatch.tensor` values (b / 255), bit for bit,
    /// with missing bytes (truncated data) as 0; raw frames likewise.
    func testFrameCodecDecodesScaledFloatsAsTheByteConversion() throws {
        var rng = SystemRandomNumberGenerator()
        let layout = ObservationLayout(kind: .image(channels: 1, height: 1, width: 803, transposed: false), envShape: [1, 1, 803])
        let frame = (0..<300).map { UInt8($0 / 41) } + (0..<503).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var batch = ObservationBatch(layout: layout)
        batch.bytes = frame; batch.count = 1
        let want = try batch.tensor().scalars.map { Float($0) }
        var got = [Float](repeating: -1, count: frame.count)
        got.withUnsafeMutableBufferPointer { FrameCodec.decode(FrameCodec.encode(frame), count: frame.count, scaledInto: $0.baseAddress!) }
        XCTAssertEqual(got.map(\.bitPattern), want.map(\.bitPattern))
        got.withUnsafeMutableBufferPointer { FrameCodec.scale(frame, count: frame.count, into: $0.baseAddress!) }
        XCTAssertEqual(got.map(\.bitPattern), want.map(\.bitPattern))
        let cut = Array(FrameCodec.encode(frame).prefix(40))
        var short = FrameCodec.decode(cut, count: frame.count)
        short += repeatElement(0, count: frame.count - short.count)
        batch.bytes = short
        got.withUnsafeMutableBufferPointer { FrameCodec.decode(cut, count: frame.count, scaledInto: $0.baseAddress!) }
        XCTAssertEqual(got.map(\.bitPattern), try batch.tensor().scalars.map { Float($0).bitPattern })
    }

    /// Each frame stored once: next observations come back exactly, across episode ends and wrap-around.
    func testReplayBufferStoresEachFrameOnceAndReturnsExactNextObservations() throws {
        let layout = ObservationLayout(kind: .image(channels: 1, height: 2, width: 2, transposed: false), envShape: [1, 2, 2])
        let buffer = try ReplayBuffer(bufferSize: 5, nEnvs: 1, layout: layout)
        func frame(_ v: UInt8) -> ObservationBatch { var b = ObservationBatch(layout: layout); b.bytes = [v, v, v, v]; b.count = 1; return b }
        // Episodes: 10 -> 11 -> 12 (ends, terminal frame 99), then 20 -> 21 -> ...
        var obs: UInt8 = 10
        var expected: [(UInt8, UInt8, Bool)] = []
        for step in 0..<12 {
            let done = step == 2 || step == 8
            let next: UInt8 = done ? 99 : obs + 1
            try buffer.add(observations: frame(obs), nextObservations: frame(next), actions: [step % 2], rewards: [Double(step)],
                           dones: [done], timeouts: [false])
            expected.append((obs, next, done))
            obs = done ? obs + 10 - (obs % 10) : obs + 1
        }
        XCTAssertEqual(buffer.count, 5)
        let rng = NumpyGenerator(seed: 3)
        let s = try buffer.sample(64, rng: rng)
        let o = s.observations.scalars, n = s.nextObservations.scalars, r = s.rewards.scalars, d = s.dones.scalars
        let recent = Array(expected.suffix(5))
        for i in 0..<64 {
            let step = Int(r[i])
            XCTAssertGreaterThanOrEqual(step, 7, "only the last 5 transitions remain")
            let (eo, en, ed) = recent[step - 7]
            XCTAssertEqual(o[i * 4], Double(eo) / 255, accuracy: 1e-6)
            XCTAssertEqual(n[i * 4], Double(en) / 255, accuracy: 1e-6)
            XCTAssertEqual(d[i], ed ? 1 : 0)
        }
        XCTAssertLessThan(buffer.bytesPerTransition, Double(buffer.sb3BytesPerTransition))
    }

    func testTimeLimitTruncationIsNotDone() throws {
        let layout = ObservationLayout(kind: .vector(2), envShape: [2])
        let buffer = try ReplayBuffer(bufferSize: 4, nEnvs: 1, layout: layout)
        var a = ObservationBatch(layout: layout); a.floats = [1, 2]; a.count = 1
        var b = ObservationBatch(layout: layout); b.floats = [3, 4]; b.count = 1
        try buffer.add(observations: a, nextObservations: b, actions: [0], rewards: [1], dones: [true], timeouts: [true])
        let s = try buffer.sample(4, rng: NumpyGenerator(seed: 0))
        XCTAssertEqual(s.dones.scalars, [0, 0, 0, 0])
        XCTAssertEqual(Array(s.nextObservations.scalars.prefix(2)), [3, 4])
    }

    func testGAEMatchesHandComputation() {
        let layout = ObservationLayout(kind: .vector(1), envShape: [1])
        let rb = RolloutBuffer(nSteps: 3, nEnvs: 1, layout: layout, actionDim: 1, discrete: true, gamma: 0.9, gaeLambda: 0.5)
        var o = ObservationBatch(layout: layout); o.floats = [0]; o.count = 1
        rb.add(observations: o, actions: [[0]], rewards: [1], episodeStarts: [true], values: [0.5], logProbs: [0])
        rb.add(observations: o, actions: [[0]], rewards: [2], episodeStarts: [false], values: [1.0], logProbs: [0])
        rb.add(observations: o, actions: [[0]], rewards: [3], episodeStarts: [true], values: [2.0], logProbs: [0])
        rb.computeReturnsAndAdvantage(lastValues: [4], dones: [false])
        let d2 = 3 + 0.9 * 4 - 2.0
        let d1 = 2.0 - 1.0                    // step 2 starts a new episode: no bootstrap
        let d0 = 1 + 0.9 * 1.0 - 0.5
        XCTAssertEqual(rb.advantages[2], d2, accuracy: 1e-12)
        XCTAssertEqual(rb.advantages[1], d1, accuracy: 1e-12)
        XCTAssertEqual(rb.advantages[0], d0 + 0.9 * 0.5 * d1, accuracy: 1e-12)
        XCTAssertEqual(rb.returns[0], rb.advantages[0] + 0.5, accuracy: 1e-12)
    }

    // MARK: - Algorithms

    func testDQNDefaultsAreSB3s() {
        let c = DQN.Config()
        XCTAssertEqual(c.bufferSize, 1_000_000); XCTAssertEqual(c.learningStarts, 100); XCTAssertEqual(c.batchSize, 32)
        XCTAssertEqual(c.tau, 1); XCTAssertEqual(c.gamma, 0.99); XCTAssertEqual(c.trainFreq, 4); XCTAssertEqual(c.gradientSteps, 1)
        XCTAssertEqual(c.targetUpdateInterval, 10_000); XCTAssertEqual(c.explorationFraction, 0.1)
        XCTAssertEqual(c.explorationFinalEps, 0.05); XCTAssertEqual(c.maxGradNorm, 10)
        let p = PPO.Config()
        XCTAssertEqual(p.nSteps, 2048); XCTAssertEqual(p.batchSize, 64); XCTAssertEqual(p.nEpochs, 10); XCTAssertEqual(p.gaeLambda, 0.95)
        XCTAssertEqual(p.maxGradNorm, 0.5); XCTAssertEqual(p.vfCoef, 0.5); XCTAssertEqual(p.entCoef, 0)
        XCTAssertEqual(A2C.Config().nSteps, 5)
    }

    func testSameSeedSameParameters() throws {
        func run() throws -> [Double] {
            var c = PPO.Config(); c.nSteps = 16; c.batchSize = 8; c.nEpochs = 2
            let m = try PPO(policy: "MlpPolicy", env: try cartPole(2), config: c, seed: 7, output: quiet)
            try m.learn(totalTimesteps: 64)
            return m.policy.parameters().flatMap { $0.scalars }
        }
        XCTAssertEqual(try run(), try run())
    }

    func testDQNTrainsSavesAndLoads() throws {
        var c = DQN.Config(); c.learningStarts = 20; c.bufferSize = 200; c.targetUpdateInterval = 50
        var text = ""
        let m = try DQN(policy: "MlpPolicy", env: try cartPole(), learningRate: .linear(1e-3), config: c, verbose: 1, seed: 3,
                        output: { text += $0 })
        try m.learn(totalTimesteps: 200)
        XCTAssertGreaterThan(m.nUpdates, 0)
        XCTAssertTrue(text.contains("|    exploration_rate | "), text)
        XCTAssertTrue(text.contains("| train/              |          |"), text)
        let path = tmp("dqn")
        try m.save(path)
        XCTAssertTrue(FileIO.exists(path + ".zip"))
        let loaded = try DQN.load(path, env: try cartPole(), output: quiet)
        XCTAssertEqual(loaded.numTimesteps, 200)
        let obs = try m.layout.batch(.float32([0.01, -0.02, 0.03, 0.04]))
        XCTAssertEqual(try m.policy.qNet(obs.tensor()).scalars, try loaded.policy.qNet(obs.tensor()).scalars)
        XCTAssertEqual(loaded.optimizer.lr, m.optimizer.lr, accuracy: 1e-12)
        try loaded.learn(totalTimesteps: 50, resetNumTimesteps: false)
        XCTAssertEqual(loaded.numTimesteps, 252)   // whole rollouts of trainFreq 4 past 250, as SB3's collect_rollouts
        XCTAssertThrowsError(try PPO.load(path, output: quiet)) { e in
            XCTAssertTrue("\(e)".contains("holds a DQN model"), "\(e)")
        }
        FileIO.remove(path + ".zip")
    }

    func testFailedSaveKeepsThePreviousFileAndCorruptFilesAreReported() throws {
        let m = try A2C(policy: "MlpPolicy", env: try cartPole(), seed: 1, output: quiet)
        let path = tmp("a2c.zip")
        try m.save(path)
        let before = try FileIO.read(path)
        XCTAssertThrowsError(try m.save("/proc/no-such-dir/x.zip"))
        XCTAssertEqual(try FileIO.read(path), before)
        try FileIO.writeAtomically(Array(before.prefix(before.count / 2)), to: path)
        XCTAssertThrowsError(try A2C.load(path, output: quiet)) { e in XCTAssertTrue("\(e)".contains("not a saved rlbook model") || "\(e)".contains("corrupt"), "\(e)") }
        XCTAssertThrowsError(try A2C.load(tmp("missing"), output: quiet)) { e in XCTAssertTrue("\(e)".contains("no saved model"), "\(e)") }
        FileIO.remove(path)
    }

    func testBadInputIsAClearError() throws {
        XCTAssertThrowsError(try DQN(policy: "MlpPolicyy", env: try cartPole(), output: quiet)) { e in
            XCTAssertTrue("\(e)".contains("did you mean 'MlpPolicy'"), "\(e)")
        }
        XCTAssertThrowsError(try DQN(policy: "CnnPolicy", env: try cartPole(), output: quiet)) { e in
            XCTAssertTrue("\(e)".contains("CnnPolicy is for image observations"), "\(e)")
        }
        let pendulum = try VecEnv([try Gym.make("Pendulum-v1")])
        XCTAssertThrowsError(try DQN(policy: "MlpPolicy", env: pendulum, output: quiet)) { e in
            XCTAssertTrue("\(e)".contains("only supports (Discrete)"), "\(e)")
        }
        var c = DQN.Config(); c.batchSize = 0
        XCTAssertThrowsError(try DQN(policy: "MlpPolicy", env: try cartPole(), config: c, output: quiet))
    }

    func testContinuousActionsWithPPO() throws {
        var c = PPO.Config(); c.nSteps = 32; c.batchSize = 16; c.nEpochs = 1
        let m = try PPO(policy: "MlpPolicy", env: try VecEnv([try Gym.make("Pendulum-v1")]), config: c, seed: 2, output: quiet)
        try m.learn(totalTimesteps: 64)
        let a = try m.predict(.float32([1, 0, 0]), deterministic: true)
        guard case .array(let arr) = a else { return XCTFail("expected an array action, got \(a)") }
        XCTAssertEqual(arr.count, 1)
        XCTAssertTrue((-2...2).contains(arr[flat: 0]))
        XCTAssertNotNil(m.policy.logStd)
    }

    func testEvalCallbackSavesBestModelAndHistory() throws {
        let dir = tmp("eval")
        let eval = try EvalCallback(evalEnv: try cartPole(), nEvalEpisodes: 2, evalFreq: 50, logPath: dir, bestModelSavePath: dir, verbose: 1)
        var text = ""
        let m = try A2C(policy: "MlpPolicy", env: try cartPole(), seed: 4, output: { text += $0 })
        try m.learn(totalTimesteps: 120, callback: eval)
        XCTAssertEqual(eval.evaluationsTimesteps, [50, 100])
        XCTAssertEqual(eval.evaluationsResults.map(\.count), [2, 2])
        XCTAssertTrue(text.contains("Eval num_timesteps=50, episode_reward="), text)
        XCTAssertTrue(text.contains("New best mean reward!"), text)
        XCTAssertTrue(FileIO.exists(dir + "/best_model.zip"))
        let npz = try ZipArchive.read(try FileIO.read(dir + "/evaluations.npz"))
        XCTAssertEqual(npz.map(\.name), ["timesteps.npy", "results.npy", "ep_lengths.npy"])
    }

    /// SB3's walkthrough evaluates on the training env (`EvalCallback(model.get_env())`): training then
    /// starts new episodes, and the transition before the evaluation keeps its own next observation.
    func testEvaluationOnTheTrainingEnvRestartsEpisodes() throws {
        var c = DQN.Config(); c.learningStarts = 10; c.bufferSize = 500
        let env = try cartPole()
        let m = try DQN(policy: "MlpPolicy", env: env, config: c, seed: 5, output: quiet)
        let eval = try EvalCallback(evalEnv: env, nEvalEpisodes: 1, evalFreq: 40, verbose: 0)
        try m.learn(totalTimesteps: 120, callback: eval)
        XCTAssertEqual(eval.evaluationsTimesteps, [40, 80, 120])
        XCTAssertEqual(m.numTimesteps, 120)
        let s = try m.replayBuffer.sample(200, rng: NumpyGenerator(seed: 1))
        // CartPole's next state follows from the state by at most one physics step: no sample
        // may pair a state with the first state of an unrelated episode.
        let o = s.observations.scalars, n = s.nextObservations.scalars, d = s.dones.scalars
        for i in 0..<200 where d[i] == 0 {
            XCTAssertLessThan(abs(n[i * 4] - o[i * 4]), 0.1, "cart position jumped in sample \(i)")
        }
    }

    func testREINFORCELearnsSomethingAndSaves() throws {
        let m = try REINFORCE(env: try cartPole(), learningRate: .constant(1e-3), seed: 2, output: quiet)
        try m.learn(totalTimesteps: 500)
        XCTAssertGreaterThan(m.nUpdates, 3)
        let path = tmp("reinforce.zip")
        try m.save(path)
        let l = try REINFORCE.load(path, output: quiet)
        let obs = try m.layout.batch(.float32([0.01, 0.02, -0.03, 0.0]))
        XCTAssertEqual(try m.predict(batch: obs, deterministic: true), try l.predict(batch: obs, deterministic: true))
        FileIO.remove(path)
    }

    func testNaNLossStopsWithAMessage() throws {
        var c = DQN.Config(); c.learningStarts = 10; c.bufferSize = 100
        let m = try DQN(policy: "MlpPolicy", env: try cartPole(), learningRate: .constant(1e30), config: c, seed: 1, output: quiet)
        XCTAssertThrowsError(try m.learn(totalTimesteps: 3000)) { e in
            XCTAssertTrue("\(e)".contains("loss became"), "\(e)")
        }
    }
}
