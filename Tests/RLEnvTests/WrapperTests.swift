// Wrappers: statistics, action transforms, image transforms, frame stacking, normalisation.
import Testing
@testable import RLEnv

@Suite struct WrapperTests {
    @Test func recordEpisodeStatisticsAddsEpisodeInfo() throws {
        let env = RecordEpisodeStatistics(try Gym.make("CartPole-v1"))
        try env.reset(seed: 0)
        var steps = 0
        var last: StepResult?
        repeat { last = try env.step(0); steps += 1 } while !(last!.terminated || last!.truncated)
        guard case .info(let ep)? = last?.info["episode"] else { Issue.record("no episode info"); return }
        #expect(ep["r"] == .double(Double(steps)))
        #expect(ep["l"] == .int(steps))
        #expect(ep["t"]?.doubleValue ?? -1 >= 0)
        #expect(env.returnQueue == [Double(steps)] && env.lengthQueue == [steps])
    }

    @Test func timeLimitTruncates() throws {
        let env = try Gym.make("Pendulum-v1", maxEpisodeSteps: 5)
        try env.reset(seed: 0)
        var flags: [Bool] = []
        for _ in 0..<5 { flags.append(try env.step(.float32([0])).truncated) }
        #expect(flags == [false, false, false, false, true])
    }

    @Test func clipAndRescaleAction() throws {
        let clipped = ClipAction(try Gym.make("Pendulum-v1"))
        #expect(clipped.actionSpace.description == "Box(-inf, inf, (1,), float32)")
        #expect(try clipped.action(.float32([5])) == .float32([2]))
        let rescaled = try RescaleAction(try Gym.make("Pendulum-v1"), minAction: 0, maxAction: 1)
        #expect(rescaled.actionSpace.description == "Box(0.0, 1.0, (1,), float32)")
        #expect(try rescaled.action(.float32([1])) == .float32([2]))
        #expect(try rescaled.action(.float32([0])) == .float32([-2]))
        #expect(try rescaled.action(.float32([0.5])) == .float32([0]))
    }

    @Test func transformObservationAndReward() throws {
        let env = TransformReward(TransformObservation(try Gym.make("CartPole-v1")) { obs in
            .float32(obs.scalars.map { Float($0 * 2) })
        }) { $0 * 10 }
        let plain = try Gym.make("CartPole-v1")
        let (o1, _) = try env.reset(seed: 4)
        let (o2, _) = try plain.reset(seed: 4)
        #expect(o1.scalars == o2.scalars.map { Double(Float($0 * 2)) })
        #expect(try env.step(1).reward == 10)
    }

    @Test func grayscaleAndResize() throws {
        let rgb = EnvArray(uint8: [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30], shape: [2, 2, 3])
        let g = GrayscaleObservation.gray(rgb, keepDim: false)
        // sum(obs * [0.2125, 0.7154, 0.0721]) truncated: 54.1875 -> 54, 182.427 -> 182, 18.3855 -> 18, 18.595 -> 18
        #expect(g.bytes == [54, 182, 18, 18] && g.shape == [2, 2])
        let img = EnvArray(uint8: (0..<16).map { UInt8($0 * 10) }, shape: [4, 4])
        let small = ResizeObservation.resize(img, height: 2, width: 2)
        #expect(small.bytes == [25, 45, 105, 125])
        let odd = ResizeObservation.resize(EnvArray(uint8: [0, 30, 60], shape: [1, 3]), height: 1, width: 2)
        #expect(odd.bytes == [10, 50])
    }

    @Test func frameStackPadsWithResetObservation() throws {
        let env = try FrameStackObservation(try Gym.make("CartPole-v1"), stackSize: 3)
        #expect(env.observationSpace.shape == [3, 4])
        let (o, _) = try env.reset(seed: 123)
        let a = try #require(o.arrayValue)
        #expect(a.shape == [3, 4])
        let first = Array(a.scalars[0..<4])
        #expect(Array(a.scalars[4..<8]) == first && Array(a.scalars[8..<12]) == first)
        // np_random(123).uniform(-0.05, 0.05, 4) as float32 (facts sheet: [0.01823519, -0.0446179, -0.02796401, -0.03156282])
        #expect(first.map { ($0 * 1e8).rounded() / 1e8 } == [0.01823519, -0.0446179, -0.02796401, -0.03156282])
        let s = try env.step(0)
        let b = try #require(s.observation.arrayValue)
        #expect(Array(b.scalars[0..<8]) == Array(a.scalars[4..<12]))
        let zero = try FrameStackObservation(try Gym.make("CartPole-v1"), stackSize: 2, paddingType: "zero")
        let (z, _) = try zero.reset(seed: 1)
        #expect(Array(z.scalars[0..<4]) == [0, 0, 0, 0])
    }

    @Test func maxAndSkipSumsRewards() throws {
        let env = try MaxAndSkipObservation(try Gym.make("CartPole-v1"), skip: 4)
        try env.reset(seed: 0)
        #expect(try env.step(1).reward == 4)
    }

    @Test func normalizeObservationAndReward() throws {
        let env = try NormalizeReward(try NormalizeObservation(try Gym.make("Pendulum-v1")))
        #expect(env.observationSpace.description == "Box(-inf, inf, (3,), float32)")
        try env.reset(seed: 0)
        var rewards: [Double] = []
        for _ in 0..<20 { rewards.append(try env.step(.float32([1])).reward) }
        #expect(rewards.allSatisfy { $0.isFinite && $0 <= 0 })
        var rms = RunningMeanStd(count: 1)
        rms.update([2]); rms.update([4])
        // count 1e-4 + 2; mean ≈ 2.9998..., variance from the parallel update
        #expect(abs(rms.mean[0] - 2.99985) < 1e-4)
    }

    @Test func recordVideoNeedsRgbArray() throws {
        #expect(throws: EnvError.self) { try RecordVideo(try Gym.make("CartPole-v1")) }
        #expect(RecordVideo.cappedCubicSchedule(0) && RecordVideo.cappedCubicSchedule(27) && !RecordVideo.cappedCubicSchedule(4) && RecordVideo.cappedCubicSchedule(2000))
    }
}

@Suite struct MoreWrapperTests {
    @Test func flattenReshapeDtypeClipAutoreset() throws {
        let frames = try FrameStackObservation(try Gym.make("CartPole-v1"), stackSize: 2)
        let flat = FlattenObservation(frames)
        #expect(flat.observationSpace.shape == [8])
        let (o, _) = try flat.reset(seed: 0)
        #expect(o.arrayValue?.shape == [8])
        let reshaped = try ReshapeObservation(try Gym.make("CartPole-v1"), shape: [2, 2])
        #expect(try reshaped.reset(seed: 0).observation.arrayValue?.shape == [2, 2])
        let d = try DtypeObservation(try Gym.make("CartPole-v1"), dtype: .float64)
        #expect(try d.reset(seed: 0).observation.arrayValue?.dtype == .float64)
        let clipped = try ClipReward(try Gym.make("CartPole-v1"), minReward: 0, maxReward: 0.5)
        try clipped.reset(seed: 0)
        #expect(try clipped.step(0).reward == 0.5)
        let auto = Autoreset(try Gym.make("CartPole-v1"))
        try auto.reset(seed: 5)
        var r = try auto.step(0)
        while !r.terminated { r = try auto.step(0) }
        let next = try auto.step(0)
        #expect(next.reward == 0 && !next.terminated && next.observation.scalars.allSatisfy { abs($0) <= 0.05 })
    }
}

@Suite struct ImagePipelineTests {
    /// A tiny image env to run the Atari-style pipeline (grayscale, resize, frame stack) on.
    final class Checkerboard: Env {
        var t = 0
        init() throws {
            super.init(observationSpace: try Box(low: 0, high: 255, shape: [8, 8, 3], dtype: .uint8), actionSpace: try Discrete(2))
        }
        func frame() -> EnvValue {
            .array(EnvArray(uint8: (0..<192).map { UInt8(truncatingIfNeeded: ($0 / 3 + t) * 7) }, shape: [8, 8, 3]))
        }
        override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
            try super.reset(seed: seed, options: options); t = 0; return (frame(), Info())
        }
        override func step(_ action: EnvValue) throws -> StepResult { t += 1; return (frame(), 1, t >= 10, false, Info()) }
    }

    @Test func grayResizeStack() throws {
        let env = try FrameStackObservation(try ResizeObservation(try GrayscaleObservation(try Checkerboard()), shape: (4, 4)), stackSize: 4)
        #expect(env.observationSpace.description == "Box(0, 255, (4, 4, 4), uint8)")
        let (o, _) = try env.reset(seed: 0)
        let a = try #require(o.arrayValue)
        #expect(a.shape == [4, 4, 4] && a.dtype == .uint8)
        #expect(env.observationSpace.contains(o))
        let r = try env.step(0)
        #expect(env.observationSpace.contains(r.observation))
    }
}
