import RLEnv
import RLRender
import RLSupport

/// One finished episode as SB3's `Monitor` reports it (`info["episode"] = {"r", "l", "t"}`).
public struct EpisodeInfo: Sendable, Equatable {
    /// The episode's return (sum of rewards), rounded to 6 decimals as `Monitor` does.
    public var reward: Double
    /// The number of steps.
    public var length: Int
    /// Seconds since the monitor started, rounded to 6 decimals.
    public var time: Double
}

/// What one step of a `VecEnv` gives back, per env (SB3's `VecEnvStepReturn`).
public struct VecStepResult {
    /// The next observations; for envs whose episode ended, already the first observation of the next episode.
    public var observations: ObservationBatch
    public var rewards: [Double]
    /// `terminated || truncated`, per env.
    public var dones: [Bool]
    /// True where the episode was cut by a time limit and not terminated (`info["TimeLimit.truncated"]`).
    public var truncated: [Bool]
    /// The last observation of the ended episodes (`info["terminal_observation"]`), nil for the others.
    public var terminalObservations: [EnvValue?]
    /// Episode statistics of the envs whose episode ended in this step.
    public var episodes: [EpisodeInfo?]
    /// The raw infos.
    public var infos: [Info]
}

/// SB3's `DummyVecEnv` with every env wrapped in a `Monitor`: steps the envs one after another,
/// resets an env as soon as its episode ends (same-step autoreset, the last observation kept in
/// `terminalObservations`), and records each episode's return and length.
public final class VecEnv {
    /// The environments (each the env as the user made it).
    public let envs: [Env]
    public let layout: ObservationLayout
    public var numEnvs: Int { envs.count }
    public var observationSpace: Space { envs[0].observationSpace }
    public var actionSpace: Space { envs[0].actionSpace }

    var pendingSeeds: [Int?]
    var episodeRewards: [Double]
    var episodeLengths: [Int]
    var start = Clock.monotonic()
    /// Every finished episode so far, in order (Monitor's `get_episode_rewards`).
    public internal(set) var episodeHistory: [EpisodeInfo] = []
    /// Per env, how its current episode began and the actions since: what rebuilds its state (`VecEnv+State`).
    var tapes: [EnvTape]
    /// SB3's VecEnv wrappers this one stands for, outermost first (`["VecFrameStack"]`).
    public internal(set) var wrapperNames: [String] = []

    public init(_ envs: [Env]) throws {
        guard let first = envs.first else { throw AgentError.invalidArgument("a VecEnv needs at least one environment") }
        for e in envs.dropFirst() where !e.observationSpace.isEqual(to: first.observationSpace) || !e.actionSpace.isEqual(to: first.actionSpace) {
            throw AgentError.invalidArgument("all environments of a VecEnv must have the same spaces: \(first.observationSpace) / \(first.actionSpace) vs \(e.observationSpace) / \(e.actionSpace)")
        }
        self.envs = envs
        self.layout = try ObservationLayout(space: first.observationSpace)
        pendingSeeds = Array(repeating: nil, count: envs.count)
        tapes = Array(repeating: EnvTape(), count: envs.count)
        episodeRewards = Array(repeating: 0, count: envs.count)
        episodeLengths = Array(repeating: 0, count: envs.count)
    }

    /// Seeds env i with `seed + i` at the next `reset()` (SB3's `VecEnv.seed`).
    public func seed(_ seed: Int?) {
        pendingSeeds = (0..<numEnvs).map { i in seed.map { $0 + i } }
        for (i, e) in envs.enumerated() { _ = try? e.actionSpace.seed(seed.map { $0 + i }) }
    }

    /// Resets every env (with the pending seeds, once) and returns the first observations.
    public func reset() throws -> ObservationBatch {
        var batch = ObservationBatch(layout: layout)
        for (i, e) in envs.enumerated() {
            tapes[i].willReset(e, seed: pendingSeeds[i])
            let (obs, _) = try e.reset(seed: pendingSeeds[i], options: nil)
            try layout.append(obs, to: &batch)
            episodeRewards[i] = 0
            episodeLengths[i] = 0
        }
        pendingSeeds = Array(repeating: nil, count: numEnvs)
        return batch
    }

    /// Steps env i with `actions[i]`; ended episodes are reset in the same step.
    public func step(_ actions: [EnvValue]) throws -> VecStepResult {
        precondition(actions.count == numEnvs)
        var result = VecStepResult(observations: ObservationBatch(layout: layout), rewards: [], dones: [], truncated: [],
                                   terminalObservations: [], episodes: [], infos: [])
        for (i, e) in envs.enumerated() {
            let (obs, reward, terminated, truncated, info) = try e.step(actions[i])
            tapes[i].record(actions[i])
            episodeRewards[i] += reward
            episodeLengths[i] += 1
            let done = terminated || truncated
            result.rewards.append(reward)
            result.dones.append(done)
            result.truncated.append(truncated && !terminated)
            result.infos.append(info)
            if done {
                let ep = EpisodeInfo(reward: VecEnv.round6(episodeRewards[i]), length: episodeLengths[i],
                                     time: VecEnv.round6(Clock.monotonic() - start))
                episodeHistory.append(ep)
                result.episodes.append(ep)
                result.terminalObservations.append(obs)
                tapes[i].willReset(e, seed: nil)
                let (first, _) = try e.reset(seed: nil, options: nil)
                try layout.append(first, to: &result.observations)
                episodeRewards[i] = 0
                episodeLengths[i] = 0
            } else {
                result.episodes.append(nil)
                result.terminalObservations.append(nil)
                try layout.append(obs, to: &result.observations)
            }
        }
        return result
    }

    /// One `rgb_array` frame of env 0 (nil without a render mode).
    public func render() throws -> RGBImage? { try envs[0].render() }

    public func close() { for e in envs { e.close() } }

    static func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
}
