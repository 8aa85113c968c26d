import Testing
import BookDSL
import RLTensor
@testable import BookRuntime

@Test func makeVecSyncMatchesSingleEnvs() throws {
    let h = CellHarness()
    let out = h.output("""
    let envs = gym.makeVec("CartPole-v1", numEnvs: 3, vectorizationMode: "sync")
    print(envs)
    print(envs.actionSpace, envs.singleObservationSpace)
    let (obs, infos) = envs.reset(seed: 42)
    let (next, rewards, terminations, truncations, _) = envs.step([1, 0, 0])
    print(rewards, terminations, truncations)
    let single = gym.make("CartPole-v1")
    let (o42, _) = single.reset(seed: 42)
    let (n42, _, _, _, _) = single.step(1)
    let single2 = gym.make("CartPole-v1")
    let (o44, _) = single2.reset(seed: 44)
    let (n44, _, _, _, _) = single2.step(0)
    print(envs.envs.count)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "SyncVectorEnv(CartPole-v1, num_envs=3)")
    #expect(lines[1] == "MultiDiscrete([2 2 2]) Box([-4.8               -inf -0.41887903        -inf], [4.8               inf 0.41887903        inf], (4,), float32)")
    #expect(lines[2] == "[1.0, 1.0, 1.0] [false, false, false] [false, false, false]")
    let batch = try #require(h.interpreter.global("next")?.tensor)
    #expect(batch.shape == [3, 4])
    let rows = batch.scalars
    #expect(Array(rows[0..<4]) == h.numbers("n42"))
    #expect(Array(rows[8..<12]) == h.numbers("n44"))
    #expect(Array((try #require(h.interpreter.global("obs")?.tensor)).scalars[0..<4]) == h.numbers("o42"))
}

@Test func nativeCartPoleVectorEnvWithTensorActionsAndEpisodeStatistics() throws {
    let h = CellHarness()
    let out = h.output("""
    let envs = RecordEpisodeStatistics(gym.makeVec("CartPole-v1", numEnvs: 8))
    print(envs)
    envs.actionSpace.seed(0)
    var (obs, infos) = envs.reset(seed: 0)
    var finished = 0
    for _ in 0..<200 {
        let (next, rewards, terms, truncs, infos) = envs.step(envs.actionSpace.sample())
        obs = next
        for i in 0..<8 { if terms[i] || truncs[i] { finished += 1 } }
    }
    print(finished > 0, envs.returnQueue.count == finished, envs.numEnvs)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "<RecordEpisodeStatistics, CartPoleVectorEnv(CartPole-v1, num_envs=8)>")
    #expect(lines[1] == "true true 8")
    #expect(try #require(h.interpreter.global("obs")?.tensor).shape == [8, 4])
}

@Test func syncAndAsyncVectorEnvFromClosuresAndWrappers() throws {
    let h = CellHarness()
    let out = h.output("""
    let sync = SyncVectorEnv([{ gym.make("Pendulum-v1") }, { gym.make("Pendulum-v1") }])
    let asyncEnvs = AsyncVectorEnv([gym.make("Pendulum-v1"), gym.make("Pendulum-v1")], autoresetMode: .sameStep)
    let (a, _) = sync.reset(seed: 7)
    let (b, _) = asyncEnvs.reset(seed: 7)
    let (sa, ra, _, _, _) = sync.step([[0.5], [-0.5]])
    let (sb, rb, _, _, _) = asyncEnvs.step([[0.5], [-0.5]])
    print(ra == rb, asyncEnvs.autoresetMode, asyncEnvs)
    let gray = gym.makeVec("CarRacing-v3", numEnvs: 2, vectorizationMode: "sync", wrappers: [{ e in GrayscaleObservation(e) }], continuous: false)
    print(gray.singleObservationSpace)
    let frames = gym.makeVec("CartPole-v1", numEnvs: 2, vectorizationMode: "sync", renderMode: "rgb_array")
    frames.reset(seed: 0)
    print(frames.render().count)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "true SameStep AsyncVectorEnv(Pendulum-v1, num_envs=2)")
    #expect(lines[1] == "Box(0, 255, (96, 96), uint8)")
    #expect(lines[2] == "2")
    #expect(h.numbers("sa") == h.numbers("sb"))
    let e = h.run("let bad = gym.makeVec(\"CartPole-v1\", numEnvs: 2, vectorizationMode: \"asinc\")")
    #expect(e?.contains("did you mean 'async'?") == true, "\(e ?? "")")
    let e2 = h.run("let bad2 = AsyncVectorEnv([TransformReward(gym.make(\"CartPole-v1\")) { r in r }])")
    #expect(e2?.contains("use vectorizationMode: \"sync\"") == true, "\(e2 ?? "")")
}

@Test func carRacingVectorEntryPointMatchesSingleEnvs() throws {
    let h = CellHarness()
    let out = h.output("""
    let envs = gym.makeVec("CarRacing-v3", numEnvs: 2, vectorizationMode: "vector_entry_point", continuous: false)
    print(envs, envs.singleActionSpace, envs.observationSpace)
    let (obs, _) = envs.reset(seed: 10)
    var rewards: [Double] = []
    for k in 0..<5 {
        let (next, r, term, trunc, _) = envs.step([3, k % 5])
        rewards.append(r[1])
    }
    let single = gym.make("CarRacing-v3", continuous: false)
    let (o11, _) = single.reset(seed: 11)
    var singleRewards: [Double] = []
    for k in 0..<5 {
        let (_, r, _, _, _) = single.step(k % 5)
        singleRewards.append(r)
    }
    print(rewards == singleRewards)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "CarRacingVectorEnv(CarRacing-v3, num_envs=2) Discrete(5) Box(0, 255, (2, 96, 96, 3), uint8)")
    #expect(lines[1] == "true")
    let batch = try #require(h.interpreter.global("obs")?.tensor)
    #expect(batch.shape == [2, 96, 96, 3])
    #expect(Array(batch.scalars[(96 * 96 * 3)...]) == h.numbers("o11"))
    let e = h.run("let v = gym.makeVec(\"CarRacing-v3\", numEnvs: 2, vectorizationMode: \"vector_entry_point\", renderMode: \"rgb_array\")")
    #expect(e?.contains("renderMode") == true, "\(e ?? "")")
}
