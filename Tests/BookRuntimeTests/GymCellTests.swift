import Testing
import TestSupport
import Foundation
import BookDSL
import RLTensor
@testable import BookRuntime

/// The fixtures recorded from Gymnasium 1.4 (copies under Tests/RLEnvTests/Fixtures).
enum GymFixtures {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("RLEnvTests/Fixtures")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// (reset observation, actions, observations, rewards, terminated flags) of one recorded run.
    static func cartPoleRun(seed: Int) throws -> (reset: [Double], actions: [Int], obs: [[Double]], rewards: [Double], terminated: [Bool]) {
        let root = try json("rollout_CartPole-v1.json")
        let runs = root["runs"] as? [[String: Any]] ?? []
        guard let run = runs.first(where: { ($0["seed"] as? Int) == seed }) else { return ([], [], [], [], []) }
        let steps = run["steps"] as? [[String: Any]] ?? []
        return (run["reset_obs"] as? [Double] ?? [], steps.map { $0["action"] as? Int ?? -1 }, steps.map { $0["obs"] as? [Double] ?? [] },
                steps.map { $0["reward"] as? Double ?? .nan }, steps.map { $0["terminated"] as? Bool ?? false })
    }
}

@Test func printsSpacesEnvAndSpecLikeGymnasium() throws {
    let h = CellHarness()
    let out = h.output("""
    let env = gym.make("CartPole-v1")
    print(env)
    print("Action Space:", env.actionSpace)
    print(env.observationSpace)
    print(Box(low: 0, high: 255, shape: [96, 96, 3], dtype: .uint8))
    print(Discrete(3, start: -1))
    print(MultiDiscrete([3, 2]))
    print(Tuple([Discrete(2), Discrete(3)]))
    print(Dict(["b": Discrete(2), "a": Box(low: -1, high: 1, shape: [2])]))
    print(gym.spec("CartPole-v1"))
    print(env.actionSpace.n, env.observationSpace.shape, env.observationSpace.dtype)
    """)
    let specs = try GymFixtures.json("specs.json")
    let lines = outputLines(out)
    #expect(lines[0] == "<TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>")
    #expect(lines[1] == "Action Space: Discrete(2)")
    // what gymnasium 1.2 prints (numpy's padding of inf)
    #expect(lines[2] == "Box([-4.8               -inf -0.41887903        -inf], [4.8               inf 0.41887903        inf], (4,), float32)")
    #expect(lines[3] == "Box(0, 255, (96, 96, 3), uint8)")
    #expect(lines[4] == "Discrete(3, start=-1)")
    #expect(lines[5] == "MultiDiscrete([3 2])")
    #expect(lines[6] == "Tuple(Discrete(2), Discrete(3))")
    #expect(lines[7] == "Dict('a': Box(-1.0, 1.0, (2,), float32), 'b': Discrete(2))")
    #expect(lines[8] == specs["CartPole-v1"] as? String)
    #expect(lines[9] == "2 [4] float32")
}

@Test func registryIteratesAndSubscripts() throws {
    let h = CellHarness()
    let out = h.output("""
    var ids: [String] = []
    for id in gym.registry.keys { ids.append(id) }
    print(ids.first!, ids.contains("CarRacing-v3"), ids.contains("FrozenLake-v1"))
    print(gym.registry["Pendulum-v1"])
    var n = 0
    // other tests register envs in this process meanwhile: the count read before and after bound it
    let before = gym.registry.count
    for _ in gym.registry { n += 1 }
    print(before <= n && n <= gym.registry.count && n >= 20)
    """)
    let specs = try GymFixtures.json("specs.json")
    let lines = outputLines(out)
    #expect(lines[0] == "CartPole-v0 true true")
    #expect(lines[1] == specs["Pendulum-v1"] as? String)
    #expect(lines[2] == "true")
    let err = h.run("let s = gym.registry[\"Pendulum-v2\"]")
    #expect(err?.contains("did you mean 'Pendulum-v1'?") == true, "\(err ?? "")")
}

@Test func cartPoleEpisodeInACellMatchesGymnasiumFixture() throws {
    let run = try GymFixtures.cartPoleRun(seed: 42)
    #expect(run.actions.count == 15)
    let h = CellHarness()
    _ = h.output("""
    let env = gym.make("CartPole-v1")
    var (obs, info) = env.reset(seed: 42)
    var observations = [obs]
    var rewards: [Double] = []
    var terminations: [Bool] = []
    for a in \(run.actions) {
        let (next, reward, terminated, truncated, _) = env.step(a)
        observations.append(next)
        rewards.append(reward)
        terminations.append(terminated)
        if terminated || truncated { break }
    }
    """)
    // JSON parsing is not correctly rounded: compare as the float32 values the fixture holds
    let expected = (run.reset + run.obs.flatMap { $0 }).map { Float($0) }
    #expect(h.numbers("observations").map { Float($0) } == expected)
    #expect(h.numbers("rewards") == run.rewards)
    #expect(h.numbers("terminations") == run.terminated.map { $0 ? 1 : 0 })
    guard case .array(let obs)? = h.interpreter.global("observations"), let t = obs.first?.tensor else {
        Issue.record("observations are not tensors")
        return
    }
    #expect(t.dtype == .float32)
    #expect(t.shape == [4])
}

@Test func spaceSamplesMatchGymnasiumAfterSeeding() throws {
    let fixture = try GymFixtures.json("spaces.json")
    let seeds = fixture["seeds"] as? [String: Any] ?? [:]
    let s42 = seeds["42"] as? [String: Any] ?? [:]
    let h = CellHarness()
    _ = h.output("""
    let d = Discrete(5)
    d.seed(42)
    var ds: [Int] = []
    for _ in 0..<16 { ds.append(d.sample()) }
    let b = Box(low: -1, high: 1, shape: [3], dtype: .float32)
    b.seed(42)
    var bs = [b.sample(), b.sample(), b.sample(), b.sample()]
    let p = Discrete(2)
    p.seed(42)
    var ps: [Int] = []
    for _ in 0..<16 { ps.append(p.sample(probability: [0.3, 0.7])) }
    let masked = Discrete(4, seed: 1)
    var ms: [Int] = []
    for _ in 0..<20 { ms.append(masked.sample(mask: [0, 1, 0, 1])) }
    print(b.contains([0.5, 0.5, 0.5]), b.contains([2.0, 0, 0]), d.contains(4), d.contains(5), b.contains(b.sample()))
    """)
    #expect(h.numbers("ds") == (s42["Discrete(5).sample_x16"] as? [Int] ?? []).map(Double.init))
    #expect(h.numbers("bs").map { Float($0) } == (s42["Box(-1,1,(3,),float32).sample_x4"] as? [[Double]] ?? []).flatMap { $0 }.map { Float($0) })
    #expect(h.numbers("ps") == (s42["Discrete(2).sample(probability=[0.3,0.7])_x16"] as? [Int] ?? []).map(Double.init))
    #expect(Set(h.numbers("ms")) == [1, 3])
    #expect(h.sink.text == "true false true false true\n")
}

@Test func randomActionLoopWithResetsAndInfo() {
    let h = CellHarness()
    let out = h.output("""
    let env = RecordEpisodeStatistics(gym.make("CartPole-v1"))
    env.actionSpace.seed(123)
    var (obs, info) = env.reset(seed: 1234)
    var episodes = 0
    var steps = 0
    var lengths: [Int] = []
    var returns: [Double] = []
    while episodes < 5 {
        let (next, reward, terminated, truncated, stepInfo) = env.step(env.actionSpace.sample())
        steps += 1
        obs = next
        if terminated || truncated {
            let ep = stepInfo["episode"] as! [String: Any]
            lengths.append(ep["l"] as! Int)
            returns.append(ep["r"] as! Double)
            episodes += 1
            (obs, info) = env.reset()
        }
    }
    print(lengths.reduce(0, +) == steps, returns == lengths.map { Double($0) }, env.returnQueue.count, env.episodeCount)
    """)
    #expect(out == "true true 5 5\n")
}

@Test func discreteAndTupleObservationsAndOptions() {
    let h = CellHarness()
    let out = h.output("""
    let lake = gym.make("FrozenLake-v1", mapName: "8x8", isSlippery: false)
    let (s, info) = lake.reset(seed: 0)
    print(s, info["prob"]!, lake.observationSpace)
    let (s2, r, term, trunc, _) = lake.step(2)
    print(s2, r, term, trunc)
    print(lake.unwrapped.desc[0], lake.unwrapped.nrow)
    let bj = gym.make("Blackjack-v1")
    let (hand, _) = bj.reset(seed: 3)
    let (sum, dealer, ace) = hand
    print(bj.observationSpace, sum > 0, dealer > 0, ace == 0 || ace == 1)
    let mc = gym.make("MountainCar-v0")
    let (o, _) = mc.reset(seed: 0, options: ["low": -0.5, "high": -0.4])
    print(mc.unwrapped.state!.count)
    let pend = gym.make("Pendulum-v1")
    pend.reset(seed: 0)
    let (po, pr, _, _, _) = pend.step([0.5])
    print(pr < 0)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "0 1 Discrete(64)")
    #expect(lines[1] == "1 0.0 false false")
    #expect(lines[2] == "SFFFFFFF 8")
    #expect(lines[3] == "Tuple(Discrete(32), Discrete(11), Discrete(2)) true true true")
    #expect(lines[4] == "2")
    #expect(lines[5] == "true")
}

@Test(.usesTheTensorGenerator) func bookSeedMakesUnseededEnvsAndSpacesReproducible() {
    let code = """
    let env = gym.make("CartPole-v1")
    let (obs, _) = env.reset()
    var actions: [Int] = []
    for _ in 0..<20 { actions.append(env.actionSpace.sample()) }
    let box = Box(low: -1, high: 1, shape: [2])
    let b = box.sample()
    """
    func run(_ seed: Int?) -> [Double] {
        let h = CellHarness(seed: seed)
        _ = h.output(code)
        return h.numbers("obs") + h.numbers("actions") + h.numbers("b")
    }
    let a = run(7), b = run(7), c = run(8)
    #expect(a.count == 26)
    #expect(a == b)
    #expect(a != c)
    // an explicit seed still gives Gymnasium's episode
    let h = CellHarness(seed: 7)
    _ = h.output("let e = gym.make(\"CartPole-v1\")\nlet (o, _) = e.reset(seed: 42)")
    #expect(h.numbers("o").map { Float($0) } == [0.02739560417830944, -0.006112155970185995, 0.03585979342460632, 0.019736802205443382].map { Float($0) })
}

@Test func namespacesPprintAndGenerators() {
    let h = CellHarness()
    let out = h.output("""
    let d = gym.spaces.Discrete(3)
    let env = gym.wrappers.TimeLimit(gym.make("CartPole-v1"), maxEpisodeSteps: 5)
    print(d, env)
    gym.spec("Taxi-v3").pprint()
    env.reset(seed: 3)
    let g = env.npRandom
    let x = g.uniform(-0.1, 0.1)
    print(x >= -0.1 && x < 0.1, env.npRandomSeed!, g.integers(0, 10) < 10)
    """)
    let lines = outputLines(out)
    #expect(lines[0] == "Discrete(3) <TimeLimit<TimeLimit<OrderEnforcing<PassiveEnvChecker<CartPoleEnv<CartPole-v1>>>>>>")
    #expect(lines[1] == "id=Taxi-v3")
    #expect(out.contains("max_episode_steps=200"))
    #expect(out.hasSuffix("true 3 true\n"))
    let e = h.run("let w = gym.wrappers.TimeLimit(gym.make(\"CartPole-v1\"), maxSteps: 5)")
    #expect(e?.contains("extraneous argument label 'maxSteps:' in call to TimeLimit(_:maxEpisodeSteps:)") == true, "\(e ?? "")")
    h.sink.text = ""
    _ = h.run("gym.pprintRegistry()")
    #expect(h.sink.text.contains("===== classic_control ====="))
}

/// `gym.make` keyword arguments reach the spec in call order, as Python's dicts keep them.
@Test func specKeepsKeywordArgumentsInCallOrder() throws {
    let h = CellHarness()
    let out = h.output("""
    let a = gym.make("CarRacing-v2", domainRandomize: true, continuous: false)
    print(a.spec)
    let b = gym.make("CarRacing-v2", continuous: false, domainRandomize: true)
    print(b.spec)
    """)
    let lines = outputLines(out)
    #expect(lines[0].contains("kwargs={'domain_randomize': True, 'continuous': False}"), "\(lines)")
    #expect(lines[1].contains("kwargs={'continuous': False, 'domain_randomize': True}"), "\(lines)")
}
