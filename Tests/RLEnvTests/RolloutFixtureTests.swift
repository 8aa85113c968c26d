// Every recorded Gymnasium 1.4 rollout (reset(seed) then the recorded actions) must match step for
// step: observations exactly (float32 values), rewards, terminated and truncated.
import Testing
import Foundation
@testable import RLEnv

struct RolloutCase: CustomStringConvertible, Sendable {
    let file: String
    var description: String { file }
}

let rolloutFiles = [
    "rollout_CartPole-v1.json", "rollout_MountainCar-v0.json", "rollout_MountainCarContinuous-v0.json",
    "rollout_Acrobot-v1.json", "rollout_Pendulum-v1.json", "rollout_FrozenLake-v1.json",
    "rollout_FrozenLake-v1_map_name=8x8_is_slippery=False.json", "rollout_Taxi-v4.json",
    "rollout_CliffWalking-v1.json", "rollout_Blackjack-v1.json",
]

func camelCase(_ snake: String) -> String {
    let parts = snake.split(separator: "_")
    return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
}

func envArg(_ v: Any) -> EnvArg {
    if let b = v as? Bool { return .bool(b) }
    if let i = v as? Int { return .int(i) }
    if let d = v as? Double { return .double(d) }
    if let s = v as? String { return .string(s) }
    if let l = v as? [String] { return .strings(l) }
    return .none
}

func flatNumbers(_ v: Any) -> [Double] {
    if let b = v as? Bool { return [b ? 1 : 0] }
    if let i = v as? Int { return [Double(i)] }
    if let d = v as? Double { return [d] }
    if let l = v as? [Any] { return l.flatMap(flatNumbers) }
    return []
}

func action(_ v: Any, for space: Space) -> EnvValue {
    if let i = v as? Int, space is Discrete { return .int(i) }
    return .array(EnvArray(flatNumbers(v), dtype: space.dtype ?? .float32))
}

@Suite struct RolloutFixtureTests {
    @Test(arguments: rolloutFiles.map { RolloutCase(file: $0) })
    func rolloutMatchesGymnasium(_ c: RolloutCase) throws {
        let root = try #require(try FixtureLoader.json(c.file) as? [String: Any])
        let id = try #require(root["env_id"] as? String)
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 3)
        for run in runs {
            let seed = try #require(run["seed"] as? Int)
            var kwargs: [String: EnvArg] = [:]
            for (k, v) in (run["kwargs"] as? [String: Any]) ?? [:] { kwargs[camelCase(k)] = envArg(v) }
            let env = try Gym.make(id, kwargs: kwargs)
            let (obs, _) = try env.reset(seed: seed)
            #expect(obs.scalars == flatNumbers(run["reset_obs"] as Any), "\(id) seed \(seed) reset")
            let steps = try #require(run["steps"] as? [[String: Any]])
            for (n, step) in steps.enumerated() {
                let a = action(step["action"] as Any, for: env.actionSpace)
                let r = try env.step(a)
                let expected = flatNumbers(step["obs"] as Any)
                let ok = r.observation.scalars == expected
                    && r.reward == (step["reward"] as? Double ?? Double(step["reward"] as? Int ?? 0))
                    && r.terminated == (step["terminated"] as? Bool)
                    && r.truncated == (step["truncated"] as? Bool)
                #expect(ok, "\(id) seed \(seed) step \(n): got \(r.observation.scalars) \(r.reward) \(r.terminated) \(r.truncated), expected \(expected) \(step["reward"] ?? "") \(step["terminated"] ?? "") \(step["truncated"] ?? "")")
                if !ok { break }
            }
        }
    }
}
