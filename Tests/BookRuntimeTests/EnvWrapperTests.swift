import Testing
import BookDSL
import RLTensor
@testable import BookRuntime

@Test func wrappersStackAndPrintLikeGymnasium() {
    let h = CellHarness()
    let out = h.output("""
    let base = gym.make("CartPole-v1", maxEpisodeSteps: 10)
    let env = TransformReward(RecordEpisodeStatistics(base)) { r in r * 2 }
    print(env)
    print(env.env.env.maxEpisodeSteps, env.spec!.maxEpisodeSteps!)
    env.reset(seed: 0)
    var total = 0.0
    var truncatedAt = -1
    for i in 0..<10 {
        let (_, r, term, trunc, info) = env.step(1 - i % 2)
        total += r
        if trunc { truncatedAt = i; print(info["episode"]!["l"]!, info["episode"]!["r"]!) }
    }
    print(total, truncatedAt)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "<TransformReward<RecordEpisodeStatistics<TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>>>")
    #expect(lines[1] == "10 10")
    #expect(lines[2] == "10 10.0")  // RecordEpisodeStatistics sees the untransformed rewards
    #expect(lines[3] == "20.0 9")
}

@Test func observationWrappersOnCarRacingFrames() throws {
    let h = CellHarness()
    let out = h.output("""
    let env = FrameStackObservation(ResizeObservation(GrayscaleObservation(gym.make("CarRacing-v3", continuous: false)), shape: [64, 64]), stackSize: 4)
    print(env.observationSpace)
    let (obs, _) = env.reset(seed: 0)
    let (next, reward, _, _, _) = env.step(3)
    let skip = MaxAndSkipObservation(gym.make("CarRacing-v3", continuous: false), skip: 2)
    skip.reset(seed: 0)
    let (_, r2, _, _, _) = skip.step(3)
    print(skip.skip, r2 < 10)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "Box(0, 255, (4, 64, 64), uint8)")
    #expect(lines[1] == "2 true")
    let obs = try #require(h.interpreter.global("next")?.tensor)
    #expect(obs.shape == [4, 64, 64])
    #expect(obs.dtype == .uint8)
}

@Test func actionWrappersAndClosures() {
    let h = CellHarness()
    let out = h.output("""
    let env = RescaleAction(gym.make("MountainCarContinuous-v0"), minAction: 0, maxAction: 1)
    print(env.actionSpace)
    env.reset(seed: 0)
    let (o1, r1, _, _, _) = env.step([1.0])
    let clipped = ClipAction(gym.make("Pendulum-v1"))
    print(clipped.actionSpace)
    clipped.reset(seed: 0)
    let (_, r2, _, _, _) = clipped.step([5.0])
    var seen: [Double] = []
    let flipped = TransformAction(gym.make("CartPole-v1")) { a in
        seen.append(Double(a))
        return 1 - a
    }
    flipped.reset(seed: 0)
    flipped.step(0)
    flipped.step(1)
    print(seen)
    let scaled = TransformObservation(gym.make("FrozenLake-v1"), observationSpace: Discrete(100)) { s in s + 50 }
    let (s, _) = scaled.reset(seed: 0)
    print(s, scaled.observationSpace)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "Box(0.0, 1.0, (1,), float32)")
    #expect(lines[1] == "Box(-inf, inf, (1,), float32)")
    #expect(lines[2] == "[0.0, 1.0]")
    #expect(lines[3] == "50 Discrete(100)")
}

@Test func normalizeWrappersExposeRunningStatistics() {
    let h = CellHarness()
    let out = h.output("""
    let env = NormalizeReward(NormalizeObservation(gym.make("CartPole-v1")), gamma: 0.9)
    env.reset(seed: 0)
    for _ in 0..<5 { env.step(0) }
    print(env.gamma, env.returnRMS["count"]!, env.env.obsRMS["count"]!)
    env.env.updateRunningMean = false
    env.step(1)
    print(env.env.obsRMS["count"]!, env.env.updateRunningMean)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "0.9 5.0001 6.0001")
    #expect(lines[1] == "6.0001 false")
}

@Test func renderFramesGoIntoAnArray() throws {
    let h = CellHarness()
    let out = h.output("""
    let env = gym.make("CartPole-v1", renderMode: "rgb_array")
    env.reset(seed: 0)
    var frames = [env.render()]
    for _ in 0..<3 {
        env.step(env.actionSpace.sample())
        frames.append(env.render())
    }
    print(frames.count)
    let rec = RecordFrames(gym.make("Acrobot-v1", renderMode: "rgb_array"))
    rec.reset(seed: 0)
    for _ in 0..<4 { rec.step(1) }
    print(rec.frames.count)
    let noRender = gym.make("CartPole-v1")
    noRender.reset()
    print(noRender.render() == nil)
    let taxi = gym.make("Taxi-v3", renderMode: "ansi")
    taxi.reset(seed: 0)
    let text = taxi.render() as! String
    print(text.contains("|"))
    """)
    #expect(out == "4\n5\ntrue\ntrue\n")
    guard case .array(let frames)? = h.interpreter.global("frames"), let f = frames.first?.tensor else {
        Issue.record("frames are not tensors")
        return
    }
    #expect(f.shape == [400, 600, 3])
    #expect(f.dtype == .uint8)
    let e = h.run("let bad = RecordFrames(gym.make(\"CartPole-v1\"))")
    #expect(e?.contains("renderMode: \"rgb_array\"") == true, "\(e ?? "")")
}

@Test func recordVideoCollectsEpisodesChosenByATrigger() {
    let h = CellHarness()
    let out = h.output("""
    let env = RecordVideo(gym.make("CartPole-v1", renderMode: "rgb_array"), episodeTrigger: { e in e % 2 == 0 })
    for ep in 0..<3 {
        env.reset(seed: ep)
        var done = false
        while !done {
            let (_, _, term, trunc, _) = env.step(ep % 2)
            done = term || trunc
        }
    }
    env.close()
    print(env.videos.count, env.videos[0]["name"]!, env.videos[1]["name"]!)
    """)
    #expect(out == "2 rl-video-episode-0 rl-video-episode-2\n")
}

@Test func actionsAsTensorsIntsAndArrays() throws {
    let h = CellHarness()
    let out = h.output("""
    let env = Autoreset(gym.make("CartPole-v1"))
    env.reset(seed: 42)
    let (o1, _, _, _, _) = env.step(Tensor(1, dtype: .int64))
    let ref = gym.make("CartPole-v1")
    ref.reset(seed: 42)
    let (o2, _, _, _, _) = ref.step(1)
    let car = gym.make("CarRacing-v3")
    car.reset(seed: 0)
    let (_, r32, _, _, _) = car.step(Tensor([0.0, 1.0, 0.0]))
    car.reset(seed: 0)
    let (_, r64, _, _, _) = car.step(Tensor([0.0, 1.0, 0.0], dtype: .float64))
    car.reset(seed: 0)
    let (_, rArr, _, _, _) = car.step([0.0, 1.0, 0.0])
    print(r32 == r64, r64 == rArr)
    var steps = 0
    var sawReset = false
    env.reset(seed: 0)
    while steps < 100 {
        let (_, r, term, trunc, _) = env.step(0)
        steps += 1
        if term { sawReset = true }
        if sawReset && !term && r == 0.0 { break }
    }
    print(sawReset)
    """)
    #expect(out == "true true\ntrue\n")
    #expect(h.numbers("o1") == h.numbers("o2"))
    let e = h.run("car.step([0.0, 1.0])")
    #expect(e?.contains("expected 3 values") == true, "\(e ?? "")")
    let e2 = h.run("ref.reset(seed: 1)\nref.step(\"left\")")
    #expect(e2?.contains("expected an Int action for the action space Discrete(2)") == true, "\(e2 ?? "")")
}

@Test func getWrapperAttrSearchesTheStack() {
    let h = CellHarness()
    let out = h.output("""
    let env = NormalizeObservation(RecordEpisodeStatistics(gym.make("CartPole-v1", maxEpisodeSteps: 7)))
    print(env.getWrapperAttr("maxEpisodeSteps"), env.getWrapperAttr("episodeCount"), env.hasWrapperAttr("state"), env.hasWrapperAttr("nope"))
    """)
    #expect(out == "7 0 true false\n")
}
