import RLEnv
import RLSupport

extension VecEnv {
    /// Writes the monitor statistics, pending seeds, action-space generators and each env's tape.
    func writeState(into s: inout TrainingState, prefix: String = "vecenv.") throws {
        try s.put(prefix + "episode_rewards", doubles: episodeRewards)
        try s.put(prefix + "episode_lengths", ints: episodeLengths)
        try s.put(prefix + "pending_seeds", ints: pendingSeeds.flatMap { [$0 == nil ? 0 : 1, $0 ?? 0] })
        try s.put(prefix + "history", episodes: episodeHistory)
        try s.put(prefix + "elapsed", doubles: [Clock.monotonic() - start])
        for (i, e) in envs.enumerated() {
            try s.put(prefix + "\(i).action_space_random", words: e.actionSpace.npRandom.stateWords)
            try tapes[i].write(into: &s, prefix: prefix + "\(i).tape.")
        }
    }

    /// Restores what `writeState` wrote, rebuilding each env's episode by replaying its tape; `expected`
    /// is the observation batch the checkpoint kept (the model's last observations), checked row by row.
    func restoreState(_ s: TrainingState, prefix: String = "vecenv.", expected: ObservationBatch?) throws {
        let rewards = try s.doubles(prefix + "episode_rewards"), lengths = try s.ints(prefix + "episode_lengths")
        let seeds = try s.ints(prefix + "pending_seeds")
        guard rewards.count == numEnvs, lengths.count == numEnvs, seeds.count == 2 * numEnvs else {
            throw AgentError.file("the checkpoint was made with \(rewards.count) envs, this model has \(numEnvs)")
        }
        let history = try s.episodes(prefix + "history")
        var rebuilt = ObservationBatch(layout: layout)
        for (i, e) in envs.enumerated() {
            let tape = try EnvTape.read(s, prefix: prefix + "\(i).tape.")
            if tape.randomBefore != nil {
                guard let obs = try tape.replay(on: e) else {
                    throw AgentError.file("env \(i)'s episode ran more than \(EnvTape.maxActions) steps without a reset, so its state cannot be rebuilt")
                }
                try layout.append(obs, to: &rebuilt)
            }
            tapes[i] = tape
            e.actionSpace.npRandom.setStateWords(try s.words(prefix + "\(i).action_space_random"))
        }
        if let expected, rebuilt.count == numEnvs, rebuilt.bytes != expected.bytes || rebuilt.floats != expected.floats {
            throw AgentError.file("replaying the environments' episodes did not reproduce their last observations: an env here does not behave "
                                  + "as it did when the checkpoint was made (a different env, or one with a random generator rlbook cannot see)")
        }
        episodeRewards = rewards
        episodeLengths = lengths
        pendingSeeds = (0..<numEnvs).map { seeds[2 * $0] == 1 ? seeds[2 * $0 + 1] : nil }
        // Episode times go on from where the checkpoint's run was (`Monitor` measures from its start).
        if let e = try s.doubles(prefix + "elapsed").first { start = Clock.monotonic() - e }
        episodeHistory = history
    }
}
