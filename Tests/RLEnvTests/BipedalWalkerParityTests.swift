// BipedalWalker against Gymnasium 1.4 + Box2D 2.3.10 rollouts (Fixtures/rollout_BipedalWalker-v3.json,
// made by Fixtures/make_box2d_fixtures.py): random float32 actions, observations and rewards within
// 1e-4 and the same termination at every step.
import Testing
import Foundation
@testable import RLEnv

@Suite struct BipedalWalkerParityTests {
    @Test(arguments: ["rollout_BipedalWalker-v3.json", "rollout_BipedalWalkerHardcore-v3.json",
                      "rollout_BipedalWalker-v3_heuristic.json"])
    func rolloutMatchesGymnasium(_ file: String) throws {
        let p = try Box2DRolloutParity.run(file)
        print("\(file): \(p.steps) steps, max |obs error| \(p.maxObsError), max |reward error| \(p.maxRewardError), bit-identical steps \(p.exactSteps)")
        #expect(p.failures.isEmpty, "\(p.failures.joined(separator: "\n"))")
        #expect(p.steps > 300)
    }

    @Test func hardcoreTerrainAndStepsRun() throws {
        let env = try Gym.make("BipedalWalkerHardcore-v3", kwargs: ["renderMode": .string("rgb_array")])
        let (obs, _) = try env.reset(seed: 5)
        #expect(obs.scalars.count == 24)
        let core = (env.unwrapped as! BipedalWalkerEnv).core
        #expect(core.terrain.count > 199)   // 199 edges plus obstacles
        for _ in 0..<50 {
            let r = try env.step(.float32([0.5, -0.5, 0.3, 0.2]))
            #expect(r.observation.scalars.allSatisfy { $0.isFinite })
            if r.terminated { break }
        }
        let frame = try #require(try env.render())
        #expect(frame.width == 600 && frame.height == 400)
    }
}

@Test func bipedalWalkerFramesMatchGymnasium() throws {
    let env = try Gym.make("BipedalWalker-v3", kwargs: ["renderMode": .string("rgb_array")])
    try env.reset(seed: 0)
    var mads: [Double] = []
    for t in 0...60 {
        let im = try #require(try env.render())
        if [0, 60].contains(t) {
            let want = try #require(LunarLanderFrames.frame("BipedalWalker-v3_seed0_t\(t)"))
            try #require(want.count == im.pixels.count)
            mads.append(CarRacingFixture.mad(im.pixels, want))
        }
        _ = try env.step(.float32([0, 0, 0, 0]))
    }
    print("BipedalWalker rgb_array MAD vs Gymnasium: \(mads)")
    #expect(mads.count == 2)
    for m in mads { #expect(m <= 10) }
}

/// Gymnasium's heuristic walker, ported: from the recorded observations it chooses the recorded actions.
@Test func heuristicWalkerChoosesGymnasiumsActions() throws {
    let root = try #require(try FixtureLoader.json("rollout_BipedalWalker-v3_heuristic.json") as? [String: Any])
    let env = try Gym.make("BipedalWalker-v3")
    var checked = 0
    for run in try #require(root["runs"] as? [[String: Any]]) {
        _ = try env.reset(seed: try #require(run["seed"] as? Int))
        var h = BipedalWalkerHeuristic()
        var a: [Double] = [0, 0, 0, 0]
        for step in try #require(run["steps"] as? [[String: Any]]) {
            let want = flatNumbers(step["action"] as Any)
            #expect(a.map { Double(Float($0)) } == want, "step \(checked)")
            if a.map({ Double(Float($0)) }) != want { return }
            let r = try env.step(.float32(a.map { Float($0) }))
            checked += 1
            if r.terminated || r.truncated { break }
            a = h.step(r.observation.scalars.map { Float($0) })
        }
    }
    #expect(checked > 1000)
}
