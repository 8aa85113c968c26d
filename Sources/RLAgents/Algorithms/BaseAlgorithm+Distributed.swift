import RLDistributed
import RLTensor

/// Data-parallel training over processes (`mpirun -np N`), as Lightning Fabric's DDP does it:
/// every process holds a copy of the model (the same initial weights, broadcast from rank 0),
/// collects its own rollouts with its own seeded envs, and the gradients of every minibatch are
/// averaged across processes (one all-reduce per flat bucket) before clipping and the optimizer
/// step, so every copy takes the same update and the weights stay identical. With one process
/// every call here returns at once.
extension BaseAlgorithm {
    /// Fabric's per-rank seeding: env `i` of rank `r` gets `seed + r * numEnvs + i`; this returns the
    /// seed of env 0 of the rank (`VecEnv.seed` adds `i`).
    public static func rankSeed(_ seed: Int, rank: Int, numEnvs: Int) -> Int { seed + rank * numEnvs }

    /// Makes every process start from rank 0's weights (no-op with one process).
    func broadcastInitialWeights() throws {
        guard processGroup.isDistributed else { return }
        try processGroup.broadcast(policyModule.parameters(), root: 0)
    }

    /// Averages the gradients of `parameters` over all processes (no-op with one process).
    func averageGradients(_ parameters: [Tensor]) throws {
        guard processGroup.isDistributed else { return }
        try processGroup.averageGradients(parameters)
    }

    /// The mean of a per-process number over all processes (decisions every process must share).
    func meanAcrossProcesses(_ v: Double) throws -> Double {
        guard processGroup.isDistributed else { return v }
        return try processGroup.allReduce([v], op: .sum)[0] / Double(processGroup.size)
    }
}
