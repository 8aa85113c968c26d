import XCTest
import RLEnv
import RLNN
import RLSupport
import RLTensor
@testable import RLAgents

/// `trainingState()` / `restoreTrainingState(_:)`: a model restored into a fresh model built the same
/// way (fresh envs too) continues exactly as the original does, step for step.
final class TrainingStateTests: XCTestCase {
    let quiet: (String) -> Void = { _ in }

    func cartPole(_ n: Int = 1) throws -> VecEnv { try VecEnv((0..<n).map { _ in try Gym.make("CartPole-v1") }) }

    func weights(_ m: BaseAlgorithm) -> [Double] { m.policyModule.stateDict().items.flatMap { $0.1.scalars } }

    func testDQNContinuesExactlyFromItsTrainingState() throws {
        var c = DQN.Config(); c.learningStarts = 40; c.bufferSize = 150; c.targetUpdateInterval = 30; c.batchSize = 8
        func make() throws -> DQN { try DQN(policy: "MlpPolicy", env: try cartPole(), learningRate: .linear(1e-3), config: c, seed: 3, output: quiet) }
        let a = try make()
        try a.learn(totalTimesteps: 230)          // the buffer wraps; episodes end mid-way
        let state = try TrainingState.decode(try a.trainingState().encoded())
        let b = try make()
        try b.restoreTrainingState(state)
        XCTAssertEqual(weights(b), weights(a))
        try a.learn(totalTimesteps: 120, resetNumTimesteps: false)
        try b.learn(totalTimesteps: 120, resetNumTimesteps: false)
        XCTAssertEqual(weights(b), weights(a))
        XCTAssertEqual(b.numTimesteps, a.numTimesteps)
        XCTAssertEqual(b.explorationRate, a.explorationRate)
        XCTAssertEqual(b.env!.episodeHistory.map(\.reward), a.env!.episodeHistory.map(\.reward))
        XCTAssertEqual(b.epInfoBuffer.map(\.length), a.epInfoBuffer.map(\.length))
    }

    func testPPOWithSeveralEnvsContinuesExactly() throws {
        var c = PPO.Config(); c.nSteps = 16; c.batchSize = 16; c.nEpochs = 2
        func make() throws -> PPO { try PPO(policy: "MlpPolicy", env: try cartPole(3), config: c, seed: 9, output: quiet) }
        let a = try make()
        try a.learn(totalTimesteps: 96)
        let state = try a.trainingState()
        let tensorRandom = (Tensor.generator as? NumpyRandomSource)?.generator.stateWords
        let b = try make()
        try b.restoreTrainingState(state)
        if let w = tensorRandom { (Tensor.generator as? NumpyRandomSource)?.generator.setStateWords(w) }
        try b.learn(totalTimesteps: 96, resetNumTimesteps: false)
        let wb = weights(b)
        if let w = tensorRandom { (Tensor.generator as? NumpyRandomSource)?.generator.setStateWords(w) }
        try a.learn(totalTimesteps: 96, resetNumTimesteps: false)
        XCTAssertEqual(wb, weights(a))
        XCTAssertEqual(b.env!.episodeHistory.map(\.reward), a.env!.episodeHistory.map(\.reward))
        XCTAssertEqual(b.env!.episodeHistory.map(\.length), a.env!.episodeHistory.map(\.length))
    }

    /// Image replay buffers keep their compressed frames; sampling after a restore gives the same batch.
    func testAnImageReplayBufferRoundTrips() throws {
        let layout = ObservationLayout(kind: .image(channels: 1, height: 3, width: 3, transposed: false), envShape: [1, 3, 3])
        let a = try ReplayBuffer(bufferSize: 6, nEnvs: 2, layout: layout)
        func frames(_ v: UInt8) -> ObservationBatch {
            var b = ObservationBatch(layout: layout); b.bytes = (0..<18).map { UInt8(truncatingIfNeeded: Int(v) + $0 / 9) }; b.count = 2; return b
        }
        for step in 0..<9 {
            try a.add(observations: frames(UInt8(step)), nextObservations: frames(UInt8(step + 1)), actions: [step % 3, 1],
                      rewards: [Double(step), -1], dones: [step == 4, step == 6], timeouts: [false, step == 6])
        }
        var s = TrainingState()
        try a.writeState(into: &s)
        let b = try ReplayBuffer(bufferSize: 6, nEnvs: 2, layout: layout)
        try b.readState(try TrainingState.decode(try s.encoded()))
        let sa = try a.sample(20, rng: NumpyGenerator(seed: 1)), sb = try b.sample(20, rng: NumpyGenerator(seed: 1))
        XCTAssertEqual(sa.observations.scalars, sb.observations.scalars)
        XCTAssertEqual(sa.nextObservations.scalars, sb.nextObservations.scalars)
        XCTAssertEqual(sa.dones.scalars, sb.dones.scalars)
        XCTAssertEqual(a.storedBytes, b.storedBytes)
        // Streamed (what a checkpoint file gets) is byte for byte the encoded state, and its size is known first.
        var streamed: [UInt8] = []
        let encoding = try s.encoding()
        encoding.write { streamed.append(contentsOf: $0) }
        XCTAssertEqual(streamed, try s.encoded())
        XCTAssertEqual(encoding.byteCount, streamed.count)
        // Chunks of different lengths (empty ones too) come back as they went in.
        var t = TrainingState()
        let chunks: [[UInt8]] = [[1, 2, 3], [], [4], Array(repeating: 9, count: 70), []]
        try t.put("c", chunks: chunks)
        XCTAssertEqual(try TrainingState.decode(try t.encoded()).chunks("c"), chunks)
        // A buffer of another size refuses the state.
        let c = try ReplayBuffer(bufferSize: 7, nEnvs: 2, layout: layout)
        XCTAssertThrowsError(try c.readState(s)) { XCTAssertTrue("\($0)".contains("does not fit"), "\($0)") }
    }

    /// An env that does not replay as recorded (here: a tampered tape) is an error, not a silent divergence.
    func testAnEpisodeThatDoesNotReplayIsRefused() throws {
        var c = DQN.Config(); c.learningStarts = 1_000
        func make() throws -> DQN { try DQN(policy: "MlpPolicy", env: try cartPole(), config: c, seed: 3, output: quiet) }
        let a = try make()
        try a.learn(totalTimesteps: 6)   // two whole rollouts of trainFreq 4: 8 steps, as SB3
        var state = try a.trainingState()
        let actions = try state.ints("vecenv.0.tape.ints")
        XCTAssertEqual(actions.count, 8)
        try state.put("vecenv.0.tape.ints", ints: actions.map { 1 - $0 })
        XCTAssertThrowsError(try make().restoreTrainingState(state)) { XCTAssertTrue("\($0)".contains("did not reproduce"), "\($0)") }
        // Another algorithm's state is refused by name.
        let p = try PPO(policy: "MlpPolicy", env: try cartPole(), seed: 1, output: quiet)
        XCTAssertThrowsError(try p.restoreTrainingState(try a.trainingState())) { XCTAssertTrue("\($0)".contains("not a PPO's"), "\($0)") }
    }

    func testACorruptStateIsAClearError() throws {
        XCTAssertThrowsError(try TrainingState.decode([1, 2, 3]))
        var s = TrainingState()
        s.put("x", string: "y")
        var bytes = try s.encoded()
        bytes[bytes.count - 1] = 0
        XCTAssertThrowsError(try TrainingState.decode(Array(bytes.dropLast(3))))
    }

    // MARK: - Checkpoints inside learn

    /// Keeps every checkpoint `learn` writes (one at each safe point), and resumes from a chosen one.
    final class MemoryStore: LearnCheckpointStore {
        var written: [[UInt8]] = []
        var resume: [UInt8]?
        func isDue(numTimesteps: Int) -> Bool { true }
        func write(_ state: TrainingState) throws { written.append(try state.encoded()) }
        func resumeState() -> TrainingState? { try? resume.map(TrainingState.decode) }
    }

    /// A learn resumed from a checkpoint taken part-way ends where the uninterrupted one ends, for every algorithm.
    func testEveryAlgorithmResumesALearnFromAMidwayCheckpoint() throws {
        let generator = (Tensor.generator as? NumpyRandomSource)?.generator
        func run(_ make: () throws -> BaseAlgorithm, _ learn: (BaseAlgorithm) throws -> Void, name: String) throws {
            let start = generator?.stateWords
            let a = try make()
            let store = MemoryStore()
            a.checkpointStore = store
            try learn(a)
            XCTAssertGreaterThan(store.written.count, 2, name)
            let b = try make()
            let resume = MemoryStore()
            resume.resume = store.written[store.written.count / 2]
            b.checkpointStore = resume
            try learn(b)
            // b started half-way (a run from the start would write as many checkpoints as a did) ...
            XCTAssertLessThan(resume.written.count, store.written.count - 1, name)
            // ... and ends exactly where a ended.
            XCTAssertEqual(weights(b), weights(a), name)
            XCTAssertEqual(b.numTimesteps, a.numTimesteps, name)
            XCTAssertEqual(b.env!.episodeHistory.map(\.reward), a.env!.episodeHistory.map(\.reward), name)
            if let start { generator?.setStateWords(start) }
        }
        var dc = DQN.Config(); dc.learningStarts = 30; dc.bufferSize = 100; dc.targetUpdateInterval = 20; dc.batchSize = 8
        try run({ try DQN(policy: "MlpPolicy", env: try cartPole(), learningRate: .linear(1e-3), config: dc, seed: 3, output: quiet) },
                { try ($0 as! DQN).learn(totalTimesteps: 160) }, name: "DQN")
        var pc = PPO.Config(); pc.nSteps = 16; pc.batchSize = 16; pc.nEpochs = 1
        try run({ try PPO(policy: "MlpPolicy", env: try cartPole(2), config: pc, seed: 4, output: quiet) },
                { try ($0 as! PPO).learn(totalTimesteps: 160) }, name: "PPO")
        try run({ try A2C(policy: "MlpPolicy", env: try cartPole(2), seed: 5, output: quiet) },
                { try ($0 as! A2C).learn(totalTimesteps: 100) }, name: "A2C")
        try run({ try REINFORCE(policy: "MlpPolicy", env: try cartPole(), seed: 6, output: quiet) },
                { try ($0 as! REINFORCE).learn(totalTimesteps: 150) }, name: "REINFORCE")
    }
}
