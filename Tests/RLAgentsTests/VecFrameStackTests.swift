import Testing
import RLEnv
import RLTensor
import RLAgents

/// SB3's `VecFrameStack` (`VecEnv.stackingFrames`): the expected numbers are what SB3 2.x printed for
/// `VecFrameStack(make_vec_env("CartPole-v1", n_envs=2, seed=0), n_stack=3)` on this machine.
@Suite struct VecFrameStackTests {
    func cartPoles() throws -> VecEnv {
        let v = try VecEnv((0..<2).map { _ in try Gym.make("CartPole-v1") })
        v.seed(0)
        return v
    }

    func rounded(_ xs: [Float]) -> [Double] { xs.map { (Double($0) * 1e4).rounded() / 1e4 } }

    @Test func stacksOnTheLastAxisWithZerosFirstAsSB3() throws {
        let v = try cartPoles().stackingFrames(3)
        #expect(v.observationSpace.shape == [12])
        // numpy.repeat's element order for the bounds, as SB3 builds them
        let box = try #require(v.observationSpace as? Box)
        #expect(box.high.prefix(6).map { ($0 * 1e4).rounded() / 1e4 } == [4.8, 4.8, 4.8, .infinity, .infinity, .infinity])
        let first = try v.reset()
        #expect(rounded(Array(first.floats[0..<12])) == [0, 0, 0, 0, 0, 0, 0, 0, 0.0137, -0.023, -0.0459, -0.0483])
        let r = try v.step([.int(1), .int(0)])
        #expect(rounded(Array(r.observations.floats[0..<12])) == [0, 0, 0, 0, 0.0137, -0.023, -0.0459, -0.0483, 0.0132, 0.1727, -0.0469, -0.3552])
        #expect(rounded(Array(r.observations.floats[12..<24])) == [0, 0, 0, 0, 0.0012, 0.045, -0.0356, 0.0449, 0.0021, -0.1495, -0.0347, 0.3261])
        // env 0 pushed right falls after 7 more steps: the terminal observation is the stack that ends with it,
        // and the next observation starts again from zeros
        var steps = 0
        while true {
            let s = try v.step([.int(1), .int(1)])
            steps += 1
            if s.dones[0] {
                let terminal = try #require(s.terminalObservations[0]?.arrayValue)
                #expect(rounded(terminal.toArray(Float.self)) == [0.0697, 1.1526, -0.1444, -1.9284, 0.0927, 1.349, -0.183, -2.2622, 0.1197, 1.5453, -0.2282, -2.6052])
                #expect(rounded(Array(s.observations.floats[0..<12])) == [0, 0, 0, 0, 0, 0, 0, 0, 0.0313, 0.0413, 0.0107, 0.0229])
                break
            }
            try #require(steps < 50)
        }
        #expect(steps == 7)
        #expect(v.wrapperNames == ["VecFrameStack"])
    }

    @Test func imagesStackTheirChannelsAndTheAgentSeesThemChannelFirst() throws {
        let v = try VecEnv([try Gym.make("CarRacing-v3", kwargs: ["continuous": .bool(false)])]).stackingFrames(4)
        #expect(v.observationSpace.shape == [96, 96, 12])
        #expect(v.layout.kind == .image(channels: 12, height: 96, width: 96, transposed: true))
        v.seed(1)
        let first = try v.reset()
        // channel-first in the batch: the three oldest frames' channels are zero, the newest holds the frame
        let plane = 96 * 96
        #expect(first.bytes[0..<(9 * plane)].allSatisfy { $0 == 0 })
        #expect(first.bytes[(9 * plane)...].contains { $0 != 0 })
        let second = try v.step([.int(3)])
        #expect(Array(second.observations.bytes[(6 * plane)..<(9 * plane)]) == Array(first.bytes[(9 * plane)...]))
        // NatureCNN takes the 12 channels (training on them is checked in release, in the end-to-end book test)
        let m = try DQN(policy: "CnnPolicy", env: v, config: { var c = DQN.Config(); c.bufferSize = 100; return c }(), seed: 0, output: { _ in })
        #expect(m.policy.parameters().first?.shape == [32, 12, 8, 8])
    }

    @Test func channelFirstImagesStackOnTheFirstAxis() throws {
        let gray = try VecEnv([try FrameStackObservation(try Gym.make("CartPole-v1"), stackSize: 2)])
        let stacked = try gray.stackingFrames(3, channelsOrder: "first")
        #expect(stacked.observationSpace.shape == [6, 4])
        #expect(throws: (any Error).self) { try gray.stackingFrames(3, channelsOrder: "lats") }
        #expect(throws: (any Error).self) { try gray.stackingFrames(0) }
    }
}
