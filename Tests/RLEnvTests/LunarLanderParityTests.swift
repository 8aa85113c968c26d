// LunarLander against Gymnasium 1.4 + Box2D 2.3.10 rollouts (Fixtures/rollout_LunarLander*.json, see
// Fixtures/make_box2d_fixtures.py): same seed and actions give observations within 1e-4, rewards
// within 1e-4 and the same termination at every step.
import Testing
import Foundation
@testable import RLEnv
import RLRender

struct Box2DRolloutParity {
    var maxObsError = 0.0
    var maxRewardError = 0.0
    var steps = 0
    var exactSteps = 0
    var failures: [String] = []

    static func run(_ file: String) throws -> Box2DRolloutParity {
        var p = Box2DRolloutParity()
        let root = try #require(try FixtureLoader.json(file) as? [String: Any])
        let id = try #require(root["env_id"] as? String)
        let runs = try #require(root["runs"] as? [[String: Any]])
        // "same_env": one env for all runs, so later resets reuse a world whose bodies were destroyed
        let sameEnv = root["same_env"] as? Bool ?? false
        var shared: Env?
        for run in runs {
            let seed = try #require(run["seed"] as? Int)
            var kwargs: [String: EnvArg] = [:]
            for (k, v) in (run["kwargs"] as? [String: Any]) ?? [:] { kwargs[camelCase(k)] = envArg(v) }
            let env = try (sameEnv ? shared : nil) ?? Gym.make(id, kwargs: kwargs)
            shared = env
            let (obs, _) = try env.reset(seed: seed)
            let r0 = flatNumbers(run["reset_obs"] as Any)
            p.maxObsError = max(p.maxObsError, zip(obs.scalars, r0).map { abs($0 - $1) }.max() ?? .infinity)
            let steps = try #require(run["steps"] as? [[String: Any]])
            for (n, step) in steps.enumerated() {
                let r = try env.step(action(step["action"] as Any, for: env.actionSpace))
                let expected = flatNumbers(step["obs"] as Any)
                let e = zip(r.observation.scalars, expected).map { abs($0 - $1) }.max() ?? .infinity
                let want = step["reward"] as? Double ?? Double(step["reward"] as? Int ?? 0)
                let re = abs(r.reward - want)
                p.maxObsError = max(p.maxObsError, e)
                p.maxRewardError = max(p.maxRewardError, re)
                p.steps += 1
                if e == 0 && re == 0 { p.exactSteps += 1 }
                let termOK = r.terminated == (step["terminated"] as? Bool) && r.truncated == (step["truncated"] as? Bool)
                if e > 1e-4 || re > 1e-4 || !termOK || r.observation.scalars.count != expected.count {
                    p.failures.append("\(id) seed \(seed) step \(n): obs error \(e), reward \(r.reward) vs \(want), terminated \(r.terminated) vs \(step["terminated"] ?? "")\n  got \(r.observation.scalars)\n  want \(expected)")
                    break
                }
            }
        }
        return p
    }
}

@Suite struct LunarLanderParityTests {
    @Test(arguments: ["rollout_LunarLander-v3.json", "rollout_LunarLanderContinuous-v3_wind.json",
                      "rollout_LunarLander-v3_heuristic.json", "rollout_LunarLanderContinuous-v3_heuristic.json"])
    func rolloutMatchesGymnasium(_ file: String) throws {
        guard FixtureLoader.url(file) != nil else {
            Issue.record("fixture \(file) missing")
            return
        }
        let p = try Box2DRolloutParity.run(file)
        print("\(file): \(p.steps) steps, max |obs error| \(p.maxObsError), max |reward error| \(p.maxRewardError), bit-identical steps \(p.exactSteps)")
        #expect(p.failures.isEmpty, "\(p.failures.joined(separator: "\n"))")
        #expect(p.steps > 100)
    }
}

/// Gymnasium's rgb_array frames of LunarLander-v3 seed 0 (Fixtures/box2d_frames, run-length coded).
enum LunarLanderFrames {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("box2d_frames")

    static func frame(_ t: Int) -> [UInt8]? { frame("LunarLander-v3_seed0_t\(t)") }

    static func frame(_ name: String) -> [UInt8]? {
        guard let d = try? Data(contentsOf: dir.appendingPathComponent("\(name).rle")) else { return nil }
        let b = [UInt8](d)
        var out: [UInt8] = []
        out.reserveCapacity(600 * 400 * 3)
        var i = 0
        while i + 5 <= b.count {
            let n = Int(b[i]) | Int(b[i + 1]) << 8
            for _ in 0..<n { out.append(b[i + 2]); out.append(b[i + 3]); out.append(b[i + 4]) }
            i += 5
        }
        return out
    }

    static var actions: [Int] {
        guard let d = try? Data(contentsOf: dir.appendingPathComponent("LunarLander-v3_seed0_actions.json")),
              let a = try? JSONSerialization.jsonObject(with: d) as? [Int] else { return [] }
        return a
    }
}

@Test func lunarLanderFramesMatchGymnasium() throws {
    let env = try Gym.make("LunarLander-v3", kwargs: ["renderMode": .string("rgb_array")])
    try env.reset(seed: 0)
    let actions = LunarLanderFrames.actions
    try #require(actions.count == 40)
    var mads: [Double] = []
    for t in 0...40 {
        let im = try #require(try env.render())
        #expect(im.width == 600 && im.height == 400)
        if [0, 20, 40].contains(t) {
            let want = try #require(LunarLanderFrames.frame(t))
            try #require(want.count == im.pixels.count)
            mads.append(CarRacingFixture.mad(im.pixels, want))
        }
        if t == 40 { break }
        _ = try env.step(.int(actions[t]))
    }
    print("LunarLander rgb_array MAD vs Gymnasium: \(mads)")
    #expect(mads.count == 3)
    for m in mads { #expect(m <= 10) }
}

/// Gymnasium's heuristic pilot, ported: from the recorded observations it chooses the recorded actions,
/// and flying it lands (+100) on every seed.
@Test(arguments: ["rollout_LunarLander-v3_heuristic.json", "rollout_LunarLanderContinuous-v3_heuristic.json"])
func heuristicPilotChoosesGymnasiumsActions(_ file: String) throws {
    let root = try #require(try FixtureLoader.json(file) as? [String: Any])
    let id = try #require(root["env_id"] as? String)
    for run in try #require(root["runs"] as? [[String: Any]]) {
        let env = try Gym.make(id)
        let lander = try #require(env.unwrapped as? LunarLanderEnv)
        var (obs, _) = try env.reset(seed: try #require(run["seed"] as? Int))
        var last = 0.0
        for step in try #require(run["steps"] as? [[String: Any]]) {
            let a = lander.heuristic(obs)
            #expect(a.scalars == flatNumbers(step["action"] as Any))
            let r = try env.step(a)
            obs = r.observation
            last = r.reward
        }
        #expect(last == 100)
    }
}
