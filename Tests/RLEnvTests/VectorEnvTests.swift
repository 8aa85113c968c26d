// Vector envs: autoreset semantics and the native batched CartPole against Gymnasium 1.2.2
// (numbers produced with gymnasium.vector.SyncVectorEnv / CartPoleVectorEnv, numpy 2.4.6).
import Testing
@testable import RLEnv

@Suite struct VectorEnvTests {
    @Test func nativeBatchedCartPoleMatchesGymnasium() throws {
        let v = try CartPoleVectorEnv(numEnvs: 4, maxEpisodeSteps: 30)
        try v.reset(seed: 3)
        var events: [[Double]] = []
        var last: VectorStepResult?
        for t in 0..<80 {
            let a = (0..<4).map { i in (t + i) % 3 == 0 ? 1 : 0 }
            let r = try v.step(actions: a)
            for i in 0..<4 where r.terminations[i] || r.truncations[i] || r.rewards[i] == 0 {
                events.append([Double(t), Double(i), r.rewards[i], r.terminations[i] ? 1 : 0, r.truncations[i] ? 1 : 0])
            }
            last = r
        }
        let expected: [[Double]] = [[14, 1, 1, 1, 0], [14, 2, 1, 1, 0], [15, 0, 1, 1, 0], [15, 1, 0, 0, 0], [15, 2, 0, 0, 0], [16, 0, 0, 0, 0], [16, 3, 1, 1, 0], [17, 3, 0, 0, 0], [30, 2, 1, 1, 0], [31, 0, 1, 1, 0], [31, 2, 0, 0, 0], [32, 0, 0, 0, 0], [33, 1, 1, 1, 0], [34, 1, 0, 0, 0], [36, 3, 1, 1, 0], [37, 3, 0, 0, 0], [46, 2, 1, 1, 0], [47, 2, 0, 0, 0], [48, 0, 1, 1, 0], [49, 0, 0, 0, 0], [50, 1, 1, 1, 0], [51, 1, 0, 0, 0], [51, 3, 1, 1, 0], [52, 3, 0, 0, 0], [62, 0, 1, 1, 0], [63, 0, 0, 0, 0], [63, 2, 1, 1, 0], [64, 2, 0, 0, 0], [66, 1, 1, 1, 0], [66, 3, 1, 1, 0], [67, 1, 0, 0, 0], [67, 3, 0, 0, 0], [75, 0, 1, 1, 0], [76, 0, 0, 0, 0], [76, 2, 1, 1, 0], [77, 2, 0, 0, 0]]
        #expect(events == expected)
        let obs = try #require(last?.observations.arrayValue)
        #expect(obs.shape == [4, 4])
        #expect(obs.scalars == [-0.04244598001241684, -0.2155287265777588, 0.0072259847074747086, 0.32945168018341064, -0.035823754966259, -0.819182813167572, 0.015764623880386353, 1.01212477684021, 0.04346172511577606, 0.02163168415427208, -0.022781074047088623, -0.013534246012568474, -0.059733107686042786, -0.7946195602416992, 0.10096941143274307, 1.2348703145980835])
    }

    func rows(_ v: VectorEnv, steps: Int) throws -> [(Int, [Double], [Bool], [Double], [String])] {
        try v.reset(seed: 5)
        var out: [(Int, [Double], [Bool], [Double], [String])] = []
        for t in 0..<steps {
            let r = try v.step([0, 0])
            if r.terminations.contains(true) || r.rewards.min() == 0 {
                let obs = try #require(r.observations.arrayValue).scalars
                out.append((t, r.rewards, r.terminations, Array(obs[0..<4]), r.infos.keys.sorted()))
            }
        }
        return out
    }

    @Test(arguments: ["sync", "async"])
    func nextStepAutoreset(mode: String) throws {
        let v = try Gym.makeVec("CartPole-v1", numEnvs: 2, vectorizationMode: mode)
        let r = try rows(v, steps: 40)
        #expect(r.map { $0.0 } == [8, 9, 10, 19, 20, 29, 30, 31, 38, 39])
        #expect(r[0].1 == [1, 1] && r[0].2 == [true, false])
        #expect(r[1].1 == [0, 1] && r[1].2 == [false, true])
        #expect(r[1].3 == [-0.04460693150758743, -0.011663111858069897, -0.009152679704129696, -0.04547248035669327])
        #expect(r[4].1 == [0, 0])
        #expect(r[0].4.isEmpty)
    }

    @Test func sameStepAutoreset() throws {
        let envs = try (0..<2).map { _ in try Gym.make("CartPole-v1") }
        let v = try SyncVectorEnv(envs: envs, autoresetMode: .sameStep)
        let r = try rows(v, steps: 40)
        #expect(r.map { $0.0 } == [8, 9, 18, 27, 28, 35, 36])
        #expect(r.allSatisfy { $0.1 == [1, 1] })
        #expect(r[0].3 == [-0.04460693150758743, -0.011663111858069897, -0.009152679704129696, -0.04547248035669327])
        #expect(r[0].4 == ["_final_info", "_final_obs", "final_info", "final_obs"])
    }

    @Test func batchedSpacesAndErrors() throws {
        let v = try Gym.makeVec("CartPole-v1", numEnvs: 3)
        #expect(v is CartPoleVectorEnv)
        #expect(v.actionSpace.description == "MultiDiscrete([2 2 2])")
        #expect(v.observationSpace.shape == [3, 4])
        #expect(throws: EnvError.self) { try Gym.makeVec("Pendulum-v1", numEnvs: 2, vectorizationMode: "vector_entry_point") }
        #expect(throws: EnvError.self) { try Gym.makeVec("CartPole-v1", numEnvs: 2, vectorizationMode: "asinc") }
        let p = try Gym.makeVec("Pendulum-v1", numEnvs: 2)
        let (obs, _) = try p.reset(seed: 1)
        #expect(obs.arrayValue?.shape == [2, 3])
        let s = try p.step(.array(EnvArray(float32: [0.5, -0.5], shape: [2, 1])))
        #expect(s.rewards.count == 2)
    }
}

@Suite struct VectorStatisticsTests {
    @Test func vectorEpisodeStatistics() throws {
        let v = VectorRecordEpisodeStatistics(try Gym.makeVec("CartPole-v1", numEnvs: 2, vectorizationMode: "sync"))
        try v.reset(seed: 5)
        var found: Info?
        for _ in 0..<40 {
            let r = try v.step([0, 0])
            if case .info(let ep)? = r.infos["episode"] { found = ep; #expect(r.infos["_episode"] != nil); break }
        }
        // With seed 5 and action 0, env 0 terminates at step index 8 (9 steps), env 1 later.
        let ep = try #require(found)
        #expect(ep["r"] == .array(EnvArray(float64: [9, 0])))
        #expect(ep["l"] == .array(EnvArray(ints: [9, 0])))
        #expect(v.returnQueue == [9])
    }
}

@Suite struct DisabledAutoresetTests {
    @Test(arguments: ["sync", "async"])
    func resetMaskResetsOnlySelectedEnvs(mode: String) throws {
        let v = try Gym.makeVec("CartPole-v1", numEnvs: 2, vectorizationMode: mode, autoresetMode: .disabled)
        try v.reset(seed: 5)
        var r = try v.step([0, 0])
        while !r.terminations[0] { r = try v.step([0, 0]) }
        let before = try #require(r.observations.arrayValue).scalars
        let (obs, _) = try v.reset(options: ["reset_mask": .numbers([1, 0])])
        let after = try #require(obs.arrayValue).scalars
        #expect(Array(after[4..<8]) == Array(before[4..<8]))
        #expect(Array(after[0..<4]) != Array(before[0..<4]))
        #expect(after[0..<4].allSatisfy { abs($0) <= 0.05 })
    }
}

@Suite struct VectorRenderTests {
    @Test func vectorFrames() throws {
        let v = try Gym.makeVec("CartPole-v1", numEnvs: 2, kwargs: ["renderMode": "rgb_array"])
        try v.reset(seed: 0)
        let frames = try #require(try v.render())
        #expect(frames.count == 2 && frames[0].width == 600 && frames[0].height == 400)
        let s = try Gym.makeVec("Acrobot-v1", numEnvs: 3, vectorizationMode: "sync", kwargs: ["renderMode": "rgb_array"])
        try s.reset(seed: 0)
        #expect(try s.render()?.count == 3)
    }
}
