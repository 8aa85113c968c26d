import RLEnv
import RLNN
import RLSupport
import RLTensor

extension BaseAlgorithm {
    /// Everything training needs to continue bit for bit: the policy (target networks included), the
    /// optimizers' moments, step and episode counters, progress, the statistics window, the last
    /// observations, the generators, the env wrapper's statistics and each env's episode tape, and
    /// what only this algorithm keeps (DQN: the replay buffer and exploration state).
    /// SB3 needs `model.zip` plus `save_replay_buffer` plus RNG states for this; here it is one blob.
    public func trainingState() throws -> TrainingState {
        var s = TrainingState()
        s.put("algorithm", string: algorithmName)
        s.put(prefix: "policy.", policyModule.stateDict().items)
        for (i, o) in optimizers.enumerated() {
            s.put(prefix: "optim.\(i).", try o.stateTensors())
            try s.put("optim_lr.\(i)", doubles: [o.lr])
        }
        try s.put("counters", ints: [numTimesteps, totalTimesteps, nUpdates, episodeNum, numTimestepsAtStart, pendingRestart ? 1 : 0, lastObs == nil ? 0 : 1])
        try s.put("progress", doubles: [progressRemaining])
        try s.put("rng", words: rng.stateWords)
        try s.put("ep_info", episodes: epInfoBuffer)
        if let o = lastObs {
            try s.put("last_obs.count", ints: [o.count])
            try s.put("last_obs.bytes", bytes: o.bytes)
            try s.put("last_obs.floats", floats: o.floats)
        }
        try s.put("last_episode_starts", bools: lastEpisodeStarts)
        if let d = tensorboardRunDir { s.put("tensorboard_run_dir", string: d) }
        try env?.writeState(into: &s)
        try writeAlgorithmState(into: &s)
        return s
    }

    /// Restores what `trainingState()` wrote into a model built with the same arguments (and, for the
    /// envs' episodes to be rebuilt, the same envs, fresh or not).
    public func restoreTrainingState(_ s: TrainingState) throws {
        let algo = try s.string("algorithm")
        guard algo == algorithmName else { throw AgentError.file("the training state is a \(algo)'s, not a \(algorithmName)'s") }
        do { try policyModule.loadStateDict(StateDict(s.items(prefix: "policy."))) } catch {
            throw AgentError.file("the saved policy does not fit this model: \(error)")
        }
        for (i, o) in optimizers.enumerated() {
            let items = s.items(prefix: "optim.\(i).")
            if !items.isEmpty { try o.loadStateTensors(items) }
            o.lr = try s.double("optim_lr.\(i)")
        }
        let c = try s.ints("counters")
        guard c.count == 7 else { throw AgentError.file("the training state's counters are corrupt") }
        rng.setStateWords(try s.words("rng"))
        let episodes = try s.episodes("ep_info")
        var obs: ObservationBatch?
        if c[6] == 1 {
            var o = ObservationBatch(layout: layout)
            o.count = try s.int("last_obs.count")
            o.bytes = try s.bytes("last_obs.bytes")
            o.floats = try s.floats("last_obs.floats")
            obs = o
        }
        if s.has("vecenv.episode_rewards") {
            guard let env else { throw AgentError.file("the training state has environments but this model has none") }
            try env.restoreState(s, expected: obs)
        }
        try readAlgorithmState(s)
        numTimesteps = c[0]; totalTimesteps = c[1]; nUpdates = c[2]; episodeNum = c[3]; numTimestepsAtStart = c[4]
        pendingRestart = c[5] == 1
        lastObs = obs
        progressRemaining = try s.double("progress")
        epInfoBuffer = episodes
        lastEpisodeStarts = try s.bools("last_episode_starts")
        tensorboardRunDir = s.strings["tensorboard_run_dir"]
    }
}
