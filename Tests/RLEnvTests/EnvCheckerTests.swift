// The env checker applied to every registered env with an implementation: observations inside
// the observation space, the same seed gives the same episode, info is well formed, and
// `rgb_array` frames have the documented size.
import Testing
import RLRender
@testable import RLEnv

let checkedIds: [(String, [String: EnvArg], Int, Int)] = [
    ("CartPole-v0", [:], 600, 400), ("CartPole-v1", [:], 600, 400), ("MountainCar-v0", [:], 600, 400),
    ("MountainCarContinuous-v0", [:], 600, 400), ("Pendulum-v1", [:], 500, 500), ("Acrobot-v1", [:], 500, 500),
    ("Blackjack-v1", [:], 600, 500), ("FrozenLake-v1", [:], 256, 256), ("FrozenLake8x8-v1", [:], 512, 512),
    ("FrozenLake-v1", ["desc": ["SFF", "FHF", "FFG"], "isSlippery": false], 192, 192),
    ("CliffWalking-v0", [:], 720, 240), ("CliffWalking-v1", [:], 720, 240), ("CliffWalkingSlippery-v1", [:], 720, 240),
    ("Taxi-v3", [:], 550, 350), ("Taxi-v4", ["isRainy": true, "ficklePassenger": true], 550, 350),
    ("LunarLander-v3", [:], 600, 400), ("LunarLanderContinuous-v3", ["enableWind": true], 600, 400),
    ("BipedalWalker-v3", [:], 600, 400), ("BipedalWalkerHardcore-v3", [:], 600, 400),
]

struct CheckCase: CustomStringConvertible, Sendable {
    let index: Int
    var description: String { "\(checkedIds[index].0) \(checkedIds[index].1)" }
}

@Suite struct EnvCheckerTests {
    func rollout(_ id: String, _ kwargs: [String: EnvArg], seed: Int) throws -> [EnvValue] {
        let env = try Gym.make(id, kwargs: kwargs)
        try env.actionSpace.seed(seed)
        var out: [EnvValue] = []
        let (obs, _) = try env.reset(seed: seed)
        #expect(env.observationSpace.contains(obs), "\(id) reset obs \(obs) not in \(env.observationSpace)")
        out.append(obs)
        for _ in 0..<60 {
            let r = try env.step(env.actionSpace.sample())
            #expect(env.observationSpace.contains(r.observation), "\(id) obs \(r.observation) not in \(env.observationSpace)")
            #expect(r.reward.isFinite)
            out.append(r.observation)
            out.append(.tuple([.int(r.terminated ? 1 : 0), .int(r.truncated ? 1 : 0)]))
            if r.terminated || r.truncated { try env.reset() }
        }
        return out
    }

    @Test(arguments: checkedIds.indices.map { CheckCase(index: $0) })
    func envPassesChecker(_ c: CheckCase) throws {
        let (id, kwargs, w, h) = checkedIds[c.index]
        let a = try rollout(id, kwargs, seed: 11)
        let b = try rollout(id, kwargs, seed: 11)
        #expect(a == b, "\(id) is not deterministic under the same seed")
        var rk = kwargs
        rk["renderMode"] = "rgb_array"
        let env = try Gym.make(id, kwargs: rk)
        #expect(throws: EnvError.self) { try env.render() }  // OrderEnforcing: render before reset
        try env.reset(seed: 3)
        let frame = try #require(try env.render())
        #expect(frame.width == w && frame.height == h && frame.channels == 3)
        #expect(Set(frame.pixels).count > 1, "\(id) frame is blank")
        let plain = try Gym.make(id, kwargs: kwargs)
        try plain.reset(seed: 3)
        #expect(try plain.render() == nil)
    }

    @Test func cartPoleFrameLooksLikeGymnasium() throws {
        let env = try Gym.make("CartPole-v1", kwargs: ["renderMode": "rgb_array"])
        try env.reset(seed: 0)
        let f = try #require(try env.render())
        func px(_ x: Int, _ y: Int) -> [UInt8] { Array(f.pixels[(y * 600 + x) * 3..<(y * 600 + x) * 3 + 3]) }
        // Cart (x ≈ 276.7...326.7, rows 284...314) in black, the axle disc at row ≈ 292, background white,
        // track line at row 299.
        #expect(px(280, 300) == [0, 0, 0])
        #expect(px(301, 292) == [129, 132, 203])
        #expect(px(10, 10) == [255, 255, 255])
        #expect(px(5, 299) == [0, 0, 0])
        // The pole is tan above the cart.
        #expect(px(300, 250) == [202, 152, 101])
    }

    @Test func ansiRenderings() throws {
        let env = try Gym.make("FrozenLake-v1", kwargs: ["renderMode": "ansi"])
        try env.reset(seed: 0)
        let text = try #require(try env.renderText())
        #expect(text.contains("FHFH") && text.contains("\u{1B}[41mS"))
        let taxi = try Gym.make("Taxi-v4", kwargs: ["renderMode": "ansi"])
        try taxi.reset(seed: 0)
        #expect(try taxi.renderText()?.contains("+---------+") == true)
    }
}
