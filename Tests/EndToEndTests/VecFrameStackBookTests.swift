import Testing
import TestSupport

/// `VecFrameStack(venv, nStack:)` in cells, as SB3 users write it.
@Test(.usesTheTensorGenerator) func vecFrameStackInCellsStacksAndTrains() throws {
    let r = try runBook(text: """
    # Frame stacking

    ```swift
    let venv = VecFrameStack(makeVecEnv("CartPole-v1", nEnvs: 2, seed: 0), nStack: 3)
    print(venv.observationSpace.shape, venv.numEnvs, venv)
    let obs = venv.reset()
    print(obs.shape, obs[0, 0].item(), obs[0, 8].item() != 0)
    let (next, _, dones, _) = venv.step([1, 0])
    print(next.shape, dones)
    let model = PPO(policy: "MlpPolicy", env: venv, nSteps: 64, batchSize: 32, nEpochs: 1, verbose: 0, seed: 0)
    model.learn(totalTimesteps: 128)
    print(model.predict(venv.reset(), deterministic: true).0.shape)
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == """
    [12] 2 <VecFrameStack num_envs=2 <TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>>
    [2, 12] 0.0 true
    [2, 12] [false, false]
    [2]

    """, "\(r.stdout)")
}

@Test func vecFrameStackErrorsSayWhatToDo() throws {
    let plain = try runBook(text: """
    # Bad

    ```swift
    let v = VecFrameStack(gym.make("CartPole-v1"), nStack: 4)
    ```
    """)
    #expect(plain.code == 70)
    #expect(plain.stderr.contains("VecFrameStack wraps a VecEnv") && plain.stderr.contains("makeVecEnv"), "\(plain.stderr)")
    let order = try runBook(text: """
    # Bad

    ```swift
    let v = VecFrameStack(makeVecEnv("CartPole-v1"), nStack: 2, channelsOrder: "lats")
    ```
    """)
    #expect(order.code == 70)
    #expect(order.stderr.contains("did you mean 'last'?"), "\(order.stderr)")
    let missing = try runBook(text: """
    # Bad

    ```swift
    let v = VecFrameStack(makeVecEnv("CartPole-v1"))
    ```
    """)
    #expect(missing.stderr.contains("VecFrameStack needs nStack"), "\(missing.stderr)")
}

/// `model.replayBuffer` reads as SB3's `model.replay_buffer` (the numbers SB3 2.x printed for the same run).
@Test(.usesTheTensorGenerator) func replayBufferInCellsReadsAsSB3s() throws {
    let r = try runBook(text: """
    # Replay buffer

    ```swift
    let model = DQN(policy: "MlpPolicy", env: makeVecEnv("CartPole-v1", nEnvs: 2, seed: 0), bufferSize: 1000, learningStarts: 100, seed: 0)
    model.learn(totalTimesteps: 300)
    let rb = model.replayBuffer
    print(rb.size(), rb.bufferSize, rb.pos, rb.full, rb.nEnvs)
    model.learn(totalTimesteps: 1000, resetNumTimesteps: false)
    print(model.replayBuffer.size(), model.replayBuffer.pos, model.replayBuffer.full, model.numTimesteps)
    print(PPO(policy: "MlpPolicy", env: "CartPole-v1").replayBuffer == nil)
    ```
    """)
    #expect(r.code == 0, "\(r.stderr)")
    #expect(r.stdout == "152 500 152 false 2\n500 152 true 1304\ntrue\n", "\(r.stdout)")
}
