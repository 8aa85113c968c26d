import Testing
import RLEnv
import RLAgents

/// DQN collects whole rollouts of `trainFreq` steps per env before it looks at `totalTimesteps`, as SB3's
/// `collect_rollouts` does. The expected counts are what SB3 2.x printed for
/// `DQN("MlpPolicy", make_vec_env("CartPole-v1", n_envs=n, seed=0), buffer_size=1000, learning_starts=100).learn(301)`.
@Suite struct RolloutLengthTests {
    @Test(arguments: [(1, 304, 304), (2, 304, 152), (3, 312, 104)])
    func dqnEndsOnAWholeRollout(_ n: Int, _ timesteps: Int, _ stored: Int) throws {
        var c = DQN.Config(); c.bufferSize = 1000; c.learningStarts = 100
        let env = try VecEnv((0..<n).map { _ in try Gym.make("CartPole-v1") })
        let m = try DQN(policy: "MlpPolicy", env: env, config: c, seed: 0, output: { _ in })
        try m.learn(totalTimesteps: 301)
        #expect(m.numTimesteps == timesteps)
        #expect(min(m.replayBuffer.added, m.replayBuffer.perEnv) == stored)
    }
}
